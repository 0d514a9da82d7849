"""What a clumsy or hostile user types: passphrases that could never be typed again, bytes that
are not text, dates past the end of time, files where folders should be (defects 9 and 12).

Each ends in one clear line, the documented exit code and nothing changed on disk.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.acceptance.conftest import Cli, Result
from tests.conftest import OWNER, snapshot_bytes

# What Python makes of the byte 0xFF in argv or the environment under a UTF-8 locale.
UNDECODABLE = "\udcff"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Standard input becomes a terminal where the user types the given answers in order."""

    def answers(*replies: str | BaseException) -> None:
        remaining: Iterator[str | BaseException] = iter(replies)

        def getpass(prompt: str = "") -> str:
            reply = next(remaining)
            if isinstance(reply, BaseException):
                raise reply
            return reply

        monkeypatch.setattr("sys.stdin", Terminal())
        monkeypatch.setattr("getpass.getpass", getpass)

    return answers


def _assert_usage_error(result: Result, *, hidden: str = "") -> None:
    assert result.code == 2, result
    assert "Unexpected" not in result.error_line
    if hidden:
        assert hidden not in result.err


# -- defect 12: a passphrase that could never be typed at the prompt ----------------------


@pytest.mark.parametrize("passphrase", ["pierwsza linia\ndruga linia", "dzwonek\a", "esc\x1b[2J"])
def test_init_refuses_a_passphrase_with_a_control_character(
    cli: Cli, journal_dir: Path, monkeypatch: pytest.MonkeyPatch, passphrase: str
):
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", passphrase)

    result = cli("init", "--name", OWNER)

    _assert_usage_error(result, hidden=passphrase)
    assert "control character" in result.error_line
    assert not journal_dir.exists()


def test_passwd_and_recover_refuse_a_new_passphrase_with_a_line_break(
    cli: Cli, recovery_key: str, passphrase: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    key_file = tmp_path / "key.txt"
    key_file.write_text(recovery_key, encoding="utf-8")
    before = snapshot_bytes(cli.journal)
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", "nowe\nhasło")

    passwd = cli("passwd")
    recover = cli("recover", "--recovery-key-file", str(key_file))

    _assert_usage_error(passwd)
    _assert_usage_error(recover)
    assert snapshot_bytes(cli.journal) == before
    assert cli.ok("list", "goals", "--json").json() == []  # the old passphrase still opens it


def test_a_control_character_typed_at_the_prompt_is_refused(
    cli: Cli, journal_dir: Path, typed: Callable[..., None]
):
    typed("hasło\x15z Ctrl-U", "hasło\x15z Ctrl-U")

    result = cli("init", "--name", OWNER)

    _assert_usage_error(result)
    assert not journal_dir.exists()


# -- defect 9: bytes that are not text ------------------------------------------------------


def test_a_passphrase_that_is_not_utf8_is_one_clear_line(
    cli: Cli, recovery_key: str, journal_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", f"hasło{UNDECODABLE}")

    unlock = cli("list", "goals")
    init = cli("init", "--name", OWNER, journal=tmp_path / "nowy")

    _assert_usage_error(unlock)
    _assert_usage_error(init)
    assert "MENTORJOURNAL_PASSPHRASE" in unlock.error_line
    assert not (tmp_path / "nowy").exists()


def test_a_new_passphrase_that_is_not_utf8_is_refused(
    cli: Cli, recovery_key: str, passphrase: str, monkeypatch: pytest.MonkeyPatch
):
    before = snapshot_bytes(cli.journal)
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", f"nowe{UNDECODABLE}")

    result = cli("passwd")

    _assert_usage_error(result)
    assert "MENTORJOURNAL_NEW_PASSPHRASE" in result.error_line
    assert snapshot_bytes(cli.journal) == before


def test_bytes_the_terminal_cannot_decode_at_the_prompt(
    cli: Cli, recovery_key: str, typed: Callable[..., None], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("MENTORJOURNAL_PASSPHRASE")
    typed(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"))

    result = cli("list", "goals")

    _assert_usage_error(result)


def test_an_argument_that_is_not_utf8_is_one_clear_line(cli: Cli, relationship: str):
    before = snapshot_bytes(cli.journal)

    added = cli("add", "goal", "--relationship", relationship, "--title", f"cel{UNDECODABLE}")
    searched = cli("search", f"x{UNDECODABLE}")
    shown = cli("show", f"{relationship[:4]}{UNDECODABLE}")

    for result in (added, searched, shown):
        _assert_usage_error(result)
        assert "\\xff" in result.error_line
    assert snapshot_bytes(cli.journal) == before


def test_a_file_reference_may_have_a_name_that_is_not_utf8(cli: Cli, relationship: str):
    notes = cli.journal.parent / f"notatki{UNDECODABLE}.md"
    notes.write_text("# Spotkanie", encoding="utf-8")

    session = cli.ok(
        "add", "session", "--relationship", relationship, "--date", "2026-11-20",
        "--notes", f"@{notes}", "--json",
    ).json()  # fmt: skip

    assert session["notes"] == "# Spotkanie"


def test_a_file_whose_name_is_not_utf8_can_be_attached_and_saved(
    cli: Cli, relationship: str, tmp_path: Path
):
    source = tmp_path / f"plan{UNDECODABLE}.md"
    source.write_bytes(b"# Plan")
    downloads = tmp_path / "pobrane"
    downloads.mkdir()

    material = cli.ok(
        "add", "material", "--relationship", relationship, "--title", "Plan",
        "--file", str(source), "--json",
    ).json()  # fmt: skip
    cli.ok("attachment", material["id"], "--out", str(downloads))

    saved = cli.ok(
        "attachment", material["id"], "--out", str(downloads / f"kopia{UNDECODABLE}.md"),
        "--json",
    ).json()  # fmt: skip

    assert material["attachment_name"] == "plan\ufffd.md"
    assert (downloads / "plan\ufffd.md").read_bytes() == b"# Plan"
    assert (downloads / f"kopia{UNDECODABLE}.md").read_bytes() == b"# Plan"
    assert saved["path"].endswith("kopia\\xff.md")


# -- defect 9: values and paths out of range --------------------------------------------------


@pytest.fixture
def utc_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so that the offset below carries the moment past year 9999."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("utc_zone")
def test_a_date_whose_offset_leaves_the_calendar_is_refused(cli: Cli, relationship: str):
    result = cli(
        "add", "session", "--relationship", relationship, "--date", "9999-12-31T23:30-05:00"
    )

    _assert_usage_error(result)
    assert "--date" in result.error_line


def test_init_where_a_file_stands_is_one_clear_line(cli: Cli, passphrase: str, tmp_path: Path):
    a_file = tmp_path / "notatki.txt"
    a_file.write_text("nie folder", encoding="utf-8")

    on_the_file = cli("init", "--name", OWNER, journal=a_file)
    under_the_file = cli("init", "--name", OWNER, journal=a_file / "dziennik")
    opened = cli("list", "goals", journal=a_file / "dziennik")

    _assert_usage_error(on_the_file)
    _assert_usage_error(under_the_file)
    assert str(a_file) in under_the_file.error_line
    assert opened.code == 4
    assert a_file.read_text(encoding="utf-8") == "nie folder"
