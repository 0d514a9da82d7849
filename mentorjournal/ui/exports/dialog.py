"""The form of an export: where to, what to include, and, before anything is written, the
plain statement that the export is not encrypted.

Signals:
    submitted(): Export was pressed; the dialog stays open until the export succeeded.
"""

from __future__ import annotations

import itertools
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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

from mentorjournal.domain import Relationship
from mentorjournal.i18n import _
from mentorjournal.ui.start.pages import error_label, show_error, wrapped


class ExportKind(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"
    ICS = "ics"


class ExportDialog(QDialog):
    submitted = Signal()

    def __init__(
        self, kind: ExportKind, relationship: Relationship | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.kind = kind
        self.relationship = relationship
        self.warning = wrapped("export_warning")
        self.path = QLineEdit()
        self.path.setObjectName("export_path")
        self.path_label = QLabel()
        self.path_label.setBuddy(self.path)
        self.browse = QPushButton()
        self.browse.setObjectName("export_browse")
        self.only_relationship = QCheckBox()
        self.only_relationship.setObjectName("export_only_relationship")
        # Markdown is read one relationship at a time; JSON is, first of all, the whole journal.
        self.only_relationship.setChecked(relationship is not None and kind is ExportKind.MARKDOWN)
        # A calendar is always one relationship's; the others may be the whole journal.
        self.only_relationship.setVisible(kind is not ExportKind.ICS and relationship is not None)
        self.include_private = QCheckBox()
        self.include_private.setObjectName("export_include_private")
        self.include_diary = QCheckBox()
        self.include_diary.setObjectName("export_include_diary")
        for box in (self.include_private, self.include_diary):
            box.setVisible(kind is ExportKind.MARKDOWN)
        self.replace = QCheckBox()
        self.replace.setObjectName("export_replace")
        self.error = error_label("export_error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("export_buttons")
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("export_buttons_ok")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName(
            "export_buttons_cancel"
        )
        self.buttons.accepted.connect(self.submitted.emit)
        self.buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.path_label)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(row)
        for widget in (
            self.only_relationship,
            self.include_private,
            self.include_diary,
            self.replace,
            self.error,
            self.buttons,
        ):
            layout.addWidget(widget)
        order = (
            self.path,
            self.browse,
            self.only_relationship,
            self.include_private,
            self.include_diary,
            self.replace,
            self.buttons,
        )
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.browse.clicked.connect(self._choose)
        self.setMinimumWidth(560)
        self.retranslate()

    def target(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def relationship_id(self) -> str | None:
        if self.relationship is None:
            return None
        if self.kind is ExportKind.ICS or self.only_relationship.isChecked():
            return self.relationship.id
        return None

    def problem(self) -> str:
        if not self.path.text().strip():
            if self.kind is ExportKind.MARKDOWN:
                return _("Choose the folder to write the export into.")
            return _("Choose the file to write the export to.")
        if self.kind is ExportKind.ICS and self.relationship is None:
            return _("Choose a relationship first: the calendar holds its sessions.")
        return ""

    def show_problem(self, text: str) -> None:
        show_error(self.error, text)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.path, self.browse, self.buttons):
            widget.setEnabled(not busy)

    def _choose(self) -> None:
        if self.kind is ExportKind.MARKDOWN:
            name = QFileDialog.getExistingDirectory(
                self, _("Choose a new or empty folder"), self.path.text()
            )
        else:
            pattern = "*.json" if self.kind is ExportKind.JSON else "*.ics"
            name, _filter = QFileDialog.getSaveFileName(
                self, self.windowTitle(), self.path.text(), pattern
            )
        if name:
            self.path.setText(name)

    def retranslate(self) -> None:
        titles = {
            ExportKind.JSON: _("Export to JSON"),
            ExportKind.MARKDOWN: _("Export to Markdown"),
            ExportKind.ICS: _("Export sessions to a calendar (ICS)"),
        }
        self.setWindowTitle(titles[self.kind])
        self.warning.setText(
            _(
                "The export is NOT encrypted: anyone who can read it can read everything in "
                "it. Save it only where you would keep a printed copy, and delete it when "
                "you no longer need it."
            )
        )
        self.path_label.setText(
            _("Save &into folder:") if self.kind is ExportKind.MARKDOWN else _("Save &to file:")
        )
        self.browse.setText(_("&Choose…"))
        title = self.relationship.title if self.relationship is not None else ""
        self.only_relationship.setText(_("Only the relationship “{title}”").format(title=title))
        self.include_private.setText(_("Include &private notes and private records"))
        self.include_diary.setText(_("Include the &diary"))
        self.replace.setText(_("&Replace what is there"))
        self.ok.setText(_("&Export"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
