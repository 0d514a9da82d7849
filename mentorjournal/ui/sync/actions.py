"""What the Sync tab does to a space: share, approve, remove, leave (each on the worker).

Each step asks first where it cannot be undone, runs on the worker, and says in words what
happened (``said``); ``done`` tells the panel to read the space again and the watcher to
look at the folders again.

Signals:
    said(str): a line for the panel's status.
    done(): a step changed the space.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from mentorjournal.domain.sync import DeviceInfo, JoinRequest
from mentorjournal.i18n import _
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.sync.confirm import ApproveDialog, ask
from mentorjournal.ui.sync.folder_dialog import FolderDialog, FolderStep
from mentorjournal.ui.sync.words import sync_error_text
from mentorjournal.ui.worker import Holder, Worker


class SpaceActions(QObject):
    said = Signal(str)
    done = Signal()

    def __init__(self, worker: Worker, parent: QWidget, *, own: bool = False) -> None:
        super().__init__(parent)
        self._worker = worker
        self._parent = parent
        self._own = own  # this journal's own-devices space, not a relationship's
        self.dialog: QDialog | None = None

    def _open(self, dialog: QDialog) -> None:
        self.close_dialogs()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dispose(dialog)

    def close_dialogs(self) -> None:
        """Close what is open (on locking: no phrase or device stays on screen)."""
        if self.dialog is not None:
            self.dialog.reject()

    def _run(self, task: Any, doing: str, done: str) -> None:
        self.said.emit(doing)

        def finished(_result: object) -> None:
            self.said.emit(done)
            self.done.emit()

        self._worker.submit(
            task, finished, lambda error: self.said.emit(sync_error_text(error)), owner=self
        )

    # -- the steps (``space``: a relationship's id, or None for the own-devices space) ------

    def share(self, space: str | None) -> FolderDialog | None:
        if self._own:
            dialog = FolderDialog(self._worker, FolderStep.OWN, join_task(True), self._parent)
        elif space is None:
            return None
        else:

            def task(folder: Path) -> Any:
                return lambda holder: holder.workspace.sync.start(space, folder)

            dialog = FolderDialog(self._worker, FolderStep.SHARE, task, self._parent)
        dialog.enrolled.connect(lambda _enrolment: self.done.emit())
        self._open(dialog)
        return dialog

    def approve(self, space: str | None, request: JoinRequest | None) -> ApproveDialog | None:
        if request is None:
            return None
        dialog = ApproveDialog(request, self._parent)
        device = request.device_id

        def approved() -> None:
            self._run(
                lambda holder: holder.workspace.sync.approve(space, device),
                _("Approving {name}…").format(name=request.name),
                _("{name} is approved; their device receives the space key.").format(
                    name=request.name
                ),
            )

        dialog.accepted.connect(approved)
        self._open(dialog)
        return dialog

    def remove(self, space: str | None, device: DeviceInfo | None) -> None:
        if device is None:
            return
        device_id = device.device_id

        def removed() -> None:
            self._run(
                lambda holder: holder.workspace.sync.remove(space, device_id),
                _("Removing {name}…").format(name=device.name),
                _("{name} is removed; the others use a new key from now on.").format(
                    name=device.name
                ),
            )

        ask(
            self._parent,
            "sync_remove_question",
            _("Remove {name}?").format(name=device.name),
            _(
                "{name}'s device will no longer receive anything new: the others switch to a "
                "new key. What it already received cannot be recalled."
            ).format(name=device.name),
            _("&Remove"),
            removed,
        )

    def leave(self, space: str | None) -> None:
        if space is None and not self._own:
            return

        def left() -> None:
            self._run(
                lambda holder: holder.workspace.sync.leave(space),
                _("Leaving the shared space…"),
                _("This device no longer syncs this space; the journal keeps every record."),
            )

        ask(
            self._parent,
            "sync_leave_question",
            _("Stop syncing this space?"),
            _(
                "This device stops syncing it. Every record stays in this journal, and the "
                "folder is left as it is; what was already shared cannot be recalled."
            ),
            _("&Leave"),
            left,
        )


def join_task(own: bool) -> Any:
    """The worker task that joins the space in a folder (``own``: this journal's devices)."""

    def task(folder: Path) -> Any:
        def run(holder: Holder) -> Any:
            sync = holder.workspace.sync
            return sync.join_own(folder) if own else sync.join(folder)

        return run

    return task
