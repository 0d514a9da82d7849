"""Every value, reason, problem and error of the core has words in English and in Polish.

The lists are walked (enums, ``__subclasses__()``), never written out here, so a new value or
error class without its text fails.
"""

from __future__ import annotations

import dataclasses
import typing
from enum import StrEnum
from pathlib import Path

import pytest

from mentorjournal.domain import RECORDS, MentorJournalError, Problem, ProblemKind
from mentorjournal.domain.errors import InvalidValue, Reason
from mentorjournal.i18n import Language, use_language
from mentorjournal.i18n.describe import (
    describe_error,
    describe_invalid_value,
    describe_problem,
    described_errors,
)
from mentorjournal.i18n.names import (
    VOCABULARIES,
    field_label,
    labelled_fields,
    member_named,
    name,
)
from tests.i18n.conftest import Misses


def _all_subclasses(cls: type[MentorJournalError]) -> list[type[MentorJournalError]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_all_subclasses(sub)]
    return found


ERRORS = [MentorJournalError, *_all_subclasses(MentorJournalError)]
VALUES = [member for vocabulary in VOCABULARIES for member in vocabulary]


def _sample(cls: type[MentorJournalError]) -> MentorJournalError:
    """An instance of ``cls`` built from its constructor's annotations."""
    if cls.__init__ is Exception.__init__:
        return cls()
    samples: dict[object, object] = {Path: Path("/journal/file"), int: 7, str: "title"}
    hints = typing.get_type_hints(cls.__init__)
    hints.pop("return", None)
    arguments: dict[str, object] = {}
    for parameter, hint in hints.items():
        if hint is Reason:
            arguments[parameter] = Reason.REQUIRED
        elif hint == tuple[str, ...]:
            arguments[parameter] = ()
        else:
            arguments[parameter] = samples[hint]
    return cls(**arguments)


def _in_both(text_of: typing.Callable[[], str], misses: Misses) -> tuple[str, str]:
    """The text in Polish (with nothing missing from the catalogue) and in English."""
    polish = text_of()
    assert misses.missed == []
    use_language(Language.ENGLISH)
    english = text_of()
    return polish, english


@pytest.mark.parametrize("error_class", ERRORS, ids=lambda cls: cls.__name__)
def test_every_error_has_its_own_sentence_in_both_languages(
    error_class: type[MentorJournalError], in_polish: Misses
):
    assert error_class in described_errors(), f"describe.py has no sentence for {error_class}"
    error = _sample(error_class)

    polish, english = _in_both(lambda: describe_error(error), in_polish)

    assert polish != english
    assert polish.strip()
    assert english.strip()


@pytest.mark.parametrize("reason", list(Reason))
def test_every_reason_has_a_sentence_in_both_languages(reason: Reason, in_polish: Misses):
    error = InvalidValue("--title", reason, ("1", "5"))

    polish, english = _in_both(lambda: describe_invalid_value(error), in_polish)

    assert polish != english
    assert "{" not in polish
    assert "{" not in english


@pytest.mark.parametrize("kind", list(ProblemKind))
def test_every_problem_verify_finds_has_a_sentence(kind: ProblemKind, in_polish: Misses):
    problem = Problem(kind=kind, path="/journal/blobs/x", detail="SQLite's own words")

    polish, english = _in_both(lambda: describe_problem(problem), in_polish)

    assert polish != english
    assert "/journal/blobs/x" in polish


@pytest.mark.parametrize("value", VALUES, ids=lambda value: f"{type(value).__name__}.{value.name}")
def test_every_value_of_every_vocabulary_has_a_name(value: StrEnum, in_polish: Misses):
    polish, english = _in_both(lambda: name(value), in_polish)

    assert polish
    assert english
    # The Polish name is accepted where the value is typed, like the value itself.
    assert member_named(type(value), polish) is value
    assert member_named(type(value), value.value.upper()) is value


def test_every_vocabulary_of_the_domain_is_named():
    from mentorjournal.domain import enums

    vocabularies = {
        item
        for item in vars(enums).values()
        if isinstance(item, type) and issubclass(item, StrEnum) and item is not StrEnum
    }
    assert vocabularies == set(VOCABULARIES)


def test_polish_names_are_accepted_without_polish_letters():
    from mentorjournal.domain import Kind, Stage

    assert member_named(Kind, "odwrócony") is Kind.REVERSE
    assert member_named(Kind, "ODWROCONY") is Kind.REVERSE
    assert member_named(Stage, "w przygotowaniu") is Stage.PREPARING
    assert member_named(Kind, "mentoring") is None


@pytest.mark.parametrize(
    "field",
    sorted({f.name for record in RECORDS.values() for f in dataclasses.fields(record.model)}),
)
def test_every_field_of_a_record_has_a_label(field: str, in_polish: Misses):
    assert field in labelled_fields()

    polish, english = _in_both(lambda: field_label(field), in_polish)

    assert polish
    assert english


def test_one_english_word_gets_the_polish_word_of_its_vocabulary(in_polish: Misses):
    from mentorjournal.domain import GoalStatus, HomeworkStatus, Kind, Role

    # Equal as strings ("open" == "open"), told apart by their pgettext context.
    assert (name(GoalStatus.OPEN), name(HomeworkStatus.OPEN)) == ("otwarty", "otwarte")
    assert (name(Kind.PEER), name(Role.PEER)) == ("koleżeński", "partner")
    assert in_polish.missed == []
