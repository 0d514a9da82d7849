"""Record rows as the merge reads and writes them: plain values, many at a time.

The merge writes rows directly (not through :class:`~.records.RecordStore`), because it
sets values that come from another device in bulk, keeps the search index and the field
history itself, and must not count a merged value as a local edit. Every function runs
inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, text, update

from mentorjournal.domain import RecordKind
from mentorjournal.store import search_index
from mentorjournal.store.sync_ledger import _chunks
from mentorjournal.store.tables import TABLES, HistoryRow, SignatureRow

_SIGNATURES: Table = SignatureRow.__table__  # type: ignore[attr-defined]
_HISTORY: Table = HistoryRow.__table__  # type: ignore[attr-defined]


def _table(kind: RecordKind) -> Table:
    table: Table = TABLES[kind].__table__  # type: ignore[attr-defined]
    return table


def read(connection: Connection, kind: RecordKind, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The rows of ``ids`` (those that exist) as column -> value."""
    table = _table(kind)
    found: dict[str, dict[str, Any]] = {}
    for part in _chunks(ids):
        for row in connection.execute(select(table).where(table.c.id.in_(part))):
            found[row.id] = dict(row._mapping)
    return found


def existing(connection: Connection, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` name a record of any kind in this journal."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    for part in _chunks(wanted):
        marks = ",".join("?" * len(part))
        for kind in TABLES:
            # Table names come from TABLES, never from input; the ids are bound.
            statement = f"SELECT id FROM {_table(kind).name} WHERE id IN ({marks})"  # noqa: S608
            found.update(connection.exec_driver_sql(statement, tuple(part)).scalars())
    return found


def signatures(
    connection: Connection, agreement_ids: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for part in _chunks(agreement_ids):
        statement = select(_SIGNATURES).where(_SIGNATURES.c.agreement_id.in_(part))
        for row in connection.execute(statement.order_by(_SIGNATURES.c.id)):
            found.setdefault(row.agreement_id, []).append(dict(row._mapping))
    return found


def insert_many(connection: Connection, kind: RecordKind, rows: list[dict[str, Any]]) -> None:
    """Insert rows (each with every column) and index them; one statement for them all."""
    if rows:
        table = _table(kind)
        names = list(rows[0])
        # The columns' own conversions (moments, JSON lists), without SQLAlchemy's work per
        # row: ten thousand rows arrive in a first sync.
        converters = [table.c[name].type.bind_processor(connection.dialect) for name in names]
        quoted = ", ".join(f'"{name}"' for name in names)
        marks = ", ".join("?" * len(names))
        statement = f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})"  # noqa: S608
        connection.exec_driver_sql(
            statement,
            [
                tuple(
                    row[name] if convert is None else convert(row[name])
                    for name, convert in zip(names, converters, strict=True)
                )
                for row in rows
            ],
        )
        live = [(kind, SimpleNamespace(**row)) for row in rows if row["deleted_at"] is None]
        search_index.put_new_rows(connection, live)


def update_many(connection: Connection, kind: RecordKind, rows: list[dict[str, Any]]) -> None:
    """Update rows (each with every column but ``created_at``) and keep the index right."""
    if rows:
        table = _table(kind)
        statement = update(table).where(table.c.id == bindparam("_id"))
        connection.execute(statement, [{"_id": row["id"], **row} for row in rows])
        _index(connection, kind, rows)


def _index(connection: Connection, kind: RecordKind, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        if row["deleted_at"] is None:
            search_index.put_row(connection, kind, SimpleNamespace(**row))
        else:
            search_index.remove(connection, row["id"])


def write_signatures(
    connection: Connection, agreement_id: str, rows: Sequence[Mapping[str, Any]]
) -> None:
    connection.execute(delete(_SIGNATURES).where(_SIGNATURES.c.agreement_id == agreement_id))
    for row in rows:
        connection.execute(insert(_SIGNATURES).values(agreement_id=agreement_id, **row))


_KNOWN = text(
    "SELECT 1 FROM field_history WHERE record_id = :r AND field = :f AND value = :v LIMIT 1"
)


def keep_in_history(
    connection: Connection, record_id: str, field: str, value: str, at: datetime
) -> bool:
    """Keep an earlier value of a field; False if history already holds that very value."""
    if not value:
        return False
    if connection.execute(_KNOWN, {"r": record_id, "f": field, "v": value}).first():
        return False
    connection.execute(
        insert(_HISTORY).values(record_id=record_id, field=field, value=value, replaced_at=at)
    )
    return True
