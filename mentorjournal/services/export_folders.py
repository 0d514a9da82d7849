"""Exports that are a folder of files (Markdown): written whole or not at all, owner-only.

The files are written into a hidden folder beside the target, each created 0600 (folders
0700) and flushed; the folder is then renamed into place. A crash or a failure leaves either
the old folder or the new one, never a half-written export. An existing folder with
something in it is replaced only when forced, and the journal's own folder never.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from mentorjournal.domain import CancelToken
from mentorjournal.domain.errors import UserFileExists, UserFileUnwritable
from mentorjournal.domain.progress import check_cancelled
from mentorjournal.safe_files import PRIVATE_FOLDER, create_private, fsync_directory
from mentorjournal.services.user_files import check_output, mapped_output_errors


def check_output_folder(target: Path, journal_root: Path, *, force: bool = False) -> None:
    """Refuse a folder export to ``target`` before any work: inside the journal (always), over
    a file (always), or over a folder with something in it (unless ``force``)."""
    check_output(target, journal_root, force=force)
    try:
        if target.exists() and not target.is_dir():
            raise UserFileExists(target) if not force else UserFileUnwritable(target)
        if target.is_dir() and not force and any(target.iterdir()):
            raise UserFileExists(target)
    except OSError:
        raise UserFileUnwritable(target) from None


def write_private_folder(
    target: Path,
    files: Mapping[str, bytes],
    journal_root: Path,
    *,
    force: bool = False,
    cancel: CancelToken | None = None,
) -> None:
    """Write ``files`` (relative POSIX paths and their bytes) as the folder ``target``."""
    check_output_folder(target, journal_root, force=force)
    token = secrets.token_hex(4)
    staging = target.with_name(f".{target.name}.{token}.tmp")
    replaced = target.with_name(f".{target.name}.{token}.old")
    with mapped_output_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        staging.mkdir(mode=PRIVATE_FOLDER)
        try:
            for name, data in files.items():
                check_cancelled(cancel)
                _write(staging, name, data)
            _flush_to_disk(staging)
            if target.is_dir():
                os.replace(target, replaced)  # an empty one, or one the user let us replace
            os.replace(staging, target)
            fsync_directory(target.parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            if replaced.exists() and not target.exists():
                with contextlib.suppress(OSError):
                    os.replace(replaced, target)  # the old export back where it was
            raise
    shutil.rmtree(replaced, ignore_errors=True)


def _write(root: Path, name: str, data: bytes) -> None:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise UserFileUnwritable(root / name)  # a renderer's bug; never outside the folder
    path = root.joinpath(*relative.parts)
    folder = root
    for part in relative.parts[:-1]:  # one by one: mkdir(parents=True) ignores the mode
        folder = folder / part
        folder.mkdir(exist_ok=True, mode=PRIVATE_FOLDER)
    with create_private(path) as handle:
        handle.write(data)
        if not hasattr(os, "sync"):  # Windows: each file on its own
            handle.flush()
            os.fsync(handle.fileno())


def _flush_to_disk(staging: Path) -> None:
    """Everything written so far on disk before the folder is renamed into place.

    One ``sync`` instead of an ``fsync`` per file: an export of 10,000 sessions spent most
    of its 49 s in fsyncs.
    """
    if hasattr(os, "sync"):
        os.sync()
    fsync_directory(staging)
