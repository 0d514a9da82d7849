"""Autosave of one record at a time, through the worker, as STYLE.md describes.

An edit marks its field dirty and restarts a single-shot timer; when it fires (or at once on
switching records, locking and closing), the changed fields go to the worker with a revision
number. An answer for an older revision is ignored, so a slow save can never overwrite what
the window shows with older text. Failures are shown in words; never a modal dialog.

Signals:
    state_changed(str): the state in words ("Saved", "Saving…", "Not saved: reason").
    saved(object): the record as stored by the latest save (a read model).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from mentorjournal.i18n import _
from mentorjournal.ui.names import error_text
from mentorjournal.ui.worker import Worker

DELAY_MS = 1000


class SaveState(Enum):
    SAVED = "saved"
    PENDING = "pending"
    FAILED = "failed"


class RecordAutosave(QObject):
    """Collects the edits of the record in view and saves them through the worker."""

    state_changed = Signal(str)
    saved = Signal(object)

    def __init__(self, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self._record_id: str | None = None
        self._pending: dict[str, Callable[[], Any]] = {}
        self._revision = 0
        self._in_flight = 0
        self._state = SaveState.SAVED
        self._reason = ""

    @property
    def record_id(self) -> str | None:
        return self._record_id

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    @property
    def state(self) -> SaveState:
        return self._state

    def bind(self, record_id: str | None) -> None:
        """Edits from now on belong to ``record_id``; those of the previous one are saved now."""
        if record_id != self._record_id:
            self.save_now()
        self._record_id = record_id

    def mark_dirty(self, field: str, read: Callable[[], Any]) -> None:
        """``field`` changed; ``read`` gives its value when the save happens (not per key)."""
        if self._record_id is None:
            return
        self._pending[field] = read
        self._set_state(SaveState.PENDING)
        self._timer.start()

    def set_value(self, field: str, value: Any) -> None:
        """A small value (a date, a status) changed: save it at once."""
        if self._record_id is None:
            return
        self._pending[field] = lambda: value
        self.save_now()

    def save_now(self) -> None:
        """Send what is dirty to the worker now (switching records, locking, closing)."""
        self._timer.stop()
        if not self._pending or self._record_id is None:
            return
        record_id = self._record_id
        changes = {field: read() for field, read in self._pending.items()}
        self._pending.clear()
        self._revision += 1
        revision = self._revision
        self._in_flight += 1
        self._set_state(SaveState.PENDING)
        self._worker.submit(
            lambda holder: holder.workspace.records.update(record_id, changes),
            lambda record: self._answered(revision, record_id, record, None, changes),
            lambda error: self._answered(revision, record_id, None, error, changes),
            owner=self,
        )

    def clear(self) -> None:
        """Forget the record and its unsaved edits (after locking); late answers are ignored."""
        self._timer.stop()
        self._pending.clear()
        self._record_id = None
        self._revision += 1
        self._set_state(SaveState.SAVED)

    def state_text(self) -> str:
        if self._state is SaveState.SAVED:
            return _("Saved")
        if self._state is SaveState.PENDING:
            return _("Saving…")
        return _("Not saved: {reason}").format(reason=self._reason)

    def _answered(
        self,
        revision: int,
        record_id: str,
        record: object,
        error: BaseException | None,
        changes: dict[str, Any],
    ) -> None:
        self._in_flight -= 1
        if revision != self._revision:
            return  # an older save: a newer one is on its way or done, and it wins
        if error is not None:
            # Keep the refused values so that the next edit or flush tries them again.
            if record_id == self._record_id:
                for field, value in changes.items():
                    self._pending.setdefault(field, _constant(value))
            self._reason = error_text(error)
            self._set_state(SaveState.FAILED)
            return
        self.saved.emit(record)
        if not self._pending:
            self._set_state(SaveState.SAVED)

    def _set_state(self, state: SaveState) -> None:
        self._state = state
        self.state_changed.emit(self.state_text())


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value
