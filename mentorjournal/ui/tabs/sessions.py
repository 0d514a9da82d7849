"""The Sessions tab: meetings with their agenda, notes (shared and private) and takeaways.

New sessions start from a template (first meeting, GROW, closing, and for reverse mentoring
its usual topics), read from resources/templates in the user's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDateTimeEdit, QListView, QMenu, QPushButton, QWidget

from mentorjournal.domain import Goal, MeetingFormat, Record, RecordKind, Session
from mentorjournal.i18n import N_, _
from mentorjournal.ui.names import format_name
from mentorjournal.ui.tabs.dates import from_qdatetime, qdatetime, show_datetime
from mentorjournal.ui.tabs.goal_choices import GoalChoiceModel
from mentorjournal.ui.tabs.record_tab import RecordTab
from mentorjournal.ui.tabs.session_templates import load_template, template_keys
from mentorjournal.ui.tabs.table_model import Column
from mentorjournal.ui.worker import Worker


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("-*# ").strip()
    return ""


class SessionsTab(RecordTab):
    kind = RecordKind.SESSION
    stretch_column = 2

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        self.goal_choices = GoalChoiceModel()
        super().__init__(worker, "sessions", parent)
        self.goal_choices.setParent(self)
        self.template_button = QPushButton(self)
        self.template_button.setObjectName("sessions_from_template")
        self.template_menu = QMenu(self.template_button)
        self.template_menu.setObjectName("sessions_template_menu")
        self.template_button.setMenu(self.template_menu)
        self.button_row.insertWidget(1, self.template_button)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the latest session first
        self.goal_choices.toggled.connect(
            lambda: self._set("goal_ids", self.goal_choices.checked_ids())
        )
        self._goals_token = 0
        self.retranslate()

    def columns(self) -> Sequence[Column[Session]]:
        return [
            Column(
                lambda: _("When"),
                lambda s: show_datetime(s.held_at),
                sort_key=lambda s: s.held_at.isoformat(),
            ),
            Column(lambda: _("Format"), lambda s: format_name(s.format)),
            Column(lambda: _("Agenda"), lambda s: _first_line(s.agenda)),
        ]

    def build_form(self) -> None:
        self.held_at = QDateTimeEdit(self.form_host)
        self.held_at.setObjectName("sessions_held_at")
        self.held_at.setCalendarPopup(True)
        self.held_at.dateTimeChanged.connect(
            lambda value: self._set("held_at", from_qdatetime(value))
        )
        self.form.addRow(self._label(N_("&Date and time:"), self.held_at), self.held_at)
        self.duration = self.add_spin("duration_minutes", N_("D&uration:"), 0, 24 * 60)
        self.format = self.add_combo("format", N_("F&ormat:"), MeetingFormat, optional=True)
        self.goals_view = QListView(self.form_host)
        self.goals_view.setObjectName("sessions_goals")
        self.goals_view.setModel(self.goal_choices)
        self.goals_view.setMaximumHeight(110)
        self.form.addRow(self._label(N_("Linked &goals:"), self.goals_view), self.goals_view)
        self.agenda = self.add_markdown("agenda", N_("&Agenda"))
        self.notes = self.add_markdown("notes", N_("Shared &notes"))
        self.private_notes = self.add_markdown("private_notes", N_("&Private notes"), private=True)
        self.takeaways = self.add_markdown("takeaways", N_("Ta&keaways"))

    def _set(self, field: str, value: Any) -> None:
        if field == "duration_minutes" and value == 0:
            value = None  # 0 is the spin box's "not set"
        super()._set(field, value)

    def fill(self, record: Session) -> None:
        self.held_at.setDateTime(qdatetime(record.held_at))
        self.duration.setValue(record.duration_minutes or 0)
        self.set_combo(self.format, record.format)
        self.goal_choices.set_checked(record.goal_ids)
        self.agenda.set_text(record.agenda)
        self.notes.set_text(record.notes)
        self.private_notes.set_text(record.private_notes)
        self.takeaways.set_text(record.takeaways)

    def clear_form(self) -> None:
        super().clear_form()
        self.held_at.setDateTime(QDateTime.currentDateTime())
        self.duration.setValue(0)
        self.format.setCurrentIndex(0)
        self.goal_choices.set_checked([])

    def new_values(self) -> dict[str, Any]:
        return {"held_at": datetime.now().replace(second=0, microsecond=0)}

    def new_from_template(self, key: str) -> None:
        template = load_template(key)
        self.add_record({**self.new_values(), "agenda": template.agenda, "notes": template.notes})

    def _fill_template_menu(self) -> None:
        if not hasattr(self, "template_menu"):
            return  # called by the base class before the menu exists
        self.template_menu.clear()
        kind = self.relationship.kind if self.relationship is not None else None
        for key in template_keys(kind):
            action = self.template_menu.addAction(load_template(key).name)
            action.setObjectName(f"template_{key}")
            action.triggered.connect(lambda _checked=False, key=key: self.new_from_template(key))

    # -- the relationship's goals, for linking -------------------------------------------------

    def relationship_changed(self) -> None:
        self._fill_template_menu()
        self.reload_goals()

    def reload_goals(self) -> None:
        self._goals_token += 1
        token = self._goals_token
        relationship = self.relationship
        if relationship is None:
            self.goal_choices.clear()
            return
        rid = relationship.id
        self._worker.submit(
            lambda holder: holder.workspace.records.list_records(
                RecordKind.GOAL, relationship_id=rid
            ),
            lambda goals: self._goals_loaded(token, goals),
            owner=self,
        )

    def _goals_loaded(self, token: int, goals: list[Record]) -> None:
        if token != self._goals_token:
            return
        record = self.current_record()
        self.goal_choices.set_goals(g for g in goals if isinstance(g, Goal))
        self.goal_choices.set_checked(record.goal_ids if isinstance(record, Session) else [])

    def retranslate_tab(self) -> None:
        # No mnemonic: the tab bar and the menus hold the letters; Tab reaches the list.
        self.list_label.setText(_("Sessions:"))
        self.view.setAccessibleName(_("Sessions"))
        self.new_button.setText(_("&New session"))
        if hasattr(self, "template_button"):
            self.template_button.setText(_("New from te&mplate"))
            self._fill_template_menu()
        self.held_at.setAccessibleName(_("Date and time"))
        self.duration.setSpecialValueText(_("not set"))
        self.duration.setSuffix(_(" min"))
        self.goals_view.setAccessibleName(_("Linked goals"))
