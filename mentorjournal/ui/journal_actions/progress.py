"""A long task on the database worker, with a progress dialog whose Cancel sets a token.

The operation reports ``progress(done, total)`` from the worker thread; the report crosses
to the GUI thread through a queued signal. Cancel sets the :class:`CancelToken` the
operation checks between steps; the operation then undoes what it began and raises
``Cancelled``, which reaches ``on_error`` like any other failure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from mentorjournal.domain import CancelToken, Progress
from mentorjournal.i18n import _
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.worker import Holder, Worker

LongTask = Callable[[Holder, Progress, CancelToken], Any]


class ProgressRun(QObject):
    """One run of ``task``; ``dialog`` shows it (after half a second) and offers Cancel."""

    reported = Signal(int, int)

    def __init__(
        self,
        worker: Worker,
        parent: QWidget,
        label: str,
        task: LongTask,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self._on_done = on_done
        self._on_error = on_error
        self.dialog = QProgressDialog(parent)
        self.dialog.setObjectName("progress_dialog")
        self.dialog.setWindowTitle("MentorJournal")
        self.dialog.setLabelText(label)
        self.dialog.setAccessibleName(label)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("progress_cancel")
        self.dialog.setCancelButton(self.cancel_button)
        self.dialog.setRange(0, 0)  # a moving bar until the first report gives the total
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(500)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.canceled.connect(self.cancel)
        self.reported.connect(self._show)
        token = self.token
        report = self.reported.emit
        worker.submit(lambda holder: task(holder, report, token), self._done, self._failed)

    def cancel(self) -> None:
        """What the Cancel button does: ask the operation to stop and undo what it began."""
        self.token.cancel()

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setRange(0, total)
            self.dialog.setValue(min(done, total))

    def _finish(self) -> None:
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        dispose(self.dialog)
        dispose(self)

    def _done(self, result: Any) -> None:
        self._finish()
        self._on_done(result)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self._on_error(error)
