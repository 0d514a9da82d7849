"""Creating, reading, changing and listing every kind of record on a real encrypted journal."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime
from typing import Any

import pytest

from mentorjournal.domain import (
    Assignee,
    Entry,
    EvaluationMoment,
    Goal,
    GoalStatus,
    Homework,
    HomeworkStatus,
    InvalidValue,
    Kind,
    Material,
    MeetingFormat,
    Party,
    RecordKind,
    RecordNotFound,
    Role,
    Scope,
    Session,
    Stage,
)
from mentorjournal.services.workspace import Workspace
from tests.conftest import MovableClock, files_under
from tests.services.records_helpers import add, add_relationship, minimal_values, update

ALL_KINDS = list(RecordKind)
CHILD_KINDS = [kind for kind in RecordKind if kind is not RecordKind.RELATIONSHIP]

# What a record holds when the user gave only the fewest values (see minimal_values).
DEFAULTS: dict[RecordKind, dict[str, Any]] = {
    RecordKind.RELATIONSHIP: {
        "title": "Jan Nowak, Ola Wiśniewska",
        "partner_names": ("Jan Nowak", "Ola Wiśniewska"),
        "my_role": Role.MENTOR,
        "kind": Kind.TRADITIONAL,
        "stage": Stage.PREPARING,
        "focus_areas": (),
        "started_on": None,
        "interval_days": None,
        "scope": Scope.SHARED,
    },
    RecordKind.AGREEMENT: {
        "meeting_format": None,
        "frequency": "",
        "principles": "",
        "version": 1,
        "signatures": (),
        "scope": Scope.SHARED,
    },
    RecordKind.GOAL: {"status": GoalStatus.OPEN, "progress": 0, "target_date": None},
    RecordKind.SESSION: {
        "held_at": datetime(2026, 11, 20, 18, 30),
        "duration_minutes": None,
        "format": None,
        "private_notes": "",
        "goal_ids": (),
    },
    RecordKind.HOMEWORK: {
        "status": HomeworkStatus.OPEN,
        "assignee": Assignee.MENTEE,
        "due_date": None,
        "done_on": None,
        "goal_id": None,
    },
    RecordKind.MATERIAL: {"url": "", "note": "", "attachment_id": None},
    RecordKind.ENTRY: {"relationship_id": None, "title": "", "scope": Scope.PRIVATE},
    RecordKind.REFLECTION: {"party": Party.ME, "rating": None, "finalised_on": None},
    RecordKind.EVALUATION: {"moment": EvaluationMoment.MIDPOINT, "party": Party.ME, "answers": ()},
}

# A change a user makes to each kind (as text, like the command line), and what it reads back as.
CHANGES: dict[RecordKind, tuple[dict[str, Any], dict[str, Any]]] = {
    RecordKind.RELATIONSHIP: (
        {"stage": "active", "interval_days": "14", "focus_areas": "kariera, komunikacja"},
        {"stage": Stage.ACTIVE, "interval_days": 14, "focus_areas": ("kariera", "komunikacja")},
    ),
    RecordKind.AGREEMENT: (
        {"meeting_format": "in-person", "frequency": "co dwa  tygodnie"},
        {"meeting_format": MeetingFormat.IN_PERSON, "frequency": "co dwa tygodnie"},
    ),
    RecordKind.GOAL: (
        {"progress": "40", "target_date": "2027-03-31"},
        {"progress": 40, "target_date": date(2027, 3, 31)},
    ),
    RecordKind.SESSION: (
        {"duration_minutes": 90, "format": "online", "notes": "Omówiliśmy CV."},
        {"duration_minutes": 90, "format": MeetingFormat.ONLINE, "notes": "Omówiliśmy CV."},
    ),
    RecordKind.HOMEWORK: (
        {"due_date": "2026-12-01", "assignee": "mentor"},
        {"due_date": date(2026, 12, 1), "assignee": Assignee.MENTOR},
    ),
    RecordKind.MATERIAL: (
        {"url": "https://example.org/ksiazka", "scope": "private"},
        {"url": "https://example.org/ksiazka", "scope": Scope.PRIVATE},
    ),
    RecordKind.ENTRY: ({"title": "Po sesji"}, {"title": "Po sesji"}),
    RecordKind.REFLECTION: (
        {"rating": "4", "finalised_on": "2027-06-30"},
        {"rating": 4, "finalised_on": date(2027, 6, 30)},
    ),
    RecordKind.EVALUATION: (
        {"moment": "final", "answers": ["worth_it=5", "goals_clear=4"]},
        {"moment": EvaluationMoment.FINAL, "answers": ("goals_clear=4", "worth_it=5")},
    ),
}


@pytest.fixture
def relationship_id(workspace: Workspace) -> str:
    return add_relationship(workspace)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_kind_is_created_with_defaults_read_back_and_updated(
    workspace: Workspace, clock: MovableClock, relationship_id: str, kind: RecordKind
) -> None:
    created = workspace.records.add(kind, minimal_values(kind, relationship_id))

    assert str(uuid.UUID(created.id)) == created.id
    assert created.created_at == created.updated_at == clock.now
    assert created.deleted_at is None
    assert created.kind_of_record is kind
    for name, expected in DEFAULTS[kind].items():
        assert getattr(created, name) == expected, name
    if kind not in (RecordKind.RELATIONSHIP, RecordKind.ENTRY):
        assert getattr(created, "relationship_id") == relationship_id  # noqa: B009
    assert workspace.records.get(created.id) == created

    clock.advance(hours=1)
    given, expected_after = CHANGES[kind]
    changed = workspace.records.update(created.id, given)

    assert workspace.records.get(created.id) == changed
    for name, expected in expected_after.items():
        assert getattr(changed, name) == expected, name
    assert changed.created_at == created.created_at
    assert changed.updated_at == clock.now


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_records_are_immutable_read_models(
    workspace: Workspace, relationship_id: str, kind: RecordKind
) -> None:
    record = workspace.records.add(kind, minimal_values(kind, relationship_id))
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.scope = Scope.PRIVATE  # type: ignore[misc]
    assert workspace.records.get(record.id).scope == record.scope


@pytest.mark.parametrize("kind", CHILD_KINDS)
def test_lists_hold_only_the_chosen_relationships_records(
    workspace: Workspace, relationship_id: str, kind: RecordKind
) -> None:
    other_id = add_relationship(workspace, "Ewa Zielińska")
    mine_values = {**minimal_values(kind, relationship_id), "relationship_id": relationship_id}
    mine = [workspace.records.add(kind, mine_values).id]
    if kind is not RecordKind.AGREEMENT:  # one agreement per relationship
        mine.append(workspace.records.add(kind, mine_values).id)
    theirs_values = {**minimal_values(kind, other_id), "relationship_id": other_id}
    theirs = workspace.records.add(kind, theirs_values).id

    listed = workspace.records.list_records(kind, relationship_id=relationship_id)

    assert sorted(record.id for record in listed) == sorted(mine)
    everything = {record.id for record in workspace.records.list_records(kind)}
    assert everything == {*mine, theirs}


def test_sessions_are_listed_newest_first(workspace: Workspace, relationship_id: str) -> None:
    for held_at in ("2026-10-01T09:00", "2026-11-20T18:30", "2026-11-20T08:00", "2025-12-31"):
        add(workspace, Session, {"relationship_id": relationship_id, "held_at": held_at})

    listed = workspace.records.list_records(RecordKind.SESSION, relationship_id=relationship_id)

    assert [s.held_at for s in listed if isinstance(s, Session)] == [
        datetime(2026, 11, 20, 18, 30),
        datetime(2026, 11, 20, 8, 0),
        datetime(2026, 10, 1, 9, 0),
        datetime(2025, 12, 31, 0, 0),
    ]


def test_homework_is_listed_by_due_date_with_undated_last(
    workspace: Workspace, clock: MovableClock, relationship_id: str
) -> None:
    dues = [("bez daty 1", None), ("grudzień", "2026-12-15"), ("listopad", "2026-11-30")]
    dues += [("bez daty 2", ""), ("styczeń", "2027-01-02")]
    for title, due in dues:
        clock.advance(minutes=1)  # undated homework keeps the order it was added in
        add(
            workspace,
            Homework,
            {"relationship_id": relationship_id, "title": title, "due_date": due},
        )

    listed = workspace.records.list_records(RecordKind.HOMEWORK, relationship_id=relationship_id)

    titles = [h.title for h in listed if isinstance(h, Homework)]
    assert titles == ["listopad", "grudzień", "styczeń", "bez daty 1", "bez daty 2"]


def test_material_with_an_attachment_reads_back_its_file(
    workspace: Workspace, relationship_id: str
) -> None:
    content = "Notatki o żółwiu — CANARY-material".encode()
    material = workspace.records.add_material_file(
        {"relationship_id": relationship_id, "title": "Notatki"}, "notatki-żółw.txt", content
    )
    plain = add(workspace, Material, {"relationship_id": relationship_id, "title": "Link"})

    assert isinstance(material, Material)
    assert (material.attachment_name, material.attachment_size) == (
        "notatki-żółw.txt",
        len(content),
    )
    assert workspace.records.read_attachment(material.id) == ("notatki-żółw.txt", content)
    assert all(b"CANARY-material" not in path.read_bytes() for path in files_under(workspace.path))
    with pytest.raises(RecordNotFound):
        workspace.records.read_attachment(plain.id)


def test_homework_marked_done_gets_todays_date_and_reopening_clears_it(
    workspace: Workspace, clock: MovableClock, relationship_id: str
) -> None:
    homework = add(workspace, Homework, {"relationship_id": relationship_id, "title": "CV"})
    clock.advance(days=3)

    done = update(workspace, homework, {"status": "done"})
    assert done.status is HomeworkStatus.DONE
    assert done.done_on == clock.now.astimezone().date() == date(2026, 11, 26)
    clock.advance(days=2)
    saved_again = update(workspace, done, {"status": "done", "details": "Wysłane."})
    assert saved_again.done_on == date(2026, 11, 26)

    reopened = update(workspace, done, {"status": "open"})
    assert (reopened.status, reopened.done_on) == (HomeworkStatus.OPEN, None)

    added_done = add(
        workspace, Homework, {"relationship_id": relationship_id, "title": "x", "status": "done"}
    )
    assert added_done.done_on == date(2026, 11, 28)


def test_an_achieved_goal_is_complete(workspace: Workspace, relationship_id: str) -> None:
    goal = add(
        workspace, Goal, {"relationship_id": relationship_id, "title": "Awans", "progress": 30}
    )
    achieved = update(workspace, goal, {"status": "achieved"})
    assert (achieved.status, achieved.progress) == (GoalStatus.ACHIEVED, 100)

    added = add(
        workspace, Goal, {"relationship_id": relationship_id, "title": "B", "status": "achieved"}
    )
    assert added.progress == 100


def test_clearing_a_text_field_empties_it_and_keeps_the_old_text(
    workspace: Workspace, relationship_id: str
) -> None:
    goal = add(
        workspace, Goal, {"relationship_id": relationship_id, "title": "A", "description": "stary"}
    )
    cleared = update(workspace, goal, {"description": None})
    assert cleared.description == ""
    assert [h.value for h in workspace.records.history(goal.id, "description")] == ["stary"]


@pytest.fixture
def predictable_ids(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """New records get these ids, in order, so prefixes can be shared on purpose."""
    ids = [
        "abcd0001-0000-4000-8000-000000000001",
        "abcd0002-0000-4000-8000-000000000002",
        "12345678-0000-4000-8000-000000000003",
    ]
    pending = iter(ids)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(next(pending)))
    return ids


def test_resolve_finds_a_record_by_a_unique_prefix_only(
    workspace: Workspace, predictable_ids: list[str]
) -> None:
    first, second, third = predictable_ids
    relationship = add_relationship(workspace)
    goal = add(workspace, Goal, {"relationship_id": relationship, "title": "A"}).id
    entry = add(workspace, Entry, {"text": "x"}).id
    assert [relationship, goal, entry] == [first, second, third]

    assert workspace.records.resolve("abcd0002") == goal
    assert workspace.records.resolve(" ABCD0001-0000 ") == relationship
    assert workspace.records.resolve(third) == entry
    with pytest.raises(InvalidValue) as ambiguous:
        workspace.records.resolve("abcd")
    assert (ambiguous.value.field, ambiguous.value.reason) == ("id", "ambiguous")
    for not_found in ("123", "ffff", "abcd0003", "____", "%%%%", "abcd%", "1234_678"):
        with pytest.raises(RecordNotFound):
            workspace.records.resolve(not_found)


def test_an_entry_belongs_to_a_relationship_only_when_asked(
    workspace: Workspace, relationship_id: str
) -> None:
    entry = add(workspace, Entry, {"text": "x", "relationship_id": relationship_id})
    assert entry.relationship_id == relationship_id
    assert workspace.records.list_records(RecordKind.ENTRY, relationship_id=relationship_id) == [
        entry
    ]
    loose = update(workspace, entry, {"relationship_id": ""})
    assert loose.relationship_id is None
    assert workspace.records.list_records(RecordKind.ENTRY, relationship_id=relationship_id) == []
