"""Earlier values of text fields, and the trash: what a user can take back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentorjournal.domain import (
    RECORDS,
    FieldType,
    Goal,
    InvalidValue,
    RecordKind,
    RecordNotFound,
)
from mentorjournal.services.workspace import Workspace
from tests.conftest import MovableClock
from tests.services.records_helpers import (
    BODY_FIELD,
    add,
    add_relationship,
    hit_ids,
    minimal_values,
)

TEXT_FIELDS = [(kind, name) for kind in RecordKind for name in RECORDS[kind].text_fields]
OTHER_FIELDS = [
    (kind, spec.name)
    for kind in RecordKind
    for spec in RECORDS[kind].fields
    if spec.name not in RECORDS[kind].text_fields
]


@pytest.fixture
def relationship_id(workspace: Workspace) -> str:
    return add_relationship(workspace)


def test_every_text_and_line_field_keeps_history() -> None:
    kinds_of_fields = {
        spec.field_type
        for kind, name in TEXT_FIELDS
        for spec in RECORDS[kind].fields
        if spec.name == name
    }
    assert kinds_of_fields == {FieldType.TEXT, FieldType.LINE}
    assert len(TEXT_FIELDS) >= 30


@pytest.mark.parametrize(("kind", "field"), TEXT_FIELDS)
def test_a_text_field_keeps_its_earlier_values_newest_first(
    workspace: Workspace, clock: MovableClock, relationship_id: str, kind: RecordKind, field: str
) -> None:
    record = workspace.records.add(
        kind, {**minimal_values(kind, relationship_id), field: "Pierwsza wersja: żółw"}
    )
    first_replaced = clock.now + timedelta(hours=1)
    clock.advance(hours=1)
    workspace.records.update(record.id, {field: "Druga wersja"})
    clock.advance(days=2)
    workspace.records.update(record.id, {field: "Trzecia wersja"})

    history = workspace.records.history(record.id, field)

    assert [entry.value for entry in history] == ["Druga wersja", "Pierwsza wersja: żółw"]
    assert [entry.replaced_at for entry in history] == [clock.now, first_replaced]
    assert {(entry.record_id, entry.field) for entry in history} == {(record.id, field)}
    assert getattr(workspace.records.get(record.id), field) == "Trzecia wersja"

    restored = workspace.records.restore_history(record.id, history[-1].id)

    assert getattr(restored, field) == "Pierwsza wersja: żółw"
    assert getattr(workspace.records.get(record.id), field) == "Pierwsza wersja: żółw"
    assert [entry.value for entry in workspace.records.history(record.id, field)] == [
        "Trzecia wersja",
        "Druga wersja",
        "Pierwsza wersja: żółw",
    ]


def test_saving_the_same_text_adds_no_history(workspace: Workspace, relationship_id: str) -> None:
    goal = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Awans"})
    workspace.records.update(goal.id, {"title": "Awans", "description": ""})
    assert workspace.records.history(goal.id, "title") == []
    assert workspace.records.history(goal.id, "description") == []


def test_history_of_one_field_never_shows_another(
    workspace: Workspace, relationship_id: str
) -> None:
    goal = add(
        workspace, Goal, {"relationship_id": relationship_id, "title": "A", "description": "x"}
    )
    workspace.records.update(goal.id, {"title": "B", "description": "y"})
    assert [entry.value for entry in workspace.records.history(goal.id, "title")] == ["A"]
    assert [entry.value for entry in workspace.records.history(goal.id, "description")] == ["x"]
    assert workspace.records.history(goal.id, "outcome_note") == []


@pytest.mark.parametrize(("kind", "field"), [*OTHER_FIELDS, (RecordKind.GOAL, "no_such_field")])
def test_fields_other_than_text_have_no_history(
    workspace: Workspace, relationship_id: str, kind: RecordKind, field: str
) -> None:
    record = workspace.records.add(kind, minimal_values(kind, relationship_id))
    with pytest.raises(InvalidValue) as error:
        workspace.records.history(record.id, field)
    assert (error.value.field, error.value.reason) == (field, "no_history")
    assert set(error.value.allowed) == set(RECORDS[kind].text_fields)


def test_restoring_needs_a_history_entry_of_that_record(
    workspace: Workspace, relationship_id: str
) -> None:
    one = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Jeden"})
    two = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Dwa"})
    workspace.records.update(one.id, {"title": "Jeden i pół"})
    [entry] = workspace.records.history(one.id, "title")

    with pytest.raises(RecordNotFound):
        workspace.records.restore_history(two.id, entry.id)
    with pytest.raises(RecordNotFound):
        workspace.records.restore_history(one.id, entry.id + 1000)
    assert workspace.records.get(two.id) == two


def test_restoring_history_makes_the_old_text_searchable_again(
    workspace: Workspace, relationship_id: str
) -> None:
    goal = add(
        workspace, Goal, {"relationship_id": relationship_id, "title": "Cel", "description": "Łódź"}
    )
    workspace.records.update(goal.id, {"description": "Kraków"})
    assert hit_ids(workspace, "lodz") == []
    [entry] = workspace.records.history(goal.id, "description")
    workspace.records.restore_history(goal.id, entry.id)
    assert hit_ids(workspace, "lodz") == [goal.id]
    assert hit_ids(workspace, "krakow") == []


@pytest.mark.parametrize("kind", list(RecordKind))
def test_a_deleted_record_goes_to_the_trash_and_comes_back(
    workspace: Workspace, clock: MovableClock, relationship_id: str, kind: RecordKind
) -> None:
    word = f"szuflada{kind.value}"
    values = {**minimal_values(kind, relationship_id), BODY_FIELD[kind]: f"Notatka: {word}"}
    record = workspace.records.add(kind, values)
    owner = None if kind in (RecordKind.RELATIONSHIP, RecordKind.ENTRY) else relationship_id

    def listed() -> list[str]:
        return [r.id for r in workspace.records.list_records(kind, relationship_id=owner)]

    def trash() -> list[str]:
        return [r.id for r in workspace.records.list_records(kind, trash=True)]

    assert record.id in listed()
    assert hit_ids(workspace, word) == [record.id]
    clock.advance(minutes=10)

    deleted = workspace.records.delete(record.id)

    assert deleted.deleted_at == clock.now
    assert workspace.records.get(record.id).deleted_at == clock.now
    assert record.id not in listed()
    assert hit_ids(workspace, word) == []
    assert trash() == [record.id]

    restored = workspace.records.undelete(record.id)

    assert restored.deleted_at is None
    assert record.id in listed()
    assert hit_ids(workspace, word) == [record.id]
    assert trash() == []
    assert getattr(restored, BODY_FIELD[kind]) == f"Notatka: {word}"


def test_a_deleted_relationship_hides_its_records_until_restored(
    workspace: Workspace, relationship_id: str
) -> None:
    goal = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Wspólny żółw"})
    entry = workspace.records.add(
        RecordKind.ENTRY, {"text": "Mój żółw", "relationship_id": relationship_id}
    )
    loose = workspace.records.add(RecordKind.ENTRY, {"text": "Inny żółw"})
    assert sorted(hit_ids(workspace, "zolw")) == sorted([goal.id, entry.id, loose.id])

    workspace.records.delete(relationship_id)

    assert hit_ids(workspace, "zolw") == [loose.id]
    assert workspace.records.list_records(RecordKind.GOAL) == []
    assert [e.id for e in workspace.records.list_records(RecordKind.ENTRY)] == [loose.id]
    assert [d.relationship_id for d in workspace.dashboard.all()] == []
    trash = workspace.records.list_records(RecordKind.RELATIONSHIP, trash=True)
    assert [r.id for r in trash] == [relationship_id]
    # The relationship's own records were not deleted one by one: they come back with it.
    assert workspace.records.list_records(RecordKind.GOAL, trash=True) == []

    workspace.records.undelete(relationship_id)

    assert sorted(hit_ids(workspace, "zolw")) == sorted([goal.id, entry.id, loose.id])
    assert workspace.records.list_records(RecordKind.GOAL) == [goal]
    assert len(workspace.records.list_records(RecordKind.ENTRY)) == 2
    assert [d.relationship_id for d in workspace.dashboard.all()] == [relationship_id]


def test_deleting_a_missing_record_says_not_found(workspace: Workspace) -> None:
    with pytest.raises(RecordNotFound):
        workspace.records.delete("00000000-0000-4000-8000-000000000000")
    with pytest.raises(RecordNotFound):
        workspace.records.history("00000000-0000-4000-8000-000000000000", "notes")
