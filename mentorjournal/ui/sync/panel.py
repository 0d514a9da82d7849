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
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from mentorjournal.domain import Relationship
from mentorjournal.domain.sync import DeviceInfo, JoinRequest, SpaceReport, SpaceRole
from mentorjournal.i18n import _
from mentorjournal.services.sync_watch import SpaceDetails, space_details
from mentorjournal.ui.sync import words
from mentorjournal.ui.sync.actions import SpaceActions
from mentorjournal.ui.sync.controller import SyncController
from mentorjournal.ui.sync.space_page import SpacePage
from mentorjournal.ui.worker import Worker


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
        self.busy.setTextFormat(Qt.TextFormat.PlainText)  # may name a device, from the folder
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
        page = self.page = SpacePage(self.pages)
        self.summary, self.phrase, self.sync_button = page.summary, page.phrase, page.sync_button
        self.requests, self.devices = page.requests, page.devices
        self.set_aside, self.notices = page.set_aside, page.notices
        self.approve_button, self.refuse_button = page.approve_button, page.refuse_button
        self.remove_button, self.remove_note = page.remove_button, page.remove_note
        self.leave_button = page.leave_button
        self.sync_button.clicked.connect(self.sync.sync_now)
        self.pages.addWidget(alone)
        self.pages.addWidget(page)

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
        if details is None:
            self.page.clear_page()
        else:
            self.page.fill(details, self._pending())
        self._enable()

    def _pending(self) -> list[JoinRequest]:
        """The requests waiting, less those refused in this session."""
        details = self.details
        if details is None:
            return []
        return [r for r in details.requests if r.device_id not in self._refused]

    def _request(self) -> JoinRequest | None:
        pending, row = self._pending(), self.requests.currentRow()
        return pending[row] if 0 <= row < len(pending) else None

    def _device(self) -> DeviceInfo | None:
        details, row = self.details, self.devices.currentRow()
        if details is None or not 0 <= row < len(details.devices):
            return None
        return details.devices[row]

    def _enable(self) -> None:
        details = self.details
        owner = details is not None and details.status.role is SpaceRole.OWNER
        chosen = self._request() is not None
        self.approve_button.setEnabled(owner and chosen)
        self.refuse_button.setEnabled(owner and chosen)
        device = self._device()
        removable = device is not None and not device.this_device and not device.removed
        self.remove_button.setEnabled(owner and removable)
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
        self._refused.add(request.device_id)
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
        self.page.retranslate()
        self.say(self.busy.text())
        self.show_details(self.details)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
