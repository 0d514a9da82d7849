"""The forms of the start dialog: create a journal, unlock it, recover it with the key.

Each page only holds its controls and their words; the dialog (dialog.py) runs the work on
the database worker and moves between pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.i18n import _
from mentorjournal.ui.start import strength


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)
    return widget


def heading(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


def wrapped(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def passphrase_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def error_label(name: str) -> QLabel:
    """Where a page says what went wrong; in words, with a plain prefix, not by colour."""
    label = wrapped(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setAccessibleName(text)
    label.setVisible(bool(text))


class _Page(QWidget):
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:  # pragma: no cover - each page has its own
        raise NotImplementedError


class PassphrasePair:
    """A new passphrase typed twice, with its strength in words below."""

    def __init__(self, prefix: str) -> None:
        self.first = passphrase_field(f"{prefix}_passphrase")
        self.second = passphrase_field(f"{prefix}_repeat")
        self.strength = wrapped(f"{prefix}_strength")
        self.first_label = QLabel()
        self.first_label.setBuddy(self.first)
        self.second_label = QLabel()
        self.second_label.setBuddy(self.second)
        self.first.textChanged.connect(self.retranslate)

    def add_to(self, form: QFormLayout) -> None:
        form.addRow(self.first_label, self.first)
        form.addRow("", self.strength)
        form.addRow(self.second_label, self.second)

    def retranslate(self) -> None:
        self.first_label.setText(_("&Passphrase:"))
        self.second_label.setText(_("&Repeat it:"))
        self.strength.setText(strength.describe(self.first.text()))

    def problem(self) -> str:
        """What stops this pair from being used, in words; empty when it is fine."""
        if strength.estimate(self.first.text()) <= strength.Strength.TOO_SHORT:
            return _("The passphrase needs at least {minimum} characters.").format(
                minimum=strength.MINIMUM_LENGTH
            )
        if self.first.text() != self.second.text():
            return _("The two passphrases are not the same. Type them again.")
        return ""

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()


class CreatePage(_Page):
    """First run: a name and a passphrase for a new journal in ``folder``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("create_page")
        self.heading = heading("create_heading")
        self.intro = wrapped("create_intro")
        self.folder = wrapped("create_folder")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name = QLineEdit()
        self.name.setObjectName("create_name")
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.pair = PassphrasePair("create")
        self.error = error_label("create_error")
        self.create_button = QPushButton()
        self.create_button.setObjectName("create_button")
        self.open_other = QPushButton()
        self.open_other.setObjectName("create_open_other")

        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        self.pair.add_to(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_other)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.intro, self.folder):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        for first, second in (
            (self.name, self.pair.first),
            (self.pair.first, self.pair.second),
            (self.pair.second, self.create_button),
            (self.create_button, self.open_other),
        ):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def set_folder(self, folder: Path) -> None:
        self._folder = folder
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Create your journal"))
        self.intro.setText(
            _(
                "Your journal is encrypted with a passphrase. Nobody can read it without the "
                "passphrase or the recovery key you will get next: not us, not your computer's "
                "other users."
            )
        )
        folder = getattr(self, "_folder", None)
        self.folder.setText(_("Folder: {path}").format(path=folder) if folder else "")
        self.name_label.setText(_("Your &name:"))
        self.name.setToolTip(_("As it appears on agreements you sign"))
        self.name.setAccessibleDescription(_("As it appears on agreements you sign"))
        self.pair.retranslate()
        self.create_button.setText(_("&Create journal"))
        self.open_other.setText(_("&Open an existing journal…"))

    def problem(self) -> str:
        if not self.name.text().strip():
            return _("Type your name: it appears on the agreements you sign.")
        return self.pair.problem()


class UnlockPage(_Page):
    """Later runs: the passphrase of the journal chosen among the recent folders."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlock_page")
        self.heading = heading("unlock_heading")
        self.folder = QComboBox()
        self.folder.setObjectName("unlock_folder")
        self.folder.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.folder.setMinimumContentsLength(30)
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder)
        self.other_folder = QPushButton()
        self.other_folder.setObjectName("unlock_other_folder")
        self.passphrase = passphrase_field("unlock_passphrase")
        self.passphrase_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.hint = wrapped("unlock_hint")
        self.hint.hide()
        self.demo_passphrase = ""
        self.error = error_label("unlock_error")
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlock_button")
        self.recover = QPushButton()
        self.recover.setObjectName("unlock_recover")
        self.new_journal = QPushButton()
        self.new_journal.setObjectName("unlock_create")

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.other_folder)
        form = QFormLayout()
        form.addRow(self.folder_label, folder_row)
        form.addRow(self.passphrase_label, self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recover)
        buttons.addWidget(self.new_journal)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        for first, second in (
            (self.passphrase, self.unlock_button),
            (self.unlock_button, self.folder),
            (self.folder, self.other_folder),
            (self.other_folder, self.recover),
            (self.recover, self.new_journal),
        ):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def set_folders(self, folders: list[Path], chosen: Path) -> None:
        self.folder.clear()
        for folder in [chosen, *(path for path in folders if path != chosen)]:
            self.folder.addItem(str(folder), str(folder))
        self.folder.setCurrentIndex(0)

    def chosen_folder(self) -> Path:
        return Path(str(self.folder.currentData()))

    def retranslate(self) -> None:
        self.heading.setText(_("Unlock your journal"))
        self.folder_label.setText(_("&Journal:"))
        self.other_folder.setText(_("Other &folder…"))
        self.passphrase_label.setText(_("&Passphrase:"))
        self.unlock_button.setText(_("&Unlock"))
        self.recover.setText(_("Forgot it? Use the &recovery key"))
        self.new_journal.setText(_("&New journal…"))
        self.hint.setVisible(bool(self.demo_passphrase))
        if self.demo_passphrase:
            self.hint.setText(
                _("This is the demo journal; its passphrase is {passphrase}").format(
                    passphrase=self.demo_passphrase
                )
            )


class RecoverPage(_Page):
    """A forgotten passphrase: the recovery key, then a new passphrase twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recover_page")
        self.heading = heading("recover_heading")
        self.intro = wrapped("recover_intro")
        self.key = QLineEdit()
        self.key.setObjectName("recover_key")
        self.key.setFont(QFont("monospace"))
        self.key_label = QLabel()
        self.key_label.setBuddy(self.key)
        self.pair = PassphrasePair("recover")
        self.error = error_label("recover_error")
        self.recover_button = QPushButton()
        self.recover_button.setObjectName("recover_button")
        self.back = QPushButton()
        self.back.setObjectName("recover_back")

        form = QFormLayout()
        form.addRow(self.key_label, self.key)
        self.pair.add_to(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.recover_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        for first, second in (
            (self.key, self.pair.first),
            (self.pair.first, self.pair.second),
            (self.pair.second, self.recover_button),
            (self.recover_button, self.back),
        ):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Recover with the recovery key"))
        self.intro.setText(
            _("Type the recovery key you kept when the journal was made, then a new passphrase.")
        )
        self.key_label.setText(_("Recovery &key:"))
        self.pair.retranslate()
        self.pair.first_label.setText(_("New &passphrase:"))
        self.recover_button.setText(_("Rec&over"))
        self.back.setText(_("&Back"))
