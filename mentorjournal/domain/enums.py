"""The closed vocabularies of the domain, stored by their string values."""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    PRIVATE = "private"
    SHARED = "shared"


class Role(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    PEER = "peer"


class Kind(StrEnum):
    TRADITIONAL = "traditional"
    REVERSE = "reverse"
    PEER = "peer"
    GROUP = "group"
    COLLABORATIVE = "collaborative"


class Stage(StrEnum):
    PREPARING = "preparing"
    AGREED = "agreed"
    ACTIVE = "active"
    CLOSING = "closing"
    CLOSED = "closed"


class MeetingFormat(StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    HYBRID = "hybrid"


class GoalStatus(StrEnum):
    OPEN = "open"
    ACHIEVED = "achieved"
    NOT_ACHIEVABLE = "not_achievable"
    DROPPED = "dropped"


class HomeworkStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class Assignee(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class Party(StrEnum):
    """Who signs an agreement or writes a reflection: the journal's owner or the partner."""

    ME = "me"
    PARTNER = "partner"


class EvaluationMoment(StrEnum):
    """When an evaluation questionnaire is answered."""

    MIDPOINT = "midpoint"
    FINAL = "final"


class RecordKind(StrEnum):
    RELATIONSHIP = "relationship"
    AGREEMENT = "agreement"
    GOAL = "goal"
    SESSION = "session"
    HOMEWORK = "homework"
    MATERIAL = "material"
    ENTRY = "entry"
    REFLECTION = "reflection"
    EVALUATION = "evaluation"
