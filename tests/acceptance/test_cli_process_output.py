"""Standard output that cannot be written, as real processes meet it (defects 1 and 9).

A full disk (/dev/full), a reader that went away at once (a closed pipe, `| head -c 0`), a
folder name that is not UTF-8 under a UTF-8 locale, and arguments or a passphrase that are
not UTF-8 bytes. `init` must never leave a journal whose recovery key nobody saw, and no
command may end with Python's own "Exception ignored" lines or exit code 120.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

import pytest

from tests.acceptance.conftest import Cli
from tests.conftest import OWNER, PASSPHRASE

COMMAND = [sys.executable, "-m", "mentorjournal"]
_PYTHON_OVERRIDES = ("PYTHONIOENCODING", "PYTHONUNBUFFERED")
RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){5,}\b")


def _run(
    *args: str | bytes,
    stdout: int | IO[bytes],
    stderr: int = subprocess.PIPE,
    env: Mapping[str, str | bytes] | None = None,
) -> tuple[int, bytes]:
    """Run the command; return its exit code and standard error."""
    environment: dict[str | bytes, str | bytes] = {
        # Python's defaults: stdout encoded for the locale and buffered (writes fail at flush).
        **{key: value for key, value in os.environ.items() if key not in _PYTHON_OVERRIDES},
        "LC_ALL": "C.UTF-8",
        "MENTORJOURNAL_PASSPHRASE": PASSPHRASE,
    }
    environment.update(env or {})
    done = subprocess.run(
        [*COMMAND, *args],
        env=environment,  # type: ignore[arg-type]  # bytes values are valid on POSIX
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stderr or b""


@pytest.fixture
def full_disk() -> Iterator[IO[bytes]]:
    """Standard output on a device that is always full."""
    if not Path("/dev/full").exists():
        pytest.skip("this system has no /dev/full")
    with open("/dev/full", "wb") as device:
        yield device


@pytest.fixture
def gone_reader() -> Iterator[int]:
    """A pipe whose reader has already gone away, like `| head -c 0`."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    yield write_end
    os.close(write_end)


def _assert_one_clean_line(stderr: bytes) -> None:
    text = stderr.decode("utf-8", "replace")
    assert len(text.splitlines()) == 1, text
    assert "Traceback" not in text
    assert "Exception ignored" not in text


@pytest.mark.parametrize("output", ["full_disk", "gone_reader"])
def test_init_whose_recovery_key_cannot_be_shown_leaves_no_journal(
    output: str, request: pytest.FixtureRequest, tmp_path: Path
):
    journal = tmp_path / "dziennik"

    code, stderr = _run(
        "init", "--name", OWNER, "--journal", str(journal),
        stdout=request.getfixturevalue(output),
    )  # fmt: skip
    retry_code, _ = _run(
        "init", "--name", OWNER, "--journal", str(journal), stdout=subprocess.DEVNULL
    )

    assert code == 1
    _assert_one_clean_line(stderr)
    assert b"recovery key" in stderr
    assert retry_code == 0, "a retry must be possible"


def test_init_in_a_folder_whose_name_is_not_utf8_shows_the_key(tmp_path: Path):
    journal = os.fsencode(tmp_path) + b"/dziennik-\xff"
    out_file = tmp_path / "wyjście.txt"

    with open(out_file, "wb") as out:
        code, stderr = _run("init", "--name", OWNER, "--journal", journal, stdout=out)
    shown = out_file.read_text(encoding="utf-8")
    listed, _ = _run("list", "goals", "--journal", journal, stdout=subprocess.DEVNULL)

    assert (code, stderr) == (0, b"")
    assert RECOVERY_KEY.search(shown)
    assert "dziennik-\\xff" in shown
    assert listed == 0


@pytest.mark.parametrize("args", [("list", "relationships"), ("dashboard", "--json"), ("--help",)])
def test_a_reader_that_goes_away_ends_quietly(
    cli: Cli, relationship: str, gone_reader: int, args: tuple[str, ...]
):
    journal = () if args == ("--help",) else ("--journal", str(cli.journal))

    code, stderr = _run(*args, *journal, stdout=gone_reader)

    assert (code, stderr) == (1, b"")


def test_output_on_a_full_disk_is_one_clear_line(cli: Cli, relationship: str, full_disk: IO[bytes]):
    code, stderr = _run("list", "relationships", "--journal", str(cli.journal), stdout=full_disk)

    assert code == 1
    _assert_one_clean_line(stderr)


def test_arguments_and_passphrases_that_are_not_utf8_bytes(cli: Cli, relationship: str):
    journal = str(cli.journal)

    argument, argument_err = _run(
        "add", "goal", "--journal", journal, "--relationship", relationship,
        "--title", b"cel-\xff", stdout=subprocess.DEVNULL,
    )  # fmt: skip
    passphrase, passphrase_err = _run(
        "list", "goals", "--journal", journal, stdout=subprocess.DEVNULL,
        env={"MENTORJOURNAL_PASSPHRASE": PASSPHRASE.encode() + b"\xff"},
    )  # fmt: skip

    assert (argument, passphrase) == (2, 2)
    _assert_one_clean_line(argument_err)
    _assert_one_clean_line(passphrase_err)
    assert b"\\xff" in argument_err


def test_errors_nobody_can_read_keep_their_exit_code(tmp_path: Path, gone_reader: int):
    """Standard error on a pipe whose reader went away: the exit code still tells."""
    missing = str(tmp_path / "nie-ma")

    code, _ = _run("list", "goals", "--journal", missing, stdout=gone_reader, stderr=gone_reader)

    assert code == 4
