"""Folding text for search: lower case, Polish and other Latin diacritics removed.

Each character folds to exactly one character, so an offset in folded text is the same offset
in the original: snippets are cut from what the user wrote, with its Polish letters intact.
"""

from __future__ import annotations

import re
import unicodedata

# Letters whose stroke is not a combining mark, so Unicode decomposition leaves them alone.
_STROKED = {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ħ": "h", "Ħ": "h"}


class _FoldTable(dict[int, str]):
    """A lazily filled ``str.translate`` table."""

    def __missing__(self, codepoint: int) -> str:
        # The base letter may itself be stroked: Ǿ decomposes to ø and a combining acute.
        base = unicodedata.normalize("NFD", chr(codepoint))[0]
        folded = _STROKED.get(base)
        if folded is None:
            lowered = base.lower()
            folded = lowered if len(lowered) == 1 else base
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` lower-cased and without diacritics, of the same length as ``text``."""
    return text.translate(_TABLE)


def words(text: str) -> list[str]:
    """The folded words of ``text``, as the search index sees them."""
    return _WORD.findall(fold(text))
