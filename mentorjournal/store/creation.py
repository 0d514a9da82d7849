"""New journals are built in a hidden sibling folder and renamed into place when whole.

A crash (``kill -9``, power loss) while a journal is created leaves either no journal or a
whole one, never a folder with a database and no key. A staging folder left by a crash,
``.<name>.creating-<random>`` beside the journal, is removed by the next creation unless a
running creation still holds its lock.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
import stat
import sys
from pathlib import Path

from mentorjournal.domain import (
    FolderNotEmpty,
    JournalDamaged,
    JournalExists,
    JournalReadOnly,
    MentorJournalError,
)
from mentorjournal.safe_files import fsync_directory
from mentorjournal.store.files import mapped_os_errors, os_error_to_domain
from mentorjournal.store.instance_lock import InstanceLock

# Tests that kill ``create`` set this to a stage: "after-database" or "before-rename".
CRASH_HOOK = "MENTORJOURNAL_TEST_PAUSE_CREATE"
_STAGING = ".creating-"


def prefix(root: Path) -> str:
    return f".{root.name}{_STAGING}"


def checkpoint(stage: str) -> None:
    """Test-only: at the stage CRASH_HOOK names, say so on stdout and wait to be killed."""
    if os.environ.get(CRASH_HOOK) == stage:
        sys.stdout.write(f"{stage}\n")
        sys.stdout.flush()
        sys.stdin.readline()


def check_new_root(root: Path) -> None:
    """Refuse a journal (or anything else) already at ``root``, with a typed error."""
    try:
        found = root.lstat()
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise JournalReadOnly(root) from None  # a file stands where a parent folder should
    except OSError as error:
        raise (os_error_to_domain(error, root) or JournalDamaged(root, "other")) from error
    if not stat.S_ISDIR(found.st_mode):
        raise FolderNotEmpty(root)
    try:
        names = set(os.listdir(root))
    except OSError as error:
        raise (os_error_to_domain(error, root) or JournalDamaged(root, "other")) from error
    if names & {"journal.key", "journal.db"}:
        raise JournalExists(root)
    if names:
        raise FolderNotEmpty(root)


def remove_stale(root: Path, lock_dir: Path) -> None:
    """Remove what a killed ``create`` of ``root`` left; never one still being built."""
    for leftover in root.parent.glob(f"{glob.escape(prefix(root))}*"):
        if not leftover.is_dir() or leftover.is_symlink():
            continue
        lock = InstanceLock(leftover, lock_dir)
        try:
            lock.acquire()
        except MentorJournalError:
            continue  # another process is creating this journal right now
        try:
            shutil.rmtree(leftover, ignore_errors=True)
        finally:
            lock.release()


def move_into_place(staging: Path, root: Path) -> None:
    """Rename the finished journal to ``root``: the one step that makes it exist.

    A ``root`` that is a mount point cannot be replaced (EBUSY, EXDEV): that is reported as
    a folder the journal cannot be written to; choose a folder inside the mounted one.
    """
    try:
        if os.name == "nt" and root.is_dir():
            root.rmdir()  # Windows cannot rename onto an (empty) folder
        os.rename(staging, root)  # POSIX replaces an empty folder in one step
    except OSError as error:
        if error.errno in (errno.EEXIST, errno.ENOTEMPTY):
            raise JournalExists(root) from None  # another process was faster
        raise (os_error_to_domain(error, root) or JournalReadOnly(root)) from error
    with mapped_os_errors(root):
        fsync_directory(root.parent)
