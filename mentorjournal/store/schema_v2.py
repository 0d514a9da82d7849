"""The step from schema version 1 to 2, as written. Never edit: later versions add steps.

Version 2 gives the full-text index prefix indexes for one, two and three characters, so
that the first letters typed into a quick search find their words without FTS5 scanning
every indexed word that begins with them. An FTS5 table's options cannot be altered: the
table is dropped and made again, empty. A contentless index keeps no copy of the text, so
the migration then indexes every record again from its own table
(:func:`mentorjournal.store.search_index.rebuild`).
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    "DROP TABLE search_fts",
    "DELETE FROM search_doc",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, content='', contentless_delete=1, prefix='1 2 3',
    tokenize='unicode61 remove_diacritics 2')""",
)
