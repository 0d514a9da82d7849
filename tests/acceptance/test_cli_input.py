"""Text from files and standard input, and passphrases typed at a prompt."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.acceptance.conftest import Cli
from tests.conftest import OWNER

NOTES = "# Spotkanie\n\nRozmowa o **żółwiu** i o Łodzi.\n- punkt 1\n- punkt 2"


class Terminal(io.StringIO):
    """Standard input as an interactive terminal."""

    def isatty(self) -> bool:
        return True


def _stdin(text: str) -> io.TextIOWrapper:
    """A pipe carrying UTF-8 bytes, like `cat notes.md | mentorjournal ...`."""
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[str]]:
    """Make standard input a terminal where the user types the given answers, in order.

    Returns the prompts the user was shown.
    """
    shown: list[str] = []

    def answers(*replies: str) -> list[str]:
        remaining: Iterator[str] = iter(replies)

        def getpass(prompt: str = "") -> str:
            shown.append(prompt)
            return next(remaining)

        monkeypatch.setattr("sys.stdin", Terminal())
        monkeypatch.setattr("getpass.getpass", getpass)
        return shown

    return answers


def test_text_options_read_files(cli: Cli, relationship: str, tmp_path: Path):
    notes_file = tmp_path / "notatki.md"
    notes_file.write_text(NOTES + "\n", encoding="utf-8")

    session = cli.ok(
        "add", "session", "--relationship", relationship, "--date", "2026-11-20",
        "--notes", f"@{notes_file}", "--json",
    ).json()  # fmt: skip

    assert session["notes"] == NOTES


def test_text_option_reads_standard_input(
    cli: Cli, relationship: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("sys.stdin", _stdin(NOTES + "\n"))

    entry = cli.ok("add", "entry", "--text", "@-", "--json").json()

    assert entry["text"] == NOTES


def test_set_reads_a_field_from_a_file(cli: Cli, relationship: str, tmp_path: Path):
    goal = cli.add("goal", "--relationship", relationship, "--title", "Blog")
    description = tmp_path / "opis.md"
    description.write_text("Pisać *co tydzień*.\n", encoding="utf-8")

    changed = cli.ok("set", goal, f"description=@{description}", "--json").json()

    assert changed["description"] == "Pisać *co tydzień*."


def test_double_at_sign_is_a_literal_at_sign(cli: Cli, relationship: str):
    goal = cli.ok(
        "add", "goal", "--relationship", relationship, "--title", "@@mention", "--json"
    ).json()

    assert goal["title"] == "@mention"


def test_missing_file_exits_4_and_adds_nothing(cli: Cli, relationship: str, tmp_path: Path):
    missing = tmp_path / "brak.md"

    result = cli("add", "goal", "--relationship", relationship, "--title", f"@{missing}")
    attached = cli("add", "material", "--relationship", relationship, "--title", "x",
                   "--file", str(missing))  # fmt: skip

    assert result.code == attached.code == 4
    assert str(missing) in result.error_line
    assert cli.ok("list", "goals", "--json").json() == []
    assert cli.ok("list", "materials", "--json").json() == []


def test_text_that_is_not_utf8_exits_2(cli: Cli, relationship: str, tmp_path: Path):
    latin2 = tmp_path / "latin2.txt"
    latin2.write_bytes("żółw".encode("iso-8859-2"))

    result = cli("add", "goal", "--relationship", relationship, "--title", f"@{latin2}")

    assert result.code == 2
    assert str(latin2) in result.error_line


def test_standard_input_is_read_only_once(
    cli: Cli, relationship: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("sys.stdin", _stdin("raz"))

    result = cli(
        "add", "session", "--relationship", relationship, "--date", "2026-11-20",
        "--notes", "@-", "--agenda", "@-",
    )  # fmt: skip

    assert result.code == 2
    assert "@-" in result.error_line
    assert cli.ok("list", "sessions", "--json").json() == []


def test_init_asks_for_the_passphrase_twice(
    cli: Cli, journal_dir: Path, typed: Callable[..., list[str]]
):
    prompts = typed("Długie hasło do dziennika", "Długie hasło do dziennika")
    created = cli.ok("init", "--name", OWNER)
    typed("Długie hasło do dziennika")
    listed = cli.ok("list", "goals", "--json")

    assert len(prompts) == 3
    assert "Długie" not in created.out + created.err + listed.out
    assert listed.json() == []


def test_init_stops_when_the_two_passphrases_differ(
    cli: Cli, journal_dir: Path, typed: Callable[..., list[str]]
):
    typed("pierwsze hasło", "drugie hasło")

    result = cli("init", "--name", OWNER)

    assert result.code == 2
    assert "hasło" not in result.err
    assert not (journal_dir / "journal.key").exists()


def test_passwd_asks_for_the_current_and_twice_for_the_new(
    cli: Cli, recovery_key: str, passphrase: str, typed: Callable[..., list[str]],
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    monkeypatch.delenv("MENTORJOURNAL_PASSPHRASE")
    prompts = typed(passphrase, "nowe hasło", "nowe hasło")

    cli.ok("passwd")
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "nowe hasło")

    assert len(prompts) == 3
    assert cli.ok("list", "goals", "--json").json() == []


def test_recover_asks_for_the_key_when_it_is_not_given(
    cli: Cli, recovery_key: str, typed: Callable[..., list[str]],
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    monkeypatch.delenv("MENTORJOURNAL_PASSPHRASE")
    typed(recovery_key, "hasło po odzyskaniu", "hasło po odzyskaniu")

    recovered = cli.ok("recover")
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "hasło po odzyskaniu")

    assert recovery_key not in recovered.out + recovered.err
    assert cli.ok("list", "goals", "--json").json() == []


def test_recovery_key_from_standard_input_at_a_terminal_is_asked_without_echo(
    cli: Cli, recovery_key: str, typed: Callable[..., list[str]],
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    monkeypatch.delenv("MENTORJOURNAL_PASSPHRASE")
    prompts = typed(recovery_key, "hasło po odzyskaniu", "hasło po odzyskaniu")

    recovered = cli.ok("recover", "--recovery-key-file", "-")

    assert prompts[0] == "Recovery key: "
    assert recovery_key not in recovered.out + recovered.err
