"""Keep a journal safe: backups, restore, integrity checks, passphrase changes and re-keys.

The work lives in modules named for it: :mod:`~mentorjournal.services.backups` (backups,
automatic backups and their bounds), :mod:`~mentorjournal.services.restore` (staged
restore), :mod:`~mentorjournal.services.verify` (typed problems) and
:mod:`~mentorjournal.services.rekey` (passphrase change and re-key, with the crash-safe
protocol). This module gathers them for the workspace.
"""

from __future__ import annotations

from pathlib import Path

from mentorjournal.domain import CancelToken, Progress, no_progress
from mentorjournal.services.backups import (
    BEFORE_UPGRADE_KEEP,
    DAILY_KEEP,
    SIZE_CAP_FACTOR,
    SUFFIX,
    automatic_backups,
    backup,
    before_migration_hook,
    before_upgrade_backup,
    daily_backup_due,
    enforce_bounds,
    ensure_daily_backup,
    strip_legacy_keys,
)
from mentorjournal.services.rekey import change_passphrase, rekey
from mentorjournal.services.restore import restore_journal as _restore_journal
from mentorjournal.services.verify import first_damage, verify
from mentorjournal.store.journal import BeforeMigration, OpenJournal


def restore_journal(
    backup_file: Path,
    new_root: Path,
    passphrase: str,
    *,
    lock_dir: Path,
    before_migration: BeforeMigration | None = None,
    key_file: Path | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> OpenJournal:
    """Restore a backup into a new folder, checked by ``verify`` before it appears."""
    return _restore_journal(
        backup_file,
        new_root,
        passphrase,
        lock_dir=lock_dir,
        before_migration=before_migration,
        key_file=key_file,
        damage=first_damage,
        progress=progress,
        cancel=cancel,
    )


__all__ = [
    "BEFORE_UPGRADE_KEEP",
    "DAILY_KEEP",
    "SIZE_CAP_FACTOR",
    "SUFFIX",
    "automatic_backups",
    "backup",
    "before_migration_hook",
    "before_upgrade_backup",
    "change_passphrase",
    "daily_backup_due",
    "enforce_bounds",
    "ensure_daily_backup",
    "rekey",
    "restore_journal",
    "strip_legacy_keys",
    "verify",
]
