"""The full-text index: FTS5 over folded text, kept in the encrypted database.

``search_fts`` is contentless: it stores only the index of the folded words, never a second
copy of the text. ``search_doc`` maps each FTS row to its record. Queries are folded the same
way, so ``zolw`` finds ``żółw`` and ``lodz`` finds ``Łódź``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from mentorjournal.domain import RecordKind
from mentorjournal.domain.fields import FIELDS, TITLE_FIELD
from mentorjournal.domain.text_fold import fold, words

_TITLE_WEIGHT = 4.0
_BODY_WEIGHT = 1.0


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
    """Best matches first; records of a relationship in the trash are left out."""
    expression = match_expression(user_query)
    if expression is None:
        return []
    sql = [
        "SELECT d.record_id, d.kind, d.relationship_id,",
        f" bm25(search_fts, {_TITLE_WEIGHT}, {_BODY_WEIGHT}) AS score",
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
        title = TITLE_FIELD[kind]
        others = [s.name for s in FIELDS[kind] if s.is_text and s.settable and s.name != title]
        names = ", ".join([title, *others])
        marks = ", ".join(f":i{n}" for n in range(len(ids)))
        rows = connection.execute(
            # Table and column names come from the field specs, never from the user.
            text(f"SELECT id, {names} FROM {kind.value} WHERE id IN ({marks})"),  # noqa: S608
            {f"i{n}": record_id for n, record_id in enumerate(ids)},
        ).all()
        for row in rows:
            found[row[0]] = (row[1] or "", [value for value in row[2:] if value])
    return found
