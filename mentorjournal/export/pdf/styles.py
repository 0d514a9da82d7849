"""Paragraph styles of the report: one typeface (DejaVu), quiet colours, headings kept with
what follows them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from mentorjournal.export.pdf.fonts import MONO, SANS, SANS_BOLD, SANS_ITALIC

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1f5f8b")
RULE = colors.HexColor("#cbd2d9")
SHADE = colors.HexColor("#eef2f6")
LINK = "#1f5f8b"
# Bars of the charts: told apart by their legend, their labels and the table, not by hue alone.
SERIES_COLOURS = (colors.HexColor("#1f5f8b"), colors.HexColor("#e0a43a"))
# Every table starts from these: a cell's own font is Helvetica unless told otherwise.
TABLE_BASE: tuple[Any, ...] = (
    ("FONT", (0, 0), (-1, -1), SANS, 9),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
)


def _style(name: str, **values: object) -> ParagraphStyle:
    base: dict[str, object] = {"fontName": SANS, "fontSize": 10, "leading": 14, "textColor": INK}
    base.update(values)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    caption: ParagraphStyle
    label: ParagraphStyle
    code: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_notice: ParagraphStyle
    section: ParagraphStyle
    part: ParagraphStyle
    note_headings: tuple[ParagraphStyle, ...]


def make_styles() -> Styles:
    keep = {"keepWithNext": 1}
    return Styles(
        body=_style("Body", spaceAfter=5),
        small=_style("Small", fontSize=8, leading=10, textColor=MUTED),
        cell=_style("Cell", fontSize=9, leading=12),
        cell_head=_style("CellHead", fontName=SANS_BOLD, fontSize=9, leading=12),
        caption=_style(
            "Caption", fontName=SANS_ITALIC, fontSize=9, leading=12, textColor=MUTED, spaceAfter=4
        ),
        label=_style(
            "Label",
            fontName=SANS_BOLD,
            fontSize=9,
            leading=12,
            textColor=MUTED,
            spaceBefore=6,
            spaceAfter=1,
            **keep,
        ),
        code=_style(
            "Code",
            fontName=MONO,
            fontSize=8.5,
            leading=11,
            spaceBefore=2,
            spaceAfter=2,
        ),
        cover_kicker=_style(
            "CoverKicker",
            fontName=SANS_BOLD,
            fontSize=13,
            leading=18,
            textColor=ACCENT,
            alignment=TA_CENTER,
            spaceBefore=90,
        ),
        cover_title=_style(
            "CoverTitle",
            fontName=SANS_BOLD,
            fontSize=26,
            leading=32,
            alignment=TA_CENTER,
            spaceBefore=8,
            spaceAfter=30,
        ),
        cover_notice=_style(
            "CoverNotice",
            fontName=SANS_ITALIC,
            fontSize=9,
            leading=12,
            textColor=MUTED,
            alignment=TA_CENTER,
            spaceBefore=14,
        ),
        section=_style(
            "Section",
            fontName=SANS_BOLD,
            fontSize=17,
            leading=22,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=10,
            **keep,
        ),
        part=_style(
            "Part",
            fontName=SANS_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=12,
            spaceAfter=4,
            **keep,
        ),
        note_headings=tuple(
            _style(
                f"NoteHeading{level}",
                fontName=SANS_BOLD,
                fontSize=size,
                leading=size * 1.3,
                spaceBefore=5,
                spaceAfter=2,
                **keep,
            )
            for level, size in enumerate((11, 10.5, 10, 10, 10, 10), start=1)
        ),
    )
