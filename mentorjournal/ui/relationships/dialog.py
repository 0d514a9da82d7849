"""The dialog that adds or edits a relationship: partners, my role, kind, focus, interval.

Each kind of mentoring is explained in one line under the choice, so a newcomer can tell
reverse from peer mentoring. The dialog only gathers values; the caller saves them through
the worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import Kind, Relationship, Role
from mentorjournal.i18n import _
from mentorjournal.ui.names import kind_explanation, kind_name, role_name

DEFAULT_INTERVAL = 30


class RelationshipDialog(QDialog):
    """Gathers a relationship's values; :meth:`values` gives them for the services."""

    def __init__(self, relationship: Relationship | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("relationship_dialog")
        self._editing = relationship is not None
        self.partners = QLineEdit(self)
        self.partners.setObjectName("relationship_partners")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("relationship_title")
        self.role = QComboBox(self)
        self.role.setObjectName("relationship_role")
        for role in Role:
            self.role.addItem(role_name(role), role.value)
        self.kind = QComboBox(self)
        self.kind.setObjectName("relationship_kind")
        for kind in Kind:
            self.kind.addItem(kind_name(kind), kind.value)
        self.kind_help = QLabel(self)
        self.kind_help.setObjectName("relationship_kind_help")
        self.kind_help.setWordWrap(True)
        self.focus = QLineEdit(self)
        self.focus.setObjectName("relationship_focus")
        self.interval = QSpinBox(self)
        self.interval.setObjectName("relationship_interval")
        self.interval.setRange(1, 366)
        self.interval.setValue(DEFAULT_INTERVAL)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("relationship_buttons")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("relationship_ok")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName(
            "relationship_cancel"
        )
        self.buttons.accepted.connect(self._accept_if_complete)
        self.buttons.rejected.connect(self.reject)
        self.problem = QLabel(self)
        self.problem.setObjectName("relationship_problem")

        self.labels = {name: QLabel(self) for name in ("partners", "title", "role", "kind")}
        self.labels |= {name: QLabel(self) for name in ("focus", "interval")}
        form = QFormLayout()
        fields: tuple[tuple[str, QWidget], ...] = (
            ("partners", self.partners),
            ("title", self.title_edit),
            ("role", self.role),
            ("kind", self.kind),
        )
        for name, widget in fields:
            self.labels[name].setBuddy(widget)
            form.addRow(self.labels[name], widget)
        form.addRow("", self.kind_help)
        for name, widget in (("focus", self.focus), ("interval", self.interval)):
            self.labels[name].setBuddy(widget)
            form.addRow(self.labels[name], widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        order = [self.partners, self.title_edit, self.role, self.kind, self.focus, self.interval]
        for first, second in zip(order, [*order[1:], self.buttons], strict=True):
            QWidget.setTabOrder(first, second)

        self.kind.currentIndexChanged.connect(lambda _row: self._explain_kind())
        if relationship is not None:
            self.partners.setText(", ".join(relationship.partner_names))
            self.title_edit.setText(relationship.title)
            self.role.setCurrentIndex(self.role.findData(relationship.my_role.value))
            self.kind.setCurrentIndex(self.kind.findData(relationship.kind.value))
            self.focus.setText(", ".join(relationship.focus_areas))
            self.interval.setValue(relationship.interval_days or DEFAULT_INTERVAL)
        self.setMinimumWidth(520)
        self.retranslate()

    def values(self) -> dict[str, Any]:
        """What the user chose, as the services take it (lists split at commas)."""
        values: dict[str, Any] = {
            "partner_names": [p.strip() for p in self.partners.text().split(",") if p.strip()],
            "my_role": self.role.currentData(),
            "kind": self.kind.currentData(),
            "focus_areas": [f.strip() for f in self.focus.text().split(",") if f.strip()],
            "interval_days": self.interval.value(),
        }
        title = self.title_edit.text().strip()
        values["title"] = title or ", ".join(values["partner_names"])
        return values

    def _accept_if_complete(self) -> None:
        if not self.values()["partner_names"]:
            self.problem.setText(_("Name at least one partner."))
            self.partners.setFocus()
            return
        self.accept()

    def _explain_kind(self) -> None:
        self.kind_help.setText(kind_explanation(Kind(self.kind.currentData())))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Edit relationship") if self._editing else _("New relationship"))
        self.labels["partners"].setText(_("&Partners (separated by commas):"))
        self.labels["title"].setText(_("&Title (optional):"))
        self.labels["role"].setText(_("&My role:"))
        self.labels["kind"].setText(_("&Kind of mentoring:"))
        self.labels["focus"].setText(_("&Focus areas (separated by commas):"))
        self.labels["interval"].setText(_("Meet &at least every:"))
        self.interval.setSuffix(_(" days"))
        self.title_edit.setPlaceholderText(_("The partners' names"))
        for row, role in enumerate(Role):
            self.role.setItemText(row, role_name(role))
        for row, kind in enumerate(Kind):
            self.kind.setItemText(row, kind_name(kind))
        self._explain_kind()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
