"""SQLModel table classes over the schema of :mod:`schema_v1` and later migrations.

These ORM rows never leave ``store/``: :mod:`mentorjournal.store.records` turns them into
the read models of :mod:`mentorjournal.domain`.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, MetaData
from sqlmodel import Field, SQLModel

from mentorjournal.domain import RecordKind

metadata = MetaData()


class Base(SQLModel):
    metadata = metadata


class RecordRow(Base):
    id: str = Field(primary_key=True)
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None
    scope: str


class MetaRow(Base, table=True):
    __tablename__ = "journal_meta"
    key: str = Field(primary_key=True)
    value: str


class RelationshipRow(RecordRow, table=True):
    __tablename__ = "relationship"
    title: str = ""
    partner_names: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    my_role: str
    kind: str
    focus_areas: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    stage: str
    started_on: date | None = None
    ended_on: date | None = None
    interval_days: int | None = None


class AgreementRow(RecordRow, table=True):
    __tablename__ = "agreement"
    relationship_id: str = Field(foreign_key="relationship.id")
    meeting_format: str | None = None
    frequency: str = ""
    location: str = ""
    tools: str = ""
    duration: str = ""
    confidentiality: str = ""
    mentor_expectations: str = ""
    mentee_expectations: str = ""
    principles: str = ""
    notes: str = ""
    version: int = 1


class SignatureRow(Base, table=True):
    __tablename__ = "agreement_signature"
    id: int | None = Field(default=None, primary_key=True)
    agreement_id: str = Field(foreign_key="agreement.id")
    party: str
    name: str
    signed_at: datetime
    text_hash: str
    signature: bytes | None = None


class GoalRow(RecordRow, table=True):
    __tablename__ = "goal"
    relationship_id: str = Field(foreign_key="relationship.id")
    title: str
    description: str = ""
    success_criteria: str = ""
    target_date: date | None = None
    status: str
    progress: int = 0
    outcome_note: str = ""


class SessionRow(RecordRow, table=True):
    __tablename__ = "session"
    relationship_id: str = Field(foreign_key="relationship.id")
    held_at: NaiveDatetime  # wall-clock time where the meeting happens
    duration_minutes: int | None = None
    format: str | None = None
    agenda: str = ""
    notes: str = ""
    private_notes: str = ""
    takeaways: str = ""
    goal_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class HomeworkRow(RecordRow, table=True):
    __tablename__ = "homework"
    relationship_id: str = Field(foreign_key="relationship.id")
    title: str
    details: str = ""
    assignee: str
    due_date: date | None = None
    status: str
    done_on: date | None = None
    session_id: str | None = Field(default=None, foreign_key="session.id")
    goal_id: str | None = Field(default=None, foreign_key="goal.id")


class MaterialRow(RecordRow, table=True):
    __tablename__ = "material"
    relationship_id: str = Field(foreign_key="relationship.id")
    title: str
    url: str = ""
    note: str = ""
    attachment_id: str | None = None
    attachment_name: str | None = None
    attachment_size: int | None = None


class EntryRow(RecordRow, table=True):
    __tablename__ = "entry"
    relationship_id: str | None = Field(default=None, foreign_key="relationship.id")
    title: str = ""
    text: str


class ReflectionRow(RecordRow, table=True):
    __tablename__ = "reflection"
    relationship_id: str = Field(foreign_key="relationship.id")
    party: str
    goal_outcomes: str = ""
    what_worked: str = ""
    what_did_not: str = ""
    lessons: str = ""
    next_steps: str = ""
    feedback: str = ""
    rating: int | None = None
    finalised_on: date | None = None


class HistoryRow(Base, table=True):
    __tablename__ = "field_history"
    id: int | None = Field(default=None, primary_key=True)
    record_id: str
    field: str
    value: str
    replaced_at: datetime


TABLES: dict[RecordKind, type[RecordRow]] = {
    RecordKind.RELATIONSHIP: RelationshipRow,
    RecordKind.AGREEMENT: AgreementRow,
    RecordKind.GOAL: GoalRow,
    RecordKind.SESSION: SessionRow,
    RecordKind.HOMEWORK: HomeworkRow,
    RecordKind.MATERIAL: MaterialRow,
    RecordKind.ENTRY: EntryRow,
    RecordKind.REFLECTION: ReflectionRow,
}
