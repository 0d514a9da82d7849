"""The Sync tab of a relationship: share it through a folder, approve, see what happened.

The same panel, made with ``own=True``, shows this journal's own-devices space (the "My
devices" dialog of the Journal menu).

Not shared yet, it explains what sharing means and offers to set it up. Shared, it shows the
space in words (folder, state, last sync, the partner's last activity, this device's safety
phrase), the requests waiting for approval, the devices (with Remove), the files set aside
and why, the notices kept, and Leave. Each list is a plain list a screen reader walks line
by line. Everything is read and done on the worker; what is running is said in words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import Relationship
from mentorjournal.domain.sync import SpaceReport
from mentorjournal.i18n import _
from mentorjournal.services.sync_watch import SpaceDetails, space_details
from mentorjournal.ui.sync import words
from mentorjournal.ui.sync.actions import SpaceActions
from mentorjournal.ui.sync.controller import SyncController
from mentorjournal.ui.sync.words import SELECTABLE
from mentorjournal.ui.worker import Worker


def _list(parent: QWidget, name: str) -> QListWidget:
    view = QListWidget(parent)
    view.setObjectName(name)
    view.setWordWrap(True)
    # As tall as its lines, up to about six; a longer list scrolls.
    view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    view.setMaximumHeight(view.fontMetrics().lineSpacing() * 6 + 2 * view.frameWidth() + 4)
    return view


class SyncPanel(QWidget):
    def __init__(
        self,
        worker: Worker,
        sync: SyncController,
        parent: QWidget | None = None,
        *,
        own: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("sync_own_panel" if own else "sync_tab")
        self._worker = worker
        self.sync = sync
        self.own = own
        self._relationship: Relationship | None = None
        self._token = 0
        self.details: SpaceDetails | None = None
        self.busy = QLabel(self)
        self.busy.setObjectName("sync_busy")
        self.busy.setWordWrap(True)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("sync_pages")

        # -- not shared ------------------------------------------------------------------
        alone = QWidget(self.pages)
        self.intro = QLabel(alone)
        self.intro.setObjectName("sync_intro")
        self.intro.setWordWrap(True)
        self.share_button = QPushButton(alone)
        self.share_button.setObjectName("sync_share")
        alone_layout = QVBoxLayout(alone)
        alone_layout.addWidget(self.intro)
        alone_layout.addWidget(self.share_button, 0, Qt.AlignmentFlag.AlignLeft)
        alone_layout.addStretch(1)

        # -- shared ----------------------------------------------------------------------
        shared = QWidget()
        self.summary = QLabel(shared)
        self.summary.setObjectName("sync_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(SELECTABLE)
        self.phrase = QLabel(shared)
        self.phrase.setObjectName("sync_phrase")
        self.phrase.setWordWrap(True)
        self.phrase.setTextInteractionFlags(SELECTABLE)
        self.sync_button = QPushButton(shared)
        self.sync_button.setObjectName("sync_now")
        self.sync_button.clicked.connect(self.sync.sync_now)
        self.requests_box = QGroupBox(shared)
        self.requests = _list(self.requests_box, "sync_requests")
        self.approve_button = QPushButton(self.requests_box)
        self.approve_button.setObjectName("sync_approve")
        self.refuse_button = QPushButton(self.requests_box)
        self.refuse_button.setObjectName("sync_refuse")
        self.devices_box = QGroupBox(shared)
        self.devices = _list(self.devices_box, "sync_devices")
        self.remove_button = QPushButton(self.devices_box)
        self.remove_button.setObjectName("sync_remove")
        self.remove_note = QLabel(self.devices_box)
        self.remove_note.setObjectName("sync_remove_note")
        self.remove_note.setWordWrap(True)
        self.aside_box = QGroupBox(shared)
        self.set_aside = _list(self.aside_box, "sync_set_aside")
        self.notices_box = QGroupBox(shared)
        self.notices = _list(self.notices_box, "sync_notices")
        self.leave_button = QPushButton(shared)
        self.leave_button.setObjectName("sync_leave")

        def boxed(box: QGroupBox, *widgets: QWidget) -> None:
            layout = QVBoxLayout(box)
            buttons = QHBoxLayout()
            for widget in widgets:
                if isinstance(widget, QPushButton):
                    buttons.addWidget(widget)
                else:
                    layout.addWidget(widget)
            if buttons.count():
                buttons.addStretch(1)
                layout.addLayout(buttons)

        boxed(self.requests_box, self.requests, self.approve_button, self.refuse_button)
        boxed(self.devices_box, self.devices, self.remove_note, self.remove_button)
        boxed(self.aside_box, self.set_aside)
        boxed(self.notices_box, self.notices)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignTop)
        shared_layout = QVBoxLayout(shared)
        shared_layout.addLayout(top)
        shared_layout.addWidget(self.phrase)
        for box in (self.requests_box, self.devices_box, self.aside_box, self.notices_box):
            shared_layout.addWidget(box)
        shared_layout.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignLeft)
        shared_layout.addStretch(1)
        scroll = QScrollArea(self.pages)
        scroll.setObjectName("sync_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(shared)
        self.pages.addWidget(alone)
        self.pages.addWidget(scroll)

        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.pages, 1)

        self.space_actions = SpaceActions(worker, self, own=own)
        self.space_actions.done.connect(self._acted)
        self.space_actions.said.connect(self.say)
        acts = self.space_actions
        self.share_button.clicked.connect(lambda: self._act(lambda: acts.share(self.target)))
        self.approve_button.clicked.connect(
            lambda: self._act(lambda: acts.approve(self.target, self._request()))
        )
        self.refuse_button.clicked.connect(self._refuse)
        self.remove_button.clicked.connect(
            lambda: self._act(lambda: acts.remove(self.target, self._device()))
        )
        self.leave_button.clicked.connect(lambda: self._act(lambda: acts.leave(self.target)))
        self.requests.currentRowChanged.connect(lambda _row: self._enable())
        self.devices.currentRowChanged.connect(lambda _row: self._enable())
        sync.running_changed.connect(self._running)
        sync.finished.connect(self._synced)
        sync.failed.connect(lambda error: self.say(words.sync_error_text(error)))
        self._refused: set[str] = set()
        self.retranslate()
        self.show_details(None)

    # -- reading ---------------------------------------------------------------------------

    @property
    def relationship(self) -> Relationship | None:
        return self._relationship

    @property
    def target(self) -> str | None:
        """The space shown, as the services name it: a relationship's id, None for own devices."""
        return None if self.own or self._relationship is None else self._relationship.id

    def _act(self, step: Callable[[], object]) -> None:
        if self._shown():
            step()

    def _shown(self) -> bool:
        """Whether a space (or its absence) is in view: own devices, or a chosen relationship."""
        return self.own or self._relationship is not None

    def load(self, relationship: Relationship | None) -> None:
        """Show the space of ``relationship`` (read on the worker)."""
        if (
            relationship is None
            or self._relationship is None
            or relationship.id != self._relationship.id
        ):
            self.say("")
        self._relationship = relationship
        self.reload()

    def reload(self) -> None:
        self._token += 1
        if not self._shown():
            self.show_details(None)
            return
        token, rid = self._token, self.target
        self._worker.submit(
            lambda holder: space_details(holder.workspace, rid),
            lambda details: self._loaded(token, details),
            lambda error: self.say(words.sync_error_text(error)) if token == self._token else None,
            owner=self,
        )

    def _loaded(self, token: int, details: SpaceDetails | None) -> None:
        if token == self._token:
            self.show_details(details)

    def show_details(self, details: SpaceDetails | None) -> None:
        self.details = details
        self.pages.setCurrentIndex(0 if details is None else 1)
        for view in (self.requests, self.devices, self.set_aside, self.notices):
            view.clear()
        if details is None:
            self.summary.clear()
            self.phrase.clear()
            self.phrase.setAccessibleName("")
            self._enable()
            return
        summary = "\n".join(words.summary_lines(details.status, details.folder_reachable))
        self.summary.setText(summary)
        self.summary.setAccessibleDescription(summary)
        phrase = _(
            "This device's safety phrase (read it to your partner when pairing): {phrase}"
        ).format(phrase=details.own_phrase)
        self.phrase.setText(phrase)
        self.phrase.setAccessibleName(phrase)
        pending = [r for r in details.requests if r.device_id not in self._refused]
        self.requests.addItems([words.request_line(r) for r in pending])
        self.requests_box.setVisible(bool(pending))
        self.devices.addItems([words.device_line(d) for d in details.devices])
        self.set_aside.addItems([words.set_aside_line(s) for s in details.set_aside])
        if not details.set_aside:
            self.set_aside.addItem(_("No file set aside."))
        self.notices.addItems([words.notice_line(n) for n in details.notices])
        self.notices_box.setVisible(bool(details.notices))
        if pending:
            self.requests.setCurrentRow(0)
        self._enable()

    def _request(self) -> object:
        details, row = self.details, self.requests.currentRow()
        if details is None or row < 0:
            return None
        pending = [r for r in details.requests if r.device_id not in self._refused]
        return pending[row] if row < len(pending) else None

    def _device(self) -> object:
        details, row = self.details, self.devices.currentRow()
        if details is None or row < 0 or row >= len(details.devices):
            return None
        return details.devices[row]

    def _enable(self) -> None:
        details = self.details
        owner = details is not None and details.status.role.value == "owner"
        self.approve_button.setEnabled(owner and self.requests.currentRow() >= 0)
        self.refuse_button.setEnabled(owner and self.requests.currentRow() >= 0)
        device = self._device()
        removable = device is not None and not getattr(device, "this_device", True)
        self.remove_button.setEnabled(owner and removable and not getattr(device, "removed", True))
        self.remove_button.setVisible(owner)
        self.remove_note.setVisible(owner)
        self.sync_button.setEnabled(self.sync.active and not self.sync.running)

    # -- acting ----------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """The panel's status line, also its accessible name (a screen reader hears it)."""
        self.busy.setText(text)
        self.busy.setAccessibleName(_("Sync: {state}").format(state=text) if text else _("Sync"))

    def _refuse(self) -> None:
        request = self._request()
        if request is None or self.details is None:
            return
        self._refused.add(getattr(request, "device_id", ""))
        self.say(
            _(
                "Not approved. That device can neither read nor write anything in this space; "
                "its request stays in the folder until someone deletes it there."
            )
        )
        self.show_details(self.details)

    def _acted(self) -> None:
        self.sync.refresh_watch()
        self.reload()

    def _running(self, running: bool) -> None:
        if running:
            self.say(_("Syncing with the shared folder…"))
        self._enable()

    def _synced(self, reports: list[SpaceReport]) -> None:
        if not self._shown() or (self.own and not self.isVisible()):
            return
        mine = [r for r in reports if r.relationship_id == self.target]
        self.say(words.report_text(mine) if mine else "")
        self.reload()

    def clear(self) -> None:
        """Forget the relationship and everything shown (on locking)."""
        self._token += 1
        self._relationship = None
        self._refused.clear()
        self.space_actions.close_dialogs()
        self.say("")
        self.show_details(None)

    # -- words -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Your own computers can share this whole journal, private records too, always "
                "encrypted, through a folder your sync tool replicates between them. Choose an "
                "empty folder on the first computer and the same folder on the next one; you "
                "compare a few words on both screens before the next one is let in."
            )
            if self.own
            else _(
                "This relationship is kept on this device only. You can share it with your "
                "partner through a folder that Dropbox, Syncthing, Nextcloud, OneDrive, Google "
                "Drive or a network share already replicates between you. Only the records "
                "marked as shared leave this device, encrypted and signed; private notes and "
                "the diary never do. You both compare a few words by phone or video before "
                "your partner's device is let in."
            )
        )
        self.share_button.setText(
            _("Add this computer through a f&older…")
            if self.own
            else _("Share this relationship through a f&older…")
        )
        self.sync_button.setText(_("Sync &now"))
        self.sync_button.setToolTip(_("F5 or Ctrl+Shift+S"))
        self.requests_box.setTitle(_("Requests to join"))
        self.requests.setAccessibleName(_("Requests to join, with their safety phrases"))
        self.approve_button.setText(_("A&pprove…"))
        self.refuse_button.setText(_("Ref&use"))
        self.devices_box.setTitle(_("Devices of this shared space"))
        self.devices.setAccessibleName(_("Devices of this shared space"))
        self.remove_button.setText(_("Remove dev&ice…"))
        self.remove_note.setText(
            _(
                "Removing a device gives the others a new key from then on; what it already "
                "received cannot be recalled."
            )
        )
        self.aside_box.setTitle(_("Files set aside, and why"))
        self.set_aside.setAccessibleName(_("Files set aside, and why"))
        self.summary.setAccessibleName(_("Sharing status"))
        self.notices_box.setTitle(_("Notices"))
        self.notices.setAccessibleName(_("Notices about this shared space"))
        self.leave_button.setText(_("&Leave this shared space…"))
        self.say(self.busy.text())
        self.show_details(self.details)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
