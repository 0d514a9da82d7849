"""The Goals tab: status, progress, success criteria, target date and outcome."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from mentorjournal.domain import Goal, GoalStatus, RecordKind
from mentorjournal.i18n import N_, _
from mentorjournal.ui.names import goal_status_name
from mentorjournal.ui.tabs.dates import show_date
from mentorjournal.ui.tabs.record_tab import RecordTab
from mentorjournal.ui.tabs.table_model import Column
from mentorjournal.ui.worker import Worker


class GoalsTab(RecordTab):
    kind = RecordKind.GOAL

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(worker, "goals", parent)

    def columns(self) -> Sequence[Column[Goal]]:
        return [
            Column(lambda: _("Goal"), lambda g: g.title),
            Column(lambda: _("Status"), lambda g: goal_status_name(g.status)),
            Column(
                lambda: _("Progress"),
                lambda g: _("{percent} %").format(percent=g.progress),
                sort_key=lambda g: g.progress,
            ),
            Column(
                lambda: _("Target date"),
                lambda g: show_date(g.target_date),
                sort_key=lambda g: g.target_date.isoformat() if g.target_date else "",
            ),
        ]

    def build_form(self) -> None:
        self.title = self.add_line("title", N_("&Title:"))
        self.status = self.add_combo("status", N_("&Status:"), GoalStatus)
        self.progress = self.add_spin("progress", N_("&Progress:"), 0, 100)
        self.target_date = self.add_date("target_date", N_("Target &date:"))
        self.description = self.add_markdown("description", N_("D&escription"))
        self.success_criteria = self.add_markdown("success_criteria", N_("Success &criteria"))
        self.outcome_note = self.add_markdown("outcome_note", N_("&Outcome"))

    def fill(self, record: Goal) -> None:
        self.title.setText(record.title)
        self.set_combo(self.status, record.status)
        self.progress.setValue(record.progress)
        self.set_date(self.target_date, record.target_date)
        self.description.set_text(record.description)
        self.success_criteria.set_text(record.success_criteria)
        self.outcome_note.set_text(record.outcome_note)

    def clear_form(self) -> None:
        super().clear_form()
        self.progress.setValue(0)
        self.status.setCurrentIndex(0)

    def _saved(self, record: Any) -> None:
        super()._saved(record)
        # Achieving a goal sets its progress to 100 in the services: show it.
        if isinstance(record, Goal) and record.id == self.autosave.record_id:
            self._filling = True
            try:
                self.progress.setValue(record.progress)
            finally:
                self._filling = False

    def new_values(self) -> dict[str, Any]:
        return {"title": _("New goal")}

    def retranslate_tab(self) -> None:
        # No mnemonic: the tab bar and the menus hold the letters; Tab reaches the list.
        self.list_label.setText(_("Goals:"))
        self.view.setAccessibleName(_("Goals"))
        self.new_button.setText(_("&New goal"))
        self.progress.setSuffix(_(" %"))
