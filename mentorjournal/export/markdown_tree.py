"""The Markdown of a note as a small, safe element tree, for the PDF and the HTML report.

The ``markdown`` package renders the note with its raw-HTML steps removed, so ``<script>`` or
``<b>`` typed in a note come out as text, never as markup. That output is read back into an
:class:`xml.etree.ElementTree.Element` holding only the elements in :data:`ALLOWED`: images
become their alt text (nothing is ever fetched), and a link keeps its address only when it
is a web or mail address. Both report writers walk this tree, so they show the same thing.
"""

from __future__ import annotations

import threading
from html.parser import HTMLParser
from xml.etree.ElementTree import Element, SubElement

import markdown

_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
# Block and inline elements the writers know; anything else keeps its text only.
ALLOWED = frozenset(
    {
        *("h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "pre", "blockquote"),
        *("hr", "table", "thead", "tbody", "tr", "th", "td"),
        *("strong", "b", "em", "i", "code", "a", "br", "del", "s"),
    }
)
_VOID = frozenset({"br", "hr", "img"})
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_href(href: str) -> str | None:
    """``href`` when it is a web or mail address; None for anything else (``javascript:``)."""
    cleaned = href.strip()
    return cleaned if cleaned.lower().startswith(SAFE_SCHEMES) else None


_local = threading.local()


def _renderer() -> markdown.Markdown:
    """This thread's Markdown renderer, without its raw-HTML steps.

    Building one costs more than rendering a short note, and a report renders hundreds; a
    renderer keeps state between notes, so each thread has its own and resets it.
    """
    renderer: markdown.Markdown | None = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        renderer.preprocessors.deregister("html_block")
        renderer.inlinePatterns.deregister("html")
        _local.renderer = renderer
    return renderer.reset()


def parse(text: str) -> Element:
    """``text`` (Markdown) as a ``div`` element of allowed elements and plain text."""
    builder = _TreeBuilder()
    builder.feed(str(_renderer().convert(text)))
    builder.close()
    return builder.root


class _TreeBuilder(HTMLParser):
    """Builds the tree from the renderer's HTML (which holds no raw HTML of the note)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("div")
        self._open: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "img":
            self.handle_data(values.get("alt", ""))
            return
        if tag not in ALLOWED:
            return
        element = SubElement(self._open[-1], tag)
        if tag == "a":
            href = safe_href(values.get("href", ""))
            if href is not None:
                element.set("href", href)
        if tag not in _VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and tag in ALLOWED:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED or tag in _VOID:
            return
        for index in range(len(self._open) - 1, 0, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        parent = self._open[-1]
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def plain_text(element: Element) -> str:
    """Every piece of text under ``element``, in order."""
    return "".join(element.itertext())
