"""Open, create and recover journals, and hand out the services of an unlocked one.

This is the one place where the collaborators are built and wired together; the UI and the
command line call it and pass the resulting services on.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from mentorjournal import crypto
from mentorjournal.domain import CancelToken, JournalLocked, Progress, WrongThread, no_progress
from mentorjournal.domain.problems import Problem
from mentorjournal.services import maintenance
from mentorjournal.services import sync as sync_services
from mentorjournal.services.closing import ClosingService
from mentorjournal.services.dashboard import DashboardService
from mentorjournal.services.exports import ExportService
from mentorjournal.services.importing import ImportService
from mentorjournal.services.journal import JournalService
from mentorjournal.services.search import SearchService
from mentorjournal.services.sync import LedgerFactory, SyncService
from mentorjournal.store import journal as journal_store
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.journal import OpenJournal, utc_now
from mentorjournal.store.records import RecordStore

Clock = Callable[[], datetime]
KdfParams = crypto.KdfParams
# Cheap key derivation for throwaway journals (tests, the demo); never for a user's journal.
THROWAWAY_KDF = crypto.TEST_PROFILE


def check_recovery_key(recovery_key: str) -> None:
    """Raise :class:`InvalidRecoveryKey` for a mistyped key, before anything else is asked."""
    crypto.parse_recovery_key(recovery_key)


@dataclass(frozen=True, slots=True)
class Settings:
    """Where things live outside the journal, and how new keys are made."""

    lock_dir: Path
    kdf: crypto.KdfParams | None = None  # None: calibrate on this machine
    clock: Clock = utc_now
    # The merge side of sync; None: ``services.sync.default_ledger``.
    ledger: LedgerFactory | None = None


class _Guarded:
    """Stands in for one service of a workspace: each call is checked by the workspace first.

    After the workspace is closed the service itself is dropped, so nothing it held (the
    journal, its engine) stays reachable from here.
    """

    __slots__ = ("_check", "_target")

    def __init__(self, target: object, check: Callable[[], None]) -> None:
        self._target: object | None = target
        self._check = check

    def __getattr__(self, name: str) -> Any:
        self._check()
        attribute = getattr(self._target, name)
        if not callable(attribute):
            return attribute
        check = self._check

        @functools.wraps(attribute)
        def checked(*args: Any, **kwargs: Any) -> Any:
            check()  # a method looked up before the workspace closed is checked again here
            return attribute(*args, **kwargs)

        return checked

    def _drop(self) -> None:
        self._target = None


P = ParamSpec("P")
R = TypeVar("R")


def _owned(
    method: Callable[Concatenate[Workspace, P], R],
) -> Callable[Concatenate[Workspace, P], R]:
    """Mark a public method of :class:`Workspace`: open, and called from the owner thread."""

    def checked(self: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> R:
        self._check()
        return method(self, *args, **kwargs)

    functools.update_wrapper(checked, method)
    return checked


class Workspace:
    """The services of one unlocked journal. Close it to lock the journal again.

    The thread that creates a workspace owns it (see :mod:`mentorjournal.services`): any
    other thread's call raises :class:`WrongThread`. After :meth:`close`, every call on the
    workspace and on the services it handed out raises :class:`JournalLocked`, and nothing
    reachable from it holds the data key or a connection.
    """

    def __init__(self, journal: OpenJournal, settings: Settings) -> None:
        self._owner = threading.get_ident()
        self._journal: OpenJournal | None = journal
        self._root = journal.paths.root
        self.settings = settings
        records = RecordStore(journal, settings.clock)
        blobs = BlobStore(journal)
        journal_service = JournalService(records, blobs, settings.clock)
        ledger = (settings.ledger or sync_services.default_ledger)(journal, settings.clock)
        self._services = (
            _Guarded(journal_service, self._check),
            _Guarded(SearchService(records), self._check),
            _Guarded(DashboardService(records, settings.clock), self._check),
            _Guarded(
                SyncService(journal, journal_service, ledger, blobs, settings.clock), self._check
            ),
            _Guarded(ExportService(journal, records, blobs, settings.clock), self._check),
            _Guarded(ImportService(journal, records, blobs), self._check),
            _Guarded(ClosingService(records, settings.clock), self._check),
        )
        # Typed as the services they stand for: every call goes through _Guarded.
        self.records = cast(JournalService, self._services[0])
        self.search = cast(SearchService, self._services[1])
        self.dashboard = cast(DashboardService, self._services[2])
        self.sync = cast(SyncService, self._services[3])
        self.exports = cast(ExportService, self._services[4])
        self.importing = cast(ImportService, self._services[5])
        self.closing = cast(ClosingService, self._services[6])

    def _check(self) -> None:
        if threading.get_ident() != self._owner:
            raise WrongThread()
        if self._journal is None:
            raise JournalLocked()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has run (with :attr:`path`, all a closed workspace answers)."""
        return self._journal is None

    @property
    def journal(self) -> OpenJournal:
        """The open journal underneath (for maintenance code and tests)."""
        self._check()
        assert self._journal is not None
        return self._journal

    @property
    def path(self) -> Path:
        """The journal's folder: still answered after close, so a front end can unlock it again."""
        return self._root

    @_owned
    def verify(
        self, *, progress: Progress = no_progress, cancel: CancelToken | None = None
    ) -> list[Problem]:
        """What is wrong with this journal, as typed problems; empty when it is sound."""
        return maintenance.verify(self.journal, progress=progress, cancel=cancel)

    @_owned
    def backup(
        self, out: Path, *, progress: Progress = no_progress, cancel: CancelToken | None = None
    ) -> Path:
        """Write an encrypted backup to ``out`` (a file or a folder); return the file."""
        return maintenance.backup(
            self.journal, out, self.settings.clock, progress=progress, cancel=cancel
        )

    @_owned
    def ensure_daily_backup(self) -> Path | None:
        """Today's automatic backup in ``backups/``, unless one exists; the newest 7 kept."""
        return maintenance.ensure_daily_backup(self.journal, self.settings.clock)

    @_owned
    def change_passphrase(self, new_passphrase: str, *, cancel: CancelToken | None = None) -> None:
        """Rewrap the data key; automatic backups open through ``journal.key``, so follow."""
        params = self.settings.kdf or crypto.calibrate()
        maintenance.change_passphrase(self.journal, new_passphrase, params, cancel=cancel)

    def close(self) -> None:
        """Lock the journal: drop the services, wipe the key, dispose the engine, unlock.

        Only the owner thread may close; closing again is harmless.
        """
        if threading.get_ident() != self._owner:
            raise WrongThread()
        journal, self._journal = self._journal, None
        for service in self._services:
            service._drop()
        if journal is not None:
            journal.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- re-key and the daily-backup rule ----------------------------------------------------

    @_owned
    def rekey(
        self,
        new_passphrase: str,
        *,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> str:
        """Re-encrypt database, attachments and backups under a fresh data key.

        Returns the new recovery key, to show once. Afterwards the workspace is closed
        (locked): unlock again with the new passphrase. Cancelled or failed before the
        switch, nothing changed and the workspace stays open.
        """
        params = self.settings.kdf or crypto.calibrate()
        recovery_key = maintenance.rekey(
            self.journal, new_passphrase, params, progress=progress, cancel=cancel
        )
        self.close()  # the old key is gone; every later call says the journal is locked
        return recovery_key

    @_owned
    def daily_backup_due(self) -> bool:
        """Whether :meth:`after_changes` would take a backup now."""
        return maintenance.daily_backup_due(self.journal, self.settings.clock)

    @_owned
    def after_changes(
        self, *, progress: Progress = no_progress, cancel: CancelToken | None = None
    ) -> Path | None:
        """The daily-backup rule: call once changes are committed (the command line when a
        changing command ends, the window when it locks or closes the journal). Takes
        today's automatic backup if there is none yet and keeps backups within their bounds.
        """
        return maintenance.ensure_daily_backup(
            self.journal, self.settings.clock, progress=progress, cancel=cancel
        )


def create(
    root: Path, passphrase: str, owner_name: str, settings: Settings
) -> tuple[Workspace, str]:
    """A new journal, unlocked, and its recovery key (to show the user once)."""
    journal, recovery_key = journal_store.create(
        root, passphrase, lock_dir=settings.lock_dir, params=settings.kdf
    )
    workspace = Workspace(journal, settings)
    try:
        workspace.records.initialise(owner_name)
    except BaseException:
        workspace.close()
        raise
    return workspace, recovery_key


def unlock(root: Path, passphrase: str, settings: Settings) -> Workspace:
    """Open a journal; an older one is backed up to ``backups/`` before it is upgraded."""
    journal = journal_store.unlock(
        root,
        passphrase,
        lock_dir=settings.lock_dir,
        before_migration=maintenance.before_migration_hook(settings.clock),
    )
    return Workspace(journal, settings)


def recover(root: Path, recovery_key: str, new_passphrase: str, settings: Settings) -> Workspace:
    """Unlock with the recovery key and set a new passphrase."""
    journal = journal_store.unlock_with_recovery(
        root,
        recovery_key,
        new_passphrase,
        lock_dir=settings.lock_dir,
        params=settings.kdf,
        before_migration=maintenance.before_migration_hook(settings.clock),
    )
    try:
        maintenance.strip_legacy_keys(journal)
    except BaseException:
        journal.close()
        raise
    return Workspace(journal, settings)


def restore(
    backup_file: Path,
    new_root: Path,
    passphrase: str,
    settings: Settings,
    *,
    key_file: Path | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Workspace:
    """Restore a backup into a new folder, unlocked with the passphrase valid at backup time.

    An automatic backup opens with its journal's current key file (or ``key_file``). The
    folder must not exist or be empty; on failure nothing restore made is left behind.
    """
    journal = maintenance.restore_journal(
        backup_file,
        new_root,
        passphrase,
        lock_dir=settings.lock_dir,
        before_migration=maintenance.before_migration_hook(settings.clock),
        key_file=key_file,
        progress=progress,
        cancel=cancel,
    )
    return Workspace(journal, settings)
