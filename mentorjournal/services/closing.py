"""The closing of one relationship: a process that can be saved midway and resumed.

A closing judges every goal (achieved, not achievable *with the why*, or dropped, each with
an outcome note), writes a reflection per party (drafts until finished) and reads the
mid-point and final evaluations beside them. Its first change moves the relationship to the
stage ``closing``. Finishing needs every goal judged and the owner's reflection written; it
then finalises every written reflection today and moves the relationship to ``closed``,
ended today, all in one transaction. A refused finish (:class:`ClosingIncomplete`) changes
nothing, not even the verdicts given with it.

Reopening (:meth:`ClosingService.reopen`) moves a closed relationship back to ``active``,
clears its end date and makes its reflections drafts again; the verdicts and every word
written are kept, so closing again starts where the first closing ended.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from mentorjournal.domain import (
    RECORDS,
    Evaluation,
    EvaluationMoment,
    Goal,
    GoalStatus,
    InvalidValue,
    Party,
    RecordKind,
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
from mentorjournal.domain.questionnaire import answer_items, parse_answers
from mentorjournal.services.values import parse_value
from mentorjournal.store.records import Insert, RecordStore, Update

Clock = Callable[[], datetime]

# The reflection's fields a person writes (``finalised_on`` is the closing's own).
REFLECTION_FIELDS = (
    "goal_outcomes",
    "what_worked",
    "what_did_not",
    "lessons",
    "next_steps",
    "feedback",
    "rating",
)
_TEXT_FIELDS = REFLECTION_FIELDS[:-1]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement of one goal; ``note`` is its outcome note (None: leave it as it is)."""

    goal_id: str
    status: GoalStatus
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClosingState:
    """Where the closing of one relationship stands (an immutable read model)."""

    relationship: Relationship
    goals: tuple[Goal, ...]
    reflections: Mapping[Party, Reflection]
    evaluations: Mapping[tuple[EvaluationMoment, Party], Evaluation]
    gaps: tuple[ClosingGap, ...] = field(default=())

    @property
    def open_goals(self) -> tuple[Goal, ...]:
        return tuple(goal for goal in self.goals if goal.status is GoalStatus.OPEN)

    @property
    def closed(self) -> bool:
        return self.relationship.stage is Stage.CLOSED

    @property
    def ready(self) -> bool:
        """Whether :meth:`ClosingService.finish` would close the relationship now."""
        return not self.gaps and not self.closed

    def evaluation(self, moment: EvaluationMoment, party: Party) -> Evaluation | None:
        return self.evaluations.get((moment, party))


def written(reflection: Reflection | None) -> bool:
    """A reflection counts once something is in it: a text or a rating."""
    return reflection is not None and _has_content(_content(reflection))


def _content(reflection: Reflection) -> dict[str, Any]:
    return {name: getattr(reflection, name) for name in REFLECTION_FIELDS}


def _has_content(content: Mapping[str, Any]) -> bool:
    return content.get("rating") is not None or any(
        str(content.get(name) or "").strip() for name in _TEXT_FIELDS
    )


def _gaps(goals: Iterable[Goal], own: Mapping[str, Any] | None) -> tuple[ClosingGap, ...]:
    gaps = []
    if any(goal.status is GoalStatus.OPEN for goal in goals):
        gaps.append(ClosingGap.OPEN_GOALS)
    if own is None or not _has_content(own):
        gaps.append(ClosingGap.OWN_REFLECTION)
    return tuple(gaps)


class ClosingService:
    """Reads and changes the closing of a relationship; each change is one transaction."""

    def __init__(self, records: RecordStore, clock: Clock) -> None:
        self._records = records
        self._clock = clock

    def _today(self) -> date:
        return self._clock().astimezone().date()

    # -- reading ------------------------------------------------------------------------

    def state(self, relationship_id: str) -> ClosingState:
        relationship = self._relationship(relationship_id)
        rid = relationship.id
        goals = tuple(
            g
            for g in self._records.list_records(RecordKind.GOAL, relationship_id=rid)
            if isinstance(g, Goal)
        )
        reflections: dict[Party, Reflection] = {}
        for record in self._records.list_records(RecordKind.REFLECTION, relationship_id=rid):
            if isinstance(record, Reflection):  # the latest written one of each party wins
                _keep_latest(reflections, record.party, record)
        evaluations: dict[tuple[EvaluationMoment, Party], Evaluation] = {}
        for record in self._records.list_records(RecordKind.EVALUATION, relationship_id=rid):
            if isinstance(record, Evaluation):
                _keep_latest(evaluations, (record.moment, record.party), record)
        return ClosingState(
            relationship=relationship,
            goals=goals,
            reflections=reflections,
            evaluations=evaluations,
            gaps=_gaps(goals, _content(reflections[Party.ME]) if Party.ME in reflections else None),
        )

    # -- changing -----------------------------------------------------------------------

    def begin(self, relationship_id: str) -> ClosingState:
        """Move the relationship to the stage ``closing`` (nothing else changes)."""
        return self.save(relationship_id)

    def judge_goal(self, goal_id: str, status: GoalStatus, note: str | None = None) -> ClosingState:
        goal = self._records.get(goal_id)
        if not isinstance(goal, Goal) or goal.deleted_at is not None:
            raise InvalidValue("goal", Reason.NOT_A_GOAL)
        return self.save(goal.relationship_id, verdicts=[Verdict(goal_id, status, note)])

    def save_reflection(
        self, relationship_id: str, party: Party, values: Mapping[str, Any]
    ) -> ClosingState:
        """Save (part of) a party's reflection as a draft; only the fields given change."""
        return self.save(relationship_id, reflections={party: values})

    def save_evaluation(
        self,
        relationship_id: str,
        moment: EvaluationMoment,
        party: Party,
        answers: Mapping[str, int],
        comment: str | None = None,
    ) -> Evaluation:
        """Keep a party's answers at ``moment``: one evaluation per moment and party.

        An evaluation can be answered at any time, even after the closing: it changes
        neither the stage nor the closing's other records.
        """
        state = self.state(relationship_id)
        items = answer_items(parse_answers(f"{q}={s}" for q, s in answers.items()))
        values: dict[str, Any] = {"answers": items, "answered_on": self._today()}
        if comment is not None:
            values["comment"] = _checked(RecordKind.EVALUATION, "comment", comment)
        current = state.evaluation(moment, party)
        if current is None:
            values.update(
                relationship_id=state.relationship.id,
                moment=moment,
                party=party,
                scope=Scope.SHARED,
            )
            step: Insert | Update = Insert(RecordKind.EVALUATION, values)
        else:
            step = Update(current.id, values)
        stored = self._records.apply([step])[0]
        assert isinstance(stored, Evaluation)
        return stored

    def finish(
        self,
        relationship_id: str,
        *,
        verdicts: Iterable[Verdict] = (),
        reflections: Mapping[Party, Mapping[str, Any]] | None = None,
    ) -> ClosingState:
        """Close the relationship, with the last verdicts and reflection text given here."""
        return self.save(relationship_id, verdicts=verdicts, reflections=reflections, finish=True)

    def save(
        self,
        relationship_id: str,
        *,
        verdicts: Iterable[Verdict] = (),
        reflections: Mapping[Party, Mapping[str, Any]] | None = None,
        finish: bool = False,
    ) -> ClosingState:
        """Apply verdicts and reflection drafts (and, with ``finish``, close) at once.

        Every value is checked before anything is written; a refused finish raises
        :class:`ClosingIncomplete` and leaves the journal as it was.
        """
        state = self.state(relationship_id)
        if state.closed:
            raise RelationshipClosed(state.relationship.id)
        rid = state.relationship.id
        goal_steps: list[Insert | Update] = []
        goals = {goal.id: goal for goal in state.goals}
        for verdict in verdicts:
            goal = goals.get(verdict.goal_id)
            if goal is None:
                raise InvalidValue("goal", Reason.OTHER_RELATIONSHIP)
            changes = _verdict_changes(goal, verdict)
            goals[goal.id] = replace(goal, **changes)
            goal_steps.append(Update(goal.id, changes))
        contents = {party: _content(r) for party, r in state.reflections.items()}
        reflection_steps: dict[Party, dict[str, Any]] = {}
        for party, values in (reflections or {}).items():
            changes = _reflection_changes(values)
            contents[party] = {**contents.get(party, {}), **changes}
            reflection_steps[party] = changes
        stage_changes: dict[str, Any] = {}
        if finish:
            gaps = _gaps(goals.values(), contents.get(Party.ME))
            if gaps:
                still_open = tuple(g.id for g in goals.values() if g.status is GoalStatus.OPEN)
                raise ClosingIncomplete(rid, gaps, still_open)
            today = self._today()
            for party, content in contents.items():
                if _has_content(content):
                    reflection_steps.setdefault(party, {})["finalised_on"] = today
            stage_changes = {"stage": Stage.CLOSED, "ended_on": today}
        elif state.relationship.stage is not Stage.CLOSING:
            stage_changes = {"stage": Stage.CLOSING}
        steps = goal_steps
        for party, changes in reflection_steps.items():
            current = state.reflections.get(party)
            if current is None:
                values = {"relationship_id": rid, "party": party, "scope": Scope.SHARED, **changes}
                steps.append(Insert(RecordKind.REFLECTION, values))
            else:
                steps.append(Update(current.id, changes))
        if stage_changes:
            steps.append(Update(rid, stage_changes))
        if steps:
            self._records.apply(steps)
        return self.state(rid)

    def reopen(self, relationship_id: str) -> ClosingState:
        """A closed relationship becomes active again; its reflections become drafts."""
        state = self.state(relationship_id)
        if not state.closed:
            return state
        steps: list[Insert | Update] = [
            Update(r.id, {"finalised_on": None})
            for r in state.reflections.values()
            if r.finalised_on is not None
        ]
        steps.append(Update(state.relationship.id, {"stage": Stage.ACTIVE, "ended_on": None}))
        self._records.apply(steps)
        return self.state(state.relationship.id)

    # -- internals ----------------------------------------------------------------------

    def _relationship(self, relationship_id: str) -> Relationship:
        record = self._records.get(relationship_id)
        if not isinstance(record, Relationship):
            raise InvalidValue("relationship_id", Reason.NOT_A_RELATIONSHIP)
        if record.deleted_at is not None:
            raise InvalidValue("relationship_id", Reason.IN_TRASH)
        return record


def _keep_latest(found: dict[Any, Any], key: Any, record: Evaluation | Reflection) -> None:
    current = found.get(key)
    if current is None or record.updated_at > current.updated_at:
        found[key] = record


def _checked(kind: RecordKind, name: str, raw: Any) -> Any:
    spec = RECORDS[kind].field(name)
    assert spec is not None
    return parse_value(spec, raw)


def _verdict_changes(goal: Goal, verdict: Verdict) -> dict[str, Any]:
    changes: dict[str, Any] = {"status": _checked(RecordKind.GOAL, "status", verdict.status)}
    if verdict.note is not None:
        changes["outcome_note"] = _checked(RecordKind.GOAL, "outcome_note", verdict.note)
    why = changes.get("outcome_note", goal.outcome_note)
    if changes["status"] is GoalStatus.NOT_ACHIEVABLE and not why.strip():
        raise InvalidValue("outcome_note", Reason.WHY_REQUIRED)
    if changes["status"] is GoalStatus.ACHIEVED:
        changes["progress"] = 100
    return changes


def _reflection_changes(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(values) - set(REFLECTION_FIELDS))
    if unknown:
        raise InvalidValue(unknown[0], Reason.UNKNOWN_FIELD, REFLECTION_FIELDS)
    return {name: _checked(RecordKind.REFLECTION, name, raw) for name, raw in values.items()}
