"""Re-key a journal folder on disk: staging, the one switch, and finishing a half-done re-key.

A re-key gives the journal a fresh data key, so that an old passphrase together with an old
copy of ``journal.key`` opens nothing written afterwards. Everything is built beside the
journal, inside its folder ``R`` (one filesystem, so every move is a rename):

    R/.rekey/         being built: journal.db, blobs/, backups/, discard, journal.key
    R/.rekey-ready/   complete and fsynced: the re-key has happened, only moves are left

Protocol (the services' :mod:`mentorjournal.services.rekey` drives steps 1-3):

1. Under the instance lock, :func:`begin` removes any earlier ``R/.rekey`` and makes it anew.
2. Into it go: ``journal.db``, a consistent snapshot re-encrypted with ``PRAGMA rekey``
   under the new data key; every attachment, sealed again under the new key's attachment
   key; every automatic backup, re-encrypted the same way (automatic backups never carry a
   key file: the journal's own ``journal.key`` opens them); ``discard``, the names of
   automatic backups that could not be read (they would open with nothing after the
   switch); and last ``journal.key``: the new data key wrapped by the new passphrase and by
   a new recovery key. Every file and folder is fsynced.
3. **The switch**: :func:`switch` renames ``R/.rekey`` to ``R/.rekey-ready`` and fsyncs
   ``R``. Before this rename, the old passphrase opens the journal and the staging folder
   is thrown away at the next unlock. After it, the new passphrase opens the journal.
4. :func:`roll_forward` (at once, and again at every unlock while ``R/.rekey-ready``
   exists): delete the backups named in ``discard``; move each staged attachment and backup
   over its old file; delete ``journal.db-wal`` and ``-shm`` (the staged database already
   holds their content and nothing has opened the old database since the switch); move
   ``journal.db``; move ``journal.key``; remove ``R/.rekey-ready``. Each step is a rename or
   a deletion that can simply be done again after a crash.

Every unlock settles first (:func:`mentorjournal.store.leftovers.settle`, under the lock,
before ``journal.key`` is read), so nothing ever opens the half-moved state.

For tests, the environment variable ``MENTORJOURNAL_TEST_STOP_AT`` names a step at which
the process announces itself on standard error and stops (SIGSTOP), so a test can kill it
with SIGKILL exactly there.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

from mentorjournal.crypto import KEY_BYTES
from mentorjournal.safe_files import fsync_directory
from mentorjournal.store import database

STAGING = ".rekey"
READY = ".rekey-ready"
DISCARD = "discard"
STOP_VARIABLE = "MENTORJOURNAL_TEST_STOP_AT"
_DB = "journal.db"
_KEY = "journal.key"


def reached(step: str) -> None:
    """A named step of a long operation; tests stop the process here to kill it."""
    if os.environ.get(STOP_VARIABLE) == step and hasattr(signal, "SIGSTOP"):
        sys.stderr.write(f"stopped at {step}\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGSTOP)


def begin(root: Path) -> Path:
    """A fresh, empty staging folder for a re-key of the journal in ``root``."""
    staging = root / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    (staging / "blobs").mkdir(mode=0o700)
    (staging / "backups").mkdir(mode=0o700)
    return staging


def reencrypt_database(path: Path, old_key: bytes, new_key: bytes) -> None:
    """Re-encrypt the SQLCipher file ``path`` from ``old_key`` to ``new_key``, in place.

    Only ever called on a copy in a staging folder. ``PRAGMA rekey`` rewrites every page;
    it runs in rollback-journal mode and the file is put back into WAL mode afterwards.
    """
    with database.translate_errors(path):
        connection = database.connect(path, old_key)
        try:
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.execute(_rekey_pragma(new_key))
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
        check = database.connect(path, new_key)
        check.close()
    fsync_file(path)


def _rekey_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a data key is 32 bytes")
    digits = key.hex()  # hex made from bytes we generated: nothing here can change the statement
    return 'PRAGMA rekey = "x' + "'" + digits + "'" + '"'


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def switch(root: Path) -> None:
    """The one atomic step that decides a re-key: the staging folder becomes the ready one."""
    staging = root / STAGING
    for folder in (staging / "blobs", staging / "backups", staging):
        fsync_directory(folder)
    os.rename(staging, root / READY)
    fsync_directory(root)


def roll_forward(root: Path) -> None:
    """Finish a re-key whose switch has happened; safe to run again after any crash."""
    ready = root / READY
    discard = ready / DISCARD
    if discard.is_file():
        for name in discard.read_text(encoding="utf-8").split():
            if "/" not in name and "\\" not in name and not name.startswith("."):
                (root / "backups" / name).unlink(missing_ok=True)
    for folder in ("blobs", "backups"):
        source = ready / folder
        if not source.is_dir():
            continue
        (root / folder).mkdir(exist_ok=True, mode=0o700)
        for item in sorted(source.iterdir()):
            os.replace(item, root / folder / item.name)
            reached(f"rekey:moving-{folder}")
        fsync_directory(root / folder)
    if (ready / _DB).exists():
        for suffix in ("-wal", "-shm"):
            (root / f"{_DB}{suffix}").unlink(missing_ok=True)
        os.replace(ready / _DB, root / _DB)
        fsync_directory(root)
        reached("rekey:moved-database")
    if (ready / _KEY).exists():
        os.replace(ready / _KEY, root / _KEY)
        fsync_directory(root)
        reached("rekey:moved-key")
    shutil.rmtree(ready)
    fsync_directory(root)
