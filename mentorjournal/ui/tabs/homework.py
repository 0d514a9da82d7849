"""The Homework tab: who does what by when; overdue shown in words and with an icon."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QWidget

from mentorjournal.domain import Assignee, Homework, HomeworkStatus, RecordKind
from mentorjournal.i18n import N_, _, ngettext
from mentorjournal.ui import icons
from mentorjournal.ui.names import assignee_name, homework_status_name
from mentorjournal.ui.tabs.dates import show_date
from mentorjournal.ui.tabs.record_tab import RecordTab
from mentorjournal.ui.tabs.table_model import Column
from mentorjournal.ui.worker import Worker


def is_overdue(homework: Homework, today: date | None = None) -> bool:
    """Open homework whose due date has passed."""
    today = today or date.today()
    return (
        homework.status is HomeworkStatus.OPEN
        and homework.due_date is not None
        and homework.due_date < today
    )


def status_words(homework: Homework) -> str:
    if is_overdue(homework):
        return _("overdue")
    return homework_status_name(homework.status)


def _overdue_icon(homework: Homework) -> QIcon | None:
    return icons.warning() if is_overdue(homework) else None


class HomeworkTab(RecordTab):
    kind = RecordKind.HOMEWORK

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(worker, "homework", parent)

    def columns(self) -> Sequence[Column[Homework]]:
        return [
            Column(lambda: _("Homework"), lambda h: h.title),
            Column(lambda: _("Assignee"), lambda h: assignee_name(h.assignee)),
            Column(
                lambda: _("Due"),
                lambda h: show_date(h.due_date),
                sort_key=lambda h: h.due_date.isoformat() if h.due_date else "",
            ),
            Column(lambda: _("Status"), status_words, icon=_overdue_icon),
        ]

    def build_form(self) -> None:
        self.title = self.add_line("title", N_("&Title:"))
        self.assignee = self.add_combo("assignee", N_("&Assignee:"), Assignee)
        self.due_date = self.add_date("due_date", N_("&Due date:"))
        self.status = self.add_combo("status", N_("&Status:"), HomeworkStatus)
        self.overdue = QLabel(self.form_host)
        self.overdue.setObjectName("homework_overdue")
        self.form.addRow(self.overdue)
        self.details = self.add_markdown("details", N_("D&etails"))

    def fill(self, record: Homework) -> None:
        self.title.setText(record.title)
        self.set_combo(self.assignee, record.assignee)
        self.set_date(self.due_date, record.due_date)
        self.set_combo(self.status, record.status)
        self.details.set_text(record.details)
        self._show_overdue(record)

    def _show_overdue(self, record: Homework | None) -> None:
        if record is not None and is_overdue(record):
            assert record.due_date is not None
            days = (date.today() - record.due_date).days
            self.overdue.setText(
                ngettext(
                    "Overdue: due {due}, {days} day ago",
                    "Overdue: due {due}, {days} days ago",
                    days,
                ).format(due=show_date(record.due_date), days=days)
            )
            self.overdue.setVisible(True)
        else:
            self.overdue.clear()
            self.overdue.setVisible(False)

    def clear_form(self) -> None:
        super().clear_form()
        self.assignee.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self._show_overdue(None)

    def _saved(self, record: Any) -> None:
        super()._saved(record)
        if isinstance(record, Homework) and record.id == self.autosave.record_id:
            self._show_overdue(record)

    def new_values(self) -> dict[str, Any]:
        return {"title": _("New homework")}

    def retranslate_tab(self) -> None:
        # No mnemonic: the tab bar and the menus hold the letters; Tab reaches the list.
        self.list_label.setText(_("Homework:"))
        self.view.setAccessibleName(_("Homework"))
        self.new_button.setText(_("&New homework"))
        record = self.current_record()
        self._show_overdue(record if isinstance(record, Homework) else None)
