"""Open ``journal.db`` with SQLCipher 4 through SQLAlchemy, keyed with a raw 256-bit key.

The key reaches SQLCipher as ``PRAGMA key = "x'<64 hex digits>'"``: the hex digits are made
here from bytes we generated, so no passphrase or user text ever enters an SQL string.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool
from sqlcipher3 import dbapi2 as sqlcipher

from mentorjournal.crypto import KEY_BYTES, SecretKey
from mentorjournal.domain import DiskFull, JournalDamaged, JournalReadOnly, MentorJournalError

SQLITE_PLAINTEXT_HEADER = b"SQLite format 3\x00"
_BUSY_TIMEOUT_MS = 5000
# Execution option marking a transaction that only reads: it begins without the write lock.
READ_ONLY_OPTION = "mentorjournal_read_only"


def _raw_key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a data key is 32 bytes")
    digits = key.hex()  # only [0-9a-f]: nothing here can change the statement
    return 'PRAGMA key = "x' + "'" + digits + "'" + '"'


def connect(path: Path, key: bytes) -> Any:
    """A DB-API connection to an encrypted database, keyed and configured."""
    connection = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # SQLCipher logs each failed page to stderr by default; damage is reported as a
        # typed error instead, and the command line owes the user one clear line.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(_raw_key_pragma(key))
        connection.execute("PRAGMA cipher_compatibility = 4")
        connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        # Reading the schema is the first access that decrypts: a wrong key or damage shows here.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        connection.close()
        raise
    return connection


def open_engine(path: Path, key: SecretKey, *, pool_size: int = 2) -> Engine:
    """An engine whose every connection is keyed; raises typed errors if the file is bad.

    New connections take the key from ``key`` each time, so once it is wiped the engine
    can open none (:class:`JournalLocked`): the engine never keeps a copy of its own.
    """
    check_file(path)
    with translate_errors(path):
        first = connect(path, key.reveal())
    first.close()
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, key.reveal()),
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # The driver is in autocommit mode; SQLAlchemy's transactions map onto real BEGINs,
        # so DDL in a migration rolls back with everything else. Writers take the write lock
        # at once (no deadlock upgrading a read); readers run beside a writer, as WAL allows.
        reading = connection.get_execution_options().get(READ_ONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def create_database(path: Path, key: bytes) -> None:
    """Create an empty encrypted database file at ``path``."""
    with translate_errors(path):
        connection = connect(path, key)
        connection.close()


def check_file(path: Path) -> None:
    """Refuse a missing, empty or plaintext database before SQLCipher touches it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_PLAINTEXT_HEADER))
    except FileNotFoundError:
        raise JournalDamaged(path, "database") from None
    if len(head) < len(SQLITE_PLAINTEXT_HEADER) or head == SQLITE_PLAINTEXT_HEADER:
        raise JournalDamaged(path, "database")


def error_from_sqlite(error: BaseException, path: Path) -> MentorJournalError | None:
    """The typed error for an SQLite failure, judged by its message and error code."""
    original = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    message = str(original).lower()
    if code == 13 or "database or disk is full" in message:  # SQLITE_FULL
        return DiskFull(path)
    if code == 8 or "readonly" in message or "read-only" in message:  # SQLITE_READONLY
        return JournalReadOnly(path)
    if code in (11, 26) or "not a database" in message or "malformed" in message:
        return JournalDamaged(path, "database")
    if "unable to open database" in message:
        return JournalReadOnly(path) if path.exists() else JournalDamaged(path, "database")
    return None


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's errors about the file into typed errors; let others through."""
    try:
        yield
    except (sqlcipher.Error, sqlalchemy.exc.DBAPIError) as error:
        mapped = error_from_sqlite(error, path)
        if mapped is None:
            raise
        raise mapped from error
