"""Schema versions, kept in ``PRAGMA user_version``, and the steps between them.

All pending steps and the version bumps run inside one transaction, so a failed step leaves
the journal exactly as it was, even after earlier steps of the same upgrade succeeded. The
caller takes an encrypted backup before the first step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection, text

from mentorjournal.domain import MigrationFailed, NewerJournalFormat
from mentorjournal.store import (
    schema_evaluations,
    schema_signing,
    schema_sync_merge,
    schema_sync_spaces,
    schema_v1,
    schema_v2,
    search_index,
)
from mentorjournal.store import sync_ledger_tables as _sync_ledger_tables  # noqa: F401  (its tables on metadata)

Migration = Callable[[Connection], None]


def _create_v1(connection: Connection) -> None:
    for statement in schema_v1.STATEMENTS:
        connection.exec_driver_sql(statement)


def _prefix_index_v2(connection: Connection) -> None:
    for statement in schema_v2.STATEMENTS:
        connection.exec_driver_sql(statement)


def _evaluations_v3(connection: Connection) -> None:
    for statement in schema_evaluations.STATEMENTS:
        connection.exec_driver_sql(statement)


def _sync_spaces_v4(connection: Connection) -> None:
    """The shared-folder sync's own tables (devices, keys, accepted files, notices)."""
    for statement in schema_sync_spaces.STATEMENTS:
        connection.exec_driver_sql(statement)


def _sync_merge_v5(connection: Connection) -> None:
    """The merge side's state: field clocks, text states, what was sent, tombstones."""
    for statement in schema_sync_merge.STATEMENTS:
        connection.exec_driver_sql(statement)


def _signing_v6(connection: Connection) -> None:
    """Agreement signatures keep the signing device and the version they signed."""
    for statement in schema_signing.STATEMENTS:
        connection.exec_driver_sql(statement)


# MIGRATIONS[n] takes a journal from version n to n + 1.
MIGRATIONS: tuple[Migration, ...] = (
    _create_v1,
    _prefix_index_v2,
    _evaluations_v3,
    _sync_spaces_v4,
    _sync_merge_v5,
    _signing_v6,
)
# Steps that leave the full-text index empty: after the last step, every record is indexed
# again with the code and tables of the newest version (which an old step cannot know).
_EMPTIES_THE_INDEX: frozenset[Migration] = frozenset({_prefix_index_v2})
LATEST = len(MIGRATIONS)


def schema_version(connection: Connection) -> int:
    return int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())


def pending(connection: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """How many steps this journal needs; raises if it comes from a newer version."""
    version = schema_version(connection)
    if version > len(migrations):
        raise NewerJournalFormat(version, len(migrations))
    return len(migrations) - version


def migrate(connection: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Run every pending step in one transaction: a journal is upgraded fully or not at all.

    ``connection`` must not be in a transaction.
    """
    start = schema_version(connection)
    connection.commit()  # end the read's implicit transaction
    version = start
    try:
        with connection.begin():
            for version in range(start, len(migrations)):
                migrations[version](connection)
                # PRAGMA takes no parameters; the value is an int we computed.
                connection.execute(text(f"PRAGMA user_version = {int(version + 1)}"))
            if any(step in _EMPTIES_THE_INDEX for step in migrations[start:]):
                search_index.rebuild(connection)
    except Exception as error:
        raise MigrationFailed(version + 1) from error
