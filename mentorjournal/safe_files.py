"""Crash-safe file replacement, shared by the store and the exports.

A file is written under a temporary name beside its target, flushed to disk, then renamed
over the target, and the folder is flushed too: after a crash either the old or the new file
is there, never a torn one. Plain Python, no knowledge of journals.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def fsync_directory(directory: Path) -> None:
    """Make a rename inside ``directory`` durable."""
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def create_private(path: Path, mode: int = PRIVATE_FILE) -> BinaryIO:
    """Create ``path`` (it must not exist) for writing, readable by its owner only.

    The mode is given at creation, so the file is never readable by others, not even for
    the moment before a chmod; the umask can only take permissions away from it.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    return os.fdopen(fd, "wb")


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int = PRIVATE_FILE) -> Iterator[BinaryIO]:
    """A file to write ``path``'s new content to; it replaces ``path`` when the block ends.

    The new file has ``mode`` (owner-only by default). If the block raises, the temporary
    file is removed and ``path`` is left as it was.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with create_private(temporary, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    fsync_directory(path.parent)
