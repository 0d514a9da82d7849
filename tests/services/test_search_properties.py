"""Properties of search over any text a user might type or write (hypothesis)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorjournal.domain import Session
from mentorjournal.domain.text_fold import fold
from mentorjournal.services.workspace import Workspace
from tests.services.records_helpers import add, add_relationship, hit_ids

# One workspace serves every example: searching changes nothing, and writing replaces one note.
SHARED_WORKSPACE = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=150
)

# Words as people write them: letters (any script) and digits, without separators, in the
# composed form the journal stores. (A few letters, such as Hebrew presentation forms, are
# stored as a letter and a point; FTS5's tokenizer splits words at such points.)
WORDS = st.text(
    alphabet=st.characters(categories=["L", "Nd"]),
    min_size=1,
    max_size=24,
).filter(lambda word: unicodedata.normalize("NFC", word) == word)
POLISH = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
POLISH_WORDS = st.text(alphabet=POLISH + POLISH.upper(), min_size=1, max_size=24)


@pytest.fixture
def note(workspace: Workspace) -> Session:
    relationship_id = add_relationship(workspace, "Żaneta Wójcik")
    values = {"relationship_id": relationship_id, "held_at": "2026-11-20", "notes": "Na początek"}
    add(workspace, Session, {**values, "notes": "Żółw"})
    return add(workspace, Session, values)


@SHARED_WORKSPACE
@given(query=st.text(max_size=60))
def test_search_never_raises_for_any_text(workspace: Workspace, note: Session, query: str) -> None:
    hits = workspace.search.search(query)
    ranks = [hit.rank for hit in hits]
    assert ranks == sorted(ranks)
    assert {hit.relationship_id for hit in hits} <= {note.relationship_id}
    assert all(hit.snippet.count("**") % 2 == 0 for hit in hits)


@SHARED_WORKSPACE
@given(word=WORDS, before=WORDS, after=WORDS)
def test_a_written_word_is_found_by_its_folded_form(
    workspace: Workspace, note: Session, word: str, before: str, after: str
) -> None:
    workspace.records.update(note.id, {"notes": f"{before} — {word}, {after}."})
    assert note.id in hit_ids(workspace, fold(word))
    assert note.id in hit_ids(workspace, word)


@SHARED_WORKSPACE
@given(word=POLISH_WORDS)
def test_a_polish_word_is_found_in_any_case_with_or_without_its_accents(
    workspace: Workspace, note: Session, word: str
) -> None:
    workspace.records.update(note.id, {"notes": f"Zapisała: {word}."})
    for typed in (word.upper(), word.lower(), fold(word).upper(), word.swapcase()):
        assert note.id in hit_ids(workspace, typed), typed
