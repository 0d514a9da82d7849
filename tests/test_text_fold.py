"""Folding text for search: what it guarantees for any text (hypothesis) and for Polish."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mentorjournal.domain.text_fold import fold, words

POLISH_UPPER = "ĄĆĘŁŃÓŚŹŻ"
POLISH_LOWER = "ąćęłńóśźż"


@given(st.text())
def test_fold_keeps_the_length_so_offsets_match_the_original(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(st.text())
@example("Ǿ ǿ")  # the base letter of a decomposition may itself need folding
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(), st.text())
def test_fold_works_character_by_character(left: str, right: str) -> None:
    assert fold(left + right) == fold(left) + fold(right)


@given(st.text(alphabet=st.characters(codec="ascii")))
def test_ascii_only_changes_case(text: str) -> None:
    assert fold(text) == text.lower()


@given(st.text(alphabet=POLISH_UPPER + POLISH_LOWER + "abcdefghijklmnopqrstuvwxyz "))
def test_polish_text_folds_to_lower_case_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == fold(text.upper()) == fold(text.lower())


@given(st.text())
def test_the_words_of_a_text_are_those_of_its_folded_form(text: str) -> None:
    assert words(text) == words(fold(text))
    assert all(word == fold(word) for word in words(text))


# Latin script up to Latin Extended-B: what Polish and the other Latin-alphabet languages of
# our users write. Scripts whose letters carry combining marks after NFC (Hebrew points) are
# split at the mark, in the index and in queries alike.
LATIN_LETTERS = st.characters(categories=["L", "N"], max_codepoint=0x024F)


@given(st.text(alphabet=LATIN_LETTERS, min_size=1))
def test_a_word_is_never_split_by_folding(word: str) -> None:
    composed = unicodedata.normalize("NFC", word)
    assert words(composed) == [fold(composed)]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zażółć gęślą jaźń", "zazolc gesla jazn"),
        (POLISH_UPPER, "acelnoszz"),
        (POLISH_LOWER, "acelnoszz"),
        ("ŁÓDŹ", "lodz"),
        ("Crème Brûlée", "creme brulee"),
        ("Øresund Đakovo", "oresund dakovo"),
        ("Ǿrsted", "orsted"),
        ("İstanbul", "istanbul"),
        ("Straße", "straße"),
    ],
)
def test_known_words_fold_as_a_user_expects(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_words_split_on_punctuation_and_keep_digits() -> None:
    assert words("Sesja #3: „Żółw” – 2026-11-20, plan_B!") == [
        "sesja",
        "3",
        "zolw",
        "2026",
        "11",
        "20",
        "plan_b",
    ]
