"""The closing of a relationship, saved midway, refused while incomplete, finished, reopened."""

from __future__ import annotations

from datetime import date

import pytest

from mentorjournal.domain import (
    EvaluationMoment,
    Goal,
    GoalStatus,
    InvalidValue,
    Party,
    RecordKind,
    RecordNotFound,
    Reflection,
    Relationship,
    Scope,
    Stage,
)
from mentorjournal.domain.errors import (
    ClosingGap,
    ClosingIncomplete,
    Reason,
    RelationshipClosed,
)
from mentorjournal.i18n import Language, use_language
from mentorjournal.i18n.describe import describe_error
from mentorjournal.services.closing import Verdict
from mentorjournal.services.sample_journal import build_sample
from mentorjournal.services.workspace import Workspace
from mentorjournal.store.records import Insert, RecordStore, Update
from tests.conftest import MovableClock
from tests.services.records_helpers import add, add_relationship

TODAY = date(2026, 11, 23)  # the test clock's day


def _goals(workspace: Workspace, rid: str, *titles: str) -> list[str]:
    return [add(workspace, Goal, {"relationship_id": rid, "title": t}).id for t in titles]


def _relationship(workspace: Workspace, rid: str) -> Relationship:
    record = workspace.records.get(rid)
    assert isinstance(record, Relationship)
    return record


def test_a_closing_saved_midway_is_resumed_and_finished(workspace: Workspace) -> None:
    rid = add_relationship(workspace, stage="active", started_on="2026-01-10")
    speak, blog = _goals(workspace, rid, "Speak up in meetings", "Prowadzić bloga")
    closing = workspace.closing

    state = closing.judge_goal(speak, GoalStatus.ACHIEVED, "Spoke at the all-hands twice.")
    assert state.relationship.stage is Stage.CLOSING  # the first change begins the closing
    assert [g.id for g in state.open_goals] == [blog]
    assert state.gaps == (ClosingGap.OPEN_GOALS, ClosingGap.OWN_REFLECTION)
    closing.save_reflection(rid, Party.ME, {"what_worked": "Pytania zamiast rad."})

    # Another day, another run: the state is read back from the journal as it was left.
    resumed = closing.state(rid)
    assert resumed.reflections[Party.ME].what_worked == "Pytania zamiast rad."
    assert resumed.reflections[Party.ME].finalised_on is None
    assert resumed.gaps == (ClosingGap.OPEN_GOALS,)
    assert not resumed.ready

    done = closing.finish(
        rid,
        verdicts=[Verdict(blog, GoalStatus.NOT_ACHIEVABLE, "The company blog was closed.")],
        reflections={Party.ME: {"lessons": "Słuchać do końca.", "rating": 4}},
    )
    assert done.closed
    relationship = _relationship(workspace, rid)
    assert (relationship.stage, relationship.ended_on) == (Stage.CLOSED, TODAY)
    own = done.reflections[Party.ME]
    assert (own.what_worked, own.lessons, own.rating) == (
        "Pytania zamiast rad.",
        "Słuchać do końca.",
        4,
    )
    assert own.finalised_on == TODAY
    goals = {g.id: g for g in done.goals}
    assert goals[speak].progress == 100
    assert goals[blog].status is GoalStatus.NOT_ACHIEVABLE
    assert goals[blog].outcome_note == "The company blog was closed."
    assert len(workspace.records.list_records(RecordKind.REFLECTION, relationship_id=rid)) == 1


def test_finishing_with_something_missing_says_what_and_changes_nothing(
    workspace: Workspace,
) -> None:
    rid = add_relationship(workspace, stage="active")
    speak, blog = _goals(workspace, rid, "Speak up", "Blog")
    with pytest.raises(ClosingIncomplete) as refused:
        workspace.closing.finish(
            rid,
            verdicts=[Verdict(speak, GoalStatus.DROPPED)],
            reflections={Party.ME: {"lessons": "Less advice."}},
        )
    assert refused.value.gaps == (ClosingGap.OPEN_GOALS,)
    assert refused.value.open_goal_ids == (blog,)
    assert "Blog" not in str(refused.value)  # ids only, never a record's text
    use_language(Language.ENGLISH)
    assert describe_error(refused.value) == (
        f"The closing cannot be finished yet: 1 goal has no verdict yet ({blog[:8]}). "
        "Nothing was changed."
    )
    # Nothing of the refused call was kept: no verdict, no reflection, the same stage.
    state = workspace.closing.state(rid)
    assert [g.status for g in state.goals] == [GoalStatus.OPEN, GoalStatus.OPEN]
    assert state.reflections == {}
    assert state.relationship.stage is Stage.ACTIVE

    with pytest.raises(ClosingIncomplete) as no_reflection:
        workspace.closing.finish(
            rid, verdicts=[Verdict(speak, GoalStatus.DROPPED), Verdict(blog, GoalStatus.DROPPED)]
        )
    assert no_reflection.value.gaps == (ClosingGap.OWN_REFLECTION,)
    assert "your reflection is not written" in describe_error(no_reflection.value)


def test_not_achievable_needs_the_why(workspace: Workspace) -> None:
    rid = add_relationship(workspace)
    (goal,) = _goals(workspace, rid, "Run a marathon")
    for why in (None, "", "   \n"):
        with pytest.raises(InvalidValue) as refused:
            workspace.closing.judge_goal(goal, GoalStatus.NOT_ACHIEVABLE, why)
        assert refused.value.reason is Reason.WHY_REQUIRED
    assert workspace.closing.state(rid).relationship.stage is Stage.PREPARING
    judged = workspace.closing.judge_goal(goal, GoalStatus.NOT_ACHIEVABLE, "An injury.")
    assert judged.goals[0].outcome_note == "An injury."
    # The why already written stays enough when the verdict is given again without a note.
    again = workspace.closing.judge_goal(goal, GoalStatus.NOT_ACHIEVABLE)
    assert again.goals[0].outcome_note == "An injury."


def test_a_goal_of_another_relationship_is_refused(workspace: Workspace) -> None:
    first = add_relationship(workspace)
    other = add_relationship(workspace, "Ola")
    (goal,) = _goals(workspace, other, "Not this one")
    with pytest.raises(InvalidValue):
        workspace.closing.save(first, verdicts=[Verdict(goal, GoalStatus.ACHIEVED)])


def test_a_closed_relationship_is_reopened_with_everything_kept(
    workspace: Workspace, clock: MovableClock
) -> None:
    rid = add_relationship(workspace, stage="active")
    (goal,) = _goals(workspace, rid, "Delegate more")
    workspace.closing.finish(
        rid,
        verdicts=[Verdict(goal, GoalStatus.ACHIEVED)],
        reflections={
            Party.ME: {"lessons": "Trust the team."},
            Party.PARTNER: {"feedback": "Dziękuję!"},
        },
    )
    with pytest.raises(RelationshipClosed):
        workspace.closing.save_reflection(rid, Party.ME, {"lessons": "changed"})

    reopened = workspace.closing.reopen(rid)
    assert reopened.relationship.stage is Stage.ACTIVE
    assert reopened.relationship.ended_on is None
    assert {p: r.finalised_on for p, r in reopened.reflections.items()} == {
        Party.ME: None,
        Party.PARTNER: None,
    }
    assert reopened.reflections[Party.PARTNER].feedback == "Dziękuję!"
    assert reopened.goals[0].status is GoalStatus.ACHIEVED
    assert reopened.ready  # nothing is missing: closing again is one step

    clock.advance(days=3)
    closed_again = workspace.closing.finish(rid)
    assert closed_again.relationship.ended_on == date(2026, 11, 26)
    assert closed_again.reflections[Party.ME].finalised_on == date(2026, 11, 26)


def test_a_reflection_needs_known_fields_and_a_rating_in_range(workspace: Workspace) -> None:
    rid = add_relationship(workspace)
    with pytest.raises(InvalidValue) as unknown:
        workspace.closing.save_reflection(rid, Party.ME, {"finalised_on": "2026-01-01"})
    assert unknown.value.reason is Reason.UNKNOWN_FIELD
    with pytest.raises(InvalidValue) as rating:
        workspace.closing.save_reflection(rid, Party.ME, {"rating": 7})
    assert rating.value.reason is Reason.OUT_OF_RANGE
    assert workspace.closing.state(rid).reflections == {}


def test_evaluations_are_kept_one_per_moment_and_party(workspace: Workspace) -> None:
    rid = add_relationship(workspace, stage="active")
    closing = workspace.closing
    midpoint = closing.save_evaluation(
        rid, EvaluationMoment.MIDPOINT, Party.ME, {"worth_it": 4, "goals_clear": 2}
    )
    assert midpoint.answers == ("goals_clear=2", "worth_it=4")
    changed = closing.save_evaluation(
        rid, EvaluationMoment.MIDPOINT, Party.ME, {"goals_clear": 3, "worth_it": 4}, "Lepiej."
    )
    assert changed.id == midpoint.id
    closing.save_evaluation(rid, EvaluationMoment.FINAL, Party.PARTNER, {"worth_it": 5})
    state = closing.state(rid)
    mine = state.evaluation(EvaluationMoment.MIDPOINT, Party.ME)
    theirs = state.evaluation(EvaluationMoment.FINAL, Party.PARTNER)
    assert mine is not None
    assert theirs is not None
    assert mine.scores == {"goals_clear": 3, "worth_it": 4}
    assert theirs.scores == {"worth_it": 5}
    assert state.evaluation(EvaluationMoment.FINAL, Party.ME) is None
    assert state.relationship.stage is Stage.ACTIVE  # answering is not closing
    with pytest.raises(InvalidValue):
        closing.save_evaluation(rid, EvaluationMoment.FINAL, Party.ME, {"worth_it": 6})


def test_a_reflection_draft_is_searchable_and_keeps_its_history(workspace: Workspace) -> None:
    rid = add_relationship(workspace)
    workspace.closing.save_reflection(rid, Party.ME, {"lessons": "Żółw wygrywa wyścig."})
    workspace.closing.save_reflection(rid, Party.ME, {"lessons": "Cierpliwość."})
    own = workspace.closing.state(rid).reflections[Party.ME]
    assert isinstance(own, Reflection)
    assert [h.value for h in workspace.records.history(own.id, "lessons")] == [
        "Żółw wygrywa wyścig."
    ]
    assert [hit.record_id for hit in workspace.search.search("cierpliwosc")] == [own.id]


def test_the_sample_journal_shows_a_mid_point_evaluation_and_a_finished_closing(
    workspace: Workspace,
) -> None:
    build_sample(workspace.records, TODAY)
    relationships = workspace.records.list_records(RecordKind.RELATIONSHIP)
    states = [workspace.closing.state(r.id) for r in relationships]
    closed = [state for state in states if state.closed]
    assert len(closed) == 1
    (finished,) = closed
    assert finished.gaps == ()
    assert {party: r.finalised_on is not None for party, r in finished.reflections.items()} == {
        Party.ME: True,
        Party.PARTNER: True,
    }
    assert finished.evaluation(EvaluationMoment.FINAL, Party.ME) is not None
    assert any(
        state.evaluation(EvaluationMoment.MIDPOINT, Party.ME) is not None
        and state.evaluation(EvaluationMoment.MIDPOINT, Party.PARTNER) is not None
        for state in states
        if not state.closed
    )


def test_several_changes_are_kept_together_or_not_at_all(
    workspace: Workspace, clock: MovableClock
) -> None:
    """The store's transaction under a closing: a failing step undoes the steps before it."""
    rid = add_relationship(workspace, stage="active")
    store = RecordStore(workspace.journal, clock)
    with pytest.raises(RecordNotFound):
        store.apply(
            [
                Update(rid, {"stage": Stage.CLOSED}),
                Insert(
                    RecordKind.REFLECTION,
                    {
                        "relationship_id": rid,
                        "party": Party.ME,
                        "scope": Scope.SHARED,
                        "lessons": "Nie zostanie.",
                    },
                ),
                Update("00000000-0000-0000-0000-000000000000", {"stage": Stage.CLOSED}),
            ]
        )
    assert _relationship(workspace, rid).stage is Stage.ACTIVE
    assert workspace.records.list_records(RecordKind.REFLECTION) == []
    assert workspace.search.search("zostanie") == []
