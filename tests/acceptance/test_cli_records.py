"""Working with records through the command line, as a user would, with JSON read back."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest

from mentorjournal.domain import (
    RECORDS,
    HistoryEntry,
    RecordKind,
    SearchHit,
)
from tests.acceptance.conftest import Cli
from tests.conftest import OWNER

# `list` names and the fewest options `add` needs, per kind (RID: the relationship's id).
KINDS: dict[RecordKind, tuple[str, tuple[str, ...]]] = {
    RecordKind.RELATIONSHIP: ("relationships", ("--partner", "Ola Wiśniewska")),
    RecordKind.AGREEMENT: ("agreements", ("--relationship", "RID", "--frequency", "co tydzień")),
    RecordKind.GOAL: ("goals", ("--relationship", "RID", "--title", "Wystąpienia")),
    RecordKind.SESSION: ("sessions", ("--relationship", "RID", "--date", "2026-11-20T18:30")),
    RecordKind.HOMEWORK: ("homework", ("--relationship", "RID", "--title", "Przeczytać")),
    RecordKind.MATERIAL: ("materials", ("--relationship", "RID", "--title", "Slajdy")),
    RecordKind.ENTRY: ("entries", ("--text", "Dziś myślałam o rozmowie.")),
    RecordKind.REFLECTION: ("reflections", ("--relationship", "RID", "--lessons", "Cierpliwość")),
    RecordKind.EVALUATION: ("evaluations", ("--relationship", "RID", "--answers", "openness=4")),
}


def _local_today(cli: Cli) -> date:
    return cli.clock().astimezone().date()


def _field_names(model: type) -> set[str]:
    return {field.name for field in dataclasses.fields(model)}


@pytest.mark.parametrize("kind", list(RecordKind))
def test_every_kind_is_added_listed_and_shown(cli: Cli, relationship: str, kind: RecordKind):
    list_name, options = KINDS[kind]
    prefix = relationship[:6]  # a user types the first few characters of an id
    new_id = cli.add(kind.value, *(prefix if value == "RID" else value for value in options))

    listed = cli.ok("list", list_name, "--json").json()
    shown = cli.ok("show", new_id[:8], "--json").json()
    plain = cli.ok("show", new_id).out

    assert new_id in [item["id"] for item in listed]
    assert set(shown) == _field_names(RECORDS[kind].model) | {"kind_of_record"}
    assert shown["id"] == new_id
    assert shown["kind_of_record"] == kind.value
    assert f"Id: {new_id}" in plain
    if "RID" in options:
        assert shown["relationship_id"] == relationship


def test_add_takes_the_option_names_of_the_issue(cli: Cli, relationship: str):
    other = cli.ok(
        "add", "relationship", "--partner", "Ewa", "--kind", "peer", "--role", "peer",
        "--title", "Koło", "--interval-days", "14", "--json",
    ).json()  # fmt: skip
    goal = cli.add(
        "goal", "--relationship", relationship, "--title", "Blog",
        "--description", "Pisać co tydzień", "--target-date", "2027-03-01",
    )  # fmt: skip
    session = cli.ok(
        "add", "session", "--relationship", relationship, "--date", "2026-11-20T17:00",
        "--duration", "45", "--format", "online", "--notes", "Wspólne", "--private-notes",
        "Tylko moje", "--json",
    ).json()  # fmt: skip
    homework = cli.ok(
        "add", "homework", "--relationship", relationship, "--title", "Szkic", "--due",
        "2026-11-30", "--assignee", "mentor", "--goal", goal[:5], "--session",
        session["id"][:5], "--json",
    ).json()  # fmt: skip
    material = cli.ok(
        "add", "material", "--relationship", relationship, "--title", "Artykuł", "--url",
        "https://example.org/a", "--note", "Do przeczytania", "--private", "--json",
    ).json()  # fmt: skip
    entry = cli.ok(
        "add", "entry", "--relationship", relationship, "--text", "Notatka", "--json"
    ).json()

    assert (other["partner_names"], other["my_role"], other["kind"]) == (["Ewa"], "peer", "peer")
    assert (other["title"], other["interval_days"]) == ("Koło", 14)
    assert cli.ok("show", goal, "--json").json()["target_date"] == "2027-03-01"
    assert session["held_at"] == datetime(2026, 11, 20, 17, 0).isoformat()
    assert (session["duration_minutes"], session["format"]) == (45, "online")
    assert (session["notes"], session["private_notes"]) == ("Wspólne", "Tylko moje")
    assert (homework["due_date"], homework["assignee"]) == ("2026-11-30", "mentor")
    assert (homework["goal_id"], homework["session_id"]) == (goal, session["id"])
    assert (material["url"], material["scope"]) == ("https://example.org/a", "private")
    assert (entry["relationship_id"], entry["scope"]) == (relationship, "private")


@pytest.mark.parametrize("kind", list(RecordKind))
def test_add_offers_every_settable_field(cli: Cli, kind: RecordKind):
    help_text = cli.ok("add", kind.value, "--help", with_journal=False).out

    for spec in RECORDS[kind].fields:
        if spec.settable:
            assert "--" + spec.name.replace("_", "-") in help_text


def test_long_field_options_reach_the_record(cli: Cli, relationship: str):
    goal = cli.ok(
        "add", "goal", "--relationship", relationship, "--title", "Wystąpienie",
        "--success-criteria", "20 minut bez notatek", "--progress", "30", "--outcome-note",
        "W toku", "--scope", "private", "--json",
    ).json()  # fmt: skip
    ola = cli.ok(
        "add", "relationship", "--partner-names", "Ola", "--partner", "Ewa, Marek",
        "--focus-areas", "AI, przywództwo", "--stage", "active", "--started-on", "2026-09-01",
        "--json",
    ).json()  # fmt: skip

    assert (goal["success_criteria"], goal["progress"]) == ("20 minut bez notatek", 30)
    assert (goal["outcome_note"], goal["scope"]) == ("W toku", "private")
    assert ola["partner_names"] == ["Ola", "Ewa", "Marek"]
    assert ola["focus_areas"] == ["AI", "przywództwo"]
    assert (ola["stage"], ola["started_on"]) == ("active", "2026-09-01")


def test_set_changes_fields_and_history_puts_an_old_value_back(cli: Cli, relationship: str):
    session = cli.add(
        "session", "--relationship", relationship, "--date", "2026-11-20", "--notes", "Wersja 1"
    )

    changed = cli.ok("set", session[:8], "notes=Wersja 2", "duration=30", "--json").json()
    history = cli.ok("history", session, "notes", "--json").json()
    restored = cli.ok("history", session, "notes", "--restore", str(history[0]["id"]), "--json")
    after = cli.ok("history", session, "notes", "--json").json()

    assert (changed["notes"], changed["duration_minutes"]) == ("Wersja 2", 30)
    assert [entry["value"] for entry in history] == ["Wersja 1"]
    assert set(history[0]) == _field_names(HistoryEntry)
    assert restored.json()["notes"] == "Wersja 1"
    assert [entry["value"] for entry in after] == ["Wersja 2", "Wersja 1"]
    assert "Wersja 1" in cli.ok("history", session, "notes").out


def test_homework_marked_done_gets_todays_date(cli: Cli, relationship: str):
    homework = cli.add("homework", "--relationship", relationship, "--title", "Przeczytać")

    done = cli.ok("set", homework, "status=done", "--json").json()

    assert (done["status"], done["done_on"]) == ("done", _local_today(cli).isoformat())


def test_trash_hides_a_record_until_it_is_undeleted(cli: Cli, relationship: str):
    goal = cli.add("goal", "--relationship", relationship, "--title", "Żeglarstwo")

    cli.ok("delete", goal[:6])
    live = [item["id"] for item in cli.ok("list", "goals", "--json").json()]
    trash = [item["id"] for item in cli.ok("list", "goals", "--trash", "--json").json()]
    found_while_deleted = cli.ok("search", "zeglarstwo", "--json").json()
    cli.ok("undelete", goal[:6])

    assert goal not in live
    assert trash == [goal]
    assert found_while_deleted == []
    assert [item["id"] for item in cli.ok("list", "goals", "--json").json()] == [goal]
    assert goal[:8] not in cli.ok("list", "goals", "--trash").out


def test_search_finds_polish_words_typed_without_polish_letters(cli: Cli, relationship: str):
    other = cli.add("relationship", "--partner", "Ewa")
    session = cli.add(
        "session", "--relationship", relationship, "--date", "2026-11-20",
        "--notes", "Rozmawialiśmy o tym, jak żółw wygrał wyścig.",
    )  # fmt: skip

    hits = cli.ok("search", "ZOLW", "--json").json()
    plain = cli.ok("search", "zolw").out
    in_other = cli.ok("search", "zolw", "--relationship", other, "--json").json()
    only_goals = cli.ok("search", "zolw", "--kind", "goal", "--json").json()
    only_sessions = cli.ok("search", "zolw", "--kind", "goal", "session", "--json").json()

    assert [hit["record_id"] for hit in hits] == [session]
    assert set(hits[0]) == _field_names(SearchHit)
    assert "żółw" in hits[0]["snippet"]
    assert session[:8] in plain
    assert "żółw" in plain
    assert in_other == only_goals == []
    assert [hit["record_id"] for hit in only_sessions] == [session]


def test_dashboard_counts_days_since_the_last_session_by_the_clock(cli: Cli, recovery_key: str):
    today = _local_today(cli)
    relationship = cli.add("relationship", "--partner", "Jan", "--interval-days", "14")
    last = datetime.combine(today - timedelta(days=20), datetime.min.time()).isoformat()
    cli.add("session", "--relationship", relationship, "--date", last)
    yesterday = (today - timedelta(days=1)).isoformat()
    cli.add("homework", "--relationship", relationship, "--title", "Esej", "--due", yesterday)
    cli.add("goal", "--relationship", relationship, "--title", "Blog")

    boards = cli.ok("dashboard", "--json").json()
    one = cli.ok("dashboard", "--relationship", relationship[:4], "--json").json()
    plain = cli.ok("dashboard").out

    assert boards == one
    board = boards[0]
    assert (board["relationship_id"], board["days_since_last_session"]) == (relationship, 20)
    assert (board["interval_days"], board["overdue"]) == (14, True)
    assert (board["open_homework"], board["overdue_homework"]) == (1, 1)
    assert board["goals_by_status"]["open"] == 1
    assert "Jan" in plain
    assert relationship[:8] in plain


def test_agreement_signatures_and_an_edit_that_invalidates_them(cli: Cli, relationship: str):
    agreement = cli.add(
        "agreement", "--relationship", relationship, "--meeting-format", "hybrid",
        "--principles", "Szczerość",
    )  # fmt: skip

    cli.ok("sign", agreement[:6], "--party", "me")
    signed = cli.ok("sign", agreement, "--party", "partner", "--json").json()
    board = cli.ok("dashboard", "--json").json()[0]
    edited = cli.ok("set", agreement, "principles=Szczerość i punktualność", "--json").json()

    assert [(s["party"], s["valid"]) for s in signed["signatures"]] == [
        ("me", True),
        ("partner", True),
    ]
    assert board["agreement_signed_by"] == [OWNER, "Jan Nowak"]
    assert [s["valid"] for s in edited["signatures"]] == [False, False]
    assert edited["version"] == signed["version"] + 1
