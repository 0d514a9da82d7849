"""Files an interrupted operation leaves inside a journal folder, and settling them.

Long operations write beside their targets and rename at the end: a re-key into
``.rekey/`` (see :mod:`mentorjournal.store.rekey`), an automatic backup into a
``.staging-*`` folder in ``backups/``, and every crash-safe write into a ``.NAME.XXXXXXXX.tmp``
file. Killed midway, they leave those behind. :func:`settle` runs at every unlock, under the
instance lock and before ``journal.key`` is read: it finishes a re-key that passed its
switch, and removes everything else. Until then :func:`leftovers` lists them, so ``verify``
can report them.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

from mentorjournal.store import rekey

STAGING_PREFIX = ".staging-"
# What safe_files.atomic_writer writes before its rename: .NAME.<8 hex digits>.tmp
_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")


def leftovers(root: Path) -> list[Path]:
    """The staging folders and temporary files of interrupted operations in a journal."""
    found: list[Path] = []
    for folder in (root, root / "backups", root / "blobs"):
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in sorted(folder.iterdir()):
            name = path.name
            if path.is_dir() and not path.is_symlink():
                ours = name.startswith(STAGING_PREFIX) or (
                    folder == root and name in (rekey.STAGING, rekey.READY)
                )
            else:
                ours = bool(_TEMPORARY.fullmatch(name))
            if ours:
                found.append(path)
    return found


def settle(root: Path) -> list[Path]:
    """Finish or discard what an interrupted operation left; return what it found.

    Call only while holding the journal's instance lock.
    """
    finished: list[Path] = []
    if (root / rekey.READY).is_dir():
        rekey.roll_forward(root)
        finished.append(root / rekey.READY)
    removed = leftovers(root)
    for path in removed:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
    return finished + removed
