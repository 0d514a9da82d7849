"""The Diary tab: private entries, tied to the chosen relationship or to none.

The list shows the entries of the chosen relationship and those tied to no relationship.
Entries are always private: they never leave this journal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from mentorjournal.domain import Entry, Record, RecordKind, Relationship
from mentorjournal.i18n import N_, _
from mentorjournal.ui import icons
from mentorjournal.ui.tabs.dates import show_date, show_datetime
from mentorjournal.ui.tabs.record_tab import RecordTab
from mentorjournal.ui.tabs.table_model import Column
from mentorjournal.ui.worker import Holder, Worker


def _local(entry: Entry) -> str:
    return show_datetime(entry.created_at.astimezone().replace(tzinfo=None))


class DiaryTab(RecordTab):
    kind = RecordKind.ENTRY

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(worker, "diary", parent)

    def columns(self) -> Sequence[Column[Entry]]:
        return [
            Column(lambda: _("Written"), _local, sort_key=lambda e: e.created_at.isoformat()),
            Column(lambda: _("Title"), lambda e: e.title),
            Column(
                lambda: _("Relationship"),
                lambda e: _("this one") if e.relationship_id else _("none"),
            ),
        ]

    def build_form(self) -> None:
        self.private_mark = QLabel(self.form_host)
        self.private_mark.setObjectName("diary_private")
        self.private_icon = QLabel(self.form_host)
        self.private_icon.setPixmap(icons.private().pixmap(16, 16))
        self.form.addRow(self.private_icon, self.private_mark)
        self.title = self.add_line("title", N_("&Title:"))
        self.tied = QCheckBox(self.form_host)
        self.tied.setObjectName("diary_tied")
        self.tied.toggled.connect(self._tied_changed)
        self.form.addRow(self.tied)
        self.text = self.add_markdown("text", N_("&Entry"))

    def _tied_changed(self, tied: bool) -> None:
        relationship = self.relationship
        self._set("relationship_id", relationship.id if tied and relationship else None)

    def list_task(self, relationship: Relationship) -> Callable[[Holder], list[Record]]:
        rid = relationship.id

        def task(holder: Holder) -> list[Record]:
            entries = holder.workspace.records.list_records(RecordKind.ENTRY)
            return [e for e in entries if getattr(e, "relationship_id", None) in (rid, None)]

        return task

    def fill(self, record: Entry) -> None:
        self.title.setText(record.title)
        self.tied.setChecked(record.relationship_id is not None)
        self.text.set_text(record.text)

    def clear_form(self) -> None:
        super().clear_form()
        self.tied.setChecked(False)

    def new_values(self) -> dict[str, Any]:
        # An entry is never empty: it starts with the day it was written.
        return {"title": "", "text": f"## {show_date(date.today())}\n\n"}

    def retranslate_tab(self) -> None:
        # No mnemonic: the tab bar and the menus hold the letters; Tab reaches the list.
        self.list_label.setText(_("Diary entries:"))
        self.view.setAccessibleName(_("Diary entries"))
        self.new_button.setText(_("&New entry"))
        self.private_mark.setText(_("Private: diary entries never leave this journal"))
        self.private_icon.setAccessibleName(_("Private"))
        self.tied.setText(_("&About this relationship"))
