"""Encrypted backups of a journal, and the automatic ones with their bounds.

A backup holds only ciphertext: a SQLCipher snapshot under the journal's data key and the
encrypted ``blobs/``, packed by :mod:`mentorjournal.export.backup_archive`. A backup the
user exports (``backup --out``) also holds ``journal.key`` as it was, so the passphrase of
its time opens it anywhere.

Automatic backups, in the journal's own ``backups/``, hold no key file: they open only
through the journal's current ``journal.key`` (``restore`` finds it beside ``backups/``).
So a passphrase change is one atomic write of ``journal.key``, after which the old
passphrase opens no backup, and no backup's key copy opens the current records. A re-key
re-encrypts them under the new data key (:mod:`mentorjournal.services.rekey`).

When to take them (the same rule for every front end): after changes are committed, at
most one a local day (:func:`daily_backup_due`), and before every schema upgrade. Their
disk space is bounded (:func:`enforce_bounds`): the newest 7 daily and 3 before-upgrade
backups, and together at most :data:`SIZE_CAP_FACTOR` times the journal's current size
(oldest removed first, the newest always kept).

Restore lives in :mod:`mentorjournal.services.restore`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from mentorjournal.domain import (
    CancelToken,
    DiskFull,
    JournalDamaged,
    JournalReadOnly,
    MentorJournalError,
    Progress,
    no_progress,
)
from mentorjournal.domain.progress import check_cancelled
from mentorjournal.export import backup_archive
from mentorjournal.store import keyfile
from mentorjournal.store.files import mapped_os_errors
from mentorjournal.store.journal import BeforeMigration, JournalPaths, OpenJournal, utc_now
from mentorjournal.store.leftovers import STAGING_PREFIX
from mentorjournal.store.rekey import reached

Clock = Callable[[], datetime]

SUFFIX = backup_archive.SUFFIX
DAILY_KEEP = 7
BEFORE_UPGRADE_KEEP = 3
# All automatic backups together take at most this many times the journal's size.
SIZE_CAP_FACTOR = 5
DB = "journal.db"
KEY = "journal.key"
BLOBS = "blobs"
# daily-2026-11-23.mjbackup
_DAILY = re.compile(r"daily-(\d{4}-\d{2}-\d{2})" + re.escape(SUFFIX))
# before-upgrade-from-v1-20261123T120000Z.mjbackup (then -2, -3 within the same second)
_BEFORE_UPGRADE = re.compile(
    r"before-upgrade-from-v\d+-(\d{8}T\d{6}Z)(?:-(\d+))?" + re.escape(SUFFIX)
)


# -- backup -----------------------------------------------------------------------------


def backup(
    journal: OpenJournal,
    out: Path,
    clock: Clock = utc_now,
    *,
    with_key: bool = True,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Path:
    """Write an encrypted backup of ``journal`` to ``out`` (a file, or a folder to put it in).

    Returns the file written. Only ciphertext is ever staged, beside the output, and the
    staging folder is removed whatever happens; cancelled, nothing is left and ``out`` is
    as it was. ``with_key=False`` leaves ``journal.key`` out (automatic backups).
    """
    target = out / _default_name(clock) if out.is_dir() else out
    check_cancelled(cancel)
    with mapped_os_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target.name}.", dir=target.parent)
        )
    try:
        with _reported_at(target, journal.paths.db), mapped_os_errors(target):
            journal.snapshot_database(staging / DB)
            reached("backup:snapshot")
            check_cancelled(cancel)
            entries = [(DB, staging / DB)]
            if with_key:
                keyfile.load(journal.paths.key)  # refuse to pack a damaged key file
                # Packed from the journal itself (replaced only by rename, so read whole):
                # no key copy is ever staged, not even by a backup killed midway.
                entries.append((KEY, journal.paths.key))
            # Blobs are immutable once written (atomic rename), so they are packed in place.
            entries += [(f"{BLOBS}/{path.name}", path) for path in blob_files(journal.paths.blobs)]
            backup_archive.pack(entries, target, progress=progress, cancel=cancel)
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


def is_journal_file(name: str) -> bool:
    """Whether an archive entry is one of the files a journal is restored from."""
    if name in (DB, KEY):
        return True
    folder, _, blob = name.partition("/")
    return folder == BLOBS and is_blob_name(blob)


def is_blob_name(name: str) -> bool:
    try:
        return str(uuid.UUID(name)) == name
    except ValueError:
        return False


def blob_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and is_blob_name(p.name))


def _default_name(clock: Clock) -> str:
    return f"mentorjournal-{clock().astimezone().strftime('%Y-%m-%d-%H%M%S')}{SUFFIX}"


# -- automatic backups ------------------------------------------------------------------


def daily_target(journal: OpenJournal, clock: Clock) -> Path:
    today = clock().astimezone().date()
    return journal.paths.backups / f"daily-{today.isoformat()}{SUFFIX}"


def daily_backup_due(journal: OpenJournal, clock: Clock) -> bool:
    """Whether today's (local day) automatic backup is still to be taken."""
    return not daily_target(journal, clock).exists()


def ensure_daily_backup(
    journal: OpenJournal,
    clock: Clock,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Path | None:
    """Take today's automatic backup unless there is one; then keep within the bounds.

    Returns the new backup, or None if today's already existed. Today is the local day.
    """
    target = daily_target(journal, clock)
    if target.exists():
        return None
    backup(journal, target, clock, with_key=False, progress=progress, cancel=cancel)
    enforce_bounds(journal.paths)
    return target


def before_upgrade_backup(journal: OpenJournal, from_version: int, clock: Clock) -> Path:
    """The automatic backup taken before upgrading a journal's schema."""
    stamp = clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = f"before-upgrade-from-v{int(from_version)}-{stamp}"
    target = journal.paths.backups / f"{base}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = journal.paths.backups / f"{base}-{counter}{SUFFIX}"
    backup(journal, target, clock, with_key=False)
    enforce_bounds(journal.paths)
    return target


def before_migration_hook(clock: Clock) -> BeforeMigration:
    """The hook :func:`mentorjournal.store.journal.unlock` calls before upgrading."""

    def hook(journal: OpenJournal, from_version: int) -> None:
        before_upgrade_backup(journal, from_version, clock)

    return hook


def journal_size(paths: JournalPaths) -> int:
    """Bytes of the journal's database (with its WAL) and attachments."""
    files = [paths.db, paths.db.with_name(DB + "-wal"), *blob_files(paths.blobs)]
    return sum(path.stat().st_size for path in files if path.is_file())


def enforce_bounds(paths: JournalPaths) -> None:
    """Keep the newest 7 daily and 3 before-upgrade backups, together within the size cap."""
    folder = paths.backups
    _prune(folder, _DAILY, DAILY_KEEP)
    _prune(folder, _BEFORE_UPGRADE, BEFORE_UPGRADE_KEEP)
    cap = SIZE_CAP_FACTOR * journal_size(paths)
    sized = sorted(
        (
            (path.stat().st_mtime_ns, path.name, path.stat().st_size, path)
            for path in automatic_backups(folder)
        ),
    )
    total = sum(size for _, _, size, _ in sized)
    for _, _, size, path in sized[:-1]:  # the newest one always stays
        if total <= cap:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size


def strip_legacy_keys(journal: OpenJournal, cancel: CancelToken | None = None) -> None:
    """Take ``journal.key`` copies out of automatic backups made by earlier versions.

    Such a copy would let a passphrase valid at its time open the current records. Done
    before a passphrase change (so an interruption leaves nothing behind that the old
    passphrase opens) and after a recovery. A backup that cannot be rewritten is deleted.
    """
    for path in automatic_backups(journal.paths.backups):
        check_cancelled(cancel)
        try:
            names = [entry.name for entry in backup_archive.inspect(path)]
        except (OSError, MentorJournalError):
            names = [KEY]  # unreadable: rewriting fails below and it is deleted
        if KEY not in names:
            continue
        staging: Path | None = None
        try:
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=path.parent))
            entries = backup_archive.unpack(path, staging, accept=is_journal_file)
            kept = [(e.name, staging / e.name) for e in entries if e.name != KEY]
            times = path.stat()
            backup_archive.pack(kept, path)
            os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
        except (OSError, MentorJournalError):
            with contextlib.suppress(OSError):
                path.unlink()
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)


def keep_times(original: Path, rewritten: Path) -> None:
    """A rewritten backup keeps its original's times: the size cap removes oldest first."""
    times = original.stat()
    os.utime(rewritten, ns=(times.st_atime_ns, times.st_mtime_ns))


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
