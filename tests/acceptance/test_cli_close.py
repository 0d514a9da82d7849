"""``mentorjournal close`` as a user runs it: a full closing, a refused one, a draft resumed."""

from __future__ import annotations

from pathlib import Path

from tests.acceptance.conftest import Cli
from tests.i18n.test_polish_command_line import english_in


def _goal(cli: Cli, relationship: str, title: str) -> str:
    return cli.add("goal", "--relationship", relationship, "--title", title)


def _shown(cli: Cli, record_id: str) -> dict[str, object]:
    shown: dict[str, object] = cli.ok("show", record_id, "--json").json()
    return shown


def test_a_full_closing_from_the_command_line(cli: Cli, relationship: str, tmp_path: Path) -> None:
    speak = _goal(cli, relationship, "Wystąpienie na konferencji")
    blog = _goal(cli, relationship, "Prowadzić bloga")
    why = tmp_path / "why.md"
    why.write_text("Firma zamknęła bloga.\n\n- nie było budżetu\n", encoding="utf-8")
    worked = tmp_path / "worked.md"
    worked.write_text("# Co działało\n\nPytania zamiast rad.\n", encoding="utf-8")

    result = cli.ok(
        "close",
        "--relationship",
        relationship[:6],
        "--goal",
        f"{speak[:6]}=achieved",
        "--goal",
        f"{blog[:6]}=not_achievable",
        "--why",
        f"{blog[:6]}=@{why}",
        "--what-worked",
        f"@{worked}",
        "--lessons",
        "Słuchać do końca.",
        "--rating",
        "4",
        "--json",
    )

    closing = result.json()
    assert closing["closed"] is True
    assert closing["missing"] == []
    assert closing["relationship"]["stage"] == "closed"
    assert closing["relationship"]["ended_on"] == "2026-11-23"
    own = closing["reflections"]["me"]
    assert own["what_worked"] == "# Co działało\n\nPytania zamiast rad."
    assert (own["lessons"], own["rating"], own["finalised_on"]) == (
        "Słuchać do końca.",
        4,
        "2026-11-23",
    )
    # What the journal holds now, read back by other commands.
    assert _shown(cli, speak)["status"] == "achieved"
    assert _shown(cli, speak)["progress"] == 100
    assert _shown(cli, blog)["outcome_note"] == "Firma zamknęła bloga.\n\n- nie było budżetu"
    assert _shown(cli, relationship)["stage"] == "closed"
    plain = cli.ok("list", "reflections", "--relationship", relationship).out
    assert "4/5" in plain
    assert "2026-11-23" in plain


def test_a_refused_closing_says_what_is_missing_and_changes_nothing(
    cli: Cli, relationship: str
) -> None:
    cli.ok("set", relationship, "stage=active")
    speak = _goal(cli, relationship, "Wystąpienie")
    blog = _goal(cli, relationship, "Blog")

    refused = cli(
        "close",
        "--relationship",
        relationship,
        "--goal",
        f"{speak}=achieved",
        "--lessons",
        "Ta lekcja nie może zostać zapisana.",
    )

    assert refused.code == 1
    assert refused.out == ""
    assert refused.error_line == (
        "mentorjournal: The closing cannot be finished yet: 1 goal has no verdict yet "
        f"({blog[:8]}). Nothing was changed."
    )
    assert _shown(cli, speak)["status"] == "open"
    assert _shown(cli, relationship)["stage"] == "active"
    assert cli.ok("list", "reflections").out.strip() == "No records."
    assert "lekcja" not in cli.ok("search", "lekcja").out

    why_missing = cli("close", "--relationship", relationship, "--goal", f"{blog}=not_achievable")
    assert why_missing.code == 2
    assert "needs the why" in why_missing.error_line
    assert "--why" in why_missing.error_line


def test_a_draft_is_saved_and_the_closing_resumed_later(cli: Cli, relationship: str) -> None:
    speak = _goal(cli, relationship, "Wystąpienie")
    blog = _goal(cli, relationship, "Blog")

    draft = cli.ok(
        "close",
        "--relationship",
        relationship,
        "--draft",
        "--goal",
        f"{speak}=achieved",
        "--what-worked",
        "Regularne spotkania.",
    )
    assert "saved as a draft" in draft.out
    assert "1 goal without a verdict" in draft.out
    assert "your reflection" not in draft.out  # written: only the goal is missing
    assert _shown(cli, relationship)["stage"] == "closing"

    # The partner's reflection, typed in on their behalf, is its own record.
    cli.ok(
        "close", "--relationship", relationship, "--draft", "--party", "partner",
        "--feedback", "Dziękuję za cierpliwość.",
    )  # fmt: skip
    done = cli.ok(
        "close",
        "--relationship",
        relationship,
        "--goal",
        f"{blog}=dropped",
        "--lessons",
        "Mniej naraz.",
        "--json",
    ).json()
    assert done["closed"] is True
    own, partner = done["reflections"]["me"], done["reflections"]["partner"]
    assert (own["what_worked"], own["lessons"]) == ("Regularne spotkania.", "Mniej naraz.")
    assert partner["feedback"] == "Dziękuję za cierpliwość."
    assert own["finalised_on"] == partner["finalised_on"] == "2026-11-23"

    again = cli("close", "--relationship", relationship, "--lessons", "Zmiana.")
    assert again.code == 1
    assert "reopen" in again.error_line
    reopened = cli.ok("close", "--relationship", relationship, "--reopen", "--json").json()
    assert reopened["relationship"]["stage"] == "active"
    assert reopened["relationship"]["ended_on"] is None
    assert reopened["reflections"]["me"]["finalised_on"] is None
    assert reopened["reflections"]["me"]["lessons"] == "Mniej naraz."


def test_the_closing_speaks_polish(cli: Cli, relationship: str, polish: None) -> None:
    goal = _goal(cli, relationship, "Wystąpienie")
    results = [
        cli("close", "--help", with_journal=False),
        cli("close", "--relationship", relationship, "--draft", "--lessons", "Cierpliwość."),
        cli("close", "--relationship", relationship),  # refused: a goal has no verdict
        cli("close", "--relationship", relationship, "--goal", f"{goal}=nieosiągalny"),
        cli("close", "--relationship", relationship, "--goal", f"{goal}=zielony"),
        cli("close", "--relationship", relationship, "--goal", f"{goal}=osiągnięty"),
    ]
    assert [r.code for r in results] == [0, 0, 1, 2, 2, 0]
    for result in results:
        assert english_in(result.out + result.err) == set(), result
    assert "szkic" in results[1].out
    assert "nie ma jeszcze oceny" in results[2].err
    assert "zamknięta" in results[5].out
    assert _shown(cli, relationship)["stage"] == "closed"
