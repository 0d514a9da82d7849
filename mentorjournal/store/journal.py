"""A journal folder: create it, unlock it, lock it, change its passphrase, recover it.

The folder holds ``journal.db`` (SQLCipher), ``journal.key`` (see :mod:`keyfile`), ``blobs/``
and ``backups/``. Nothing in it is ever plaintext.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine

from mentorjournal import crypto
from mentorjournal.domain import (
    JournalDamaged,
    JournalLocked,
    JournalNotFound,
    JournalReadOnly,
    MentorJournalError,
)
from mentorjournal.safe_files import PRIVATE_FILE, PRIVATE_FOLDER, fsync_directory
from mentorjournal.store import creation, database, keyfile, leftovers, migrations, rekey
from mentorjournal.store.files import mapped_os_errors, os_error_to_domain
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

    Close it (or use it as a context manager) to lock it again: the engine is disposed and
    forgotten, the data key is overwritten, the lock is released. After that, every use
    raises :class:`JournalLocked`. Closing twice is harmless.
    """

    def __init__(
        self, paths: JournalPaths, engine: Engine, data_key: crypto.SecretKey, lock: InstanceLock
    ) -> None:
        self.paths = paths
        self._engine: Engine | None = engine
        self._read_engine: Engine | None = engine.execution_options(
            **{database.READ_ONLY_OPTION: True}
        )
        self._data_key = data_key
        self._lock = lock

    @property
    def engine(self) -> Engine:
        """The engine for writing transactions; :class:`JournalLocked` once closed."""
        if self._engine is None:
            raise JournalLocked()
        return self._engine

    @property
    def read_engine(self) -> Engine:
        """The same engine, for transactions that only read (no write lock taken)."""
        if self._read_engine is None:
            raise JournalLocked()
        return self._read_engine

    def subkey(self, purpose: bytes) -> bytes:
        """A key for one purpose (attachments, backups), derived from the data key."""
        return crypto.subkey(self._data_key.reveal(), purpose)

    def snapshot_database(self, target: Path) -> None:
        """Write a consistent encrypted copy of the database to ``target``.

        The copy is checked: SQLCipher hands SQLite's backup a page that fails its HMAC as
        zeros, which the copy then stores under a valid HMAC. Such a copy is refused.
        """
        engine = self.engine
        with database.translate_errors(target):
            _create_private(target)
            copy = database.connect(target, self._data_key.reveal())
            try:
                raw = engine.raw_connection()
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
        data_key = self._data_key.reveal()
        current = keyfile.load(self.paths.key)
        keyfile.save(current.with_passphrase(data_key, new_passphrase, params), self.paths.key)

    def reencrypt_database(self, path: Path, new_key: bytes) -> None:
        """Re-encrypt a copy of a database under this journal's data key to ``new_key``."""
        rekey.reencrypt_database(path, self._data_key.reveal(), new_key)

    @property
    def closed(self) -> bool:
        return self._engine is None

    def close(self) -> None:
        engine, self._engine, self._read_engine = self._engine, None, None
        try:
            if engine is not None:
                engine.dispose()  # closes every pooled connection
        finally:
            self._data_key.wipe()  # the engine's creator now refuses to connect
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
    """Create a journal folder; return it unlocked, with the recovery key to show once.

    ``root`` must not exist or be an empty folder. The journal is built in a hidden sibling
    folder and renamed into place at the end, so a crash leaves either no journal or a whole
    one; a staging folder left by a crash is removed by the next creation.
    """
    paths = JournalPaths(root)
    creation.check_new_root(root)
    try:
        root.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        creation.remove_stale(root, lock_dir)
        staging = Path(tempfile.mkdtemp(prefix=creation.prefix(root), dir=root.parent))
    except OSError as error:
        # A parent that is a file, or a folder the user may not write in: nothing was made.
        raise (os_error_to_domain(error, root) or JournalReadOnly(root)) from error
    # The lock is taken on the staging folder; it moves with the folder when renamed.
    lock = InstanceLock(staging, lock_dir)
    data_key = crypto.SecretKey(crypto.random_key())
    try:
        lock.acquire()
        recovery_secret, recovery_text = crypto.new_recovery_key()
        chosen = params or crypto.calibrate()
        staged = JournalPaths(staging)
        _create_private(staged.db)
        database.create_database(staged.db, data_key.reveal())
        engine = database.open_engine(staged.db, data_key)
        creation.checkpoint("after-database")
        try:
            with engine.connect() as connection:
                migrations.migrate(connection)
        finally:
            engine.dispose()  # SQLite keeps the path it opened: reopen after the rename
        with mapped_os_errors(staging):
            staged.blobs.mkdir(mode=PRIVATE_FOLDER)
            staged.backups.mkdir(mode=PRIVATE_FOLDER)
        keyfile.save(
            keyfile.new_key_file(data_key.reveal(), passphrase, recovery_secret, chosen),
            staged.key,
        )
        fsync_directory(staging)
        creation.checkpoint("before-rename")
        creation.move_into_place(staging, root)
        lock.journal_dir = root  # a folder lock moved with the folder
        if lock.follows_path:  # the fallback lock is named by the path: take the new one's
            final = InstanceLock(root, lock_dir, folder_lock=False)
            final.acquire()
            lock.release()
            lock = final
        journal = OpenJournal(paths, database.open_engine(paths.db, data_key), data_key, lock)
    except BaseException:
        data_key.wipe()
        lock.release()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return journal, recovery_text


def _create_private(path: Path) -> None:
    """Create an empty owner-only file for SQLite to fill; its -wal and -shm take its mode."""
    with mapped_os_errors(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))


def _os_error(error: OSError, path: Path) -> MentorJournalError:
    return os_error_to_domain(error, path) or JournalDamaged(path, "other")


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
    if not _has_journal(paths):
        raise JournalNotFound(root)
    key_file = keyfile.load(paths.key)
    lock = InstanceLock(root, lock_dir)
    lock.acquire()
    try:
        with mapped_os_errors(root):
            settled = leftovers.settle(root)
        if settled:  # a re-key may have finished: read the key file again
            key_file = keyfile.load(paths.key)
        _tighten(paths)
        data_key = crypto.SecretKey(unwrap(key_file))
        try:
            engine = database.open_engine(paths.db, data_key)
        except BaseException:
            data_key.wipe()
            raise
        journal = OpenJournal(paths, engine, data_key, lock)
    except BaseException:
        lock.release()
        raise
    for folder in (paths.blobs, paths.backups):  # made owner-only, before any backup needs one
        with contextlib.suppress(OSError):  # a read-only journal still opens for reading
            folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
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


def _has_journal(paths: JournalPaths) -> bool:
    """Whether ``paths.root`` is a folder holding a journal; typed errors if it cannot tell."""
    try:
        if not stat.S_ISDIR(paths.root.stat().st_mode):
            return False
        names = set(os.listdir(paths.root))
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise _os_error(error, paths.root) from error
    if paths.backups.name in names and not paths.backups.is_dir():
        raise JournalDamaged(paths.backups, "backups")
    if paths.blobs.name in names and not paths.blobs.is_dir():
        raise JournalDamaged(paths.blobs, "attachment")
    return paths.key.name in names or paths.db.name in names


def _tighten(paths: JournalPaths) -> None:
    """Make the folder owner-only (0700) and its files 0600, whatever an older version left.

    A folder on a read-only mount, or one that belongs to someone else, is left alone: the
    open that follows reports what matters.
    """
    targets = [(paths.root, PRIVATE_FOLDER), (paths.key, PRIVATE_FILE)]
    targets += [(paths.db.with_name(paths.db.name + s), PRIVATE_FILE) for s in ("", "-wal", "-shm")]
    for folder in (paths.blobs, paths.backups):
        targets.append((folder, PRIVATE_FOLDER))
        with contextlib.suppress(OSError):
            targets += [(child, PRIVATE_FILE) for child in folder.iterdir() if child.is_file()]
    for path, mode in targets:
        with contextlib.suppress(OSError):
            found = path.lstat()
            if not stat.S_ISLNK(found.st_mode) and stat.S_IMODE(found.st_mode) & ~mode:
                path.chmod(mode)


__all__ = [
    "JournalPaths",
    "OpenJournal",
    "create",
    "unlock",
    "unlock_with_recovery",
    "utc_now",
]
