"""The words the window shows for the domain's closed vocabularies and its typed errors.

Kept in one module so that the shared ``mentorjournal/i18n/names.py`` can replace it in one
move. Every function translates when called, never at import.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

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


def stage_name(stage: Stage) -> str:
    return {
        Stage.PREPARING: pgettext("stage", "preparing"),
        Stage.AGREED: pgettext("stage", "agreed"),
        Stage.ACTIVE: pgettext("stage", "active"),
        Stage.CLOSING: pgettext("stage", "closing"),
        Stage.CLOSED: pgettext("stage", "closed"),
    }[stage]


def role_name(role: Role) -> str:
    return {
        Role.MENTOR: pgettext("role", "mentor"),
        Role.MENTEE: pgettext("role", "mentee"),
        Role.PEER: pgettext("role", "peer"),
    }[role]


def kind_name(kind: Kind) -> str:
    return {
        Kind.TRADITIONAL: pgettext("mentoring kind", "traditional"),
        Kind.REVERSE: pgettext("mentoring kind", "reverse"),
        Kind.PEER: pgettext("mentoring kind", "peer"),
        Kind.GROUP: pgettext("mentoring kind", "group"),
        Kind.COLLABORATIVE: pgettext("mentoring kind", "collaborative"),
    }[kind]


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
    return {
        MeetingFormat.ONLINE: pgettext("meeting format", "online"),
        MeetingFormat.IN_PERSON: pgettext("meeting format", "in person"),
        MeetingFormat.HYBRID: pgettext("meeting format", "hybrid"),
    }[meeting_format]


def goal_status_name(status: GoalStatus) -> str:
    return {
        GoalStatus.OPEN: pgettext("goal status", "open"),
        GoalStatus.ACHIEVED: pgettext("goal status", "achieved"),
        GoalStatus.NOT_ACHIEVABLE: pgettext("goal status", "not achievable"),
        GoalStatus.DROPPED: pgettext("goal status", "dropped"),
    }[status]


def homework_status_name(status: HomeworkStatus) -> str:
    return {
        HomeworkStatus.OPEN: pgettext("homework status", "open"),
        HomeworkStatus.DONE: pgettext("homework status", "done"),
        HomeworkStatus.DROPPED: pgettext("homework status", "dropped"),
    }[status]


def assignee_name(assignee: Assignee) -> str:
    return {
        Assignee.MENTOR: pgettext("assignee", "mentor"),
        Assignee.MENTEE: pgettext("assignee", "mentee"),
    }[assignee]


def party_name(party: Party) -> str:
    return {Party.ME: pgettext("party", "me"), Party.PARTNER: pgettext("party", "partner")}[party]


def scope_name(scope: Scope) -> str:
    return {
        Scope.PRIVATE: pgettext("scope", "private"),
        Scope.SHARED: pgettext("scope", "shared"),
    }[scope]


def record_kind_name(kind: RecordKind) -> str:
    return {
        RecordKind.RELATIONSHIP: pgettext("record kind", "Relationship"),
        RecordKind.AGREEMENT: pgettext("record kind", "Agreement"),
        RecordKind.GOAL: pgettext("record kind", "Goal"),
        RecordKind.SESSION: pgettext("record kind", "Session"),
        RecordKind.HOMEWORK: pgettext("record kind", "Homework"),
        RecordKind.MATERIAL: pgettext("record kind", "Material"),
        RecordKind.ENTRY: pgettext("record kind", "Diary entry"),
        RecordKind.REFLECTION: pgettext("record kind", "Reflection"),
    }[kind]


def enum_name(value: StrEnum) -> str:
    """The shown name of any member of the domain's enums."""
    namers: dict[type[StrEnum], Callable[[Any], str]] = {
        Stage: stage_name,
        Role: role_name,
        Kind: kind_name,
        MeetingFormat: format_name,
        GoalStatus: goal_status_name,
        HomeworkStatus: homework_status_name,
        Assignee: assignee_name,
        Party: party_name,
        Scope: scope_name,
        RecordKind: record_kind_name,
    }
    namer = namers.get(type(value))
    return namer(value) if namer is not None else str(value)


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
