"""The closing report as one accessible, self-contained HTML file, from the same report model
as the PDF (so the two never disagree).

For readers with a screen reader: ``lang`` set, one ``h1`` and a heading per section (``h2``)
and per goal, session or reflection (``h3``; a note's own headings go below those), lists,
tables with captions and ``<th scope>`` header cells, each chart given as its table of
numbers. No script, no style sheet or image to fetch, nothing remote: the file is read as it
is. Every piece of text is escaped; a note's links keep only web and mail addresses.
"""

from __future__ import annotations

from html import escape
from xml.etree.ElementTree import Element

from mentorjournal.export import report_model as model
from mentorjournal.export.markdown_tree import parse

_STYLE = """
body { font-family: "DejaVu Sans", "Segoe UI", sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.5; color: #1f2933; }
h1, h2 { color: #1f5f8b; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border-bottom: 1px solid #cbd2d9; padding: 0.25em 0.6em; text-align: left;
         vertical-align: top; }
caption { text-align: left; font-style: italic; color: #52606d; }
dt { font-weight: bold; }
pre { background: #eef2f6; padding: 0.5em; overflow-x: auto; }
.notice { font-style: italic; color: #52606d; }
.signature { margin: 2.5em 0 0; border-top: 1px solid #52606d; width: 20em; }
"""


def render_html(report: model.Report) -> bytes:
    """The report as the UTF-8 bytes of one HTML document."""
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(report.language.value)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)}</title>",
        f'<meta name="author" content="{escape(report.author)}">',
        f'<meta name="description" content="{escape(report.subject)}">',
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
    ]
    out += _cover(report)
    out.append("<main>")
    for section in report.sections:
        out.append(
            f'<section id="{escape(section.key)}" aria-labelledby="{escape(section.key)}-h">'
        )
        out.append(f'<h2 id="{escape(section.key)}-h">{escape(section.title)}</h2>')
        out += _blocks(section.blocks, 3)
        for part in section.parts:
            out.append(f"<h3>{escape(part.title)}</h3>")
            out += _blocks(part.blocks, 4)
        out.append("</section>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")


def _cover(report: model.Report) -> list[str]:
    cover = report.cover
    out = [
        "<header>",
        f"<p>{escape(cover.title)}</p>",
        f"<h1>{escape(cover.subtitle)}</h1>",
        _facts(cover.facts),
        *(f'<p class="notice">{escape(notice)}</p>' for notice in cover.notices),
        "</header>",
        f'<nav aria-label="{escape(report.contents_label)}"><ul>',
        *(f'<li><a href="#{escape(s.key)}">{escape(s.title)}</a></li>' for s in report.sections),
        "</ul></nav>",
    ]
    return out


def _facts(facts: tuple[model.Fact, ...]) -> str:
    rows = "".join(f"<dt>{escape(f.label)}</dt><dd>{escape(f.value)}</dd>" for f in facts)
    return f"<dl>{rows}</dl>"


def _blocks(blocks: tuple[model.Block, ...], level: int) -> list[str]:
    """HTML of ``blocks`` under a heading of ``level - 1`` (notes' labels are ``h{level}``)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, model.Facts):
            out.append(_facts(block.rows))
        elif isinstance(block, model.Note):
            out.append(f"<h{level}>{escape(block.label)}</h{level}>")
            out.append(_note(block.markdown, level + 1))
        elif isinstance(block, model.Paragraph):
            out.append(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, model.Table):
            out.append(_table(block))
        elif isinstance(block, model.Chart):
            out.append(_table(block.table))
        else:
            out += _signature_lines(block)
    return out


def _table(table: model.Table) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
    rows = "".join(
        "<tr>"
        + f'<th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in table.rows
    )
    return (
        f"<table><caption>{escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _signature_lines(block: model.SignatureLines) -> list[str]:
    out = []
    for line in block.lines:
        out.append(f"<p><strong>{escape(line.name)}</strong> ({escape(line.role)})</p>")
        out.append(f'<p class="signature">{escape(block.signature_label)}</p>')
        out.append(f'<p class="signature">{escape(block.date_label)}</p>')
    return out


# -- a note's Markdown ------------------------------------------------------------------------


def _note(text: str, level: int) -> str:
    """A note's tree as HTML; its headings start at ``level`` and never skip one."""
    tree = parse(text)
    return "".join(_children(tree, _heading_levels(tree, level)))


def _heading_levels(tree: Element, level: int) -> dict[int, int]:
    """The level each heading of a note is shown at, by the heading's ``id()``.

    The note's highest heading becomes ``level``; a heading never goes more than one level
    below the one before it (a note's ``#`` then ``###`` would leave a screen reader's list
    of headings with a gap).
    """
    headings = [
        e for e in tree.iter() if len(e.tag) == 2 and e.tag[0] == "h" and e.tag[1].isdigit()
    ]
    top = min((int(e.tag[1]) for e in headings), default=1)
    levels: dict[int, int] = {}
    previous = level - 1
    for heading in headings:
        shown = min(6, previous + 1, level + int(heading.tag[1]) - top)
        levels[id(heading)] = previous = max(level, shown)
    return levels


def _children(element: Element, levels: dict[int, int]) -> list[str]:
    out = [escape(element.text or "")]
    for child in element:
        out.append(_element(child, levels))
        out.append(escape(child.tail or ""))
    return out


def _element(element: Element, levels: dict[int, int]) -> str:
    tag = element.tag
    inner = "".join(_children(element, levels))
    if id(element) in levels:
        shown = levels[id(element)]
        return f"<h{shown}>{inner}</h{shown}>"
    if tag == "a":
        href = element.get("href")
        return f'<a href="{escape(href)}">{inner}</a>' if href else inner
    if tag in ("br", "hr"):
        return f"<{tag}>"
    if tag == "th":
        return f'<th scope="col">{inner}</th>'
    return f"<{tag}>{inner}</{tag}>"
