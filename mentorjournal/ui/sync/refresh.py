"""After a sync changed the journal: show the new records without losing what is being typed.

The relationship list and the overview are read again. A record tab out of sight is simply
reloaded (what it had pending is saved first). The tab in view keeps its selection: its rows
are updated in place, and the record open in its form is filled again only when the sync
changed it and the form holds no unsaved text; an editor with unsaved text is never
overwritten (its autosave goes out first, as always).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from mentorjournal.domain import Record
from mentorjournal.ui.editor.markdown_editor import MarkdownField
from mentorjournal.ui.overview import OverviewPanel
from mentorjournal.ui.relationships.panel import RelationshipsPanel
from mentorjournal.ui.tabs.record_tab import RecordTab
from mentorjournal.ui.worker import Worker


def refresh_after_sync(
    worker: Worker,
    relationships: RelationshipsPanel,
    overview: OverviewPanel,
    tabs: Iterable[RecordTab],
) -> None:
    for tab in tabs:
        tab.autosave.save_now()  # queued before every read below
        relationship = tab.relationship
        if relationship is None:
            continue
        if not tab.isVisible():
            tab.load(relationship)  # read again when shown
            continue
        shown = tab.current_record()  # as the form was filled, before the sync's changes
        update = functools.partial(_update_rows, tab, relationship.id, shown)
        worker.submit(tab.list_task(relationship), update, owner=tab)
    relationships.load()
    current = relationships.current()
    if current is not None:
        overview.load(current.id)


def _update_rows(tab: RecordTab, relationship_id: str, shown: Any, records: list[Record]) -> None:
    if tab.relationship is None or tab.relationship.id != relationship_id:
        return  # the user switched meanwhile; that switch read the list afresh
    fresh = {record.id: record for record in records}
    for old in tab.model.records():
        if old.id not in fresh and old.id != tab.autosave.record_id:
            tab.model.remove(old.id)
    for record in records:
        tab.model.upsert(record)
    current = tab.current_record()
    if shown is None or current is None or current.id != shown.id or tab.autosave.dirty:
        return
    new = fresh.get(shown.id)
    if new is not None and _brings_news(tab, shown, new):
        tab._show(new)  # the form shows what the sync brought; nothing unsaved is in it


def _brings_news(tab: RecordTab, before: Any, after: Record) -> bool:
    """Whether ``after`` holds a value the form does not show yet.

    The user's own edits, saved a moment ago, are already in the form: filling it again
    for them alone would only move the cursor of the field being typed in.
    """
    for field in dataclasses.fields(after):
        name = field.name
        new = getattr(after, name)
        if name == "updated_at" or getattr(before, name, None) == new:
            continue
        widget = tab.findChild(QWidget, f"{tab.field_prefix}_{name}")
        if isinstance(widget, MarkdownField | QLineEdit) and widget.text() == new:
            continue
        return True
    return False
