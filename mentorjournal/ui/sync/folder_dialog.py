"""The dialog that shares a relationship through a folder, joins a partner's, or adds a device.

It explains in words what leaves the device, asks for the folder, runs the step on the
worker (saying so while it runs) and then shows the safety phrase to compare with the other
person by phone or video. It never blocks the window (``open()``, not ``exec()``).

Signals:
    enrolled(object): the step succeeded; its ``Enrolment`` (the phrases are shown here).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain.sync import Enrolment
from mentorjournal.i18n import _
from mentorjournal.ui.sync.words import SELECTABLE, sync_error_text
from mentorjournal.ui.worker import Holder, Worker


class FolderStep(Enum):
    SHARE = "share"  # start: share the relationship in view
    JOIN = "join"  # join a partner's shared relationship
    OWN = "own"  # join-own: this journal's other device


def _explanation(step: FolderStep) -> str:
    private = _(
        "Only the records marked as shared leave this device, encrypted and signed; private "
        "notes and the diary never do. The folder's provider sees only encrypted files."
    )
    if step is FolderStep.SHARE:
        first = _(
            "Choose an empty folder that your sync tool (Dropbox, Syncthing, Nextcloud, "
            "OneDrive, Google Drive or a network share) already shares with your partner."
        )
    elif step is FolderStep.JOIN:
        first = _(
            "Choose the folder your partner shared with you through your sync tool. Your "
            "partner approves this device after you both compared a few words by phone or "
            "video; the relationship then appears here after the next sync."
        )
    else:
        first = _(
            "Choose a folder your sync tool shares between your own computers: an empty one "
            "on the first computer, the same one on the next. Your own devices carry the whole "
            "journal, private records too, always encrypted."
        )
        return first
    return f"{first}\n\n{private}"


def _phrase_text(step: FolderStep, enrolment: Enrolment) -> str:
    started = not enrolment.owner_phrase or enrolment.safety_phrase == enrolment.owner_phrase
    if step is FolderStep.OWN and started:
        return _(
            "This device's safety phrase:\n\n{phrase}\n\nOn your other computer, choose the "
            "same folder with Journal › Add my other device…; approve its request here once "
            "the words it shows match the ones beside the request."
        ).format(phrase=enrolment.safety_phrase)
    if step is FolderStep.OWN:
        return _(
            "Safety phrase of this request:\n\n{phrase}\n\nYour first device shows the same "
            "words beside this request: compare them, then approve it there.\n\nWaiting for "
            "approval: syncing starts once it is given."
        ).format(phrase=enrolment.safety_phrase)
    if step is FolderStep.SHARE or started:
        return _(
            "This device's safety phrase:\n\n{phrase}\n\nRead it to your partner by phone or "
            "video when they join; when their request arrives, its words are compared the "
            "same way before you approve it."
        ).format(phrase=enrolment.safety_phrase)
    return _(
        "Safety phrase of this request:\n\n{phrase}\n\nRead it to the other person by phone "
        "or video: they see the same words beside your request before they approve it. "
        "(The words they were shown when they shared the folder: {owner}.)\n\nWaiting for "
        "approval: syncing starts once it is given."
    ).format(phrase=enrolment.safety_phrase, owner=enrolment.owner_phrase)


class FolderDialog(QDialog):
    enrolled = Signal(object)

    def __init__(
        self,
        worker: Worker,
        step: FolderStep,
        task: Callable[[Path], Callable[[Holder], Enrolment]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"sync_{step.value}_dialog")
        self._worker = worker
        self._step = step
        self._task = task
        self.explanation = QLabel(self)
        self.explanation.setObjectName("sync_folder_explanation")
        self.explanation.setWordWrap(True)
        self.folder_label = QLabel(self)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("sync_folder")
        self.folder_label.setBuddy(self.folder)
        self.choose = QPushButton(self)
        self.choose.setObjectName("sync_folder_choose")
        self.choose.clicked.connect(self._choose)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setObjectName("sync_folder_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(SELECTABLE)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("sync_folder_ok")
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setObjectName("sync_folder_cancel")
        self.ok.clicked.connect(self._go)
        self.cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.folder_label)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.folder.setFocus()
        self.done_ = False
        self._enrolment: Enrolment | None = None
        self.retranslate()

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose the shared folder"), self.folder.text() or str(Path.home())
        )
        if chosen:
            self.folder.setText(chosen)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)

    def _go(self) -> None:
        if self.done_:
            self.accept()
            return
        text = self.folder.text().strip()
        if not text:
            self._say(_("Choose a folder first."))
            self.folder.setFocus()
            return
        self.ok.setEnabled(False)
        self.folder.setEnabled(False)
        self.choose.setEnabled(False)
        self._say(_("Setting up the shared folder…"))
        self._worker.submit(self._task(Path(text)), self._enrolled, self._failed, owner=self)

    def _enrolled(self, enrolment: Enrolment) -> None:
        self.done_ = True
        self._enrolment = enrolment
        self.folder.setEnabled(False)
        self.choose.setEnabled(False)
        self.cancel.hide()
        self.ok.setEnabled(True)
        self.ok.setText(_("&Close"))
        self._say(_phrase_text(self._step, enrolment))
        self.ok.setFocus()
        self.enrolled.emit(enrolment)

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.folder.setEnabled(True)
        self.choose.setEnabled(True)
        self._say(sync_error_text(error))
        self.folder.setFocus()

    def retranslate(self) -> None:
        titles = {
            FolderStep.SHARE: _("Share through a folder"),
            FolderStep.JOIN: _("Join a shared relationship"),
            FolderStep.OWN: _("Add my other device"),
        }
        self.setWindowTitle(titles[self._step])
        self.explanation.setText(_explanation(self._step))
        self.folder_label.setText(_("Shared &folder:"))
        self.choose.setText(_("C&hoose…"))
        self.choose.setAccessibleName(_("Choose the shared folder"))
        if not self.done_:
            labels = {
                FolderStep.SHARE: _("&Share"),
                FolderStep.JOIN: _("&Ask to join"),
                FolderStep.OWN: _("&Add this device"),
            }
            self.ok.setText(labels[self._step])
        else:
            self.ok.setText(_("&Close"))
        if self._enrolment is not None:
            self._say(_phrase_text(self._step, self._enrolment))
        self.cancel.setText(_("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
