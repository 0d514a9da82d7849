"""The forms of the Journal menu's safety actions: a new passphrase, and what to restore.

They only hold controls and words; :mod:`actions` runs the work on the database worker.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.i18n import _
from mentorjournal.services import passphrases
from mentorjournal.services.passphrases import PassphraseProblem
from mentorjournal.ui.start.pages import (
    PassphrasePair,
    error_label,
    passphrase_field,
    show_error,
    wrapped,
)


def passphrase_problem_text(problem: PassphraseProblem) -> str:
    if problem is PassphraseProblem.EMPTY:
        return _("An empty passphrase is not allowed; choose a long one.")
    return _(
        "A passphrase cannot contain a line break or another control character: it could "
        "never be typed at the prompt. Choose another."
    )


def _buttons(name: str, dialog: QDialog, ok: Callable[[], None]) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.setObjectName(name)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName(f"{name}_ok")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName(f"{name}_cancel")
    buttons.accepted.connect(ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _Dialog(QDialog):
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class ChangePassphraseDialog(_Dialog):
    """A new passphrase typed twice (the journal is unlocked: the old one is not asked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("change_passphrase_dialog")
        self.intro = wrapped("change_intro")
        self.pair = PassphrasePair("change")
        # The pair rewrites its labels on every key (for the strength); ours follows it.
        self.pair.first.textChanged.connect(self._name_new)
        self.rekey = QCheckBox()
        self.rekey.setObjectName("change_rekey")
        self.rekey_note = wrapped("change_rekey_note")
        self.error = error_label("change_error")
        self.buttons = _buttons("change_buttons", self, self.accept)
        form = QFormLayout()
        self.pair.add_to(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.rekey)
        layout.addWidget(self.rekey_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.pair.first, self.pair.second)
        QWidget.setTabOrder(self.pair.second, self.rekey)
        QWidget.setTabOrder(self.rekey, self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()

    @property
    def passphrase(self) -> str:
        return self.pair.first.text()

    def accept(self) -> None:
        problem = self.pair.problem()
        if not problem:
            found = passphrases.problem_with(self.passphrase)
            problem = passphrase_problem_text(found) if found is not None else ""
        show_error(self.error, problem)
        if problem:
            self.pair.first.setFocus()
            return
        super().accept()

    def forget(self) -> None:
        """Leave no copy of the passphrase in the dialog."""
        self.pair.clear()

    def _name_new(self) -> None:
        self.pair.first_label.setText(_("&New passphrase:"))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Change passphrase"))
        self.intro.setText(
            _("Choose the new passphrase. The journal is open, so the current one is not needed.")
        )
        self.pair.retranslate()
        self._name_new()
        self.rekey.setText(_("Also re-encrypt everything under a new &key"))
        self.rekey_note.setText(
            _(
                "Use this if the old passphrase or an old key file may have leaked: afterwards "
                "they open nothing new. It takes a while, gives you a new recovery key and "
                "locks the journal."
            )
        )


class RestoreDialog(_Dialog):
    """Which backup, into which new or empty folder, and its passphrase.

    Signals:
        submitted(): OK was pressed; the dialog stays open until the restore succeeded.
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.intro = wrapped("restore_intro")
        self.backup_file = QLineEdit()
        self.backup_file.setObjectName("restore_file")
        self.browse_file = QPushButton()
        self.browse_file.setObjectName("restore_browse_file")
        self.folder = QLineEdit()
        self.folder.setObjectName("restore_folder")
        self.browse_folder = QPushButton()
        self.browse_folder.setObjectName("restore_browse_folder")
        self.passphrase = passphrase_field("restore_passphrase")
        self.error = error_label("restore_error")
        self.buttons = _buttons("restore_buttons", self, self.submitted.emit)
        self.file_label = QLabel()
        self.file_label.setBuddy(self.backup_file)
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder)
        self.passphrase_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        form = QFormLayout()
        for label, field, button in (
            (self.file_label, self.backup_file, self.browse_file),
            (self.folder_label, self.folder, self.browse_folder),
        ):
            row = QHBoxLayout()
            row.addWidget(field, 1)
            row.addWidget(button)
            form.addRow(label, row)
        form.addRow(self.passphrase_label, self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        order = (
            self.backup_file,
            self.browse_file,
            self.folder,
            self.browse_folder,
            self.passphrase,
            self.buttons,
        )
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.browse_file.clicked.connect(self._choose_file)
        self.browse_folder.clicked.connect(self._choose_folder)
        self.setMinimumWidth(620)
        self.retranslate()

    def values(self) -> tuple[Path, Path, str]:
        return (
            Path(self.backup_file.text().strip()),
            Path(self.folder.text().strip()),
            self.passphrase.text(),
        )

    def problem(self) -> str:
        if not self.backup_file.text().strip():
            return _("Choose the backup file to restore.")
        if not self.folder.text().strip():
            return _("Choose a new or empty folder to restore into.")
        if not self.passphrase.text():
            return _("Type the passphrase that was valid when the backup was made.")
        return ""

    def set_busy(self, busy: bool) -> None:
        for widget in (self.backup_file, self.folder, self.passphrase, self.buttons):
            widget.setEnabled(not busy)
        for button in (self.browse_file, self.browse_folder):
            button.setEnabled(not busy)

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the backup to restore"), self.backup_file.text()
        )
        if name:
            self.backup_file.setText(name)

    def _choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, _("Choose a new or empty folder"), self.folder.text()
        )
        if name:
            self.folder.setText(name)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Restore a backup"))
        self.intro.setText(
            _(
                "The backup is restored into a new or empty folder as a journal of its own; "
                "this journal stays as it is."
            )
        )
        self.file_label.setText(_("&Backup file:"))
        self.folder_label.setText(_("Restore &into folder:"))
        self.passphrase_label.setText(_("&Passphrase when backed up:"))
        self.browse_file.setText(_("Choose &file…"))
        self.browse_folder.setText(_("Choose f&older…"))
