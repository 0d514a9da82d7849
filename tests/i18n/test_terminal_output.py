"""What the command line prints for people can always be printed, and never steers a terminal.

Defect 6: under a charset without some characters (ISO-8859-2 has Polish letters but no emoji
and no „” quotes) ``list`` and ``show`` failed, and ``attachment`` saved its file and then
failed. Defect 13: escape sequences and NUL bytes in record text reached the terminal raw;
the partner's text arrives through the sync later, so text is neutralised on output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.acceptance.conftest import Cli

TITLE = "Wystąpienie 🎤 „bez notatek”"
# An escape sequence that would colour the terminal, one that would retitle its window,
# a NUL byte, a C1 control (CSI) and a right-to-left override.
HOSTILE = "Notatka\x1b[31m czerwona\x1b]0;przejęty\x07\x00 i\x9b2J\u202eodwrócone"


def _run_in_charset(charset: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real program, its standard streams in ``charset`` as a terminal's would be.

    PYTHONIOENCODING stands in for the terminal's locale (``pl_PL.ISO-8859-2``), which need
    not be installed where the tests run; Python then fails on characters the charset lacks
    exactly as it does under that locale.
    """
    env = {**os.environ, "LANG": "pl_PL.ISO-8859-2", "PYTHONIOENCODING": charset}
    return subprocess.run(
        [sys.executable, "-m", "mentorjournal", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding=charset,
        timeout=120,
        check=False,
    )


@pytest.fixture
def goal(cli: Cli, relationship: str) -> str:
    return cli.add("goal", "--relationship", relationship, "--title", TITLE)


def test_list_and_show_print_what_the_charset_can_show(cli: Cli, goal: str):
    journal = str(cli.journal)

    listed = _run_in_charset("iso-8859-2", "list", "goals", "--journal", journal)
    shown = _run_in_charset("iso-8859-2", "show", goal, "--journal", journal)

    assert (listed.returncode, listed.stderr) == (0, "")
    assert (shown.returncode, shown.stderr) == (0, "")
    # Polish letters stay; typographic quotes become plain ones, the emoji a question mark.
    assert 'Wystąpienie ? "bez notatek"' in listed.stdout
    assert 'Wystąpienie ? "bez notatek"' in shown.stdout
    assert "Tytuł" in shown.stdout  # the labels are Polish, in the charset


def test_json_stays_exact_in_a_narrow_charset(cli: Cli, goal: str):
    done = _run_in_charset("iso-8859-2", "show", goal, "--journal", str(cli.journal), "--json")

    assert done.returncode == 0
    assert json.loads(done.stdout)["title"] == TITLE


def test_attachment_is_saved_and_reported_in_a_narrow_charset(
    cli: Cli, relationship: str, tmp_path: Path
):
    source = tmp_path / "zdjęcie 📷 „tablicy”.txt"
    source.write_text("treść", encoding="utf-8")
    material = cli.add(
        "material", "--relationship", relationship, "--title", "Zdjęcie", "--file", str(source)
    )
    out = tmp_path / "saved"
    out.mkdir()

    done = _run_in_charset(
        "iso-8859-2", "attachment", material, "--out", str(out), "--journal", str(cli.journal)
    )

    assert (done.returncode, done.stderr) == (0, "")
    assert (out / source.name).read_text(encoding="utf-8") == "treść"
    assert "zdjęcie ?" in done.stdout


@pytest.fixture
def hostile(cli: Cli, relationship: str, tmp_path: Path) -> str:
    """A goal whose title and description hold control characters (read from a file, as
    argv cannot carry a NUL byte)."""
    title = tmp_path / "title.txt"
    title.write_text(HOSTILE, encoding="utf-8")
    description = tmp_path / "description.txt"
    description.write_text(f"Pierwszy wiersz\n\tz wcięciem\n{HOSTILE}", encoding="utf-8")
    return cli.add(
        "goal",
        "--relationship",
        relationship,
        "--title",
        f"@{title}",
        "--description",
        f"@{description}",
    )


def _raw_controls(text: str) -> set[str]:
    allowed = {"\n", "\t"}
    return {ch for ch in text if (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) and ch not in allowed}


def test_control_characters_are_shown_not_obeyed(cli: Cli, hostile: str):
    outputs = {
        "show": cli.ok("show", hostile).out,
        "list": cli.ok("list", "goals").out,
        "search": cli.ok("search", "czerwona").out,
    }

    for command, text in outputs.items():
        assert _raw_controls(text) == set(), command
        assert "\u202e" not in text, command
        assert "␛[31m" in text, command  # visible, so the user sees something is there
    # Multi-line text keeps its lines and its indentation.
    assert "    Pierwszy wiersz\n    \tz wcięciem\n" in outputs["show"]
    assert "␀" in outputs["show"]
    assert "\\x9b" in outputs["show"]


def test_json_keeps_control_characters_exact_and_escaped(cli: Cli, hostile: str):
    shown = cli.ok("show", hostile, "--json")
    found = cli.ok("search", "czerwona", "--json")

    assert _raw_controls(shown.out) == set()
    assert _raw_controls(found.out) == set()
    assert "\u202e" not in shown.out
    assert shown.json()["title"] == HOSTILE
    assert shown.json()["description"].endswith(HOSTILE)
