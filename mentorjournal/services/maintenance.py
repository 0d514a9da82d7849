"""Keep a journal safe: encrypted backups, restore, integrity checks, automatic backups.

A backup holds only ciphertext: a SQLCipher snapshot under the journal's own data key,
``journal.key`` as it was (so the passphrase valid at backup time opens it) and the encrypted
``blobs/``, packed by :mod:`mentorjournal.export.backup_archive`. Automatic backups rotate in
the journal's ``backups/`` folder: one a local day (the newest 7 kept) and one before every
schema upgrade (the newest 3 kept), named so the user can tell them apart. When the
passphrase changes, the automatic backups take the new ``journal.key``; backups the user
exported elsewhere keep the passphrase of their time.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mentorjournal.domain import (
    BackupInvalid,
    DiskFull,
    JournalDamaged,
    JournalExists,
    JournalNotFound,
    JournalReadOnly,
    Material,
    MentorJournalError,
    RecordKind,
)
from mentorjournal.export import backup_archive
from mentorjournal.safe_files import fsync_directory
from mentorjournal.store import database, keyfile
from mentorjournal.store import journal as journal_store
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.files import mapped_os_errors
from mentorjournal.store.journal import BeforeMigration, JournalPaths, OpenJournal, utc_now
from mentorjournal.store.records import RecordStore

Clock = Callable[[], datetime]

SUFFIX = backup_archive.SUFFIX
DAILY_KEEP = 7
BEFORE_UPGRADE_KEEP = 3
_DB = "journal.db"
_KEY = "journal.key"
_BLOBS = "blobs"
# daily-2026-11-23.mjbackup
_DAILY = re.compile(r"daily-(\d{4}-\d{2}-\d{2})" + re.escape(SUFFIX))
# before-upgrade-from-v1-20261123T120000Z.mjbackup (then -2, -3 within the same second)
_BEFORE_UPGRADE = re.compile(
    r"before-upgrade-from-v\d+-(\d{8}T\d{6}Z)(?:-(\d+))?" + re.escape(SUFFIX)
)


# -- backup and restore -----------------------------------------------------------------


def backup(journal: OpenJournal, out: Path, clock: Clock = utc_now) -> Path:
    """Write an encrypted backup of ``journal`` to ``out`` (a file, or a folder to put it in).

    Returns the file written. Only ciphertext is ever staged, beside the output, and the
    staging folder is removed whatever happens.
    """
    target = out / _default_name(clock) if out.is_dir() else out
    with mapped_os_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        with _reported_at(target, journal.paths.db), mapped_os_errors(target):
            journal.snapshot_database(staging / _DB)
            key_bytes = keyfile.load(journal.paths.key).to_bytes()
            (staging / _KEY).write_bytes(key_bytes)
            entries = [(_DB, staging / _DB), (_KEY, staging / _KEY)]
            # Blobs are immutable once written (atomic rename), so they are packed in place.
            entries += [(f"{_BLOBS}/{path.name}", path) for path in _blob_files(journal.paths)]
            backup_archive.pack(entries, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


@contextlib.contextmanager
def _reported_at(target: Path, database_path: Path) -> Iterator[None]:
    """Errors while staging name the files the user knows, never the staging folder.

    A full or read-only disk is the output's; a page that cannot be read is the journal's.
    """
    try:
        yield
    except (DiskFull, JournalReadOnly) as error:
        raise type(error)(target) from error
    except JournalDamaged as error:
        if error.part != "database" or error.path == database_path:
            raise
        raise JournalDamaged(database_path, "database") from error


def restore_journal(
    backup_file: Path,
    new_root: Path,
    passphrase: str,
    *,
    lock_dir: Path,
    before_migration: BeforeMigration | None = None,
) -> OpenJournal:
    """Unpack a backup into a new folder and unlock it with the passphrase of backup time.

    The folder must not exist or be empty. On any failure everything restore created is
    removed again and the typed error is raised.
    """
    if not backup_file.is_file():
        raise JournalNotFound(backup_file)
    with _new_folder(new_root):
        paths = JournalPaths(new_root)
        with mapped_os_errors(new_root):
            backup_archive.unpack(backup_file, new_root, accept=_is_journal_file)
            for folder in (paths.blobs, paths.backups):
                folder.mkdir(exist_ok=True, mode=0o700)
            fsync_directory(new_root)
        if not (paths.key.is_file() and paths.db.is_file()):
            raise BackupInvalid(backup_file)
        journal = journal_store.unlock(
            new_root, passphrase, lock_dir=lock_dir, before_migration=before_migration
        )
        try:
            damage = _damage(journal)
            if damage:
                raise JournalDamaged(damage[0].path, damage[0].part)
        except BaseException:
            journal.close()
            raise
    return journal


@contextlib.contextmanager
def _new_folder(root: Path) -> Iterator[None]:
    """Refuse a non-empty ``root``; if the body fails, leave it as it was found."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise JournalExists(root)
    created = [folder for folder in (root, *root.parents) if not folder.exists()]
    with mapped_os_errors(root):
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        yield
    except BaseException:
        if created:
            shutil.rmtree(root, ignore_errors=True)
            for folder in created[1:]:
                with contextlib.suppress(OSError):
                    folder.rmdir()
        else:
            for child in list(root.iterdir()):
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        raise


def _is_journal_file(name: str) -> bool:
    if name in (_DB, _KEY):
        return True
    folder, _, blob = name.partition("/")
    return folder == _BLOBS and _is_blob_name(blob)


def _is_blob_name(name: str) -> bool:
    try:
        return str(uuid.UUID(name)) == name
    except ValueError:
        return False


def _blob_files(paths: JournalPaths) -> list[Path]:
    if not paths.blobs.is_dir():
        return []
    return sorted(p for p in paths.blobs.iterdir() if p.is_file() and _is_blob_name(p.name))


def _default_name(clock: Clock) -> str:
    return f"mentorjournal-{clock().astimezone().strftime('%Y-%m-%d-%H%M%S')}{SUFFIX}"


# -- integrity --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Damage:
    path: Path
    part: str
    detail: str


def verify(journal: OpenJournal) -> list[str]:
    """Everything found wrong with an unlocked journal, one line each; empty when sound.

    Checks that ``journal.key`` parses, SQLCipher's page check and SQLite's structure check,
    that every attachment file decrypts and that every attachment a record names exists.
    """
    return [f"{damage.part}: {damage.detail}" for damage in _damage(journal)]


def _damage(journal: OpenJournal) -> list[_Damage]:
    paths = journal.paths
    found: list[_Damage] = []
    try:
        keyfile.load(paths.key)
    except MentorJournalError as error:
        found.append(_Damage(paths.key, "key", type(error).__name__))
    try:
        with database.translate_errors(paths.db):
            problems = database.integrity_problems(journal.engine)
    except MentorJournalError as error:
        problems = [type(error).__name__]
    found += [_Damage(paths.db, "database", problem) for problem in problems]
    blobs = BlobStore(journal)
    present: set[str] = set()
    for path in sorted(paths.blobs.iterdir()) if paths.blobs.is_dir() else []:
        if path.name.startswith("."):
            continue  # an interrupted write's temporary file, never referenced
        if not _is_blob_name(path.name):
            found.append(_Damage(path, "attachment", f"unexpected file {path.name}"))
            continue
        present.add(path.name)
        try:
            blobs.get(path.name)
        except JournalDamaged:
            found.append(_Damage(path, "attachment", f"{path.name} does not decrypt"))
    for blob_id in _referenced_blobs(journal) - present:
        found.append(_Damage(paths.blobs / blob_id, "attachment", f"{blob_id} is missing"))
    return found


def _referenced_blobs(journal: OpenJournal) -> set[str]:
    records = RecordStore(journal, utc_now)
    try:
        materials = records.list_records(RecordKind.MATERIAL) + records.list_records(
            RecordKind.MATERIAL, trash=True
        )
    except MentorJournalError:
        return set()  # the database check above already says what is wrong
    return {m.attachment_id for m in materials if isinstance(m, Material) and m.attachment_id}


# -- automatic backups ------------------------------------------------------------------


def ensure_daily_backup(journal: OpenJournal, clock: Clock) -> Path | None:
    """Take today's automatic backup unless there is one; keep the newest 7.

    Returns the new backup, or None if today's already existed. Today is the local day.
    """
    today = clock().astimezone().date()
    target = journal.paths.backups / f"daily-{today.isoformat()}{SUFFIX}"
    if target.exists():
        return None
    backup(journal, target, clock)
    _prune(journal.paths.backups, _DAILY, DAILY_KEEP)
    return target


def before_upgrade_backup(journal: OpenJournal, from_version: int, clock: Clock) -> Path:
    """The automatic backup taken before upgrading a journal's schema; keep the newest 3."""
    stamp = clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = f"before-upgrade-from-v{int(from_version)}-{stamp}"
    target = journal.paths.backups / f"{base}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = journal.paths.backups / f"{base}-{counter}{SUFFIX}"
    backup(journal, target, clock)
    _prune(journal.paths.backups, _BEFORE_UPGRADE, BEFORE_UPGRADE_KEEP)
    return target


def before_migration_hook(clock: Clock) -> BeforeMigration:
    """The hook :func:`mentorjournal.store.journal.unlock` calls before upgrading."""

    def hook(journal: OpenJournal, from_version: int) -> None:
        before_upgrade_backup(journal, from_version, clock)

    return hook


def rekey_automatic_backups(journal: OpenJournal) -> None:
    """Give every automatic backup the journal's current ``journal.key``.

    Called after the passphrase changes. The data key never changes, so an old copy of
    ``journal.key`` left in ``backups/`` would let the old (perhaps leaked) passphrase open
    the current journal. A backup that cannot be rewritten is deleted instead.
    """
    key_bytes = keyfile.load(journal.paths.key).to_bytes()
    for path in automatic_backups(journal.paths.backups):
        staging: Path | None = None
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
            entries = backup_archive.unpack(path, staging, accept=_is_journal_file)
            (staging / _KEY).unlink()
            (staging / _KEY).write_bytes(key_bytes)
            backup_archive.pack([(entry.name, staging / entry.name) for entry in entries], path)
        except (OSError, MentorJournalError):
            with contextlib.suppress(OSError):
                path.unlink()
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)


def automatic_backups(folder: Path) -> list[Path]:
    """The automatic backups in ``folder``, oldest first within each kind."""
    return _matching(folder, _DAILY) + _matching(folder, _BEFORE_UPGRADE)


def _matching(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    if not folder.is_dir():
        return []
    found: list[tuple[str, int, Path]] = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_file():
            counter = match.group(2) if pattern.groups > 1 else None
            found.append((match.group(1), int(counter or 1), path))
    return [path for *_, path in sorted(found)]


def _prune(folder: Path, pattern: re.Pattern[str], keep: int) -> None:
    """Delete the oldest automatic backups of one kind beyond ``keep``; never other files."""
    for path in _matching(folder, pattern)[:-keep]:
        with contextlib.suppress(OSError):  # a stale backup left behind is harmless
            path.unlink()
