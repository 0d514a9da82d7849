"""Every way a command can fail: the exit code, one clear line on stderr, nothing changed."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from mentorjournal.domain import DiskFull, HomeworkStatus, Kind
from mentorjournal.i18n import Language, language_from_environment
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.journal import JournalService
from mentorjournal.services.locations import default_lock_dir
from mentorjournal.services.workspace import Settings
from tests.acceptance.conftest import Cli
from tests.conftest import OWNER, snapshot_bytes
from tests.i18n.compiled import require_compiled_catalogue

POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


def test_wrong_passphrase_exits_3_and_changes_nothing(
    cli: Cli, relationship: str, monkeypatch: pytest.MonkeyPatch
):
    before = snapshot_bytes(cli.journal)
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "Zazolc gesla jazn 42")

    result = cli("list", "relationships")

    assert result.code == 3
    assert "Zazolc" not in result.error_line
    assert result.out == ""
    assert snapshot_bytes(cli.journal) == before


def test_journal_open_elsewhere_exits_3(cli: Cli, recovery_key: str, passphrase: str):
    settings = Settings(lock_dir=default_lock_dir(), kdf=None, clock=cli.clock)
    with workspaces.unlock(cli.journal, passphrase, settings):
        result = cli("list", "goals")

    assert result.code == 3
    assert str(cli.journal.resolve()) in result.error_line
    assert cli.ok("list", "goals", "--json").json() == []  # free again once closed


@pytest.mark.parametrize("record_id", ["0000dead", "12", "zzzz-not-hex"])
def test_unknown_or_too_short_id_exits_4(cli: Cli, relationship: str, record_id: str):
    for command in (["show", record_id], ["delete", record_id], ["set", record_id, "title=x"]):
        result = cli(*command)

        assert result.code == 4
        assert record_id in result.error_line


def test_reference_to_an_unknown_record_exits_4(cli: Cli, relationship: str):
    result = cli(
        "add", "homework", "--relationship", relationship, "--title", "x", "--goal", "abcd"
    )

    assert result.code == 4
    assert cli.ok("list", "homework", "--json").json() == []


def test_invalid_choice_lists_the_allowed_values(cli: Cli, relationship: str):
    homework = cli.add("homework", "--relationship", relationship, "--title", "Esej")

    bad_kind = cli("add", "relationship", "--partner", "Ewa", "--kind", "mentoring")
    bad_status = cli("set", homework, "status=finished")

    assert bad_kind.code == bad_status.code == 2
    assert "--kind" in bad_kind.error_line
    assert ", ".join(kind.value for kind in Kind) in bad_kind.error_line
    assert ", ".join(status.value for status in HomeworkStatus) in bad_status.error_line
    assert len(cli.ok("list", "relationships", "--json").json()) == 1


@pytest.mark.parametrize(
    ("kind", "option", "value"),
    [
        ("homework", "--due", "next friday"),
        ("homework", "--due", "2026-02-30"),
        ("session", "--date", "20.11.2026 18:00"),
        ("goal", "--target-date", "2026/12/01"),
    ],
)
def test_a_date_not_in_iso_8601_exits_2(
    cli: Cli, relationship: str, kind: str, option: str, value: str
):
    title = ["--title", "x"] if kind != "session" else []
    result = cli("add", kind, "--relationship", relationship, *title, option, value)

    assert result.code == 2
    assert option in result.error_line
    assert "ISO 8601" in result.error_line


def test_number_out_of_range_and_unknown_field_exit_2(cli: Cli, relationship: str):
    goal = cli.add("goal", "--relationship", relationship, "--title", "Blog")

    out_of_range = cli("set", goal, "progress=150")
    unknown = cli("set", goal, "colour=red")
    not_settable = cli("set", goal, "relationship_id=" + relationship)
    missing_title = cli("add", "goal", "--relationship", relationship)

    assert out_of_range.code == unknown.code == not_settable.code == missing_title.code == 2
    assert "100" in out_of_range.error_line
    assert "colour" in unknown.error_line
    assert "success_criteria" in unknown.error_line
    assert "--title" in missing_title.error_line


def test_grammar_errors_are_one_line_with_exit_2(cli: Cli, recovery_key: str):
    for argv in (
        ["list", "friends"],
        ["add", "goal", "--colour", "red"],
        ["set", "abcd", "no-equals-sign"],
        ["history", "abcd", "notes", "--restore", "first"],
        ["frobnicate"],
    ):
        result = cli(*argv)

        assert result.code == 2, argv
        assert result.error_line.startswith("mentorjournal: ")
        assert "usage:" not in result.err


def test_missing_journal_exits_4_before_asking_for_a_passphrase(cli: Cli, tmp_path: Path):
    result = cli("list", "goals", journal=tmp_path / "nowhere")

    assert result.code == 4
    assert str(tmp_path / "nowhere") in result.error_line


def test_truncated_key_file_exits_5(cli: Cli, relationship: str):
    key_file = cli.journal / "journal.key"
    key_file.write_bytes(key_file.read_bytes()[:100])

    result = cli("list", "relationships")

    assert result.code == 5
    assert "journal.key" in result.error_line


def test_database_that_is_not_ciphertext_exits_5(cli: Cli, relationship: str):
    database = cli.journal / "journal.db"
    data = bytearray(database.read_bytes())
    data[:16] = b"SQLite format 3\x00"
    database.write_bytes(bytes(data))

    result = cli("list", "relationships")

    assert result.code == 5
    assert "journal.db" in result.error_line


def test_journal_from_a_newer_version_exits_5(cli: Cli, relationship: str):
    key_file = cli.journal / "journal.key"
    data = bytearray(key_file.read_bytes())
    data[4:6] = (99).to_bytes(2, "big")
    data[-32:] = hashlib.sha256(data[:-32]).digest()  # well-formed, just newer
    key_file.write_bytes(bytes(data))

    result = cli("list", "relationships")

    assert result.code == 5
    assert "99" in result.error_line


def test_messages_are_polish_when_the_system_language_is(
    cli: Cli, relationship: str, polish: None, monkeypatch: pytest.MonkeyPatch
):
    require_compiled_catalogue()
    bad_kind = cli("add", "relationship", "--partner", "Ewa", "--kind", "mentoring")
    unknown = cli("show", "0000dead")
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "nie to hasło")
    wrong = cli("list", "goals")

    for result in (bad_kind, unknown, wrong):
        assert POLISH_LETTERS & set(result.error_line), result.error_line
    assert (bad_kind.code, unknown.code, wrong.code) == (2, 4, 3)
    assert ", ".join(kind.value for kind in Kind) in bad_kind.error_line


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "pl_PL.UTF-8"}, Language.POLISH),
        ({"LANG": "en_GB.UTF-8"}, Language.ENGLISH),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "pl_PL.UTF-8"}, Language.POLISH),
        ({"LANG": "pl_PL.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, Language.ENGLISH),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "pl:en"}, Language.POLISH),
        ({"LC_ALL": "C", "LANGUAGE": "pl"}, Language.ENGLISH),  # gettext ignores it for C
        ({}, Language.ENGLISH),
    ],
)
def test_language_follows_the_locale_variables(environment: dict[str, str], language: Language):
    assert language_from_environment(environment) is language


def test_no_passphrase_and_no_terminal_exits_2(
    cli: Cli, recovery_key: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("MENTORJOURNAL_PASSPHRASE")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    result = cli("list", "goals")

    assert result.code == 2
    assert "MENTORJOURNAL_PASSPHRASE" in result.error_line


def test_empty_passphrase_is_refused_at_init(
    cli: Cli, journal_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "   ")

    result = cli("init", "--name", OWNER)

    assert result.code == 2
    assert result.error_line
    assert not (journal_dir / "journal.key").exists()


def test_disk_full_is_one_sentence_with_exit_1(
    cli: Cli, relationship: str, monkeypatch: pytest.MonkeyPatch
):
    def full(*_: object, **__: object) -> None:
        raise DiskFull(cli.journal / "journal.db")

    monkeypatch.setattr(JournalService, "add", full)

    result = cli("add", "goal", "--relationship", relationship, "--title", "x")

    assert result.code == 1
    assert "journal.db" in result.error_line


def test_unexpected_error_is_one_line_without_details(
    cli: Cli, relationship: str, monkeypatch: pytest.MonkeyPatch
):
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("private note text that must not be shown")

    monkeypatch.setattr(JournalService, "list_records", broken)

    result = cli("list", "goals")

    assert result.code == 1
    assert "RuntimeError" in result.error_line
    assert "private note" not in result.err


def test_restoring_a_history_entry_that_is_not_there_exits_4(cli: Cli, relationship: str):
    goal = cli.add("goal", "--relationship", relationship, "--title", "Blog", "--description", "1")
    cli.ok("set", goal, "description=2")
    (earlier,) = cli.ok("history", goal, "description", "--json").json()
    unknown = earlier["id"] + 1000

    result = cli("history", goal, "description", "--restore", str(unknown))
    other_field = cli("history", goal, "outcome_note", "--restore", str(earlier["id"]))

    assert result.code == other_field.code == 4
    assert str(unknown) in result.error_line
    assert cli.ok("show", goal, "--json").json()["description"] == "2"
