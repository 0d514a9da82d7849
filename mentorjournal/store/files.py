"""Crash-safe file writes and error mapping for the files of a journal folder."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from mentorjournal.domain import DiskFull, JournalDamaged, JournalReadOnly, MentorJournalError

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


def fsync_directory(directory: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with mapped_os_errors(path):
        try:
            with open(temporary, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        fsync_directory(path.parent)


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
