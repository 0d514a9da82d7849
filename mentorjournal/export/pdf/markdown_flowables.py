"""A note's Markdown as reportlab flowables: real headings, lists, emphasis, code and links.

The note is first read into a safe tree (:mod:`mentorjournal.export.markdown_tree`: raw HTML
already text, images already their alt text). Every piece of text is escaped before it enters
reportlab's paragraph markup, so ``<`` or ``&`` typed in a note are shown, never obeyed.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Indenter,
    ListFlowable,
    ListItem,
    Paragraph,
    Preformatted,
    Table,
    TableStyle,
)

from mentorjournal.export.markdown_tree import parse, plain_text
from mentorjournal.export.pdf.fonts import MONO, SANS
from mentorjournal.export.pdf.styles import LINK, RULE, SHADE, TABLE_BASE, Styles

_BLOCKS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "pre", "blockquote", "hr", "table"}
)


def inline(element: Element) -> str:
    """Paragraph markup for the text and inline elements inside ``element``."""
    parts = [escape(element.text or "")]
    for child in element:
        if child.tag not in _BLOCKS:
            parts.append(_inline_element(child))
        parts.append(escape(child.tail or ""))
    return "".join(parts)


def _inline_element(element: Element) -> str:
    inner = inline(element)
    tag = element.tag
    if tag in ("strong", "b"):
        return f"<b>{inner}</b>"
    if tag in ("em", "i"):
        return f"<i>{inner}</i>"
    if tag == "code":
        return f'<font name="{MONO}">{inner}</font>'
    if tag in ("del", "s"):
        return f"<strike>{inner}</strike>"
    if tag == "br":
        return "<br/>"
    if tag == "a" and element.get("href"):
        href = quoteattr(element.get("href", ""))
        return f"<a href={href} color={quoteattr(LINK)}><u>{inner}</u></a>"
    return inner


def note_flowables(text: str, styles: Styles) -> list[Flowable]:
    """The flowables of one note written in Markdown."""
    return _blocks(parse(text), styles)


def _blocks(
    element: Element, styles: Styles, style: ParagraphStyle | None = None
) -> list[Flowable]:
    """Flowables of ``element``'s children; loose text between them becomes paragraphs."""
    body = style or styles.body
    flowables: list[Flowable] = []
    loose: list[str] = [escape(element.text or "")]

    def flush() -> None:
        markup = "".join(loose).strip()
        if markup:
            flowables.append(Paragraph(markup, body))
        loose.clear()

    for child in element:
        if child.tag in _BLOCKS:
            flush()
            flowables.extend(_block(child, styles, body))
        else:
            loose.append(_inline_element(child))
        loose.append(escape(child.tail or ""))
    flush()
    return flowables


def _block(element: Element, styles: Styles, body: ParagraphStyle) -> list[Flowable]:
    tag = element.tag
    if tag.startswith("h") and len(tag) == 2:
        return [Paragraph(inline(element), styles.note_headings[int(tag[1]) - 1])]
    if tag == "p":
        return [Paragraph(inline(element), body)]
    if tag in ("ul", "ol"):
        return [_list(element, styles, body)]
    if tag == "pre":
        return [_code_block(plain_text(element).rstrip("\n"), styles)]
    if tag == "blockquote":
        return [Indenter(left=14), *_blocks(element, styles, body), Indenter(left=-14)]
    if tag == "hr":
        return [HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=4, spaceAfter=6)]
    return [_table(element, styles)]


def _code_block(text: str, styles: Styles) -> Flowable:
    """Code as typed (no markup read in it), on a shaded band the width of the text."""
    band = Table([[Preformatted(text, styles.code)]], hAlign="LEFT", colWidths=["100%"])
    band.setStyle(TableStyle([*TABLE_BASE, ("BACKGROUND", (0, 0), (-1, -1), SHADE)]))
    return band


def _list(element: Element, styles: Styles, body: ParagraphStyle) -> ListFlowable:
    items: list[Any] = [
        ListItem(_blocks(item, styles, body) or [Paragraph("", body)])
        for item in element
        if item.tag == "li"
    ]
    numbered = element.tag == "ol"
    return ListFlowable(
        items,
        bulletType="1" if numbered else "bullet",
        start=None if numbered else "•",
        bulletFontName=SANS,
        bulletFontSize=body.fontSize,
        leftIndent=16,
        bulletDedent=12 if numbered else 10,
        spaceAfter=4,
    )


def _table(element: Element, styles: Styles) -> Flowable:
    rows: list[list[Paragraph]] = []
    header_rows = 0
    for tr in element.iter("tr"):
        cells = [c for c in tr if c.tag in ("th", "td")]
        is_header = bool(cells) and all(c.tag == "th" for c in cells)
        header_rows += int(is_header and len(rows) == header_rows)
        style = styles.cell_head if is_header else styles.cell
        rows.append([Paragraph(inline(cell), style) for cell in cells])
    if not rows:
        return Paragraph("", styles.body)
    width = max(len(row) for row in rows)
    for row in rows:
        row.extend(Paragraph("", styles.cell) for _ in range(width - len(row)))
    table = Table(rows, repeatRows=header_rows, hAlign="LEFT")
    commands: list[Any] = [*TABLE_BASE, ("GRID", (0, 0), (-1, -1), 0.5, RULE)]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    table.setStyle(TableStyle(commands))
    return table
