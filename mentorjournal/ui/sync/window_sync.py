"""Sync in the main window: the Sync tab, the menu actions, the watcher's lifetime, the refresh.

The main window makes one :class:`WindowSync` and places its pieces: ``panel`` as a tab,
``action_sync_now`` and ``action_join`` in the Relationship menu, ``action_join_own`` in the
Journal menu. :meth:`start` (the journal was unlocked) starts watching the shared folders;
:meth:`stop` (it is being locked) tears the watcher down and closes every sync dialog.

Signals:
    status(str): a line for the window's status bar (a sync's outcome, a join).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from mentorjournal.domain.sync import SpaceReport
from mentorjournal.i18n import _
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.overview import OverviewPanel
from mentorjournal.ui.relationships.panel import RelationshipsPanel
from mentorjournal.ui.sync.actions import join_task
from mentorjournal.ui.sync.controller import SyncController
from mentorjournal.ui.sync.folder_dialog import FolderDialog, FolderStep
from mentorjournal.ui.sync.own_devices import OwnDevicesDialog
from mentorjournal.ui.sync.panel import SyncPanel
from mentorjournal.ui.sync.refresh import refresh_after_sync
from mentorjournal.ui.sync.words import report_text, sync_error_text
from mentorjournal.ui.tabs.record_tab import RecordTab
from mentorjournal.ui.worker import Worker


class WindowSync(QObject):
    status = Signal(str)

    def __init__(
        self,
        worker: Worker,
        window: QWidget,
        relationships: RelationshipsPanel,
        overview: OverviewPanel,
        record_tabs: Callable[[], Iterable[RecordTab]],
    ) -> None:
        super().__init__(window)
        self._worker = worker
        self._window = window
        self.controller = SyncController(worker, self)
        self.panel = SyncPanel(worker, self.controller, window)
        self.join_dialog: QDialog | None = None
        self.action_sync_now = self._action(
            "action_sync_now", self.sync_now, ("F5", "Ctrl+Shift+S")
        )
        self._asked = False  # the user asked for the sync running: its outcome is always said
        self.action_join = self._action("action_sync_join", self.join)
        self.action_join_own = self._action("action_sync_join_own", self.own_devices)
        self.own_dialog: OwnDevicesDialog | None = None
        self.controller.changed.connect(
            lambda: refresh_after_sync(worker, relationships, overview, record_tabs())
        )
        self.controller.finished.connect(self._finished)
        self.controller.failed.connect(lambda error: self.status.emit(sync_error_text(error)))
        self.controller.running_changed.connect(
            lambda running: self.action_sync_now.setEnabled(not running)
        )

    def _action(self, name: str, slot: Callable[[], object], keys: tuple[str, ...] = ()) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        if keys:
            action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)  # shortcuts work wherever the focus is in the window
        return action

    def sync_now(self) -> None:
        self._asked = True
        self.controller.sync_now()

    def start(self) -> None:
        """The journal is unlocked: watch its shared folders."""
        self.controller.start()

    def stop(self) -> None:
        """The journal is being locked: no watcher, no sync dialog, nothing shown."""
        self.controller.stop()
        if self.join_dialog is not None:
            self.join_dialog.reject()
        if self.own_dialog is not None:
            self.own_dialog.reject()
        self.panel.clear()

    def own_devices(self) -> OwnDevicesDialog:
        """This journal's own devices: start, join or approve (the own-devices space)."""
        if self.own_dialog is None:
            dialog = OwnDevicesDialog(self._worker, self.controller, self._window)
            dialog.panel.space_actions.done.connect(self.controller.sync_now)
            self.own_dialog = dialog
        else:
            self.own_dialog.panel.reload()
        self.own_dialog.open()
        return self.own_dialog

    def join(self) -> FolderDialog:
        """Ask to join a partner's shared relationship."""
        if self.join_dialog is not None:
            self.join_dialog.reject()
        dialog = FolderDialog(self._worker, FolderStep.JOIN, join_task(False), self._window)
        dialog.enrolled.connect(lambda _enrolment: self._joined())
        dialog.finished.connect(lambda _result: self._join_closed(dialog))
        self.join_dialog = dialog
        dialog.open()
        return dialog

    def _joined(self) -> None:
        self.status.emit(
            _("Asked to join; the relationship appears here once it is approved and synced.")
        )
        self.controller.refresh_watch()
        self.controller.sync_now()

    def _join_closed(self, dialog: QDialog) -> None:
        if self.join_dialog is dialog:
            self.join_dialog = None
        dispose(dialog)

    def _finished(self, reports: list[SpaceReport]) -> None:
        """Say a sync's outcome when it was asked for or brought something; a quiet sync of
        the watcher or the timer leaves the status bar to the rest of the window."""
        eventful = any(r.written or r.applied or r.set_aside or r.notices for r in reports)
        if self._asked or eventful:
            self.status.emit(report_text(reports))
        self._asked = False

    def retranslate(self) -> None:
        self.action_sync_now.setText(_("S&ync now"))
        self.action_join.setText(_("&Join a shared relationship…"))
        self.action_join_own.setText(_("Add my &other device…"))
