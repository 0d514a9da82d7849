"""Questions the sync panel asks before it acts: approve a device, remove one, leave.

Approving asks the user to confirm, with a box to tick, that they compared the safety
phrase with the partner by phone or video: that comparison is what keeps a stranger with
access to the folder out. Every dialog opens without blocking the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain.sync import JoinRequest
from mentorjournal.i18n import _
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.sync.words import SELECTABLE


class ApproveDialog(QDialog):
    """Shows a request's safety phrase; Approve is enabled once the comparison is ticked."""

    def __init__(self, request: JoinRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_approve_dialog")
        self.request = request
        self.setWindowTitle(_("Approve {name}").format(name=request.name))
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the name comes from the folder
        self.text.setObjectName("sync_approve_text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(SELECTABLE)
        self.text.setText(
            _(
                "{name} asks to join (device {id}). Call them by phone or video and compare "
                "the safety phrase their app shows with this one, word by word:\n\n{phrase}\n\n"
                "Approve only if every word is the same: anyone who can write to the folder "
                "could have sent a request."
            ).format(name=request.name, id=request.device_id[:8], phrase=request.safety_phrase)
        )
        self.text.setAccessibleName(self.text.text())
        self.compared = QCheckBox(
            _("I &compared these words with {name} and they are the same").format(
                name=request.name
            ),
            self,
        )
        self.compared.setObjectName("sync_approve_compared")
        self.buttons = QDialogButtonBox(self)
        self.approve = self.buttons.addButton(_("&Approve"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.approve.setObjectName("sync_approve_ok")
        self.approve.setEnabled(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("sync_approve_cancel")
        self.compared.toggled.connect(self.approve.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.compared)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.compared.setFocus()  # the text is read on the way back with Shift+Tab


def ask(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    yes: str,
    on_yes: Callable[[], None],
) -> QMessageBox:
    """A non-blocking question; ``on_yes`` runs when the user chose ``yes``."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a device's name comes from the folder
    box.setWindowTitle(title)
    box.setText(text)
    confirm = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    confirm.setObjectName(f"{name}_yes")
    box.addButton(QMessageBox.StandardButton.Cancel).setObjectName(f"{name}_cancel")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def answered() -> None:
        if box.clickedButton() is confirm:
            on_yes()
        dispose(box)

    box.finished.connect(answered)
    box.open()
    return box
