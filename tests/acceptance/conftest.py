"""Fixtures for running the command line like a user: in-process through ``main`` (fast
Argon2id, a fixed clock) and, for a few tests, as a real process.

The journal fixtures build upward: a passphrase in the environment -> ``init`` -> a
relationship added through the command line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mentorjournal import crypto
from mentorjournal.cli import main
from tests.conftest import OWNER, PASSPHRASE, MovableClock

_LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def error_line(self) -> str:
        """The one line a failing command writes to standard error."""
        lines = self.err.splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got {self.err!r}"
        assert "Traceback" not in self.err
        return lines[0]


class Cli:
    """Runs ``mentorjournal`` in-process; ``--journal`` is added unless told otherwise."""

    def __init__(
        self, capsys: pytest.CaptureFixture[str], clock: MovableClock, journal: Path
    ) -> None:
        self._capsys = capsys
        self.clock = clock
        self.journal = journal

    def __call__(
        self, *args: str, journal: Path | None = None, with_journal: bool = True
    ) -> Result:
        argv = list(args)
        if with_journal:
            argv += ["--journal", str(journal or self.journal)]
        self._capsys.readouterr()  # start from empty buffers
        code = main(argv, kdf=crypto.TEST_PROFILE, clock=self.clock)
        captured = self._capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str, journal: Path | None = None, with_journal: bool = True) -> Result:
        """Run a command that must succeed, silently on standard error."""
        result = self(*args, journal=journal, with_journal=with_journal)
        assert (result.code, result.err) == (0, ""), result
        return result

    def add(self, kind: str, *options: str) -> str:
        """Add a record; return the id the command printed."""
        return self.ok("add", kind, *options).out.strip()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """English messages unless a test asks for Polish, whatever the machine's locale."""
    for name in _LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def polish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "pl_PL.UTF-8")


@pytest.fixture
def passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", PASSPHRASE)
    return PASSPHRASE


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], clock: MovableClock, journal_dir: Path) -> Cli:
    return Cli(capsys, clock, journal_dir)


@pytest.fixture
def recovery_key(cli: Cli, passphrase: str) -> str:
    """A journal created through ``init``; the recovery key it printed."""
    key: str = cli.ok("init", "--name", OWNER, "--json").json()["recovery_key"]
    return key


@pytest.fixture
def relationship(cli: Cli, recovery_key: str) -> str:
    return cli.add(
        "relationship", "--partner", "Jan Nowak", "--kind", "reverse", "--role", "mentee"
    )
