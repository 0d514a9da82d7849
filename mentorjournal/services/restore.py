"""Restore a backup into a new journal folder, staged so that it cannot half-happen.

The backup is unpacked, unlocked (with the passphrase of its time, or for an automatic
backup through its journal's current ``journal.key``), migrated and checked in a hidden
folder beside the target, which is renamed into place only at the end. Killed midway, a
restore leaves no journal behind, only a hidden ``.NAME.restoring-*`` folder of ciphertext
that the next restore to the same place removes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mentorjournal.domain import (
    BackupInvalid,
    CancelToken,
    FolderNotEmpty,
    JournalDamaged,
    JournalNotFound,
    Progress,
    no_progress,
)
from mentorjournal.domain.progress import check_cancelled
from mentorjournal.export import backup_archive
from mentorjournal.safe_files import fsync_directory
from mentorjournal.services.backups import KEY, is_journal_file
from mentorjournal.store import journal as journal_store
from mentorjournal.store import keyfile
from mentorjournal.store.files import atomic_write, mapped_os_errors
from mentorjournal.store.journal import BeforeMigration, JournalPaths, OpenJournal
from mentorjournal.store.rekey import reached

_RESTORING = ".restoring-"


def restore_journal(
    backup_file: Path,
    new_root: Path,
    passphrase: str,
    *,
    lock_dir: Path,
    before_migration: BeforeMigration | None = None,
    key_file: Path | None = None,
    damage: Callable[[OpenJournal], JournalDamaged | None],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> OpenJournal:
    """Unpack a backup into a new folder and unlock it with the passphrase of backup time.

    A backup without ``journal.key`` (an automatic one) is opened with ``key_file``, by
    default the ``journal.key`` of the journal whose ``backups/`` holds it. The folder must
    not exist or be empty. On any failure or cancellation nothing restore made is left, and
    ``new_root`` appears only once the journal in it is complete and checked (``damage``).
    """
    if not backup_file.is_file():
        raise JournalNotFound(backup_file)
    if new_root.exists() and (not new_root.is_dir() or any(new_root.iterdir())):
        raise FolderNotEmpty(new_root)  # its own words: there may be no journal there
    parent = new_root.parent
    created = [folder for folder in (parent, *parent.parents) if not folder.exists()]
    with mapped_os_errors(new_root):
        parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _remove_stale_restores(new_root)
        staging = Path(tempfile.mkdtemp(prefix=f".{new_root.name}{_RESTORING}", dir=parent))
    try:
        _unpack_journal(backup_file, staging, key_file, progress, cancel)
        reached("restore:unpacked")
        journal = journal_store.unlock(
            staging, passphrase, lock_dir=lock_dir, before_migration=before_migration
        )
        try:
            found = damage(journal)
        finally:
            journal.close()
        if found is not None:
            raise JournalDamaged(new_root / found.path.relative_to(staging), found.part)
        check_cancelled(cancel)
        reached("restore:checked")
        with mapped_os_errors(new_root):
            if new_root.exists():
                new_root.rmdir()  # empty, checked above; POSIX rename would replace it too
            os.rename(staging, new_root)
            fsync_directory(parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return journal_store.unlock(new_root, passphrase, lock_dir=lock_dir)


def _unpack_journal(
    backup_file: Path,
    staging: Path,
    key_file: Path | None,
    progress: Progress,
    cancel: CancelToken | None,
) -> None:
    paths = JournalPaths(staging)
    with mapped_os_errors(staging):
        backup_archive.unpack(
            backup_file, staging, accept=is_journal_file, progress=progress, cancel=cancel
        )
        if not paths.key.exists():
            source = key_file or _key_beside(backup_file)
            if source is None:
                raise BackupInvalid(backup_file)
            try:
                data = source.read_bytes()
            except OSError:
                raise BackupInvalid(backup_file) from None
            keyfile.parse(data, source)
            atomic_write(paths.key, data)
        for folder in (paths.blobs, paths.backups):
            folder.mkdir(exist_ok=True, mode=0o700)
        fsync_directory(staging)
    if not paths.db.is_file():
        raise BackupInvalid(backup_file)


def _key_beside(backup_file: Path) -> Path | None:
    """The key file of the journal an automatic backup lives in, if it is there."""
    folder = backup_file.resolve().parent
    if folder.name != "backups":
        return None
    key = folder.parent / KEY
    return key if key.is_file() else None


def _remove_stale_restores(new_root: Path) -> None:
    """A restore to the same place killed earlier left a hidden folder: it is only ciphertext."""
    prefix = f".{new_root.name}{_RESTORING}"
    for path in new_root.parent.iterdir():
        if path.name.startswith(prefix) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
