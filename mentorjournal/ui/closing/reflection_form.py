"""Step 3 of the closing: a party's reflection, its Markdown fields and an overall rating.

The owner writes their own reflection and may type in the partner's (given on paper or in
the closing session); each is a draft until the closing is finished. Edits are collected
here and taken by the tab's autosave (:meth:`take_pending`).

Signals:
    edited(): a field changed (the autosave restarts its timer).
    party_changed(): the user chose the other party's reflection (save pending edits first).
    history_requested(str): the user asked for a field's earlier versions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from mentorjournal.domain import RECORDS, Party, RecordKind, Reflection
from mentorjournal.i18n import _
from mentorjournal.services.closing import REFLECTION_FIELDS
from mentorjournal.ui.editor.markdown_editor import MarkdownField

TEXT_FIELDS = REFLECTION_FIELDS[:-1]


def _label(field: str) -> str:
    spec = RECORDS[RecordKind.REFLECTION].field(field)
    assert spec is not None
    return spec.label  # English: MarkdownField translates it when shown


class ReflectionForm(QWidget):
    edited = Signal()
    party_changed = Signal()
    history_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closing_reflection")
        self._filling = False
        self._pending: dict[Party, dict[str, Callable[[], Any]]] = {}
        self.party_label = QLabel(self)
        self.party = QComboBox(self)
        self.party.setObjectName("closing_reflection_party")
        for party in Party:
            self.party.addItem("", party.value)  # Qt keeps a StrEnum as a plain str
        self.party_label.setBuddy(self.party)
        self.party.currentIndexChanged.connect(lambda _row: self.party_changed.emit())
        self.rating_label = QLabel(self)
        self.rating = QSpinBox(self)
        self.rating.setObjectName("closing_reflection_rating")
        self.rating.setRange(0, 5)
        self.rating_label.setBuddy(self.rating)
        self.rating.valueChanged.connect(
            lambda value: self._edited("rating", lambda: value or None)
        )
        top = QFormLayout()
        top.addRow(self.party_label, self.party)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.fields: dict[str, MarkdownField] = {}
        for field in TEXT_FIELDS:
            widget = MarkdownField(f"closing_reflection_{field}", _label(field), parent=self)
            widget.setMinimumHeight(150)
            widget.edited.connect(lambda f=field, w=widget: self._edited(f, w.text))
            widget.history_requested.connect(lambda f=field: self.history_requested.emit(f))
            self.fields[field] = widget
            layout.addWidget(widget)
        bottom = QFormLayout()
        bottom.addRow(self.rating_label, self.rating)
        layout.addLayout(bottom)
        self.retranslate()

    @property
    def current_party(self) -> Party:
        return Party(self.party.currentData() or Party.ME.value)

    def show_reflection(self, reflection: Reflection | None) -> None:
        """Fill the form from the stored reflection of the party in view (None: not begun)."""
        self._filling = True
        try:
            for field, widget in self.fields.items():
                widget.set_text(getattr(reflection, field) if reflection is not None else "")
            rating = reflection.rating if reflection is not None else None
            self.rating.setValue(rating or 0)
        finally:
            self._filling = False

    def _edited(self, field: str, read: Callable[[], Any]) -> None:
        if self._filling:
            return
        self._pending.setdefault(self.current_party, {})[field] = read
        self.edited.emit()

    def take_pending(self) -> dict[Party, dict[str, Any]]:
        """The changed fields of each party, read now; they are no longer pending."""
        taken = {
            party: {field: read() for field, read in fields.items()}
            for party, fields in self._pending.items()
            if fields
        }
        self._pending.clear()
        return taken

    def put_back(self, changes: Mapping[Party, Mapping[str, Any]]) -> None:
        """Changes whose save failed: pending again, unless edited since."""
        for party, fields in changes.items():
            pending = self._pending.setdefault(party, {})
            for field, value in fields.items():
                pending.setdefault(field, _constant(value))

    @property
    def dirty(self) -> bool:
        return any(self._pending.values())

    def clear(self) -> None:
        self._pending.clear()
        self.show_reflection(None)

    def retranslate(self) -> None:
        self.party_label.setText(_("Whose reflection:"))
        for row, party in enumerate(Party):
            self.party.setItemText(
                row,
                _("My reflection") if party is Party.ME else _("My partner's reflection"),
            )
        self.rating_label.setText(_("Overall rat&ing (1–5):"))
        self.rating.setSpecialValueText(_("not rated"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value
