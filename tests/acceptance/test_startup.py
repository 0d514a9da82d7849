"""``--version`` and ``--help`` answer without importing the storage stack (issue 5, start-up).

Each test runs the command as a real process under ``python -X importtime``, which names
every module the process imports, and fails when one of the heavy packages is among them:
together they cost about 0.5 s before anything is printed. What the help shows is checked
too, so that answering fast never means answering less. Timings live in
benchmarks/startup.py, not here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentorjournal.cli import record_options
from mentorjournal.cli.parser import HandlerRef, build_parser
from mentorjournal.domain import RecordKind
from tests.acceptance.conftest import Cli

# Top-level packages that only opening a journal (or the window) needs.
_HEAVY = frozenset(
    {"sqlalchemy", "sqlmodel", "pydantic", "pydantic_core", "sqlcipher3", "cryptography"}
    | {"PySide6", "shiboken6"}
)


def _run(*args: str, **environment: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """``python -X importtime -m mentorjournal ARGS``: the finished process and the
    top-level packages it imported."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **environment}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mentorjournal", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    imported = {
        line.rpartition("|")[2].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    return done, imported


_ANSWERED_FROM_THE_PARSER = [
    pytest.param(["--version"], id="--version"),
    pytest.param(["--help"], id="--help"),
    pytest.param(["add", "--help"], id="add --help"),
    pytest.param(["add", "session", "--help"], id="add session --help"),
    pytest.param(["search", "--help"], id="search --help"),
    pytest.param(["passwd", "--help"], id="passwd --help"),
]


@pytest.mark.parametrize("args", _ANSWERED_FROM_THE_PARSER)
def test_version_and_help_import_nothing_heavy(args: list[str]):
    done, imported = _run(*args)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert "mentorjournal" in imported  # the importtime report was read
    assert imported & _HEAVY == set()


def test_polish_help_is_polish_and_imports_nothing_heavy():
    done, imported = _run("--help", LANG="pl_PL.UTF-8")

    assert done.returncode == 0
    assert done.stdout.startswith("użycie: mentorjournal")
    assert "pokaż wersję programu i zakończ" in done.stdout
    assert imported & _HEAVY == set()


@pytest.mark.parametrize("kind", list(RecordKind), ids=lambda kind: kind.value)
def test_add_help_shows_every_option_of_the_declaration(kind: RecordKind):
    done, imported = _run("add", kind.value, "--help")

    assert done.returncode == 0
    for option in record_options.field_options(kind):
        for flag in option.flags:
            assert flag in done.stdout
    assert {"--journal", "--json"} <= set(done.stdout.split())
    assert imported & _HEAVY == set()


def test_every_command_names_a_handler_that_exists():
    """Handlers are named, not imported, by the parser: a misspelt one would only fail
    when its command is run."""
    pending = [build_parser(Path("journal"))]
    handlers: list[HandlerRef] = []
    while pending:
        parser = pending.pop()
        handler = parser.get_default("handler")
        if isinstance(handler, HandlerRef):
            handlers.append(handler)
        for action in parser._actions:
            choices = action.choices if isinstance(action.choices, dict) else {}
            pending.extend(choices.values())

    assert len(handlers) >= 17
    for handler in handlers:
        assert callable(handler.load()), handler


def test_a_headless_command_never_imports_the_window(cli: Cli, relationship: str):
    done, imported = _run("search", "Nowak", "--journal", str(cli.journal))

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(relationship[:8])
    assert {"sqlcipher3", "cryptography"} <= imported  # it did open the journal
    assert imported & {"PySide6", "shiboken6"} == set()
