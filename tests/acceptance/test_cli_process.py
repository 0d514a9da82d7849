"""The installed command as a real process: exit codes, stdout, and one line on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.acceptance.conftest import Cli

_SCRIPT = Path(sys.executable).with_name("mentorjournal")


@pytest.fixture(
    params=["module", "script"],
    ids=["python -m mentorjournal", "console script"],
)
def command(request: pytest.FixtureRequest) -> list[str]:
    if request.param == "module":
        return [sys.executable, "-m", "mentorjournal"]
    if not _SCRIPT.exists():
        pytest.skip("the console script is not installed next to this Python")
    return [str(_SCRIPT)]


def _run(command: list[str], *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **environment}
    return subprocess.run(
        [*command, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_listing_prints_json_and_exits_0(command: list[str], cli: Cli, relationship: str):
    done = _run(command, "list", "relationships", "--journal", str(cli.journal), "--json")

    assert (done.returncode, done.stderr) == (0, "")
    assert [item["id"] for item in json.loads(done.stdout)] == [relationship]


def test_wrong_passphrase_exits_3_with_one_line(command: list[str], cli: Cli, relationship: str):
    done = _run(
        command, "show", relationship, "--journal", str(cli.journal),
        MENTORJOURNAL_PASSPHRASE="to nie jest hasło",
    )  # fmt: skip

    assert done.returncode == 3
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert "to nie jest" not in done.stderr


def test_no_passphrase_without_a_terminal_exits_2(
    command: list[str], cli: Cli, recovery_key: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("MENTORJOURNAL_PASSPHRASE")

    done = _run(command, "dashboard", "--journal", str(cli.journal), LANG="pl_PL.UTF-8")

    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "MENTORJOURNAL_PASSPHRASE" in done.stderr


def test_without_a_command_and_without_a_display_the_app_says_so(command: list[str]):
    done = _run(command, DISPLAY="", WAYLAND_DISPLAY="", QT_QPA_PLATFORM="", LANG="pl_PL.UTF-8")

    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert "ekranu" in done.stderr  # in the user's language, no traceback
