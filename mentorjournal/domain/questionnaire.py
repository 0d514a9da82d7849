"""The evaluation questionnaire: Likert statements asked at the mid-point and at the end.

The statements live in ``resources/evaluations/<language>.toml`` (one file per language, like
the session templates), so a translator edits text, not code. An evaluation record stores its
answers as ``question_id=score`` items; ids are read from the English file and are stored in
journals, so they are never changed or reused.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mentorjournal.domain.errors import InvalidValue, Reason

LOWEST = 1
HIGHEST = 5
_FALLBACK = "en"


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """The statements and the names of the scale's points, in one language."""

    questions: tuple[Question, ...]
    scale: Mapping[int, str]  # 1..5 -> "Strongly disagree" ... "Strongly agree"


@cache
def questionnaire(language: str = _FALLBACK) -> Questionnaire:
    """The questionnaire in ``language`` ("en", "pl", "pl_PL"); English if there is none."""
    folder = resources.files("mentorjournal") / "resources" / "evaluations"
    for candidate in (language, language.split("_")[0], _FALLBACK):
        source = folder / f"{candidate}.toml"
        if source.is_file():
            data = tomllib.loads(source.read_text(encoding="utf-8"))
            return Questionnaire(
                questions=tuple(Question(q["id"], q["text"]) for q in data["question"]),
                scale={int(point): text for point, text in data["scale"].items()},
            )
    raise FileNotFoundError(folder / f"{_FALLBACK}.toml")  # a broken installation


def question_ids() -> tuple[str, ...]:
    return tuple(question.id for question in questionnaire().questions)


def parse_answers(items: Iterable[str], field: str = "answers") -> dict[str, int]:
    """``["goals_clear=4", ...]`` as ``{"goals_clear": 4}``; refuses unknown ids and scores.

    An id given twice keeps its last score, as a later option wins on a command line.
    """
    known = question_ids()
    answers: dict[str, int] = {}
    for item in items:
        question, separator, score = item.partition("=")
        question = question.strip()
        if not separator or question not in known:
            raise InvalidValue(field, Reason.UNKNOWN_QUESTION, known)
        try:
            value = int(score.strip())
        except ValueError:
            raise InvalidValue(field, Reason.OUT_OF_RANGE, (str(LOWEST), str(HIGHEST))) from None
        if not LOWEST <= value <= HIGHEST:
            raise InvalidValue(field, Reason.OUT_OF_RANGE, (str(LOWEST), str(HIGHEST)))
        answers[question] = value
    return answers


def answer_items(answers: Mapping[str, int]) -> tuple[str, ...]:
    """The stored form of ``answers``, in the questionnaire's order."""
    return tuple(f"{q}={answers[q]}" for q in question_ids() if q in answers)
