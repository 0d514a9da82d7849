"""Attachments in ``blobs/``: one file each, AES-256-GCM under a key derived from the data key.

A blob file is ``b"MJB1" || nonce || ciphertext || tag``; the blob's id is the associated
data, so a blob renamed to another id does not decrypt.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.domain import DecryptionFailed, JournalDamaged
from mentorjournal.store.files import atomic_write, mapped_os_errors, read_file
from mentorjournal.store.journal import OpenJournal

_MAGIC = b"MJB1"
_PURPOSE = b"mentorjournal blobs v1"


class BlobStore:
    """The attachments of one unlocked journal.

    The blob key is derived for each call and never kept, so a closed journal leaves no copy
    of it here, and every call on a closed journal raises :class:`JournalLocked`.
    """

    def __init__(self, journal: OpenJournal) -> None:
        self._journal = journal
        self._dir: Path = journal.paths.blobs

    def put(self, data: bytes, blob_id: str | None = None) -> str:
        """Store ``data`` encrypted; ``blob_id`` keeps an attachment's id (a JSON import)."""
        key = self._journal.subkey(_PURPOSE)
        blob_id = str(uuid.UUID(blob_id)) if blob_id is not None else str(uuid.uuid4())
        with mapped_os_errors(self._dir):
            self._dir.mkdir(exist_ok=True, mode=0o700)
        sealed = crypto.seal(key, data, blob_id.encode("ascii"))
        atomic_write(self._path(blob_id), _MAGIC + sealed)
        return blob_id

    def put_as(self, blob_id: str, data: bytes) -> None:
        """Store an attachment under the id another device gave it (sync brings it)."""
        key = self._journal.subkey(_PURPOSE)
        with mapped_os_errors(self._dir):
            self._dir.mkdir(exist_ok=True, mode=0o700)
        sealed = crypto.seal(key, data, blob_id.encode("ascii"))
        atomic_write(self._path(blob_id), _MAGIC + sealed)

    def has(self, blob_id: str) -> bool:
        return self._path(blob_id).is_file()

    def get(self, blob_id: str) -> bytes:
        key = self._journal.subkey(_PURPOSE)
        path = self._path(blob_id)
        data = read_file(path, part="attachment")
        if not data.startswith(_MAGIC):
            raise JournalDamaged(path, "attachment")
        try:
            return crypto.open_sealed(key, data[len(_MAGIC) :], blob_id.encode("ascii"))
        except DecryptionFailed:
            raise JournalDamaged(path, "attachment") from None

    def exists(self, blob_id: str) -> bool:
        return self._path(blob_id).is_file()

    def discard(self, blob_id: str) -> None:
        """Remove a blob that no record refers to (its record was refused)."""
        with contextlib.suppress(OSError):  # never hide the error that led here
            self._path(blob_id).unlink()

    def _path(self, blob_id: str) -> Path:
        return self._dir / str(uuid.UUID(blob_id))
