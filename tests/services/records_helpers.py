"""Small builders for the service tests: typed records with the fewest values each kind needs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from mentorjournal.domain import RECORDS, Record, RecordKind, Relationship
from mentorjournal.services.workspace import Workspace
from tests.conftest import MovableClock

R = TypeVar("R", bound=Record)

KIND_OF: dict[type[Record], RecordKind] = {d.model: kind for kind, d in RECORDS.items()}

# A text field of each kind that search indexes outside the title.
BODY_FIELD: dict[RecordKind, str] = {
    RecordKind.RELATIONSHIP: "title",
    RecordKind.AGREEMENT: "principles",
    RecordKind.GOAL: "description",
    RecordKind.SESSION: "notes",
    RecordKind.HOMEWORK: "details",
    RecordKind.MATERIAL: "note",
    RecordKind.ENTRY: "text",
    RecordKind.REFLECTION: "lessons",
    RecordKind.EVALUATION: "comment",
}


def add(workspace: Workspace, model: type[R], values: Mapping[str, Any]) -> R:
    """Add a record through the service and narrow it to its read model."""
    record = workspace.records.add(KIND_OF[model], values)
    assert isinstance(record, model)
    return record


def update(workspace: Workspace, record: R, changes: Mapping[str, Any]) -> R:
    changed = workspace.records.update(record.id, changes)
    assert isinstance(changed, type(record))
    return changed


def add_relationship(workspace: Workspace, partner: str = "Jan Nowak", **values: Any) -> str:
    return add(workspace, Relationship, {"partner_names": partner, **values}).id


def minimal_values(kind: RecordKind, relationship_id: str) -> dict[str, Any]:
    """The fewest values a user gives to create a record of ``kind``."""
    if kind is RecordKind.RELATIONSHIP:
        return {"partner_names": "Jan Nowak, Ola Wiśniewska"}
    if kind is RecordKind.ENTRY:
        return {"text": "Dziś myślałam o naszej rozmowie."}
    values: dict[str, Any] = {"relationship_id": relationship_id}
    if kind in (RecordKind.GOAL, RecordKind.HOMEWORK, RecordKind.MATERIAL):
        values["title"] = f"Pierwszy {kind.value}"
    if kind is RecordKind.SESSION:
        values["held_at"] = "2026-11-20T18:30"
    return values


def local_now(clock: MovableClock) -> datetime:
    """The clock's moment as naive wall-clock time here, the way meeting times are kept."""
    return clock.now.astimezone().replace(tzinfo=None)


def hit_ids(workspace: Workspace, query: str, **filters: Any) -> list[str]:
    return [hit.record_id for hit in workspace.search.search(query, **filters)]
