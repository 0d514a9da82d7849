"""The closing report laid out as a PDF with reportlab's platypus.

A cover, then each section of the report model under a heading that is also a bookmark in
the PDF's outline (parts, a goal or a session, one level below). Every page has a footer
with the report's title and "page X of Y": the total is a small form drawn on every page and
filled in once the last page is known, so the story is laid out only once.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from mentorjournal.domain import CancelToken, Progress, no_progress
from mentorjournal.domain.progress import check_cancelled
from mentorjournal.export import report_model as model
from mentorjournal.export.pdf.charts import chart_drawing
from mentorjournal.export.pdf.fonts import SANS, register_fonts
from mentorjournal.export.pdf.markdown_flowables import note_flowables
from mentorjournal.export.pdf.styles import MUTED, RULE, SHADE, TABLE_BASE, Styles, make_styles

_TOTAL_FORM = "page_total"
_MARGIN = 2 * cm


class _Heading(Paragraph):
    """A heading that is also an entry of the PDF's outline and a link target."""

    def __init__(self, text: str, style: Any, key: str, level: int) -> None:
        super().__init__(escape(text), style)
        self.outline_title = text
        self.key = key
        self.level = level

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkPage(self.key, fit="XYZ", top=A4[1])
        canvas.addOutlineEntry(self.outline_title, self.key, level=self.level)
        super().draw()


class _Template(SimpleDocTemplate):
    """Reports progress after each top-level flowable, and stops when cancelled."""

    def __init__(
        self,
        target: io.BytesIO,
        progress: Progress,
        cancel: CancelToken | None,
        total: int,
        **values: Any,
    ) -> None:
        super().__init__(target, **values)
        self._progress = progress
        self._cancel = cancel
        self._total = total
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        self._done += 1
        if self._done % 20 == 0 or self._done == self._total:
            check_cancelled(self._cancel)
            self._progress(min(self._done, self._total), self._total)


def _canvas_class(page_of: str) -> type[Canvas]:
    """A canvas that writes the number of pages into the footer's form before saving."""
    _, _, suffix = page_of.partition("{pages}")

    class _Canvas(Canvas):
        pages = 0

        def showPage(self) -> None:
            self.pages += 1
            super().showPage()

        def save(self) -> None:
            if self._code:  # type: ignore[attr-defined]  # the page not shown yet
                self.showPage()
            self.beginForm(_TOTAL_FORM)
            self.setFont(SANS, 8)
            self.setFillColor(MUTED)
            self.drawString(0, 0, f"{self.pages}{suffix}")
            self.endForm()
            super().save()

    return _Canvas


def render(
    report: model.Report, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> bytes:
    """The report as the bytes of a PDF file."""
    register_fonts()
    styles = make_styles()
    story = _Story(report, styles).flowables()
    buffer = io.BytesIO()
    template = _Template(
        buffer,
        progress,
        cancel,
        len(story),
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=report.title,
        author=report.author,
        subject=report.subject,
        creator="MentorJournal",
        lang=report.language.value,
        initialFontName=SANS,
        displayDocTitle=1,
    )
    footer = _footer(report)
    template.build(
        story, onFirstPage=footer, onLaterPages=footer, canvasmaker=_canvas_class(report.page_of)
    )
    return buffer.getvalue()


def _footer(report: model.Report) -> Any:
    prefix, _, _ = report.page_of.partition("{pages}")

    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        if canvas.getPageNumber() == 1:
            canvas.showOutline()
        width, _height = document.pagesize
        y = _MARGIN / 2
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(_MARGIN, y + 10, width - _MARGIN, y + 10)
        canvas.setFont(SANS, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(_MARGIN, y, report.title[:90])
        text = prefix.format(page=canvas.getPageNumber())
        x = width - _MARGIN - canvas.stringWidth(text + "000", SANS, 8)
        canvas.drawString(x, y, text)
        canvas.translate(x + canvas.stringWidth(text, SANS, 8), y)
        canvas.doForm(_TOTAL_FORM)
        canvas.restoreState()

    return draw


class _Story:
    """The flowables of one report."""

    def __init__(self, report: model.Report, styles: Styles) -> None:
        self.report = report
        self.styles = styles
        self.width = A4[0] - 2 * _MARGIN

    def flowables(self) -> list[Flowable]:
        story = self._cover()
        for number, section in enumerate(self.report.sections):
            # A chart is kept whole: its section's heading needs the chart's room below it.
            room = (
                12 * cm if section.blocks and isinstance(section.blocks[0], model.Chart) else 6 * cm
            )
            story.append(PageBreak() if number == 0 else CondPageBreak(room))
            story.append(_Heading(section.title, self.styles.section, section.key, 0))
            story.extend(self._blocks(section.blocks))
            for index, part in enumerate(section.parts):
                key = f"{section.key}-{index + 1}"
                story.append(_Heading(part.title, self.styles.part, key, 1))
                story.extend(self._blocks(part.blocks))
        return story

    def _cover(self) -> list[Flowable]:
        cover = self.report.cover
        styles = self.styles
        story: list[Flowable] = [
            Paragraph(escape(cover.title), styles.cover_kicker),
            _Heading(cover.subtitle, styles.cover_title, "cover", 0),
            self._facts(cover.facts, centred=True),
        ]
        story += [Paragraph(escape(notice), styles.cover_notice) for notice in cover.notices]
        story.append(Spacer(1, 24))
        story.append(Paragraph(escape(self.report.contents_label), styles.label))
        for section in self.report.sections:
            story.append(
                Paragraph(f'<a href="#{section.key}">{escape(section.title)}</a>', styles.body)
            )
        return story

    def _blocks(self, blocks: tuple[model.Block, ...]) -> list[Flowable]:
        flowables: list[Flowable] = []
        for block in blocks:
            if isinstance(block, model.Facts):
                flowables.append(self._facts(block.rows))
            elif isinstance(block, model.Note):
                label = Paragraph(escape(block.label), self.styles.label)
                flowables += [label, *note_flowables(block.markdown, self.styles)]
            elif isinstance(block, model.Paragraph):
                flowables.append(Paragraph(escape(block.text), self.styles.body))
            elif isinstance(block, model.Table):
                flowables += self._table(block)
            elif isinstance(block, model.Chart):
                flowables += self._chart(block)
            else:
                flowables.append(self._signature_lines(block))
        return flowables

    def _facts(self, facts: tuple[model.Fact, ...], *, centred: bool = False) -> Flowable:
        styles = self.styles
        rows = [
            [Paragraph(escape(f.label), styles.cell_head), Paragraph(escape(f.value), styles.cell)]
            for f in facts
        ]
        widths = [4.5 * cm, 9 * cm] if centred else [4.5 * cm, self.width - 4.5 * cm]
        table = Table(rows, colWidths=widths, hAlign="CENTER" if centred else "LEFT")
        table.setStyle(
            TableStyle(
                [
                    *TABLE_BASE,
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table

    def _table(self, block: model.Table) -> list[Flowable]:
        styles = self.styles
        rows = [[Paragraph(escape(c), styles.cell_head) for c in block.columns]]
        rows += [[Paragraph(escape(c), styles.cell) for c in row] for row in block.rows]
        # The first column names the row: wide, unless many columns of numbers need room.
        first = self.width * {2: 0.6, 3: 0.5, 4: 0.4}.get(len(block.columns), 0.3)
        rest = (self.width - first) / max(1, len(block.columns) - 1)
        table = Table(
            rows, colWidths=[first] + [rest] * (len(block.columns) - 1), repeatRows=1, hAlign="LEFT"
        )
        table.setStyle(
            TableStyle(
                [
                    *TABLE_BASE,
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ]
            )
        )
        return [Paragraph(escape(block.caption), styles.caption), table, Spacer(1, 8)]

    def _chart(self, chart: model.Chart) -> list[Flowable]:
        """The caption kept with the bars; the table of their numbers follows (it may be long)."""
        drawing = chart_drawing(chart, self.width)
        caption = Paragraph(escape(chart.caption), self.styles.caption)
        return [KeepTogether([caption, drawing, Spacer(1, 4)]), *self._table(chart.table)[1:]]

    def _signature_lines(self, block: model.SignatureLines) -> Flowable:
        """For each person: their name, then a line to sign on and a line for the date."""
        styles = self.styles
        rows: list[list[Any]] = []
        commands: list[Any] = [*TABLE_BASE]
        for index, line in enumerate(block.lines):
            name = f"<b>{escape(line.name)}</b> ({escape(line.role)})"
            rows.append([Paragraph(name, styles.body), "", ""])
            rows.append([Spacer(1, 28), "", Spacer(1, 28)])
            rows.append(
                [
                    Paragraph(escape(block.signature_label), styles.small),
                    "",
                    Paragraph(escape(block.date_label), styles.small),
                ]
            )
            line_row = index * 3 + 1
            commands.append(("LINEBELOW", (0, line_row), (0, line_row), 0.7, MUTED))
            commands.append(("LINEBELOW", (2, line_row), (2, line_row), 0.7, MUTED))
            commands.append(("BOTTOMPADDING", (0, line_row + 1), (-1, line_row + 1), 22))
        widths = [self.width * 0.55, self.width * 0.1, self.width * 0.35]
        table = Table(rows, colWidths=widths)
        table.setStyle(TableStyle(commands))
        return KeepTogether([table])
