"""Write this device's files into a shared folder: whole or not at all, never in place.

Every file is written under a temporary name in ``devices/<device>/tmp/`` (a folder no
reader looks into), flushed to disk, then renamed to its final name, and the folder is
flushed. A reader, or the sync tool, sees either the whole file or none; once there, a file
is never written again (the sync tool then has no reason to make a conflicted copy).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.safe_files import (
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    create_private,
    fsync_directory,
)
from mentorjournal.store.files import mapped_os_errors
from mentorjournal.store.rekey import reached
from mentorjournal.sync import change_file
from mentorjournal.sync.change_file import ChangeHeader
from mentorjournal.sync.folder_layout import FolderLayout
from mentorjournal.sync.identity import Device

TMP = "tmp"


def publish(layout: FolderLayout, device_id: str, target: Path, data: bytes) -> None:
    """Put ``data`` at ``target`` (inside the device's folder) as one atomic rename.

    An existing ``target`` is an error (files are immutable), never replaced. Folder
    errors (full disk, read-only) become the store's typed errors.
    """
    staging = layout.device(device_id) / TMP
    with mapped_os_errors(target):
        _private_folders(staging)
        _private_folders(target.parent)
        temporary = staging / f"{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            with create_private(temporary, PRIVATE_FILE) as handle:
                handle.write(data)
                handle.flush()
                reached("sync-written")
                os.fsync(handle.fileno())
            reached("sync-flushed")
            if target.exists():
                raise FileExistsError(target)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        reached("sync-renamed")
        fsync_directory(target.parent)


def _private_folders(folder: Path) -> None:
    """Make ``folder`` and the missing folders above it, each owner-only (0700).

    In use the shared folder exists (``sync start`` and ``join`` check it), so only folders
    inside it are made.
    """
    missing = []
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)


def write_change(
    layout: FolderLayout,
    device: Device,
    header: ChangeHeader,
    payload: bytes,
    space_key: bytes,
    record_pending: Callable[[int, bytes, bytes], None],
) -> bytes:
    """Write one change file; return its SHA-256 (the next file's ``previous``).

    ``record_pending`` is told the sequence number, hash and bytes before the file is
    written, and must make them durable (the journal's database): a crash after the rename
    is then recognised as this journal's own file, not as a clone writing as this device,
    and a file the folder later loses (rolled back) can be put back as it was.
    """
    data = change_file.build(header, payload, space_key, device.signing_key)
    digest = crypto.sha256(data)
    record_pending(header.seq, digest, data)
    reached("sync-pending-recorded")
    publish(layout, device.device_id, layout.change(device.device_id, header.seq), data)
    return digest


def clear_staging(layout: FolderLayout, device_id: str) -> None:
    """Remove temporary files a crash left in this device's staging folder."""
    with contextlib.suppress(OSError):
        for leftover in (layout.device(device_id) / TMP).iterdir():
            with contextlib.suppress(OSError):
                leftover.unlink()
