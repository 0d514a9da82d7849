"""The dialog of this journal's own devices (Journal › Add my other device…).

It holds the Sync panel of the own-devices space: on the first computer it starts the space
and approves the next one's request (after comparing the words); on the next computer it
asks to join. It never blocks the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from mentorjournal.i18n import _
from mentorjournal.ui.sync.controller import SyncController
from mentorjournal.ui.sync.panel import SyncPanel
from mentorjournal.ui.worker import Worker


class OwnDevicesDialog(QDialog):
    def __init__(self, worker: Worker, sync: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sync_own_devices_dialog")
        self.panel = SyncPanel(worker, sync, self, own=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("sync_own_devices_buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(760, 620)
        self.retranslate()
        self.panel.reload()

    def reject(self) -> None:
        self.panel.clear()  # no phrase or device list stays behind in a hidden dialog
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("My devices"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
