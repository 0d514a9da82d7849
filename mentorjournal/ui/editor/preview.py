"""A rendered preview of Markdown that can show nothing but the user's own text.

Raw HTML in a note is shown as text, never interpreted (the Markdown parser's HTML block and
inline HTML steps are removed, so ``<script>`` or ``<img>`` come out escaped). The browser
never loads a resource (every image or stylesheet URL gives nothing) and never follows a link
by itself, so a note can never make the app reach the network or read a file.
"""

from __future__ import annotations

from typing import Any

import markdown
from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "nl2br"]


def render(text: str) -> str:
    """HTML for ``text``, with any raw HTML of the text escaped."""
    parser = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    parser.preprocessors.deregister("html_block")
    parser.inlinePatterns.deregister("html")
    return str(parser.convert(text))


class SafePreview(QTextBrowser):
    """A read-only view of rendered Markdown that fetches nothing and opens nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Nothing, whatever is asked: no image, no stylesheet, no file, no network.

        An empty value, not None: for None (an invalid variant) the document would read a
        local file itself.
        """
        return QByteArray()

    def show_markdown(self, text: str) -> None:
        self.setHtml(render(text))
