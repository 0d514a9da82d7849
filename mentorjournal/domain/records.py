"""Immutable read models returned by the services; each record kind's one declaration.

Each record class below is the whole declaration of its kind (see
:mod:`mentorjournal.domain.fields` for what the markers mean and how to add a field). ORM rows
never leave ``store/``.
"""

# No ``from __future__ import annotations`` here: the declarations' annotations are read at
# import, and evaluated objects cost nothing to read where strings would be evaluated again.

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from mentorjournal.domain.enums import (
    Assignee,
    EvaluationMoment,
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
from mentorjournal.domain.fields import (
    RecordDeclaration,
    declare,
    items,
    label,
    line,
    link,
    markdown,
    value,
)

_RELATIONSHIP = link(label("Relationship"), RecordKind.RELATIONSHIP, required=True, settable=False)
_TITLE = line(label("Title"), required=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """Fields every stored record has; ``scope`` is :data:`~.fields.SCOPE_FIELD`."""

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
    title: Annotated[str, line(label("Title"))]
    partner_names: Annotated[tuple[str, ...], items(label("Partners"), required=True)]
    my_role: Annotated[Role, value(label("My role"), default=Role.MENTOR)]
    kind: Annotated[Kind, value(label("Kind of mentoring"), default=Kind.TRADITIONAL)]
    focus_areas: Annotated[tuple[str, ...], items(label("Focus areas"))]
    stage: Annotated[Stage, value(label("Stage"), default=Stage.PREPARING)]
    started_on: Annotated[date | None, value(label("Started on"))]
    ended_on: Annotated[date | None, value(label("Ended on"))]
    interval_days: Annotated[
        int | None, value(label("Days between meetings"), minimum=1, maximum=366)
    ]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.RELATIONSHIP


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    """One party's signature; ``valid`` is false once the agreement text changed after it.

    ``verified`` says whether the Ed25519 signature by ``device_id``'s key over the signing
    statement checks out: ``None`` when the row carries no cryptographic signature (signed
    without a shared space, or before signatures were kept), ``False`` for a forged or
    altered one, which never counts as signed. ``version`` is the agreement version signed
    (``None`` for a signature made before versions were kept).
    """

    party: Party
    name: str
    signed_at: datetime
    text_hash: str
    valid: bool
    version: int | None = None
    device_id: str | None = None
    verified: bool | None = None

    @property
    def counts(self) -> bool:
        """Signed the current text, and not a signature that failed its check."""
        return self.valid and self.verified is not False


@dataclass(frozen=True, slots=True, kw_only=True)
class Agreement(Record):
    relationship_id: Annotated[str, _RELATIONSHIP]
    meeting_format: Annotated[MeetingFormat | None, value(label("Meeting format"))]
    frequency: Annotated[str, line(label("Frequency"))]
    location: Annotated[str, line(label("Location"))]
    tools: Annotated[str, line(label("Tools"))]
    duration: Annotated[str, line(label("Duration"))]
    confidentiality: Annotated[str, markdown(label("Confidentiality"))]
    mentor_expectations: Annotated[str, markdown(label("The mentor's expectations"))]
    mentee_expectations: Annotated[str, markdown(label("The mentee's expectations"))]
    principles: Annotated[str, markdown(label("Principles"))]
    notes: Annotated[str, markdown(label("Notes"))]
    version: Annotated[int, value(label("Version"), default=1, internal=True)]
    signatures: tuple[Signature, ...]  # kept beside the agreement, not a column of it

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.AGREEMENT

    @property
    def signed_by(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.signatures if s.counts)


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal(Record):
    relationship_id: Annotated[str, _RELATIONSHIP]
    title: Annotated[str, _TITLE]
    description: Annotated[str, markdown(label("Description"))]
    success_criteria: Annotated[str, markdown(label("Success criteria"))]
    target_date: Annotated[date | None, value(label("Target date"))]
    status: Annotated[GoalStatus, value(label("Status"), default=GoalStatus.OPEN)]
    progress: Annotated[int, value(label("Progress (%)"), minimum=0, maximum=100, default=0)]
    outcome_note: Annotated[str, markdown(label("Outcome"))]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.GOAL


@dataclass(frozen=True, slots=True, kw_only=True)
class Session(Record):
    relationship_id: Annotated[str, _RELATIONSHIP]
    held_at: Annotated[datetime, value(label("Date and time"), required=True)]
    duration_minutes: Annotated[
        int | None, value(label("Duration (minutes)"), minimum=1, maximum=24 * 60)
    ]
    format: Annotated[MeetingFormat | None, value(label("Meeting format"))]
    agenda: Annotated[str, markdown(label("Agenda"))]
    notes: Annotated[str, markdown(label("Shared notes"))]
    private_notes: Annotated[str, markdown(label("Private notes"), private=True)]
    takeaways: Annotated[str, markdown(label("Takeaways"))]
    goal_ids: Annotated[tuple[str, ...], link(label("Goals"), RecordKind.GOAL)]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.SESSION


@dataclass(frozen=True, slots=True, kw_only=True)
class Homework(Record):
    relationship_id: Annotated[str, _RELATIONSHIP]
    title: Annotated[str, _TITLE]
    details: Annotated[str, markdown(label("Details"))]
    assignee: Annotated[Assignee, value(label("Assignee"), default=Assignee.MENTEE)]
    due_date: Annotated[date | None, value(label("Due date"))]
    status: Annotated[HomeworkStatus, value(label("Status"), default=HomeworkStatus.OPEN)]
    done_on: Annotated[date | None, value(label("Done on"))]
    session_id: Annotated[str | None, link(label("Session"), RecordKind.SESSION)]
    goal_id: Annotated[str | None, link(label("Goal"), RecordKind.GOAL)]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.HOMEWORK


@dataclass(frozen=True, slots=True, kw_only=True)
class Material(Record):
    relationship_id: Annotated[str, _RELATIONSHIP]
    title: Annotated[str, _TITLE]
    url: Annotated[str, line(label("Link"))]
    note: Annotated[str, markdown(label("Note"))]
    attachment_id: Annotated[str | None, line(label("Attachment"), settable=False)]
    attachment_name: Annotated[str | None, line(label("File name"), settable=False)]
    attachment_size: Annotated[int | None, value(label("File size (bytes)"), settable=False)]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.MATERIAL


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry(Record):
    """A diary entry: private by nature, whatever it is tied to."""

    relationship_id: Annotated[str | None, link(label("Relationship"), RecordKind.RELATIONSHIP)]
    title: Annotated[str, line(label("Title"))]
    text: Annotated[str, markdown(label("Text"), required=True)]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.ENTRY


@dataclass(frozen=True, slots=True, kw_only=True)
class Reflection(Record):
    relationship_id: Annotated[str, _RELATIONSHIP]
    party: Annotated[Party, value(label("Whose reflection"), default=Party.ME)]
    goal_outcomes: Annotated[str, markdown(label("Outcome of each goal"))]
    what_worked: Annotated[str, markdown(label("What worked"))]
    what_did_not: Annotated[str, markdown(label("What did not work, and why"))]
    lessons: Annotated[str, markdown(label("Lessons"))]
    next_steps: Annotated[str, markdown(label("Next steps"))]
    feedback: Annotated[str, markdown(label("Feedback to the partner"))]
    rating: Annotated[int | None, value(label("Rating"), minimum=1, maximum=5)]
    finalised_on: Annotated[date | None, value(label("Finalised on"))]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.REFLECTION


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation(Record):
    """One party's answers to the questionnaire (:mod:`.questionnaire`), at one moment."""

    relationship_id: Annotated[str, _RELATIONSHIP]
    moment: Annotated[EvaluationMoment, value(label("When"), default=EvaluationMoment.MIDPOINT)]
    party: Annotated[Party, value(label("Whose answers"), default=Party.ME)]
    # "question_id=score" items, checked against the questionnaire by the services.
    answers: Annotated[tuple[str, ...], items(label("Answers"), max_length=60)]
    comment: Annotated[str, markdown(label("Comment"))]
    answered_on: Annotated[date | None, value(label("Answered on"))]

    @property
    def kind_of_record(self) -> RecordKind:
        return RecordKind.EVALUATION

    @property
    def scores(self) -> dict[str, int]:
        """The answers as ``{question_id: score}``."""
        parsed = (item.partition("=") for item in self.answers)
        return {question: int(score) for question, _, score in parsed if score.isdigit()}


# Which field names a record in lists and search results, and which kinds are always private.
RECORDS: Mapping[RecordKind, RecordDeclaration] = {
    declaration.kind: declaration
    for declaration in (
        declare(Relationship, RecordKind.RELATIONSHIP, title="title"),
        declare(Agreement, RecordKind.AGREEMENT, title="frequency"),
        declare(Goal, RecordKind.GOAL, title="title"),
        declare(Session, RecordKind.SESSION, title="agenda"),
        declare(Homework, RecordKind.HOMEWORK, title="title"),
        declare(Material, RecordKind.MATERIAL, title="title"),
        declare(Entry, RecordKind.ENTRY, title="title", always_private=True),
        declare(Reflection, RecordKind.REFLECTION, title="lessons"),
        declare(Evaluation, RecordKind.EVALUATION, title="comment"),
    )
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
