"""The full-text index: FTS5 over folded text, kept in the encrypted database.

``search_fts`` is contentless: it stores only the index of the folded words, never a second
copy of the text. ``search_doc`` maps each FTS row to its record. Queries are folded the same
way, so ``zolw`` finds ``żółw`` and ``lodz`` finds ``Łódź``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlmodel import Session, col, select

from mentorjournal.domain import RECORDS, FieldType, RecordKind
from mentorjournal.domain.text_fold import fold, words
from mentorjournal.store.tables import TABLES

_TITLE_WEIGHT = 4.0
_BODY_WEIGHT = 1.0
_BM25 = f"bm25(search_fts, {_TITLE_WEIGHT}, {_BODY_WEIGHT})"

# An unfiltered query ranks at most this many matches: the newest ones (see _ranked_recent).
CANDIDATES = 5_000
_SPARE = 20  # rows ranked beyond the limit, to make up for records in the trash

_NTH_NEWEST = text(
    "SELECT rowid FROM search_fts WHERE search_fts MATCH :q"
    " ORDER BY rowid DESC LIMIT 1 OFFSET :skip"
)
# The subquery's LIMIT keeps SQLite from flattening it: bm25 runs in FTS5 alone, and only
# the best rows meet search_doc and relationship. (Only constants are formatted in.)
_TOP_RECENT = text(
    "SELECT d.record_id, d.kind, d.relationship_id, top.score, r.deleted_at IS NULL"  # noqa: S608
    f" FROM (SELECT rowid, {_BM25} AS score FROM search_fts"
    "  WHERE search_fts MATCH :q AND rowid >= :floor ORDER BY score LIMIT :wanted) AS top"
    " JOIN search_doc d ON d.rowid = top.rowid"
    " LEFT JOIN relationship r ON r.id = d.relationship_id"
    " ORDER BY top.score"
)


@dataclass(frozen=True, slots=True)
class IndexHit:
    record_id: str
    kind: RecordKind
    relationship_id: str | None
    rank: float


def put(
    connection: Connection,
    record_id: str,
    kind: RecordKind,
    relationship_id: str | None,
    title: str,
    body: Iterable[str],
) -> None:
    """Index (or re-index) one record's text."""
    remove(connection, record_id)
    rowid = connection.execute(
        text(
            "INSERT INTO search_doc (record_id, kind, relationship_id) VALUES (:r, :k, :rel) "
            "RETURNING rowid"
        ),
        {"r": record_id, "k": kind.value, "rel": relationship_id},
    ).scalar_one()
    connection.execute(
        text("INSERT INTO search_fts (rowid, title, body) VALUES (:rowid, :title, :body)"),
        {"rowid": rowid, "title": fold(title), "body": fold("\n".join(body))},
    )


def _document(kind: RecordKind, row: Any) -> tuple[str | None, str, list[str]]:
    """A record's relationship, title and other text and list fields, from its table row."""
    declaration = RECORDS[kind]
    title_field = declaration.title_field
    body: list[str] = []
    for spec in declaration.fields:
        value = getattr(row, spec.name)
        if spec.name == title_field or not value:
            continue
        if spec.is_text and spec.settable:
            body.append(value)
        elif spec.field_type is FieldType.LIST:
            body.extend(value)
    relationship_id = (
        row.id if kind is RecordKind.RELATIONSHIP else getattr(row, "relationship_id", None)
    )
    return relationship_id, getattr(row, title_field) or "", body


def put_row(connection: Connection, kind: RecordKind, row: Any) -> None:
    """Index one record from its table row: the title, then every other text and list field."""
    relationship_id, title, body = _document(kind, row)
    put(connection, row.id, kind, relationship_id, title, body)


def put_new_rows(connection: Connection, rows: Sequence[tuple[RecordKind, Any]]) -> None:
    """Index records not in the index yet, two statements for them all (a sync's arrivals).

    Their rowids follow the newest, as :func:`put` would give them one by one.
    """
    if not rows:
        return
    start = connection.execute(text("SELECT IFNULL(MAX(rowid), 0) FROM search_doc")).scalar_one()
    docs, texts = [], []
    for rowid, (kind, row) in enumerate(rows, start=int(start) + 1):
        relationship_id, title, body = _document(kind, row)
        docs.append({"rowid": rowid, "r": row.id, "k": kind.value, "rel": relationship_id})
        texts.append({"rowid": rowid, "title": fold(title), "body": fold("\n".join(body))})
    connection.execute(
        text(
            "INSERT INTO search_doc (rowid, record_id, kind, relationship_id)"
            " VALUES (:rowid, :r, :k, :rel)"
        ),
        docs,
    )
    connection.execute(
        text("INSERT INTO search_fts (rowid, title, body) VALUES (:rowid, :title, :body)"), texts
    )


def rebuild(connection: Connection) -> int:
    """Index every live record again, from its table; return how many were indexed.

    For a migration that made the index anew (a contentless index cannot re-read its text).
    Records go in the order they were last written, so FTS5 rowids keep meaning "recent".
    Runs inside the caller's transaction.
    """
    connection.execute(text("DELETE FROM search_doc"))
    connection.execute(text("DELETE FROM search_fts"))
    rows: list[tuple[Any, RecordKind, Any]] = []
    session = Session(bind=connection)
    try:
        for kind, table in TABLES.items():
            statement = select(table).where(col(table.deleted_at).is_(None))
            rows += [(row.updated_at, kind, row) for row in session.exec(statement).all()]
        rows.sort(key=lambda found: (found[0], found[2].id))
        for _, kind, row in rows:
            put_row(connection, kind, row)
    finally:
        session.close()
    return len(rows)


def remove(connection: Connection, record_id: str) -> None:
    """Take a record out of the index (a soft-deleted record is not found by search)."""
    rowid = connection.execute(
        text("DELETE FROM search_doc WHERE record_id = :r RETURNING rowid"), {"r": record_id}
    ).scalar_one_or_none()
    if rowid is not None:
        connection.execute(text("DELETE FROM search_fts WHERE rowid = :rowid"), {"rowid": rowid})


def match_expression(query: str) -> str | None:
    """An FTS5 expression for user text: every word must occur, the last one as a prefix.

    Each word is quoted, so nothing the user types is read as FTS5 syntax.
    """
    terms = words(query)
    if not terms:
        return None
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def query(
    connection: Connection,
    user_query: str,
    *,
    relationship_id: str | None = None,
    kinds: Sequence[RecordKind] = (),
    limit: int = 50,
) -> list[IndexHit]:
    """Best matches first; records of a relationship in the trash are left out.

    When more than :data:`CANDIDATES` records match an unfiltered query, only the most
    recently written :data:`CANDIDATES` of them are ranked (see :func:`_ranked_recent`).
    """
    expression = match_expression(user_query)
    if expression is None:
        return []
    if relationship_id is None and not kinds and limit < CANDIDATES:
        hits = _ranked_recent(connection, expression, limit)
        if hits is not None:
            return hits
    return _ranked_all(connection, expression, relationship_id, kinds, limit)


def _ranked_recent(connection: Connection, expression: str, limit: int) -> list[IndexHit] | None:
    """The global search, ranked inside FTS5 alone; ``None`` when only the full query can tell.

    bm25 costs about half a microsecond per matching row, and joining each row to its record
    as much again, so a word found in 30,000 records took over 20 ms to rank. Here FTS5 ranks
    without the join, over the newest :data:`CANDIDATES` matches at most (FTS5 rowids grow
    with each write, so these are the records written or changed last: for a word found
    almost everywhere, recent notes are the useful ones). Only the best rows are then joined
    to their records and checked against the trash.
    """
    floor = connection.execute(_NTH_NEWEST, {"q": expression, "skip": CANDIDATES - 1}).scalar()
    wanted = limit + _SPARE
    rows = connection.execute(
        _TOP_RECENT, {"q": expression, "floor": floor or 0, "wanted": wanted}
    ).all()
    hits = [IndexHit(row[0], RecordKind(row[1]), row[2], float(row[3])) for row in rows if row[4]]
    if len(hits) < limit and (floor is not None or len(rows) == wanted):
        return None  # the trash took too many: more live matches may lie beyond these rows
    return hits[:limit]


def _ranked_all(
    connection: Connection,
    expression: str,
    relationship_id: str | None,
    kinds: Sequence[RecordKind],
    limit: int,
) -> list[IndexHit]:
    """Every match joined to its record, filtered, then ranked: exact, and linear in matches."""
    sql = [
        f"SELECT d.record_id, d.kind, d.relationship_id, {_BM25} AS score",
        " FROM search_fts JOIN search_doc d ON d.rowid = search_fts.rowid",
        " LEFT JOIN relationship r ON r.id = d.relationship_id",
        " WHERE search_fts MATCH :q AND r.deleted_at IS NULL",
    ]
    params: dict[str, object] = {"q": expression, "limit": limit}
    if relationship_id is not None:
        sql.append(" AND d.relationship_id = :rel")
        params["rel"] = relationship_id
    if kinds:
        names = [f":k{i}" for i in range(len(kinds))]
        sql.append(f" AND d.kind IN ({', '.join(names)})")
        params.update({f"k{i}": kind.value for i, kind in enumerate(kinds)})
    sql.append(" ORDER BY score LIMIT :limit")
    rows = connection.execute(text("".join(sql)), params).all()
    return [IndexHit(row[0], RecordKind(row[1]), row[2], float(row[3])) for row in rows]


def texts(connection: Connection, hits: Sequence[IndexHit]) -> dict[str, tuple[str, list[str]]]:
    """For each hit's record: its title and its other searchable text, as the user wrote them."""
    found: dict[str, tuple[str, list[str]]] = {}
    by_kind: dict[RecordKind, list[str]] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit.record_id)
    for kind, ids in by_kind.items():
        title = RECORDS[kind].title_field
        others = [name for name in RECORDS[kind].text_fields if name != title]
        names = ", ".join([title, *others])
        marks = ", ".join(f":i{n}" for n in range(len(ids)))
        rows = connection.execute(
            # Table and column names come from the declarations, never from the user.
            text(f"SELECT id, {names} FROM {kind.value} WHERE id IN ({marks})"),  # noqa: S608
            {f"i{n}": record_id for n, record_id in enumerate(ids)},
        ).all()
        for row in rows:
            found[row[0]] = (row[1] or "", [value for value in row[2:] if value])
    return found
