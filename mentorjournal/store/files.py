"""Crash-safe file writes and error mapping for the files of a journal folder."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

from mentorjournal.domain import DiskFull, JournalDamaged, JournalReadOnly, MentorJournalError
from mentorjournal.safe_files import atomic_writer

_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def os_error_to_domain(error: OSError, path: Path) -> MentorJournalError | None:
    """The typed error a user should see for an OS failure, if there is one."""
    if error.errno == errno.ENOSPC or error.errno == getattr(errno, "EDQUOT", -1):
        return DiskFull(path)
    if error.errno in _READ_ONLY:
        return JournalReadOnly(path)
    return None


@contextlib.contextmanager
def mapped_os_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        mapped = os_error_to_domain(error, path)
        if mapped is None:
            raise
        raise mapped from error


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file."""
    with mapped_os_errors(path), atomic_writer(path) as handle:
        handle.write(data)


def read_file(path: Path, part: str) -> bytes:
    """Read a journal file whole; a missing or unreadable one counts as damage to ``part``."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise JournalDamaged(path, part) from None
    except OSError as error:
        mapped = os_error_to_domain(error, path)
        if mapped is not None:
            raise mapped from error
        raise JournalDamaged(path, part) from error
