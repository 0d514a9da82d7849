"""The inputs of a record's form, each wired to the autosave and labelled for everyone.

Every input gets an object name, a label with a mnemonic as its buddy (or its own words), and
its texts again on a language change. A mixin of :class:`RecordTab`, which supplies the form,
the autosave (``_edited``/``_set``) and the history (``show_history``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from mentorjournal.i18n import _
from mentorjournal.ui.editor.markdown_editor import MarkdownField
from mentorjournal.ui.names import enum_name

NO_DATE = QDate(1900, 1, 1)  # the date edit's "no date" value (shown in words)


class DateField(QDateEdit):
    """A date edit that Tab always leaves.

    Qt's date edit takes Tab from day to month to year; while it shows its "no date" words
    it has no parts to go to and kept the focus for ever, a trap for keyboard users. The
    arrow keys still move between the parts of a date.
    """

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.date() == self.minimumDate() and self.specialValueText():
            return QAbstractSpinBox.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)


class FormFields:
    form_host: QWidget
    form: QFormLayout

    def init_fields(self, prefix: str) -> None:
        self.field_prefix = prefix
        self._labels: list[tuple[QLabel, str]] = []
        self._combos: list[tuple[QComboBox, type[StrEnum], bool]] = []
        self._dates: list[QDateEdit] = []
        self.markdown_fields: list[MarkdownField] = []

    def _edited(self, field: str, read: Callable[[], Any]) -> None:
        raise NotImplementedError

    def _set(self, field: str, value: Any) -> None:
        raise NotImplementedError

    def show_history(self, field: str, widget: MarkdownField) -> None:
        raise NotImplementedError

    def _label(self, source: str, buddy: QWidget) -> QLabel:
        label = QLabel(self.form_host)
        label.setObjectName(f"{buddy.objectName()}_label")
        label.setBuddy(buddy)
        self._labels.append((label, source))
        return label

    def add_markdown(self, field: str, label: str, *, private: bool = False) -> MarkdownField:
        widget = MarkdownField(
            f"{self.field_prefix}_{field}", label, private=private, parent=self.form_host
        )
        widget.setMinimumHeight(160)
        widget.edited.connect(lambda: self._edited(field, widget.text))
        widget.history_requested.connect(lambda: self.show_history(field, widget))
        self.markdown_fields.append(widget)
        self.form.addRow(widget)
        return widget

    def add_line(self, field: str, label: str) -> QLineEdit:
        edit = QLineEdit(self.form_host)
        edit.setObjectName(f"{self.field_prefix}_{field}")
        edit.textEdited.connect(lambda _text: self._edited(field, edit.text))
        self.form.addRow(self._label(label, edit), edit)
        return edit

    def add_combo(
        self, field: str, label: str, enum: type[StrEnum], *, optional: bool = False
    ) -> QComboBox:
        """A choice of ``enum``'s members; ``optional`` adds "not set" first."""
        combo = QComboBox(self.form_host)
        combo.setObjectName(f"{self.field_prefix}_{field}")
        if optional:
            combo.addItem(_("not set"), None)
        for member in enum:
            combo.addItem(enum_name(member), member.value)
        combo.activated.connect(lambda _row: self._set(field, combo.currentData()))
        self._combos.append((combo, enum, optional))
        self.form.addRow(self._label(label, combo), combo)
        return combo

    def add_date(self, field: str, label: str) -> QDateEdit:
        edit = DateField(self.form_host)
        edit.setObjectName(f"{self.field_prefix}_{field}")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.dateChanged.connect(lambda _d: self._set(field, date_of(edit)))
        self._dates.append(edit)
        self.form.addRow(self._label(label, edit), edit)
        return edit

    def add_spin(self, field: str, label: str, low: int, high: int, suffix: str = "") -> QSpinBox:
        spin = QSpinBox(self.form_host)
        spin.setObjectName(f"{self.field_prefix}_{field}")
        spin.setRange(low, high)
        spin.valueChanged.connect(lambda value: self._set(field, value))
        self.form.addRow(self._label(label, spin), spin)
        return spin

    def set_date(self, edit: QDateEdit, value: date | None) -> None:
        edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)

    def set_combo(self, combo: QComboBox, value: StrEnum | None) -> None:
        row = combo.findData(value.value) if value is not None else 0
        combo.setCurrentIndex(max(0, row))

    def clear_fields(self) -> None:
        for child in self.form_host.findChildren(QLineEdit):
            child.clear()
        for field in self.markdown_fields:
            field.clear()
        for edit in self._dates:
            edit.setDate(NO_DATE)

    def retranslate_fields(self) -> None:
        for label, source in self._labels:
            label.setText(_(source))
        for combo, enum, optional in self._combos:
            if optional:
                combo.setItemText(0, _("not set"))
            for row, member in enumerate(enum, start=int(optional)):
                combo.setItemText(row, enum_name(member))
        for edit in self._dates:
            edit.setSpecialValueText(_("no date"))


def date_of(edit: QDateEdit) -> date | None:
    """The date shown, or None for the "no date" value."""
    chosen = edit.date()
    if chosen == NO_DATE:
        return None
    return date(chosen.year(), chosen.month(), chosen.day())
