"""Immutable read models returned by the services. ORM rows never leave ``store/``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from mentorjournal.domain.enums import (
    Assignee,
    GoalStatus,
    HomeworkStatus,
    Kind,
    MeetingFormat,
    Party,
    RecordKind,
    Role,
    Scope,
    Stage,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """Fields every stored record has."""

    id: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    scope: Scope

    @property
    def kind_of_record(self) -> RecordKind:
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class Relationship(Record):
    title: str
    partner_names: tuple[str, ...]
    my_role: Role
    kind: Kind
    focus_areas: tuple[str, ...]
    stage: Stage
    started_on: date | None
    ended_on: date | None
    interval_days: int | None

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.RELATIONSHIP


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    """One party's signature; ``valid`` is false once the agreement text changed after it."""

    party: Party
    name: str
    signed_at: datetime
    text_hash: str
    valid: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Agreement(Record):
    relationship_id: str
    meeting_format: MeetingFormat | None
    frequency: str
    location: str
    tools: str
    duration: str
    confidentiality: str
    mentor_expectations: str
    mentee_expectations: str
    principles: str
    notes: str
    version: int
    signatures: tuple[Signature, ...]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.AGREEMENT

    @property
    def signed_by(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.signatures if s.valid)


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal(Record):
    relationship_id: str
    title: str
    description: str
    success_criteria: str
    target_date: date | None
    status: GoalStatus
    progress: int
    outcome_note: str

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.GOAL


@dataclass(frozen=True, slots=True, kw_only=True)
class Session(Record):
    relationship_id: str
    held_at: datetime
    duration_minutes: int | None
    format: MeetingFormat | None
    agenda: str
    notes: str
    private_notes: str
    takeaways: str
    goal_ids: tuple[str, ...]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.SESSION


@dataclass(frozen=True, slots=True, kw_only=True)
class Homework(Record):
    relationship_id: str
    title: str
    details: str
    assignee: Assignee
    due_date: date | None
    status: HomeworkStatus
    done_on: date | None
    session_id: str | None
    goal_id: str | None

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.HOMEWORK


@dataclass(frozen=True, slots=True, kw_only=True)
class Material(Record):
    relationship_id: str
    title: str
    url: str
    note: str
    attachment_id: str | None
    attachment_name: str | None
    attachment_size: int | None

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.MATERIAL


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry(Record):
    relationship_id: str | None
    title: str
    text: str

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.ENTRY


@dataclass(frozen=True, slots=True, kw_only=True)
class Reflection(Record):
    relationship_id: str
    party: Party
    goal_outcomes: str
    what_worked: str
    what_did_not: str
    lessons: str
    next_steps: str
    feedback: str
    rating: int | None
    finalised_on: date | None

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.REFLECTION


READ_MODELS: dict[RecordKind, type[Record]] = {
    RecordKind.RELATIONSHIP: Relationship,
    RecordKind.AGREEMENT: Agreement,
    RecordKind.GOAL: Goal,
    RecordKind.SESSION: Session,
    RecordKind.HOMEWORK: Homework,
    RecordKind.MATERIAL: Material,
    RecordKind.ENTRY: Entry,
    RecordKind.REFLECTION: Reflection,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryEntry:
    """An earlier value of one text field, kept when the field was changed."""

    id: int
    record_id: str
    field: str
    value: str
    replaced_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    record_id: str
    kind: RecordKind
    relationship_id: str | None
    title: str
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Dashboard:
    """What the overview of one relationship shows."""

    relationship_id: str
    title: str
    stage: Stage
    last_session_at: datetime | None
    days_since_last_session: int | None
    interval_days: int
    overdue: bool
    next_session_at: datetime | None
    open_homework: int
    overdue_homework: int
    agreement_signed_by: tuple[str, ...]
    goals_by_status: Mapping[GoalStatus, int]  # read-only: a MappingProxyType


@dataclass(frozen=True, slots=True, kw_only=True)
class JournalInfo:
    owner_name: str
    schema_version: int
    created_at: datetime
