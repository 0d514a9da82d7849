"""One running instance per journal, enforced by an OS lock that the journal itself carries.

On POSIX the lock is an ``flock`` on the journal folder's own directory descriptor. It
belongs to the folder (its inode), not to a path: a symlink, a bind mount or another
``XDG_CACHE_HOME`` reaches the same lock. It creates no file, so nothing shows up in a synced
folder, and the OS releases it when the process dies, so a crash never leaves a journal
locked.

Where a directory cannot be locked (Windows cannot open a folder as a file; some network
file systems refuse ``flock``), the lock falls back to a file in a per-user folder outside
the journal, named by a hash of the journal's resolved path. That fallback follows the path,
not the folder: two paths to one journal are told apart only by the folder lock.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sys
from pathlib import Path

from mentorjournal.domain import JournalInUse, JournalNotFound, JournalReadOnly
from mentorjournal.store.files import os_error_to_domain

# errnos that mean "this file system does not lock directories", not "someone holds it"
_UNSUPPORTED = {errno.ENOLCK, errno.EINVAL, getattr(errno, "ENOTSUP", -1), errno.EOPNOTSUPP}

if sys.platform == "win32":
    import msvcrt

    FOLDER_LOCKS = False

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    FOLDER_LOCKS = True

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """An exclusive lock on one journal folder, held until :meth:`release`.

    ``folder_lock=False`` forces the fallback lock file in ``lock_dir`` (the only lock on
    Windows); it exists (with :data:`FOLDER_LOCKS`) so the fallback is tested everywhere.
    """

    def __init__(
        self, journal_dir: Path, lock_dir: Path, *, folder_lock: bool | None = None
    ) -> None:
        self.journal_dir = journal_dir
        self._lock_dir = lock_dir
        self._folder_lock = FOLDER_LOCKS if folder_lock is None else folder_lock
        self._fd: int | None = None
        self._by_path = False

    def acquire(self) -> None:
        """Take the lock, or raise :class:`JournalInUse` if another instance holds it."""
        if self._fd is not None:
            return
        if self._folder_lock and self._acquire_folder():
            return
        self._acquire_file()

    def _acquire_folder(self) -> bool:
        """Lock the folder itself; False when its file system cannot lock folders."""
        flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
        try:
            fd = os.open(self.journal_dir, flags)
        except (FileNotFoundError, NotADirectoryError):
            raise JournalNotFound(self.journal_dir) from None
        except OSError as error:
            raise _typed(error, self.journal_dir) from error
        try:
            if not _try_lock(fd):
                raise JournalInUse(self.journal_dir)
        except OSError as error:
            os.close(fd)
            if error.errno in _UNSUPPORTED:
                return False
            raise _typed(error, self.journal_dir) from error
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._by_path = False
        return True

    def _acquire_file(self) -> None:
        resolved = self.journal_dir.resolve()
        digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:32]
        path = self._lock_dir / f"{digest}.lock"
        try:
            self._lock_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as error:
            # A lock folder under a file, or one the user cannot write: say where.
            raise _typed(error, path) from error
        if not _try_lock(fd):
            os.close(fd)
            raise JournalInUse(self.journal_dir)
        self._fd = fd
        self._by_path = True

    def release(self) -> None:
        """Give the lock up; harmless when not held."""
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                _unlock(fd)
            finally:
                os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    @property
    def follows_path(self) -> bool:
        """Whether the lock held is the fallback file, named by the path rather than the folder."""
        return self._fd is not None and self._by_path


def _typed(error: OSError, path: Path) -> Exception:
    """The typed error for an OS failure while locking; read-only if nothing fits better."""
    return os_error_to_domain(error, path) or JournalReadOnly(path)
