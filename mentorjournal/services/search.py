"""Full-text search over every text field, insensitive to case and to Polish letters."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mentorjournal.domain import RecordKind, SearchHit
from mentorjournal.domain.text_fold import fold, words
from mentorjournal.services.values import normalize_text
from mentorjournal.store.records import RecordStore

SNIPPET_CHARS = 160
MARK_OPEN = "**"
MARK_CLOSE = "**"


class SearchService:
    def __init__(self, records: RecordStore) -> None:
        self._records = records

    def search(
        self,
        query: str,
        *,
        relationship_id: str | None = None,
        kinds: Sequence[RecordKind] = (),
        limit: int = 50,
    ) -> list[SearchHit]:
        """Records matching every word of ``query``, best first, each with a snippet."""
        # Stored text is NFC; a query typed in decomposed form must fold the same way.
        query = normalize_text(query)
        terms = words(query)
        found = self._records.search(
            query, relationship_id=relationship_id, kinds=kinds, limit=limit
        )
        return [
            SearchHit(
                record_id=hit.record_id,
                kind=hit.kind,
                relationship_id=hit.relationship_id,
                title=title,
                snippet=snippet([*body, title], terms),
                rank=hit.rank,
            )
            for hit, title, body in found
        ]


def snippet(texts: Sequence[str], terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """A window of the first text that contains a term, matches marked in Markdown bold.

    Matching runs on folded text, whose offsets equal the original's, so the window keeps
    the user's own spelling and Polish letters.
    """
    if not terms:
        return ""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*")
    for original in texts:
        folded = fold(original)
        first = pattern.search(folded)
        if first is None:
            continue
        start = max(0, first.start() - width // 3)
        end = min(len(original), start + width)
        start = min(_word_start(original, start), first.start())
        pieces: list[str] = ["…" if start > 0 else ""]
        cursor = start
        for match in pattern.finditer(folded, start, end):
            pieces.append(original[cursor : match.start()])
            pieces.append(MARK_OPEN + original[match.start() : match.end()] + MARK_CLOSE)
            cursor = match.end()
        pieces.append(original[cursor:end])
        pieces.append("…" if end < len(original) else "")
        return " ".join("".join(pieces).split())
    return " ".join(texts[0][:width].split()) if texts else ""


def _word_start(text: str, index: int) -> int:
    while 0 < index < len(text) and not text[index - 1].isspace():
        index += 1
    return index
