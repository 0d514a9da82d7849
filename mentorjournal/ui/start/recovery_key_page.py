"""The recovery key, shown once after a journal is made: copy it, save it, print it.

Signals:
    kept(): the key was copied, saved or printed (the user will not be asked again).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorjournal import safe_files
from mentorjournal.i18n import _
from mentorjournal.ui.errors import describe_error
from mentorjournal.ui.start.pages import error_label, heading, show_error, wrapped

try:  # QtPrintSupport is in the Essentials wheel today; print is left out if it goes
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    CAN_PRINT = True
except ImportError:  # pragma: no cover - depends on the wheel
    CAN_PRINT = False


def key_file_text(recovery_key: str, folder: Path) -> str:
    return "\n".join(
        [
            _("MentorJournal recovery key"),
            _("Journal folder: {path}").format(path=folder),
            "",
            recovery_key,
            "",
            _("Keep this away from the computer that holds the journal."),
            "",
        ]
    )


class RecoveryKeyPage(QWidget):
    kept = Signal()

    def __init__(self, parent: QWidget | None = None, *, replacing: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_page")
        self._replacing = replacing  # a re-key's new key: the old one opens nothing now
        self._key = ""
        self._folder = Path()
        self.was_kept = False
        self.heading = heading("recovery_heading")
        self.intro = wrapped("recovery_intro")
        self.key = QLineEdit()
        self.key.setObjectName("recovery_key")
        self.key.setReadOnly(True)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(fixed.pointSizeF() * 1.15)
        self.key.setFont(fixed)
        self.state = wrapped("recovery_state")
        self.error = error_label("recovery_error")
        self.copy = QPushButton()
        self.copy.setObjectName("recovery_copy")
        self.save = QPushButton()
        self.save.setObjectName("recovery_save")
        self.print = QPushButton()
        self.print.setObjectName("recovery_print")
        self.print.setVisible(CAN_PRINT)
        self.done = QPushButton()
        self.done.setObjectName("recovery_done")
        self.copy.clicked.connect(self._copy)
        self.save.clicked.connect(self._save)
        self.print.clicked.connect(self._print)

        actions = QHBoxLayout()
        for button in (self.copy, self.save, self.print):
            actions.addWidget(button)
        actions.addStretch(1)
        finish = QHBoxLayout()
        finish.addStretch(1)
        finish.addWidget(self.done)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.intro, self.key):
            layout.addWidget(widget)
        layout.addLayout(actions)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(finish)
        for first, second in (
            (self.key, self.copy),
            (self.copy, self.save),
            (self.save, self.print),
            (self.print, self.done),
        ):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def show_key(self, recovery_key: str, folder: Path) -> None:
        self._key = recovery_key
        self._folder = folder
        self.was_kept = False
        self.key.setText(recovery_key)
        self.state.clear()

    def forget_key(self) -> None:
        """Leave no copy of the key in the page once it has been shown."""
        self._key = ""
        self.key.clear()

    def _mark_kept(self, message: str) -> None:
        self.was_kept = True
        self.state.setText(message)
        self.state.setAccessibleName(message)
        show_error(self.error, "")
        self.kept.emit()

    def _copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self._key)
        self._mark_kept(_("Copied. Paste it somewhere safe before you copy anything else."))

    def _save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the recovery key"),
            str(Path.home() / "mentorjournal-recovery-key.txt"),
            _("Text files (*.txt)"),
        )
        if not name:
            return
        path = Path(name)
        try:
            write_private_text(path, key_file_text(self._key, self._folder))
        except OSError as error:
            show_error(self.error, describe_error(error))
            return
        self._mark_kept(_("The key was saved to {path}.").format(path=path))

    def _print(self) -> None:
        if not CAN_PRINT:  # pragma: no cover - depends on the wheel
            return
        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("recovery_print_dialog")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setDefaultFont(QFont("monospace", 12))
        document.setPlainText(key_file_text(self._key, self._folder))
        document.print_(printer)
        self._mark_kept(_("Sent to the printer."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self._replacing:
            self.heading.setText(_("Your new recovery key"))
            self.intro.setText(
                _(
                    "This new key replaces your old recovery key, which opens nothing any "
                    "more. It opens the journal if you forget your passphrase and is shown "
                    "only now: copy it, save it or print it, and keep it away from this "
                    "computer."
                )
            )
        else:
            self.heading.setText(_("Your recovery key"))
            self.intro.setText(
                _(
                    "This key opens the journal if you forget your passphrase. It is shown "
                    "only now: copy it, save it or print it, and keep it away from this "
                    "computer."
                )
            )
        self.key.setAccessibleName(_("Recovery key"))
        self.copy.setText(_("&Copy"))
        self.save.setText(_("&Save as text file…"))
        self.print.setText(_("&Print…"))
        self.done.setText(_("I have &kept it safe"))
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` crash-safely to ``path``, readable by its owner only (0600)."""
    with safe_files.atomic_writer(path) as handle:
        if os.name != "nt":
            os.fchmod(handle.fileno(), 0o600)
        handle.write(text.encode("utf-8"))
