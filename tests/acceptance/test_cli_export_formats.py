"""``export json|markdown|ics`` and ``import json`` from the command line, as a user runs
them: the result on standard output, a note that the file is not encrypted on standard
error, the exit codes of DESIGN.md section 8."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.acceptance.conftest import Cli, Result
from tests.conftest import OWNER, snapshot_bytes

NOTE = "not encrypted"


@pytest.fixture
def filled(cli: Cli, relationship: str, tmp_path: Path) -> str:
    """The relationship with a goal, a session linked to it and an attached file."""
    goal = cli.add("goal", "--relationship", relationship, "--title", "Prowadzić bloga")
    cli.add(
        "session",
        "--relationship",
        relationship,
        "--date",
        "2026-11-20T17:30",
        "--agenda",
        "Pierwsze spotkanie",
        "--notes",
        "Rozmawialiśmy o **żółwiu**",
        "--private-notes",
        "sekret",
        "--goals",
        goal,
    )
    attached = tmp_path / "plan.pdf"
    attached.write_bytes(b"%PDF-1.4 \x00\xff")
    cli.add("material", "--relationship", relationship, "--title", "Plan", "--file", str(attached))
    return relationship


def _exported(result: Result) -> None:
    assert result.code == 0, result
    assert NOTE in result.error_line


def test_json_round_trip_through_a_new_journal(cli: Cli, filled: str, tmp_path: Path):
    first = tmp_path / "eksport.json"
    _exported(cli("export", "json", "--out", str(first)))
    other = tmp_path / "nowy"

    imported = cli("import", "json", str(first), "--json", journal=other)
    assert imported.code == 0, imported
    result = imported.json()
    assert (result["added"], result["skipped"], result["created"]) == (4, 0, True)
    assert result["recovery_key"]

    second = tmp_path / "znowu.json"
    _exported(cli("export", "json", "--out", str(second), journal=other))
    first_doc, second_doc = json.loads(first.read_text()), json.loads(second.read_text())
    assert first_doc["records"] == second_doc["records"]
    assert first_doc["attachments"] == second_doc["attachments"]
    assert second_doc["journal"]["owner_name"] == OWNER

    again = cli.ok("import", "json", str(first), journal=other)
    assert "4 records were in the journal already" in again.out


def test_one_relationship_as_json(cli: Cli, filled: str, tmp_path: Path):
    other = cli.add("relationship", "--partner", "Ola")
    out = tmp_path / "jan.json"
    result = cli("export", "json", "--relationship", filled[:8], "--out", str(out), "--json")
    _exported(result)
    assert result.json()["relationship_id"] == filled
    ids = [r["id"] for r in json.loads(out.read_text())["records"]["relationship"]]
    assert ids == [filled]
    assert other not in out.read_text()


def test_markdown_and_ics(cli: Cli, filled: str, tmp_path: Path):
    folder = tmp_path / "md"
    _exported(cli("export", "markdown", "--out", str(folder)))
    session = next((folder / "Jan Nowak" / "sessions").iterdir())
    assert session.name == "2026-11-20 17-30.md"
    assert "Rozmawialiśmy o **żółwiu**" in session.read_text("utf-8")
    assert "sekret" not in session.read_text("utf-8")
    assert cli("export", "markdown", "--out", str(folder)).code == 1  # not empty: --force
    _exported(cli("export", "markdown", "--out", str(folder), "--force", "--include-private"))
    assert "sekret" in next((folder / "Jan Nowak" / "sessions").iterdir()).read_text("utf-8")

    calendar = tmp_path / "jan.ics"
    _exported(cli("export", "ics", "--relationship", filled, "--out", str(calendar)))
    text = calendar.read_bytes().decode("utf-8")
    assert "DTSTART:20261120T173000\r\n" in text
    assert "SUMMARY:Pierwsze spotkanie" in text


def test_a_tampered_file_is_refused_and_changes_nothing(cli: Cli, filled: str, tmp_path: Path):
    out = tmp_path / "e.json"
    cli("export", "json", "--out", str(out))
    document = json.loads(out.read_text())
    document["records"]["goal"][0]["progress"] = "dużo"
    out.write_text(json.dumps(document))
    before = snapshot_bytes(cli.journal)

    result = cli("import", "json", str(out))

    assert result.code == 5
    assert "records.goal[0].progress" in result.error_line
    assert snapshot_bytes(cli.journal) == before

    made = cli("import", "json", str(out), journal=tmp_path / "never")
    assert made.code == 5
    assert not (tmp_path / "never").exists()  # no journal is made for a file that fails


def test_a_newer_file_is_told_apart(cli: Cli, filled: str, tmp_path: Path):
    out = tmp_path / "e.json"
    cli("export", "json", "--out", str(out))
    document = json.loads(out.read_text())
    document["version"] = 99
    out.write_text(json.dumps(document))

    result = cli("import", "json", str(out))
    assert result.code == 5
    assert "newer MentorJournal" in result.error_line


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["export", "ics", "--relationship", "ffffffff", "--out", "x.ics"], 4),
        (["export", "json", "--out", "JOURNAL/journal.key", "--force"], 1),
        (["export", "ics", "--out", "x.ics"], 2),
        (["import", "json", "missing.json"], 4),
    ],
)
def test_exit_codes(cli: Cli, filled: str, tmp_path: Path, args: list[str], code: int):
    argv = [a.replace("JOURNAL", str(cli.journal)) for a in args]
    argv = [
        str(tmp_path / a) if a.endswith((".ics", ".json")) and "/" not in a else a for a in argv
    ]
    result = cli(*argv)
    assert result.code == code
    assert result.error_line


@pytest.mark.usefixtures("polish")
def test_polish_words(cli: Cli, filled: str, tmp_path: Path):
    result = cli("export", "json", "--out", str(tmp_path / "e.json"))
    assert result.code == 0
    assert "nie jest zaszyfrowany" in result.error_line
