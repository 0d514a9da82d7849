"""Values a user gets wrong are refused with a typed error naming the field, and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest

from mentorjournal.domain import (
    Goal,
    Homework,
    InvalidValue,
    Kind,
    Material,
    RecordKind,
    RecordNotFound,
    Relationship,
    Scope,
    Session,
)
from mentorjournal.domain.fields import MAX_ITEM, MAX_ITEMS
from mentorjournal.services.workspace import Workspace
from tests.services.records_helpers import add, add_relationship, minimal_values


@pytest.fixture
def relationship_id(workspace: Workspace) -> str:
    return add_relationship(workspace)


def _refused(error: pytest.ExceptionInfo[InvalidValue]) -> tuple[str, str, tuple[str, ...]]:
    return error.value.field, error.value.reason, error.value.allowed


BAD_NEW_RECORDS = [
    pytest.param(
        RecordKind.RELATIONSHIP,
        {"kind": "mentoring"},
        ("kind", "not_allowed", tuple(k.value for k in Kind)),
        id="enum",
    ),
    pytest.param(
        RecordKind.HOMEWORK,
        {"status": "finished"},
        ("status", "not_allowed", ("open", "done", "dropped")),
        id="homework-status",
    ),
    pytest.param(
        RecordKind.GOAL, {"target_date": "2026-02-30"}, ("target_date", "not_a_date", ()), id="date"
    ),
    pytest.param(
        RecordKind.SESSION, {"held_at": "wczoraj"}, ("held_at", "not_a_datetime", ()), id="datetime"
    ),
    pytest.param(
        RecordKind.GOAL, {"progress": 101}, ("progress", "out_of_range", ("0", "100")), id="101"
    ),
    pytest.param(
        RecordKind.REFLECTION, {"rating": "0"}, ("rating", "out_of_range", ("1", "5")), id="rating"
    ),
    pytest.param(
        RecordKind.SESSION,
        {"duration_minutes": "półtorej"},
        ("duration_minutes", "not_a_number", ()),
        id="number",
    ),
    pytest.param(
        RecordKind.HOMEWORK, {"colour": "red"}, ("colour", "unknown_field", ()), id="unknown"
    ),
    pytest.param(RecordKind.GOAL, {"title": "   "}, ("title", "required", ()), id="blank-title"),
    pytest.param(
        RecordKind.RELATIONSHIP,
        {"partner_names": " , "},
        ("partner_names", "required", ()),
        id="no-partner",
    ),
    pytest.param(
        RecordKind.ENTRY, {"scope": "shared"}, ("scope", "entry_always_private", ()), id="entry"
    ),
    pytest.param(
        RecordKind.MATERIAL,
        {"scope": "public"},
        ("scope", "not_allowed", ("private", "shared")),
        id="scope",
    ),
]


@pytest.mark.parametrize(("kind", "bad", "expected"), BAD_NEW_RECORDS)
def test_a_bad_value_refuses_the_new_record(
    workspace: Workspace,
    relationship_id: str,
    kind: RecordKind,
    bad: dict[str, Any],
    expected: tuple[str, str, tuple[str, ...]],
) -> None:
    before = workspace.records.list_records(kind)
    with pytest.raises(InvalidValue) as error:
        workspace.records.add(kind, {**minimal_values(kind, relationship_id), **bad})
    assert _refused(error) == expected
    assert workspace.records.list_records(kind) == before


BAD_CHANGES = [
    pytest.param({"progress": "101"}, ("progress", "out_of_range", ("0", "100")), id="101"),
    pytest.param({"target_date": "jutro"}, ("target_date", "not_a_date", ()), id="date"),
    pytest.param({"colour": "red"}, ("colour", "unknown_field", ()), id="unknown"),
    pytest.param({"relationship_id": "x"}, ("relationship_id", "not_settable", ()), id="parent"),
    pytest.param({"status": ""}, ("status", "required", ()), id="clear-status"),
    pytest.param({"progress": None}, ("progress", "required", ()), id="clear-progress"),
    pytest.param({"scope": ""}, ("scope", "required", ("private", "shared")), id="clear-scope"),
    pytest.param({"title": ""}, ("title", "required", ()), id="clear-title"),
]


@pytest.mark.parametrize(("bad", "expected"), BAD_CHANGES)
def test_a_bad_change_leaves_the_record_as_it_was(
    workspace: Workspace,
    relationship_id: str,
    bad: dict[str, Any],
    expected: tuple[str, str, tuple[str, ...]],
) -> None:
    goal = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Awans"})
    with pytest.raises(InvalidValue) as error:
        workspace.records.update(goal.id, {"description": "nowy opis", **bad})
    assert _refused(error) == expected
    assert workspace.records.get(goal.id) == goal
    assert workspace.records.history(goal.id, "description") == []


def test_fields_kept_by_the_app_cannot_be_set(workspace: Workspace, relationship_id: str) -> None:
    material = add(workspace, Material, {"relationship_id": relationship_id, "title": "Link"})
    with pytest.raises(InvalidValue) as error:
        workspace.records.update(material.id, {"attachment_id": "0" * 32})
    assert _refused(error) == ("attachment_id", "not_settable", ())


def test_an_entry_can_never_be_shared(workspace: Workspace) -> None:
    entry = workspace.records.add(RecordKind.ENTRY, {"text": "tylko dla mnie"})
    with pytest.raises(InvalidValue) as error:
        workspace.records.update(entry.id, {"scope": Scope.SHARED})
    assert _refused(error) == ("scope", "entry_always_private", ())
    assert workspace.records.get(entry.id).scope is Scope.PRIVATE
    kept = workspace.records.update(entry.id, {"scope": "PRIVATE"})
    assert kept.scope is Scope.PRIVATE


def test_homework_cannot_link_a_goal_of_another_relationship(
    workspace: Workspace, relationship_id: str
) -> None:
    other = add_relationship(workspace, "Ewa Zielińska")
    foreign_goal = add(workspace, Goal, {"relationship_id": other, "title": "Cudzy cel"})
    own_goal = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Mój cel"})
    values = {"relationship_id": relationship_id, "title": "Zadanie"}

    with pytest.raises(InvalidValue) as error:
        workspace.records.add(RecordKind.HOMEWORK, {**values, "goal_id": foreign_goal.id})
    assert _refused(error) == ("goal_id", "other_relationship", ())
    assert workspace.records.list_records(RecordKind.HOMEWORK) == []

    homework = add(workspace, Homework, {**values, "goal_id": own_goal.id})
    assert homework.goal_id == own_goal.id
    with pytest.raises(InvalidValue) as error:
        workspace.records.update(homework.id, {"goal_id": foreign_goal.id})
    assert _refused(error) == ("goal_id", "other_relationship", ())
    assert workspace.records.get(homework.id) == homework


def test_links_must_point_at_live_records_of_the_right_kind(
    workspace: Workspace, relationship_id: str
) -> None:
    goal = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Cel"})
    values = {"relationship_id": relationship_id, "title": "Zadanie"}

    with pytest.raises(InvalidValue) as error:
        workspace.records.add(RecordKind.HOMEWORK, {**values, "session_id": goal.id})
    assert _refused(error) == ("session_id", "not_a_session", ())

    workspace.records.delete(goal.id)
    with pytest.raises(InvalidValue) as error:
        workspace.records.add(RecordKind.HOMEWORK, {**values, "goal_id": goal.id})
    assert _refused(error) == ("goal_id", "in_trash", ())
    with pytest.raises(InvalidValue) as error:
        workspace.records.add(
            RecordKind.SESSION,
            {"relationship_id": relationship_id, "held_at": "2026-11-20", "goal_ids": [goal.id]},
        )
    assert _refused(error) == ("goal_ids", "in_trash", ())
    with pytest.raises(RecordNotFound):
        workspace.records.add(RecordKind.HOMEWORK, {**values, "goal_id": "no-such-goal"})


def test_a_session_cannot_link_goals_of_another_relationship(
    workspace: Workspace, relationship_id: str
) -> None:
    own = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Mój"})
    foreign = add(workspace, Goal, {"relationship_id": add_relationship(workspace), "title": "X"})
    values = {"relationship_id": relationship_id, "held_at": "2026-11-20T10:00"}

    with pytest.raises(InvalidValue) as error:
        workspace.records.add(RecordKind.SESSION, {**values, "goal_ids": [own.id, foreign.id]})
    assert _refused(error) == ("goal_ids", "other_relationship", ())

    session = add(workspace, Session, {**values, "goal_ids": f"{own.id}, "})
    assert session.goal_ids == (own.id,)


@pytest.mark.parametrize("kind", [k for k in RecordKind if k is not RecordKind.RELATIONSHIP])
def test_a_deleted_relationship_takes_no_new_records(
    workspace: Workspace, relationship_id: str, kind: RecordKind
) -> None:
    workspace.records.delete(relationship_id)
    values = {**minimal_values(kind, relationship_id), "relationship_id": relationship_id}
    with pytest.raises(InvalidValue) as error:
        workspace.records.add(kind, values)
    assert _refused(error) == ("relationship_id", "in_trash", ())
    assert workspace.records.list_records(kind) == []


def test_a_relationship_is_not_a_parent_of_its_own_kind(
    workspace: Workspace, relationship_id: str
) -> None:
    goal = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Cel"})
    with pytest.raises(InvalidValue) as error:
        workspace.records.add(RecordKind.GOAL, {"relationship_id": goal.id, "title": "Pod-cel"})
    assert _refused(error) == ("relationship_id", "not_a_relationship", ())


def test_a_relationship_has_at_most_one_live_agreement(
    workspace: Workspace, relationship_id: str
) -> None:
    first = workspace.records.add(RecordKind.AGREEMENT, {"relationship_id": relationship_id})
    with pytest.raises(InvalidValue) as error:
        workspace.records.add(RecordKind.AGREEMENT, {"relationship_id": relationship_id})
    assert _refused(error) == ("relationship_id", "agreement_exists", ())

    workspace.records.delete(first.id)
    second = workspace.records.add(RecordKind.AGREEMENT, {"relationship_id": relationship_id})
    with pytest.raises(InvalidValue) as error:
        workspace.records.undelete(first.id)
    assert _refused(error) == ("relationship_id", "agreement_exists", ())
    live = workspace.records.list_records(RecordKind.AGREEMENT, relationship_id=relationship_id)
    assert live == [second]
    other = add_relationship(workspace, "Ewa")
    assert workspace.records.add(RecordKind.AGREEMENT, {"relationship_id": other})


def test_a_relationship_cannot_lose_its_partner(workspace: Workspace) -> None:
    relationship = add(workspace, Relationship, {"partner_names": ["Jan", "Ola"]})
    with pytest.raises(InvalidValue) as error:
        workspace.records.update(relationship.id, {"partner_names": []})
    assert _refused(error) == ("partner_names", "required", ())
    assert workspace.records.get(relationship.id) == relationship


ONE_ID = "5e55b0a4-0000-4000-8000-000000000001"
OVERSIZED_LISTS = [
    pytest.param("partner_names", "x" * 10_000_000, id="a-10-MB-partner"),
    pytest.param("partner_names", ["Jan", "y" * (MAX_ITEM + 1)], id="one-name-too-long"),
    pytest.param("focus_areas", [f"obszar {n}" for n in range(MAX_ITEMS + 1)], id="too-many"),
]


@pytest.mark.parametrize(("field", "raw"), OVERSIZED_LISTS)
def test_list_fields_have_length_limits_like_text_fields(
    workspace: Workspace, field: str, raw: Any
) -> None:
    """Defect 10: a 10 MB ``--partner`` was stored while ``--title`` refused it."""
    relationship = add(workspace, Relationship, {"partner_names": "Jan"})
    with pytest.raises(InvalidValue) as new:
        workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "Ola", field: raw})
    with pytest.raises(InvalidValue) as change:
        workspace.records.update(relationship.id, {field: raw})

    assert _refused(new) == _refused(change) == (field, "too_long", ())
    assert workspace.records.list_records(RecordKind.RELATIONSHIP) == [relationship]


def test_a_session_links_a_bounded_number_of_goals(
    workspace: Workspace, relationship_id: str
) -> None:
    values = minimal_values(RecordKind.SESSION, relationship_id)
    with pytest.raises(InvalidValue) as error:
        workspace.records.add(RecordKind.SESSION, {**values, "goal_ids": [ONE_ID] * 101})
    assert _refused(error) == ("goal_ids", "too_long", ())
    assert workspace.records.list_records(RecordKind.SESSION) == []


def test_list_fields_at_their_limits_are_stored_whole(workspace: Workspace) -> None:
    names = [f"{n:03d} " + "ż" * (MAX_ITEM - 4) for n in range(MAX_ITEMS)]
    relationship = add(workspace, Relationship, {"partner_names": names[:3], "focus_areas": names})
    assert relationship.focus_areas == tuple(names)
    assert workspace.records.get(relationship.id) == relationship
