"""The closing report as a PDF, read back the way a reader's viewer reads it (pypdf): the text
copied out is the text typed, Markdown is rendered (never shown as source), the fonts are
embedded, and the outline, metadata and page numbers are there."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from mentorjournal.domain import Cancelled, CancelToken
from mentorjournal.i18n import Language, load_translation
from mentorjournal.services.reports import ReportFormat, ReportOptions, export_report
from mentorjournal.services.workspace import Workspace
from tests.export.report_journal import (
    EARLY_SESSION,
    LATIN_EXTENDED_A,
    POLISH,
    PRIVATE_CANARY,
    RAW_HTML,
    Filled,
    fill,
)

_BASE_14 = re.compile(r"^/?(Helvetica|Times|Courier|Symbol|ZapfDingbats)")


@pytest.fixture
def filled(workspace: Workspace) -> Filled:
    return fill(workspace)


def _export(workspace: Workspace, filled: Filled, target: Path, **options: Any) -> PdfReader:
    export_report(
        workspace,
        filled.relationship_id,
        target,
        ReportFormat.PDF,
        ReportOptions(**options),
        force=True,
    )
    return PdfReader(target)


@pytest.fixture
def pdf(workspace: Workspace, filled: Filled, tmp_path: Path) -> PdfReader:
    return _export(workspace, filled, tmp_path / "raport.pdf")


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _squeezed(text: str) -> str:
    """``text`` without any white space: lines wrap wherever the page width says."""
    return re.sub(r"\s+", "", text)


def _catalog(reader: PdfReader) -> Any:
    return reader.trailer["/Root"].get_object()


def _outline_titles(outline: list[Any]) -> list[str]:
    titles: list[str] = []
    for item in outline:
        titles += _outline_titles(item) if isinstance(item, list) else [item.title]
    return titles


def test_copied_text_equals_the_typed_text_polish_and_all_of_latin_extended_a(pdf: PdfReader):
    text = _squeezed(_text(pdf))

    assert _squeezed(POLISH) in text
    assert LATIN_EXTENDED_A in text


def test_markdown_is_rendered_never_shown_as_source(pdf: PdfReader):
    spans: list[tuple[str, str, float]] = []

    def visit(text: str, _cm: Any, _tm: Any, font: Any, size: float) -> None:
        if text.strip() and font is not None:
            spans.append((text, str(font.get("/BaseFont", "")), size))

    for page in pdf.pages:
        page.extract_text(visitor_text=visit)
    text = _text(pdf)

    assert "**" not in text
    assert "# " not in text
    assert "](" not in text
    assert "Plan na" in text  # the note's "## Plan na **jutro**" ...
    heading = [font for piece, font, _size in spans if "jutro" in piece]
    assert heading
    assert all("Bold" in font for font in heading)
    emphasis = [font for piece, font, _size in spans if piece.strip() == "punkt"]
    assert emphasis
    assert all("Oblique" in font for font in emphasis)
    code = [font for piece, font, _size in spans if "kod_źródłowy" in piece]
    assert code
    assert all("Mono" in font for font in code)
    assert "wykres sprzedaży" in text  # an image is its alt text, never fetched
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in pdf.pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    assert "https://example.org/projekt" in links
    assert "https://example.com/wykres.png" not in links


def test_raw_html_in_a_note_is_shown_as_text(pdf: PdfReader):
    assert _squeezed(RAW_HTML) in _squeezed(_text(pdf))


def test_private_notes_are_absent_by_default_and_present_when_asked(
    workspace: Workspace, filled: Filled, pdf: PdfReader, tmp_path: Path
):
    private = _export(workspace, filled, tmp_path / "prywatny.pdf", include_private=True)

    assert PRIVATE_CANARY not in _text(pdf)
    assert f"{PRIVATE_CANARY} Delegowanie" in _text(private)


def test_the_date_range_is_respected(workspace: Workspace, filled: Filled, tmp_path: Path):
    from datetime import date

    reader = _export(workspace, filled, tmp_path / "zakres.pdf", date_from=date(2026, 8, 1))

    assert EARLY_SESSION not in _text(reader)
    assert "Strach przed sceną" in _text(reader)


def test_a_polish_report_has_polish_headings_and_says_its_language(
    workspace: Workspace, filled: Filled, tmp_path: Path
):
    reader = _export(workspace, filled, tmp_path / "pl.pdf", language=Language.POLISH)
    polish = load_translation(Language.POLISH)
    titles = _outline_titles(reader.outline)

    for english in ("The agreement", "Goals and their outcomes", "Timeline of sessions"):
        assert polish.gettext(english) != english
        assert polish.gettext(english) in titles
    assert _catalog(reader)["/Lang"] == "pl"


def test_every_font_is_embedded_and_no_standard_font_sets_text(pdf: PdfReader):
    for page in pdf.pages:
        fonts: Any = page["/Resources"]["/Font"]  # type: ignore[index]
        contents = page.get_contents()
        assert contents is not None
        used = set(re.findall(rb"/(\S+) [\d.]+ Tf", contents.get_data()))
        for resource, font in fonts.items():
            font = font.get_object()
            if resource.lstrip("/").encode() not in used:
                continue
            assert not _BASE_14.match(font["/BaseFont"]), font["/BaseFont"]
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            assert "/FontFile2" in descendant["/FontDescriptor"], font["/BaseFont"]
        assert used, "a page without text"


def test_metadata_outline_and_page_numbers(pdf: PdfReader, filled: Filled):
    metadata = pdf.metadata
    assert metadata is not None
    assert metadata.title == "Closing report: Mentoring Jana"
    assert metadata.author == "Anna Kowalska"
    assert metadata.subject
    assert "Jan Nowak" in metadata.subject
    assert _catalog(pdf)["/Lang"] == "en"

    titles = _outline_titles(pdf.outline)
    for title in ("The agreement", "Goals and their outcomes", "Charts", "Signatures"):
        assert title in titles
    assert all(goal.title in titles for goal in filled.goals)
    assert titles[0] == "Mentoring Jana"  # the cover

    pages = len(pdf.pages)
    assert pages > 2
    for number, page in enumerate(pdf.pages, start=1):
        assert f"Page{number}of{pages}" in _squeezed(page.extract_text())


def test_the_file_is_private_and_a_failed_export_leaves_the_earlier_file_intact(
    workspace: Workspace, filled: Filled, tmp_path: Path
):
    target = tmp_path / "raport.pdf"
    _export(workspace, filled, target)
    earlier = target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    token = CancelToken()
    reports: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        reports.append((done, total))
        token.cancel()  # the user cancels once the first pages are laid out

    with pytest.raises(Cancelled):
        export_report(
            workspace,
            filled.relationship_id,
            target,
            ReportFormat.PDF,
            ReportOptions(include_private=True),
            force=True,
            progress=progress,
            cancel=token,
        )

    assert reports
    assert reports[0][0] < reports[0][1]
    assert target.read_bytes() == earlier
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == ["raport.pdf"]


def test_progress_reaches_its_total(workspace: Workspace, filled: Filled, tmp_path: Path):
    reports: list[tuple[int, int]] = []
    export_report(
        workspace,
        filled.relationship_id,
        tmp_path / "r.pdf",
        ReportFormat.PDF,
        ReportOptions(),
        progress=lambda done, total: reports.append((done, total)),
    )
    assert reports[-1][0] == reports[-1][1] > 0
