"""The name people see for every value of the domain's closed vocabularies (domain/enums.py).

Each name has a ``pgettext`` context naming its vocabulary, because one English word can need
two Polish ones ("open" goal: *otwarty*; "open" homework: *otwarte*). Values typed on the
command line stay the English values; :func:`member_named` also accepts the Polish names,
in any case and with or without Polish letters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

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
from mentorjournal.domain.fields import SCOPE_FIELD, FieldSpec
from mentorjournal.domain.records import RECORDS
from mentorjournal.domain.text_fold import fold
from mentorjournal.i18n import CatalogueMissing, Language, _, load_translation
from mentorjournal.i18n import pgettext as _pgettext

# Every vocabulary whose values are shown to people; a test walks this tuple.
VOCABULARIES: tuple[type[StrEnum], ...] = (
    Scope,
    Role,
    Kind,
    Stage,
    MeetingFormat,
    GoalStatus,
    HomeworkStatus,
    Assignee,
    Party,
    EvaluationMoment,
    RecordKind,
)

PGettext = Callable[[str, str], str]
E = TypeVar("E", bound=StrEnum)


def _names(pgettext: PGettext) -> dict[tuple[type[StrEnum], str], str]:
    """Every name, looked up with ``pgettext`` (named so, so that Babel extracts the calls).

    Keyed by vocabulary and value: ``GoalStatus.OPEN == HomeworkStatus.OPEN`` as strings.
    """
    names: list[tuple[StrEnum, str]] = [
        (Scope.PRIVATE, pgettext("scope", "private")),
        (Scope.SHARED, pgettext("scope", "shared")),
        (Role.MENTOR, pgettext("role", "mentor")),
        (Role.MENTEE, pgettext("role", "mentee")),
        (Role.PEER, pgettext("role", "peer")),
        (Kind.TRADITIONAL, pgettext("relationship kind", "traditional")),
        (Kind.REVERSE, pgettext("relationship kind", "reverse")),
        (Kind.PEER, pgettext("relationship kind", "peer")),
        (Kind.GROUP, pgettext("relationship kind", "group")),
        (Kind.COLLABORATIVE, pgettext("relationship kind", "collaborative")),
        (Stage.PREPARING, pgettext("stage", "preparing")),
        (Stage.AGREED, pgettext("stage", "agreed")),
        (Stage.ACTIVE, pgettext("stage", "active")),
        (Stage.CLOSING, pgettext("stage", "closing")),
        (Stage.CLOSED, pgettext("stage", "closed")),
        (MeetingFormat.ONLINE, pgettext("meeting format", "online")),
        (MeetingFormat.IN_PERSON, pgettext("meeting format", "in person")),
        (MeetingFormat.HYBRID, pgettext("meeting format", "hybrid")),
        (GoalStatus.OPEN, pgettext("goal status", "open")),
        (GoalStatus.ACHIEVED, pgettext("goal status", "achieved")),
        (GoalStatus.NOT_ACHIEVABLE, pgettext("goal status", "not achievable")),
        (GoalStatus.DROPPED, pgettext("goal status", "dropped")),
        (HomeworkStatus.OPEN, pgettext("homework status", "open")),
        (HomeworkStatus.DONE, pgettext("homework status", "done")),
        (HomeworkStatus.DROPPED, pgettext("homework status", "dropped")),
        (Assignee.MENTOR, pgettext("assignee", "mentor")),
        (Assignee.MENTEE, pgettext("assignee", "mentee")),
        (Party.ME, pgettext("party", "me")),
        (Party.PARTNER, pgettext("party", "partner")),
        (RecordKind.RELATIONSHIP, pgettext("record kind", "relationship")),
        (RecordKind.AGREEMENT, pgettext("record kind", "agreement")),
        (RecordKind.GOAL, pgettext("record kind", "goal")),
        (RecordKind.SESSION, pgettext("record kind", "session")),
        (RecordKind.HOMEWORK, pgettext("record kind", "homework")),
        (RecordKind.MATERIAL, pgettext("record kind", "material")),
        (RecordKind.ENTRY, pgettext("record kind", "diary entry")),
        (RecordKind.REFLECTION, pgettext("record kind", "reflection")),
        (RecordKind.EVALUATION, pgettext("record kind", "evaluation")),
        (EvaluationMoment.MIDPOINT, pgettext("evaluation moment", "mid-point")),
        (EvaluationMoment.FINAL, pgettext("evaluation moment", "final")),
    ]
    return {_key_of(member): text for member, text in names}


def _key_of(member: StrEnum) -> tuple[type[StrEnum], str]:
    return type(member), member.value


def name(value: StrEnum) -> str:
    """The name of ``value`` in the current language."""
    return _names(_pgettext)[_key_of(value)]


def names_of(vocabulary: type[E]) -> dict[E, str]:
    """Every value of ``vocabulary`` with its name in the current language."""
    everything = _names(_pgettext)
    return {member: everything[_key_of(member)] for member in vocabulary}


def _key(text: str) -> str:
    return fold(text.strip()).replace("-", " ").replace("_", " ")


def member_named(vocabulary: type[E], text: str) -> E | None:
    """The value ``text`` stands for: the value itself or its English or Polish name.

    Case, Polish letters, and ``-``/``_``/space between words do not matter, so
    ``odwrócony``, ``Odwrocony`` and ``reverse`` all give ``Kind.REVERSE``.
    """
    wanted = _key(text)
    tables = _spelling_tables()
    for member in vocabulary:
        spellings = {_key(member.value), *(_key(table[_key_of(member)]) for table in tables)}
        if wanted in spellings:
            return member
    return None


@functools.cache
def _spelling_tables() -> tuple[dict[tuple[type[StrEnum], str], str], ...]:
    english = _names(lambda _context, message: message)
    try:
        polish = _names(load_translation(Language.POLISH).pgettext)
    except CatalogueMissing:  # English names still work without the compiled catalogue
        return (english,)
    return (english, polish)


def _common_labels(pgettext: PGettext) -> dict[str, str]:
    """Labels of what every record has; each record kind's own fields are labelled in its
    declaration (:mod:`mentorjournal.domain.records`)."""
    return {
        "kind_of_record": pgettext("field", "Kind of record"),
        "id": pgettext("field", "Id"),
        "created_at": pgettext("field", "Created"),
        "updated_at": pgettext("field", "Changed"),
        "deleted_at": pgettext("field", "Deleted"),
        "signatures": pgettext("field", "Signatures"),
    }


def _declared(field: str, kind: RecordKind | None) -> FieldSpec | None:
    if field == SCOPE_FIELD.name:
        return SCOPE_FIELD
    kinds = [RECORDS[kind]] if kind is not None else list(RECORDS.values())
    return next((spec for record in kinds for spec in record.columns if spec.name == field), None)


def field_label(field: str, kind: RecordKind | None = None) -> str:
    """The name people see for a field of a record of ``kind`` (the stored and JSON names
    stay English); without ``kind``, the first record kind that has the field names it."""
    common = _common_labels(_pgettext)
    if field in common:
        return common[field]
    spec = _declared(field, kind)
    return _(spec.label) if spec is not None else field


def labelled_fields() -> frozenset[str]:
    """Every field name people can see a label for."""
    declared = {spec.name for record in RECORDS.values() for spec in record.columns}
    common = _common_labels(lambda _context, message: message)
    return frozenset(common) | declared | {SCOPE_FIELD.name}
