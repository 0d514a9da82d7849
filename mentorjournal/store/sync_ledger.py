"""The merge side's own state in the journal: changed records, field clocks, CRDT states.

Changes are found by an index: triggers on every record table (and on agreement
signatures) put the id of each record written into ``sync_change`` with a new ``seq``; a
space remembers the last ``seq`` it sent. The triggers are put on a table the first time a
journal syncs, or the first time it syncs after a record kind was added, and that kind's
existing records are marked changed then, so records made before the sync (or before the
migration) are sent too. The table names come from :data:`TABLES`, never from input.

Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, text

from mentorjournal.domain import RecordKind
from mentorjournal.store.tables import TABLES

CHUNK = 500  # ids bound to one statement


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _trigger_statements(kind: RecordKind) -> list[str]:
    table = TABLES[kind].__tablename__
    # Names and values come from TABLES and RecordKind, never from input.
    mark = f"INSERT OR REPLACE INTO sync_change (record_id, kind) VALUES (NEW.id, '{kind.value}')"  # noqa: S608
    statements = [
        f"CREATE TRIGGER IF NOT EXISTS sync_track_{table}_{event.lower()} AFTER {event} "
        f"ON {table} BEGIN {mark}; END"
        for event in ("INSERT", "UPDATE")
    ]
    if kind is RecordKind.AGREEMENT:  # a signature is part of its agreement
        for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS sync_track_signature_{event.lower()} AFTER {event}"  # noqa: S608
                " ON agreement_signature BEGIN INSERT OR REPLACE INTO sync_change"
                f" (record_id, kind) VALUES ({row}.agreement_id, 'agreement'); END"
            )
    return statements


def ensure_tracking(connection: Connection) -> None:
    """Track changes of every record kind; a kind tracked for the first time is all marked."""
    tracked = set(connection.exec_driver_sql("SELECT kind FROM sync_tracked").scalars())
    for kind in TABLES:
        if kind.value in tracked:
            continue
        for statement in _trigger_statements(kind):
            connection.exec_driver_sql(statement)
        table = TABLES[kind].__tablename__
        connection.exec_driver_sql(
            f"INSERT OR REPLACE INTO sync_change (record_id, kind)"  # noqa: S608
            f" SELECT id, '{kind.value}' FROM {table} ORDER BY updated_at"
        )
        connection.execute(text("INSERT INTO sync_tracked (kind) VALUES (:k)"), {"k": kind.value})


# -- counters ----------------------------------------------------------------------------


def state(connection: Connection, key: str) -> int:
    found = connection.execute(
        text("SELECT value FROM sync_state WHERE key = :k"), {"k": key}
    ).scalar()
    return int(found or 0)


def set_state(connection: Connection, key: str, value: int) -> None:
    connection.execute(
        text("INSERT OR REPLACE INTO sync_state (key, value) VALUES (:k, :v)"),
        {"k": key, "v": value},
    )


def last_seq(connection: Connection) -> int:
    found = connection.exec_driver_sql("SELECT IFNULL(MAX(seq), 0) FROM sync_change").scalar()
    return int(found or 0)


def changes_after(connection: Connection, seq: int, limit: int) -> list[tuple[int, str, str]]:
    """(seq, record id, kind) of records changed after ``seq``, oldest first."""
    rows = connection.execute(
        text("SELECT seq, record_id, kind FROM sync_change WHERE seq > :s ORDER BY seq LIMIT :n"),
        {"s": seq, "n": limit},
    ).all()
    return [(int(row[0]), str(row[1]), str(row[2])) for row in rows]


def sent(connection: Connection, space_id: str) -> int:
    found = connection.execute(
        text("SELECT seq FROM sync_merge_sent WHERE space_id = :s"), {"s": space_id}
    ).scalar()
    return int(found or 0)


def set_sent(connection: Connection, space_id: str, seq: int) -> None:
    connection.execute(
        text(
            "INSERT INTO sync_merge_sent (space_id, seq) VALUES (:s, :q) ON CONFLICT (space_id)"
            " DO UPDATE SET seq = MAX(seq, excluded.seq)"
        ),
        {"s": space_id, "q": seq},
    )


def forget_space(connection: Connection, space_id: str) -> None:
    connection.execute(text("DELETE FROM sync_merge_sent WHERE space_id = :s"), {"s": space_id})


# -- per-record merge state --------------------------------------------------------------


@dataclass(slots=True)
class MergeState:
    """What the merge knows of one record (see ``schema_sync_merge``)."""

    record_id: str
    kind: RecordKind
    relationship_id: str | None
    created_at: str
    # name -> (clock, device, value, previous clock): a JSON array as read, a tuple once
    # the merge has made it a register; either is stored as the same array.
    registers: dict[str, Any] = field(default_factory=dict)
    base: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, bytes] = field(default_factory=dict)
    stored: bool = False


# Plain driver statements: thousands of rows go through here in a first sync, and
# SQLAlchemy's per-row parameter processing cost more than SQLite itself.
_LOAD = (
    "SELECT record_id, kind, relationship_id, created_at, registers, {base} FROM sync_record"
    " WHERE record_id IN ({marks})"
)
_LOAD_TEXTS = "SELECT record_id, field, state FROM sync_text WHERE record_id IN ({marks})"
_SAVE = (
    "INSERT OR REPLACE INTO sync_record"
    " (record_id, kind, relationship_id, created_at, registers, base) VALUES (?, ?, ?, ?, ?, ?)"
)
_SAVE_TEXT = "INSERT OR REPLACE INTO sync_text (record_id, field, state) VALUES (?, ?, ?)"
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _marks(count: int) -> str:
    return ",".join("?" * count)


def load(
    connection: Connection, ids: Sequence[str], with_base: bool = True
) -> dict[str, MergeState]:
    """The stored states of ``ids``; without their ``base`` (left empty) for a reader only."""
    found: dict[str, MergeState] = {}
    for part in _chunks(ids):
        marks = _marks(len(part))
        for row in connection.exec_driver_sql(
            _LOAD.format(base="base" if with_base else "NULL", marks=marks), tuple(part)
        ):
            found[row[0]] = MergeState(
                row[0],
                RecordKind(row[1]),
                row[2],
                row[3],
                json.loads(row[4]),
                json.loads(row[5]) if with_base else {},
                stored=True,
            )
        for row in connection.exec_driver_sql(_LOAD_TEXTS.format(marks=marks), tuple(part)):
            if row[0] in found:
                found[row[0]].texts[row[1]] = bytes(row[2])
    return found


def save(connection: Connection, states: Iterable[MergeState], changed_texts: bool = True) -> None:
    """Store merge states (and, unless told otherwise, their CRDT states)."""
    rows: list[tuple[Any, ...]] = []
    texts: list[tuple[str, str, bytes]] = []
    for merge_state in states:
        rows.append(
            (
                merge_state.record_id,
                merge_state.kind.value,
                merge_state.relationship_id,
                merge_state.created_at,
                _to_json(merge_state.registers),
                _to_json(merge_state.base),
            )
        )
        if changed_texts:
            texts += [
                (merge_state.record_id, name, value) for name, value in merge_state.texts.items()
            ]
        merge_state.stored = True
    if rows:
        connection.exec_driver_sql(_SAVE, rows)
    if texts:
        connection.exec_driver_sql(_SAVE_TEXT, texts)


# -- records waiting for another one -----------------------------------------------------


def replace_waits(connection: Connection, waits: dict[str, set[str]]) -> None:
    """Set what each record in ``waits`` waits for (nothing, for an empty set)."""
    if not waits:
        return
    connection.execute(
        text("DELETE FROM sync_wait WHERE record_id = :r"), [{"r": r} for r in waits]
    )
    rows = [{"r": record, "t": target} for record, targets in waits.items() for target in targets]
    if rows:
        connection.execute(
            text("INSERT INTO sync_wait (record_id, waits_for) VALUES (:r, :t)"), rows
        )


_WAITING = text("SELECT record_id FROM sync_wait WHERE waits_for IN :ids").bindparams(
    bindparam("ids", expanding=True)
)


def waiting_for(connection: Connection, targets: Sequence[str]) -> set[str]:
    """The records waiting for any of ``targets``."""
    found: set[str] = set()
    for part in _chunks(targets):
        found.update(connection.execute(_WAITING, {"ids": list(part)}).scalars())
    return found
