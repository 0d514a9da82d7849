"""What each record's fields are: their type, allowed values and whether users may set them.

The services validate and convert values with these specs, the store derives its full-text
index and field history from them, and the command line builds its options from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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


class FieldType(StrEnum):
    TEXT = "text"  # Markdown, possibly long; searchable, with history
    LINE = "line"  # one line of text; searchable, with history
    ENUM = "enum"
    DATE = "date"
    DATETIME = "datetime"
    INT = "int"
    LIST = "list"  # a list of short strings
    REF = "ref"  # the id of another record
    REFS = "refs"  # a list of ids of other records


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    field_type: FieldType
    enum: type[StrEnum] | None = None
    required: bool = False
    settable: bool = True
    minimum: int | None = None
    maximum: int | None = None
    ref_kind: RecordKind | None = None

    @property
    def is_text(self) -> bool:
        return self.field_type in (FieldType.TEXT, FieldType.LINE)


def _text(name: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, FieldType.TEXT, required=required)


def _line(name: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, FieldType.LINE, required=required)


def _enum(name: str, enum: type[StrEnum]) -> FieldSpec:
    return FieldSpec(name, FieldType.ENUM, enum=enum)


def _ref(name: str, kind: RecordKind, required: bool = False, settable: bool = True) -> FieldSpec:
    return FieldSpec(name, FieldType.REF, ref_kind=kind, required=required, settable=settable)


def _int(name: str, minimum: int, maximum: int) -> FieldSpec:
    return FieldSpec(name, FieldType.INT, minimum=minimum, maximum=maximum)


_RELATIONSHIP_ID = _ref("relationship_id", RecordKind.RELATIONSHIP, required=True, settable=False)

SCOPE_FIELD = _enum("scope", Scope)

FIELDS: dict[RecordKind, tuple[FieldSpec, ...]] = {
    RecordKind.RELATIONSHIP: (
        _line("title"),
        FieldSpec("partner_names", FieldType.LIST, required=True),
        _enum("my_role", Role),
        _enum("kind", Kind),
        FieldSpec("focus_areas", FieldType.LIST),
        _enum("stage", Stage),
        FieldSpec("started_on", FieldType.DATE),
        FieldSpec("ended_on", FieldType.DATE),
        _int("interval_days", 1, 366),
    ),
    RecordKind.AGREEMENT: (
        _RELATIONSHIP_ID,
        _enum("meeting_format", MeetingFormat),
        _line("frequency"),
        _line("location"),
        _line("tools"),
        _line("duration"),
        _text("confidentiality"),
        _text("mentor_expectations"),
        _text("mentee_expectations"),
        _text("principles"),
        _text("notes"),
    ),
    RecordKind.GOAL: (
        _RELATIONSHIP_ID,
        _line("title", required=True),
        _text("description"),
        _text("success_criteria"),
        FieldSpec("target_date", FieldType.DATE),
        _enum("status", GoalStatus),
        _int("progress", 0, 100),
        _text("outcome_note"),
    ),
    RecordKind.SESSION: (
        _RELATIONSHIP_ID,
        FieldSpec("held_at", FieldType.DATETIME, required=True),
        _int("duration_minutes", 1, 24 * 60),
        _enum("format", MeetingFormat),
        _text("agenda"),
        _text("notes"),
        _text("private_notes"),
        _text("takeaways"),
        FieldSpec("goal_ids", FieldType.REFS, ref_kind=RecordKind.GOAL),
    ),
    RecordKind.HOMEWORK: (
        _RELATIONSHIP_ID,
        _line("title", required=True),
        _text("details"),
        _enum("assignee", Assignee),
        FieldSpec("due_date", FieldType.DATE),
        _enum("status", HomeworkStatus),
        FieldSpec("done_on", FieldType.DATE),
        _ref("session_id", RecordKind.SESSION),
        _ref("goal_id", RecordKind.GOAL),
    ),
    RecordKind.MATERIAL: (
        _RELATIONSHIP_ID,
        _line("title", required=True),
        _line("url"),
        _text("note"),
        FieldSpec("attachment_id", FieldType.LINE, settable=False),
        FieldSpec("attachment_name", FieldType.LINE, settable=False),
        FieldSpec("attachment_size", FieldType.INT, settable=False),
    ),
    RecordKind.ENTRY: (
        _ref("relationship_id", RecordKind.RELATIONSHIP),
        _line("title"),
        _text("text", required=True),
    ),
    RecordKind.REFLECTION: (
        _RELATIONSHIP_ID,
        _enum("party", Party),
        _text("goal_outcomes"),
        _text("what_worked"),
        _text("what_did_not"),
        _text("lessons"),
        _text("next_steps"),
        _text("feedback"),
        _int("rating", 1, 5),
        FieldSpec("finalised_on", FieldType.DATE),
    ),
}

# The field that names a record in lists and search results.
TITLE_FIELD: dict[RecordKind, str] = {
    RecordKind.RELATIONSHIP: "title",
    RecordKind.AGREEMENT: "frequency",
    RecordKind.GOAL: "title",
    RecordKind.SESSION: "agenda",
    RecordKind.HOMEWORK: "title",
    RecordKind.MATERIAL: "title",
    RecordKind.ENTRY: "title",
    RecordKind.REFLECTION: "lessons",
}


def field_spec(kind: RecordKind, name: str) -> FieldSpec | None:
    if name == "scope":
        return SCOPE_FIELD
    return next((spec for spec in FIELDS[kind] if spec.name == name), None)


def text_fields(kind: RecordKind) -> tuple[str, ...]:
    """Names of the fields that are searched and whose earlier values are kept."""
    return tuple(spec.name for spec in FIELDS[kind] if spec.is_text and spec.settable)
