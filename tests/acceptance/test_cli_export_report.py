"""``mentorjournal export pdf|html``: the closing report from the command line, written only
where the user asked, with a one-line reminder that it is not encrypted, and the exit codes
of DESIGN.md section 8."""

from __future__ import annotations

import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.acceptance.conftest import Cli


@pytest.fixture
def filled(cli: Cli, relationship: str) -> str:
    """The relationship, with a goal, a session with private notes and a later one."""
    cli.add("goal", "--relationship", relationship, "--title", "Wystąpienie w Łodzi")
    for day, agenda in (("2026-08-06T17:00", "Sierpniowa"), ("2026-10-01T17:00", "Październikowa")):
        cli.add(
            "session",
            "--relationship",
            relationship,
            "--date",
            day,
            "--agenda",
            agenda,
            "--notes",
            "## Plan\n\n- **żółw** idzie",
            "--private-notes",
            "tajne-3319",
        )
    return relationship


def _text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_export_pdf_writes_a_private_report_and_says_it_is_not_encrypted(
    cli: Cli, filled: str, tmp_path: Path
):
    target = tmp_path / "raport.pdf"

    result = cli("export", "pdf", "--relationship", filled[:8], "--out", str(target))

    assert result.code == 0
    assert str(target) in result.out
    assert "not encrypted" in result.error_line  # one line on standard error
    assert target.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = _text(target)
    assert "Wystąpienie w Łodzi" in text
    assert "żółw" in text
    assert "**" not in text
    assert "tajne-3319" not in text


def test_export_html_with_every_option(cli: Cli, filled: str, tmp_path: Path):
    target = tmp_path / "raport.html"

    result = cli(
        "export",
        "html",
        "--relationship",
        filled,
        "--out",
        str(target),
        "--include-private",
        "--from",
        "2026-09-01",
        "--to",
        "2026-12-31",
        "--language",
        "pl",
        "--json",
    )

    assert result.code == 0
    assert result.json() == {"path": str(target), "format": "html"}
    languages: list[str | None] = []

    class Page(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "html":
                languages.append(dict(attrs).get("lang"))

    html = target.read_text(encoding="utf-8")
    Page().feed(html)
    assert languages == ["pl"]
    assert "tajne-3319" in html
    assert "Październikowa" in html
    assert "Sierpniowa" not in html


def test_an_existing_file_is_kept_unless_forced(cli: Cli, filled: str, tmp_path: Path):
    target = tmp_path / "raport.pdf"
    target.write_bytes(b"my own file")

    refused = cli("export", "pdf", "--relationship", filled, "--out", str(target))
    assert refused.code == 1
    assert "already exists" in refused.error_line
    assert target.read_bytes() == b"my own file"

    cli("export", "pdf", "--relationship", filled, "--out", str(target), "--force")
    assert target.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("options", "code"),
    [
        pytest.param(["--relationship", "0000aaaa"], 4, id="unknown relationship"),
        pytest.param(["--from", "2026-13-01"], 2, id="not a date"),
        pytest.param(["--from", "2026-10-01", "--to", "2026-09-01"], 2, id="from after to"),
        pytest.param(["--language", "de"], 2, id="unknown language"),
    ],
)
def test_mistakes_end_in_one_line_and_their_exit_code(
    cli: Cli, filled: str, tmp_path: Path, options: list[str], code: int
):
    target = tmp_path / "raport.pdf"
    arguments = ["export", "pdf", "--out", str(target)]
    if "--relationship" not in options:
        arguments += ["--relationship", filled]

    result = cli(*arguments, *options)

    assert result.code == code
    assert result.error_line.startswith("mentorjournal: ")
    assert not target.exists()


def test_a_wrong_passphrase_exits_3_and_writes_nothing(
    cli: Cli, filled: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "not the passphrase")
    target = tmp_path / "raport.pdf"

    result = cli("export", "pdf", "--relationship", filled, "--out", str(target))

    assert result.code == 3
    assert not target.exists()


def test_a_record_that_is_not_a_relationship_is_refused(cli: Cli, filled: str, tmp_path: Path):
    goal = cli.ok("list", "goals", "--json").json()[0]["id"]

    result = cli("export", "pdf", "--relationship", goal, "--out", str(tmp_path / "r.pdf"))

    assert result.code == 2
    assert "--relationship" in result.error_line
