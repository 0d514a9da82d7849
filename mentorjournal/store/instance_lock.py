"""One running instance per journal, enforced by an OS file lock outside the journal folder.

The lock file lives in a per-user directory that no sync tool replicates, named by a hash of
the journal's resolved path. The OS releases the lock when the process dies, so a crash never
leaves a journal locked.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import IO

from mentorjournal.domain import JournalInUse

if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class InstanceLock:
    """An exclusive lock on one journal folder, held until :meth:`release`."""

    def __init__(self, journal_dir: Path, lock_dir: Path) -> None:
        self.journal_dir = journal_dir.resolve()
        digest = hashlib.sha256(os.fsencode(self.journal_dir)).hexdigest()[:32]
        self.path = lock_dir / f"{digest}.lock"
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        if not _try_lock(handle):
            handle.close()
            raise JournalInUse(self.journal_dir)
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None
