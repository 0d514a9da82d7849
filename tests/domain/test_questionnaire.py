"""The evaluation questionnaire reads the same in both languages and checks its answers."""

from __future__ import annotations

import pytest

from mentorjournal.domain import InvalidValue
from mentorjournal.domain.errors import Reason
from mentorjournal.domain.questionnaire import (
    answer_items,
    parse_answers,
    question_ids,
    questionnaire,
)


def test_polish_asks_the_same_questions_in_the_same_order_with_the_same_scale() -> None:
    english, polish = questionnaire("en"), questionnaire("pl")
    assert [q.id for q in polish.questions] == [q.id for q in english.questions]
    assert sorted(polish.scale) == sorted(english.scale) == [1, 2, 3, 4, 5]
    assert all(p.text != e.text for p, e in zip(polish.questions, english.questions, strict=True))
    assert len(set(question_ids())) == len(question_ids()) >= 5


def test_a_regional_language_falls_back_to_its_language_and_then_english() -> None:
    assert questionnaire("pl_PL") == questionnaire("pl")
    assert questionnaire("de") == questionnaire("en")


def test_answers_are_read_and_stored_in_the_questionnaires_order() -> None:
    answers = parse_answers(["worth_it=5", " goals_clear = 3 ", "goals_clear=4"])
    assert answers == {"worth_it": 5, "goals_clear": 4}
    assert answer_items(answers) == ("goals_clear=4", "worth_it=5")


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ("no_such_question=3", Reason.UNKNOWN_QUESTION),
        ("goals_clear", Reason.UNKNOWN_QUESTION),
        ("goals_clear=0", Reason.OUT_OF_RANGE),
        ("goals_clear=6", Reason.OUT_OF_RANGE),
        ("goals_clear=dobrze", Reason.OUT_OF_RANGE),
    ],
)
def test_an_unknown_question_or_a_score_outside_one_to_five_is_refused(
    item: str, reason: Reason
) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_answers([item])
    assert refused.value.reason is reason
