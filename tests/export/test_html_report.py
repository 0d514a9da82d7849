"""The accessible HTML report, parsed as a browser or a screen reader would (html.parser):
its language, one h1 and headings that never skip a level, tables with captions and header
cells, nothing remote, nothing that runs, and every typed character shown as text."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from mentorjournal.i18n import Language
from mentorjournal.services.reports import ReportFormat, ReportOptions, export_report
from mentorjournal.services.workspace import Workspace
from tests.export.report_journal import (
    LATIN_EXTENDED_A,
    POLISH,
    PRIVATE_CANARY,
    RAW_HTML,
    Filled,
    fill,
)

# Elements that load or run something.
_FETCHING = {"script", "img", "iframe", "object", "embed", "link", "audio", "video", "source"}


class _Page(HTMLParser):
    """What a reader of the page meets: elements in order, their attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.tables: list[dict[str, Any]] = []
        self._heading: list[str] | None = None
        self._level = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self._heading, self._level = [], int(tag[1])
        if tag == "table":
            self.tables.append({"caption": False, "th": [], "td": 0})
        elif tag == "caption":
            self.tables[-1]["caption"] = True
        elif tag == "th":
            self.tables[-1]["th"].append(dict(attrs).get("scope"))
        elif tag == "td":
            self.tables[-1]["td"] += 1

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._level}":
            self.headings.append((self._level, "".join(self._heading)))
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)


@pytest.fixture
def filled(workspace: Workspace) -> Filled:
    return fill(workspace)


def _export(
    workspace: Workspace, filled: Filled, target: Path, report_format: ReportFormat, **options: Any
) -> Path:
    return export_report(
        workspace, filled.relationship_id, target, report_format, ReportOptions(**options)
    )


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture
def page(workspace: Workspace, filled: Filled, tmp_path: Path) -> _Page:
    return _page(_export(workspace, filled, tmp_path / "raport.html", ReportFormat.HTML))


def test_the_language_is_set_and_follows_the_option(
    workspace: Workspace, filled: Filled, tmp_path: Path, page: _Page
):
    polish = _page(
        _export(
            workspace, filled, tmp_path / "pl.html", ReportFormat.HTML, language=Language.POLISH
        )
    )

    assert page.elements[0] == ("html", {"lang": "en"})
    assert polish.elements[0] == ("html", {"lang": "pl"})


def test_one_h1_and_headings_that_never_skip_a_level(page: _Page):
    levels = [level for level, _text in page.headings]

    assert levels.count(1) == 1
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, page.headings
    assert (2, "Goals and their outcomes") in page.headings
    assert (3, "Wystąpienie w Łodzi") in page.headings
    assert (5, "Plan na jutro") in page.headings  # a note's own heading, below its label


def test_tables_have_captions_and_header_cells_with_scope(page: _Page):
    assert len(page.tables) >= 6  # signatures, homework, three charts' numbers ...
    for table in page.tables:
        if not table["caption"]:  # a table typed in a note has no caption of ours
            continue
        assert table["th"]
        assert all(scope in ("col", "row") for scope in table["th"])
        assert "row" in table["th"]


def test_nothing_remote_and_nothing_that_runs(page: _Page):
    tags = {tag for tag, _attrs in page.elements}
    assert not tags & _FETCHING
    for tag, attrs in page.elements:
        assert "src" not in attrs
        assert not any(name.startswith("on") for name in attrs)
        if tag == "a":
            href = attrs.get("href") or ""
            assert href.startswith(("#", "https://", "http://", "mailto:")), href
    style = "".join(page.text)
    assert "url(" not in style
    assert "@import" not in style


def test_typed_text_is_shown_escaped_and_exactly(page: _Page):
    text = "".join(page.text)

    assert RAW_HTML in text  # shown as text, never interpreted
    assert POLISH in text
    assert LATIN_EXTENDED_A in text
    assert "wykres sprzedaży" in text  # an image's alt text
    assert "**" not in text
    assert "## " not in text


def test_private_notes_only_when_asked(
    workspace: Workspace, filled: Filled, tmp_path: Path, page: _Page
):
    private = _page(
        _export(workspace, filled, tmp_path / "p.html", ReportFormat.HTML, include_private=True)
    )

    assert PRIVATE_CANARY not in "".join(page.text)
    assert PRIVATE_CANARY in "".join(private.text)


def test_the_html_and_the_pdf_tell_the_same_report(
    workspace: Workspace, filled: Filled, tmp_path: Path, page: _Page
):
    pdf = PdfReader(_export(workspace, filled, tmp_path / "r.pdf", ReportFormat.PDF))
    pdf_sections = [item.title for item in pdf.outline if not isinstance(item, list)]
    html_sections = [text for level, text in page.headings if level in (1, 2)]

    assert pdf_sections == html_sections
