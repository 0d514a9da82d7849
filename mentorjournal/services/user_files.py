"""Files the user names: text and attachments to read, exports to write where they asked.

Both front ends use these, so that a missing input, an unreadable one, an export that would
replace a file or land on the journal's own files, a full disk and a read-only folder each
end in the same typed error (domain/errors.py) whatever asked.

Exports (a backup, a decrypted attachment; later PDFs) are the only files written outside the
journal. They are written crash-safe (beside the target, flushed, renamed: safe_files), only
readable by their owner (0600: they hold the journal's content), and never over the open
journal's own files, not even when the user forces a replacement.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from mentorjournal.domain.errors import (
    OverwritesJournal,
    UserFileExists,
    UserFileNotFound,
    UserFileNotText,
    UserFileUnreadable,
    UserFileUnwritable,
)
from mentorjournal.safe_files import atomic_writer
from mentorjournal.services.locations import file_in_the_way
from mentorjournal.store.files import mapped_os_errors

PRIVATE_FILE_MODE = 0o600
# New files and folders of this process: no permission for the group or anyone else.
PRIVATE_UMASK = 0o077


# -- reading -------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The content of a file the user named."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise UserFileNotFound(path) from None
    except OSError:  # a folder, no permission, an I/O error
        raise UserFileUnreadable(path) from None


def read_text(path: Path) -> str:
    """A UTF-8 text file the user named (a byte-order mark is dropped)."""
    try:
        return read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserFileNotText(path) from None


def text_name(path: Path) -> str:
    """The last part of ``path`` as text that can be stored: undecodable bytes become U+FFFD.

    A file named in another encoding (``f\\xff.pdf``) can still be attached.
    """
    return os.fsencode(path.name).decode("utf-8", "replace")


def require_file(path: Path) -> Path:
    """``path``, when it names an existing file."""
    try:
        if path.is_file():
            return path
    except OSError:
        raise UserFileUnreadable(path) from None
    raise UserFileNotFound(path)


# -- writing -------------------------------------------------------------------------------


def check_output(target: Path, journal_root: Path, *, force: bool = False) -> None:
    """Refuse an export to ``target`` (a file, or a folder to put it in) before any work.

    Inside the open journal's folder: always refused, whatever path leads there (a symlink, a
    bind mount, a hard link to one of its files). An existing file: refused unless ``force``.
    """
    if _inside_journal(target, journal_root):
        raise OverwritesJournal(target)
    if file_in_the_way(target.parent) is not None:  # `--out notes.txt/backup`
        raise UserFileUnwritable(target)
    try:
        if target.exists() and not target.is_dir() and not force:
            raise UserFileExists(target)
    except OSError:
        raise UserFileUnwritable(target) from None


def output_path(out: Path, name: str, fallback: str = "export") -> Path:
    """Where an export named ``name`` goes when the user gave ``out`` (a file or a folder).

    Only the last part of ``name`` counts: a stored name never chooses its own folder.
    """
    if not out.is_dir():
        return out
    safe_name = Path(name).name
    return out / (safe_name if safe_name not in ("", ".", "..") else fallback)


def write_private_file(
    target: Path, data: bytes, journal_root: Path, *, force: bool = False
) -> None:
    """Write ``data`` to ``target``, crash-safe and readable by the owner only.

    A file already at ``target`` is replaced only with ``force``; the journal's own files never.
    """
    check_output(target, journal_root, force=force)
    with mapped_output_errors(target), atomic_writer(target) as handle:
        if hasattr(os, "fchmod"):  # Windows has no modes to narrow
            os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
        handle.write(data)


@contextlib.contextmanager
def mapped_output_errors(target: Path) -> Iterator[None]:
    """OS failures while writing an export, as the typed errors the user should see."""
    try:
        with mapped_os_errors(target):  # a full disk, a read-only folder
            yield
    except OSError:
        raise UserFileUnwritable(target) from None


def keep_new_files_private() -> int:
    """Make every file and folder this process creates private; return the previous umask.

    Front ends call it at start-up, so that whatever the app writes (exports included) is
    never readable by other local users, even for a moment.
    """
    return os.umask(PRIVATE_UMASK)


def _inside_journal(target: Path, journal_root: Path) -> bool:
    """True when ``target`` is the journal, one of its files, or would be created inside it.

    Compared by (device, inode), so that no other path to the same place gets past it; a
    target that does not exist yet is judged by the nearest folder above it that does.
    """
    journal = _identities(journal_root)
    nearest = next((path for path in (target, *target.parents) if _exists(path)), None)
    return nearest is not None and _identity(nearest) in journal


def _identities(root: Path) -> set[tuple[int, int] | None]:
    """(device, inode) of the journal folder and of everything in it."""
    found: set[tuple[int, int] | None] = {_identity(root)}
    for folder, folders, files in os.walk(root):
        found.update(_identity(Path(folder) / name) for name in (*folders, *files))
    found.discard(None)
    return found


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False
