"""The words the window shows for the domain's closed vocabularies and its typed errors.

The names themselves are declared once, in :mod:`mentorjournal.i18n.names`, shared with the
command line and the reports; this module adds what only the window shows. Every function
translates when called, never at import.
"""

from __future__ import annotations

from enum import StrEnum

from mentorjournal.domain import (
    Assignee,
    GoalStatus,
    HomeworkStatus,
    InvalidValue,
    JournalLocked,
    Kind,
    MeetingFormat,
    MentorJournalError,
    Party,
    RecordKind,
    RecordNotFound,
    Role,
    Scope,
    Stage,
)
from mentorjournal.i18n import _, pgettext
from mentorjournal.i18n.names import name


def stage_name(stage: Stage) -> str:
    return name(stage)


def role_name(role: Role) -> str:
    return name(role)


def kind_name(kind: Kind) -> str:
    return name(kind)


def kind_explanation(kind: Kind) -> str:
    """One line that tells the kinds of mentoring apart, shown when choosing one."""
    return {
        Kind.TRADITIONAL: _("A more experienced person guides a less experienced one."),
        Kind.REVERSE: _("A younger colleague shares new skills, such as digital tools."),
        Kind.PEER: _("Two people at a similar stage support each other as equals."),
        Kind.GROUP: _("One mentor works with several mentees together."),
        Kind.COLLABORATIVE: _("Both learn from each other on a shared project or topic."),
    }[kind]


def format_name(meeting_format: MeetingFormat | None) -> str:
    if meeting_format is None:
        return pgettext("meeting format", "not set")
    return name(meeting_format)


def goal_status_name(status: GoalStatus) -> str:
    return name(status)


def homework_status_name(status: HomeworkStatus) -> str:
    return name(status)


def assignee_name(assignee: Assignee) -> str:
    return name(assignee)


def party_name(party: Party) -> str:
    return name(party)


def scope_name(scope: Scope) -> str:
    return name(scope)


def record_kind_name(kind: RecordKind) -> str:
    """The kind of a record as a heading or a column value: capitalised."""
    shown = name(kind)
    return shown[:1].upper() + shown[1:]


def enum_name(value: StrEnum) -> str:
    """The shown name of any member of the domain's enums."""
    return name(value)


def error_text(error: BaseException) -> str:
    """A short reason for a failed save or load in the views (the local error helper).

    The app's own ``ui/errors.describe_error`` covers unlock and journal errors; this one
    only needs the errors a view meets while the journal is open.
    """
    if isinstance(error, InvalidValue):
        if error.reason == "required":
            return _("a required field is empty")
        if error.reason == "too_long":
            return _("the text is too long")
        if error.reason == "out_of_range":
            return _("a number is out of range")
        return _("a value does not fit ({field})").format(field=error.field)
    if isinstance(error, JournalLocked):
        return _("the journal is locked")
    if isinstance(error, RecordNotFound):
        return _("the record no longer exists")
    if isinstance(error, MentorJournalError):
        return _("the journal refused the change")
    if isinstance(error, OSError):
        return _("the disk refused the change")
    return _("an unexpected error")
