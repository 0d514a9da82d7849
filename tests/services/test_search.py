"""Full-text search as a user meets it: ranked hits, snippets, Polish letters, filters."""

from __future__ import annotations

import unicodedata

import pytest

from mentorjournal.domain import Goal, Homework, RecordKind, Session
from mentorjournal.services.workspace import Workspace
from tests.services.records_helpers import add, add_relationship, hit_ids

FILLER = " ".join(["Rozmawialiśmy o planach na kolejny kwartał i o tym, co się udało."] * 3)


@pytest.fixture
def relationship_id(workspace: Workspace) -> str:
    return add_relationship(workspace, "Żaneta Wójcik")


def _note(workspace: Workspace, relationship_id: str, notes: str, **values: str) -> Session:
    return add(
        workspace,
        Session,
        {"relationship_id": relationship_id, "held_at": "2026-11-20T10:00", "notes": notes}
        | values,
    )


def test_a_title_match_ranks_above_a_match_in_the_body(
    workspace: Workspace, relationship_id: str
) -> None:
    in_body = _note(workspace, relationship_id, f"{FILLER} Negocjacje płacowe za tydzień.")
    in_details = add(
        workspace,
        Homework,
        {"relationship_id": relationship_id, "title": "Lista", "details": "negocjacje"},
    )
    in_title = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Negocjacje"})

    hits = workspace.search.search("negocjacje")

    assert hits[0].record_id == in_title.id
    assert {hit.record_id for hit in hits} == {in_title.id, in_body.id, in_details.id}
    assert [hit.rank for hit in hits] == sorted(hit.rank for hit in hits)
    assert (hits[0].kind, hits[0].title, hits[0].relationship_id) == (
        RecordKind.GOAL,
        "Negocjacje",
        relationship_id,
    )


def test_a_snippet_keeps_polish_letters_and_marks_the_match(
    workspace: Workspace, relationship_id: str
) -> None:
    session = _note(workspace, relationship_id, f"{FILLER} Potem Żółw wygrał wyścig z zającem.")

    [hit] = workspace.search.search("zolw wyscig")

    assert hit.record_id == session.id
    assert "**Żółw** wygrał **wyścig** z zającem." in hit.snippet
    assert hit.snippet.startswith("…")
    assert len(hit.snippet) < len(session.notes)


def test_a_match_in_the_title_only_is_marked_in_the_snippet(
    workspace: Workspace, relationship_id: str
) -> None:
    goal = add(
        workspace,
        Goal,
        {"relationship_id": relationship_id, "title": "Wystąpienia publiczne", "description": "x"},
    )
    [hit] = workspace.search.search("wystapienia")
    assert hit.record_id == goal.id
    assert "**Wystąpienia** publiczne" in hit.snippet


def test_a_match_deep_in_a_long_link_is_still_marked(
    workspace: Workspace, relationship_id: str
) -> None:
    link = "https://example.org/" + "a" * 120 + "/raport-żółw.pdf"
    _note(workspace, relationship_id, f"Przeczytaj {link} przed sesją.")
    [hit] = workspace.search.search("zolw")
    assert "**żółw**" in hit.snippet


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Żółw", "zolw"),
        ("zolw", "Żółw"),
        ("lodz", "ŁÓDŹ"),
        ("Łódź", "lodz"),
        ("gęślą", "gesla"),
        ("gesla", "GĘŚLĄ"),
        ("łąka", "laka"),
        ("laka", "łąka"),
        ("ZAŻÓŁĆ", "zazolc"),
        ("Świętokrzyskie", "SWIETOKRZYSKIE"),
    ],
)
def test_search_ignores_case_and_polish_letters_both_ways(
    workspace: Workspace, relationship_id: str, written: str, typed: str
) -> None:
    session = _note(workspace, relationship_id, f"Wspomniała: {written}, i poszła dalej.")
    [hit] = workspace.search.search(typed)
    assert hit.record_id == session.id
    assert f"**{written}**" in hit.snippet


def test_text_typed_in_decomposed_form_finds_composed_text(
    workspace: Workspace, relationship_id: str
) -> None:
    session = _note(workspace, relationship_id, "Zażółć gęślą jaźń")
    decomposed = unicodedata.normalize("NFD", "Zażółć gęślą")
    assert decomposed != "Zażółć gęślą"
    assert hit_ids(workspace, decomposed) == [session.id]


def test_the_last_word_matches_as_a_prefix_and_every_word_must_occur(
    workspace: Workspace, relationship_id: str
) -> None:
    session = _note(workspace, relationship_id, "Negocjacje płacowe w przyszłym tygodniu")

    assert hit_ids(workspace, "negocj") == [session.id]
    assert hit_ids(workspace, "negocjacje plac") == [session.id]
    assert hit_ids(workspace, "negocj placowe") == []  # only the last word is a prefix
    assert hit_ids(workspace, "negocjacje urlop") == []
    assert hit_ids(workspace, "tygodniu negocjacje") == [session.id]  # in any order


def test_filters_by_relationship_and_by_kind(workspace: Workspace, relationship_id: str) -> None:
    other_id = add_relationship(workspace, "Ewa Zielińska")
    mine = _note(workspace, relationship_id, "Temat: awans")
    theirs = _note(workspace, other_id, "Temat: awans")
    goal = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Awans"})
    entry = workspace.records.add(RecordKind.ENTRY, {"text": "Myślę o awansie"})

    assert set(hit_ids(workspace, "awans")) == {mine.id, theirs.id, goal.id, entry.id}
    assert set(hit_ids(workspace, "awans", relationship_id=relationship_id)) == {mine.id, goal.id}
    assert hit_ids(workspace, "awans", kinds=[RecordKind.GOAL]) == [goal.id]
    assert set(hit_ids(workspace, "awans", kinds=[RecordKind.SESSION, RecordKind.ENTRY])) == {
        mine.id,
        theirs.id,
        entry.id,
    }
    assert hit_ids(workspace, "awans", relationship_id=other_id, kinds=[RecordKind.GOAL]) == []
    assert [
        hit.relationship_id for hit in workspace.search.search("awans", relationship_id=other_id)
    ] == [other_id]


def test_private_notes_are_found_on_this_device(workspace: Workspace, relationship_id: str) -> None:
    session = _note(workspace, relationship_id, "Wspólne", private_notes="Tylko moja obawa")
    [hit] = workspace.search.search("obawa")
    assert hit.record_id == session.id
    assert "**obawa**" in hit.snippet


def test_relationships_are_found_by_partner_and_focus_area(workspace: Workspace) -> None:
    relationship_id = add_relationship(
        workspace, "Grzegorz Brzęczyszczykiewicz", focus_areas="przywództwo, finanse"
    )
    assert hit_ids(workspace, "brzeczyszczykiewicz") == [relationship_id]
    assert hit_ids(workspace, "przywodztwo") == [relationship_id]


def test_changed_text_is_found_by_its_new_words_only(
    workspace: Workspace, relationship_id: str
) -> None:
    session = _note(workspace, relationship_id, "Stary temat")
    workspace.records.update(session.id, {"notes": "Nowy wątek"})
    assert hit_ids(workspace, "stary") == []
    assert hit_ids(workspace, "watek") == [session.id]


def test_records_of_a_deleted_relationship_are_not_found(
    workspace: Workspace, relationship_id: str
) -> None:
    _note(workspace, relationship_id, "Tajemnica")
    add(workspace, Goal, {"relationship_id": relationship_id, "title": "Tajemnica"})
    workspace.records.delete(relationship_id)
    assert workspace.search.search("tajemnica") == []
    assert workspace.search.search("zaneta") == []


SYNTAX = [
    '"',
    '"żółw',
    '"żółw"',
    "żółw*",
    "*",
    "**",
    "(żółw)",
    "(",
    ")",
    "NEAR(żółw wyścig)",
    "NEAR",
    "żółw AND",
    "AND",
    "OR",
    "NOT",
    "żółw OR",
    "żółw NOT",
    "-",
    "- żółw",
    "żółw -",
    "^żółw",
    "notes:żółw",
    "{notes title}: żółw",
    "żółw:",
    "'",
    "żółw'; DROP TABLE session; --",
    "+",
    "\\",
    "%",
    "_",
    "żółw\x00",
]


@pytest.mark.parametrize("query", SYNTAX)
def test_fts_syntax_in_a_query_is_taken_as_plain_text(
    workspace: Workspace, relationship_id: str, query: str
) -> None:
    words = "Żółw wyścig and or not near: notes, title. Drop table session."
    session = _note(workspace, relationship_id, words)
    hits = hit_ids(workspace, query)
    has_words = any(c.isalnum() for c in query)
    assert hits == ([session.id] if has_words else [])
    assert workspace.records.list_records(RecordKind.SESSION) == [session]


@pytest.mark.parametrize("query", ["", " ", "\n\t", "...", "—", "!?"])
def test_a_query_without_words_finds_nothing(
    workspace: Workspace, relationship_id: str, query: str
) -> None:
    _note(workspace, relationship_id, "... — !? coś")
    assert workspace.search.search(query) == []


def test_results_are_capped_at_the_limit_best_first(
    workspace: Workspace, relationship_id: str
) -> None:
    for n in range(5):
        _note(workspace, relationship_id, f"Spotkanie numer {n}")
    best = add(workspace, Goal, {"relationship_id": relationship_id, "title": "Spotkanie"})
    hits = workspace.search.search("spotkanie", limit=3)
    assert len(hits) == 3
    assert hits[0].record_id == best.id


def test_many_hidden_matches_never_crowd_out_live_ones(
    workspace: Workspace, relationship_id: str
) -> None:
    gone = add_relationship(workspace, "Ewa Zielińska")
    for _ in range(30):
        add(workspace, Goal, {"relationship_id": gone, "title": "Mentoring"})
    workspace.records.delete(gone)
    live = {_note(workspace, relationship_id, f"{FILLER} mentoring").id for _ in range(3)}

    assert set(hit_ids(workspace, "mentoring", limit=3)) == live
    assert set(hit_ids(workspace, "mentoring")) == live
