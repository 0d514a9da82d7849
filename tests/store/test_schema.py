"""The schema that migrations build matches the ORM tables, and every connection is set up alike.

The tables of records are built from their declarations (``domain/records.py``), the schema
from the SQL frozen beside each migration. If a declaration gains a field that no migration
creates (or the reverse), these tests fail before any user's journal does.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Column, Connection, Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import QueuePool

from mentorjournal.domain import RecordKind
from mentorjournal.services.workspace import Workspace
from mentorjournal.store import migrations
from mentorjournal.store.tables import TABLES, metadata

ORM_TABLES = sorted(metadata.tables.values(), key=lambda table: table.name)
SEARCH_TABLES = {"search_doc", "search_fts"}


def _affinity(declared: str) -> str:
    """SQLite's type affinity for a declared column type (section 3.1 of its datatype docs)."""
    upper = declared.upper()
    if "INT" in upper:
        return "INTEGER"
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in upper or not upper:
        return "BLOB"
    if any(word in upper for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _orm_shape(column: Column[object]) -> tuple[str, str, bool, bool]:
    declared = column.type.compile(dialect=sqlite.dialect())
    # SQLite reports NOT NULL only where it was written; a primary key is never null anyway.
    not_null = not column.nullable and not column.primary_key
    return column.name, _affinity(declared), not_null, column.primary_key


def _stored_shape(connection: Connection, name: str) -> list[tuple[str, str, bool, bool]]:
    rows = connection.exec_driver_sql(f"PRAGMA table_info({name})").all()
    return [(row[1], _affinity(row[2]), bool(row[3]) and not row[5], bool(row[5])) for row in rows]


def _foreign_keys(connection: Connection, name: str) -> set[tuple[str, str, str]]:
    rows = connection.exec_driver_sql(f"PRAGMA foreign_key_list({name})").all()
    return {(row[3], row[2], row[4]) for row in rows}


@pytest.mark.parametrize("table", ORM_TABLES, ids=lambda table: table.name)
def test_each_orm_table_has_exactly_the_columns_migrations_created(
    workspace: Workspace, table: Table
) -> None:
    with workspace.journal.engine.connect() as connection:
        stored = _stored_shape(connection, table.name)
        foreign = _foreign_keys(connection, table.name)

    assert stored == [_orm_shape(column) for column in table.columns]
    assert foreign == {
        (key.parent.name, key.column.table.name, key.column.name) for key in table.foreign_keys
    }


def test_every_table_migrations_create_is_known_to_the_orm(workspace: Workspace) -> None:
    with workspace.journal.engine.connect() as connection:
        names = set(
            connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts_%'"
            ).scalars()
        )
        version = migrations.schema_version(connection)

    assert names == set(metadata.tables) | SEARCH_TABLES
    assert {table.__tablename__ for table in TABLES.values()} == {kind.value for kind in RecordKind}
    assert {kind.value for kind in RecordKind} <= names
    assert version == migrations.LATEST


def test_the_search_index_is_a_contentless_fts5_table(workspace: Workspace) -> None:
    with workspace.journal.engine.connect() as connection:
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'search_fts'"
        ).scalar_one()
        shadow = set(
            connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name LIKE 'search_fts_%'"
            ).scalars()
        )
        found = connection.exec_driver_sql(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"x\"'"
        ).scalar_one()

    assert "USING fts5" in sql
    assert "content=''" in sql  # the index keeps no second copy of the text
    assert "search_fts_content" not in shadow
    assert {"search_fts_data", "search_fts_idx", "search_fts_config"} <= shadow
    assert found == 0


def _pragmas(connection: Any) -> tuple[int, str, int]:
    """Read straight from the driver, outside any transaction (a begin takes the write lock)."""
    cursor = connection.cursor()
    try:
        foreign_keys = cursor.execute("PRAGMA foreign_keys").fetchone()[0]
        journal_mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        temp_store = cursor.execute("PRAGMA temp_store").fetchone()[0]
    finally:
        cursor.close()
    return foreign_keys, journal_mode, temp_store


def test_every_pooled_connection_has_the_journal_settings(workspace: Workspace) -> None:
    engine = workspace.journal.engine
    assert isinstance(engine.pool, QueuePool)
    limit = engine.pool.size() + 2  # the pooled connections and overflow ones beyond them
    raw = [engine.raw_connection() for _ in range(limit)]
    try:
        assert len({id(connection.driver_connection) for connection in raw}) == limit
        assert [_pragmas(connection) for connection in raw] == [(1, "wal", 2)] * limit
    finally:
        for connection in raw:
            connection.close()

    engine.dispose()  # connections made afresh get the same settings
    again = engine.raw_connection()
    try:
        assert _pragmas(again) == (1, "wal", 2)
    finally:
        again.close()


def test_foreign_keys_are_enforced(workspace: Workspace) -> None:
    with pytest.raises(IntegrityError), workspace.journal.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO goal (id, created_at, updated_at, scope, relationship_id, title,"
            " description, success_criteria, status, progress, outcome_note) VALUES"
            " ('g', '2026-01-01', '2026-01-01', 'shared', 'no-such-relationship', 't',"
            " '', '', 'open', 0, '')"
        )
