"""After a sync changed the journal: show the new records without losing what is being typed.

The relationship list and the overview are read again. A record tab out of sight is simply
reloaded (what it had pending is saved first). The tab in view keeps its selection: its rows
are updated in place, and the record open in its form is filled again only when the sync
changed it and the form holds no unsaved text; an editor with unsaved text is never
overwritten (its autosave goes out first, as always).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from mentorjournal.domain import Record
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
        worker.submit(
            tab.list_task(relationship),
            functools.partial(_update_rows, tab, relationship.id),
            owner=tab,
        )
    relationships.load()
    current = relationships.current()
    if current is not None:
        overview.load(current.id)


def _update_rows(tab: RecordTab, relationship_id: str, records: list[Record]) -> None:
    if tab.relationship is None or tab.relationship.id != relationship_id:
        return  # the user switched meanwhile; that switch read the list afresh
    shown: Any = tab.current_record()
    fresh = {record.id: record for record in records}
    for old in tab.model.records():
        if old.id not in fresh and old.id != tab.autosave.record_id:
            tab.model.remove(old.id)
    for record in records:
        tab.model.upsert(record)
    if shown is None or tab.autosave.dirty:
        return
    new = fresh.get(shown.id)
    if new is not None and new.updated_at != shown.updated_at:
        tab._show(new)  # the form shows what the sync brought; nothing unsaved is in it
