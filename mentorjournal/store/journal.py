"""A journal folder: create it, unlock it, lock it, change its passphrase, recover it.

The folder holds ``journal.db`` (SQLCipher), ``journal.key`` (see :mod:`keyfile`), ``blobs/``
and ``backups/``. Nothing in it is ever plaintext.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine

from mentorjournal import crypto
from mentorjournal.domain import JournalDamaged, JournalExists, JournalNotFound
from mentorjournal.safe_files import fsync_directory
from mentorjournal.store import database, keyfile, migrations, rekey, staging
from mentorjournal.store.files import mapped_os_errors
from mentorjournal.store.instance_lock import InstanceLock

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class JournalPaths:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / "journal.db"

    @property
    def key(self) -> Path:
        return self.root / "journal.key"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"


class OpenJournal:
    """An unlocked journal: its engine, its data key and the instance lock it holds.

    Close it (or use it as a context manager) to dispose of the engine and release the lock.
    """

    def __init__(
        self, paths: JournalPaths, engine: Engine, data_key: bytes, lock: InstanceLock
    ) -> None:
        self.paths = paths
        self.engine = engine
        self._data_key = data_key
        self._lock = lock

    def subkey(self, purpose: bytes) -> bytes:
        """A key for one purpose (attachments, backups), derived from the data key."""
        return crypto.subkey(self._data_key, purpose)

    def snapshot_database(self, target: Path) -> None:
        """Write a consistent encrypted copy of the database to ``target``.

        The copy is checked: SQLCipher hands SQLite's backup a page that fails its HMAC as
        zeros, which the copy then stores under a valid HMAC. Such a copy is refused.
        """
        with database.translate_errors(target):
            copy = database.connect(target, self._data_key)
            try:
                raw = self.engine.raw_connection()
                try:
                    raw.driver_connection.backup(copy)  # type: ignore[union-attr]
                finally:
                    raw.close()
                with database.translate_errors(self.paths.db):
                    sound = copy.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            finally:
                copy.close()
        if not sound:
            raise JournalDamaged(self.paths.db, "database")

    def change_passphrase(self, new_passphrase: str, params: crypto.KdfParams) -> None:
        """Rewrap the data key under a new passphrase; the database is not re-encrypted."""
        current = keyfile.load(self.paths.key)
        keyfile.save(
            current.with_passphrase(self._data_key, new_passphrase, params), self.paths.key
        )

    def reencrypt_database(self, path: Path, new_key: bytes) -> None:
        """Re-encrypt a copy of a database under this journal's data key to ``new_key``."""
        rekey.reencrypt_database(path, self._data_key, new_key)

    @property
    def closed(self) -> bool:
        return not self._lock.held

    def close(self) -> None:
        self.engine.dispose()
        self._data_key = b""
        self._lock.release()

    def __enter__(self) -> OpenJournal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


BeforeMigration = Callable[[OpenJournal, int], None]


def create(
    root: Path,
    passphrase: str,
    *,
    lock_dir: Path,
    params: crypto.KdfParams | None = None,
) -> tuple[OpenJournal, str]:
    """Create a journal folder; return it unlocked, with the recovery key to show once."""
    paths = JournalPaths(root)
    if paths.key.exists() or paths.db.exists():
        raise JournalExists(root)
    with mapped_os_errors(root):
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = InstanceLock(root, lock_dir)
    lock.acquire()
    try:
        data_key = crypto.random_key()
        recovery_secret, recovery_text = crypto.new_recovery_key()
        chosen = params or crypto.calibrate()
        database.create_database(paths.db, data_key)
        engine = database.open_engine(paths.db, data_key)
        journal = OpenJournal(paths, engine, data_key, lock)
        with engine.connect() as connection:
            migrations.migrate(connection)
        with mapped_os_errors(root):
            paths.blobs.mkdir(exist_ok=True, mode=0o700)
            paths.backups.mkdir(exist_ok=True, mode=0o700)
        # The key file is written last: a folder without it is an unfinished creation.
        keyfile.save(keyfile.new_key_file(data_key, passphrase, recovery_secret, chosen), paths.key)
        fsync_directory(root)
    except BaseException:
        lock.release()
        _remove_unfinished(paths)
        raise
    return journal, recovery_text


def _remove_unfinished(paths: JournalPaths) -> None:
    if paths.key.exists():
        return
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            paths.db.with_name(paths.db.name + suffix).unlink()
    for folder in (paths.blobs, paths.backups):
        with contextlib.suppress(OSError):
            folder.rmdir()


def unlock(
    root: Path,
    passphrase: str,
    *,
    lock_dir: Path,
    before_migration: BeforeMigration | None = None,
    steps: Sequence[migrations.Migration] = migrations.MIGRATIONS,
) -> OpenJournal:
    """Open a journal with its passphrase, upgrading its schema if needed."""
    return _open(
        root, lock_dir, lambda kf: kf.unwrap_with_passphrase(passphrase), before_migration, steps
    )


def unlock_with_recovery(
    root: Path,
    recovery_key: str,
    new_passphrase: str,
    *,
    lock_dir: Path,
    params: crypto.KdfParams | None = None,
    before_migration: BeforeMigration | None = None,
) -> OpenJournal:
    """Open a journal with its recovery key and set a new passphrase."""
    secret = crypto.parse_recovery_key(recovery_key)
    journal = _open(root, lock_dir, lambda kf: kf.unwrap_with_recovery(secret), before_migration)
    try:
        journal.change_passphrase(new_passphrase, params or crypto.calibrate())
    except BaseException:
        journal.close()
        raise
    return journal


def _open(
    root: Path,
    lock_dir: Path,
    unwrap: Callable[[keyfile.KeyFile], bytes],
    before_migration: BeforeMigration | None,
    steps: Sequence[migrations.Migration] = migrations.MIGRATIONS,
) -> OpenJournal:
    paths = JournalPaths(root)
    if not root.is_dir() or not (paths.key.exists() or paths.db.exists()):
        raise JournalNotFound(root)
    key_file = keyfile.load(paths.key)
    lock = InstanceLock(root, lock_dir)
    lock.acquire()
    try:
        with mapped_os_errors(root):
            settled = staging.settle(root)
        if settled:  # a re-key may have finished: read the key file again
            key_file = keyfile.load(paths.key)
        data_key = unwrap(key_file)
        engine = database.open_engine(paths.db, data_key)
        journal = OpenJournal(paths, engine, data_key, lock)
    except BaseException:
        lock.release()
        raise
    try:
        with database.translate_errors(paths.db), engine.connect() as connection:
            count = migrations.pending(connection, steps)
            if count and migrations.schema_version(connection) > 0 and before_migration:
                before_migration(journal, migrations.schema_version(connection))
            if count:
                migrations.migrate(connection, steps)
    except BaseException:
        journal.close()
        raise
    return journal


__all__ = [
    "JournalPaths",
    "OpenJournal",
    "create",
    "unlock",
    "unlock_with_recovery",
    "utc_now",
]
