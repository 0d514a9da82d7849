"""The backup file: one container for files that are already ciphertext, and back.

This module never sees a key or a plaintext. It packs the SQLCipher snapshot, ``journal.key``
and the encrypted ``blobs/`` into one file and unpacks them again, detecting truncation and
alteration with SHA-256. The digests are unkeyed: authenticity comes from the contents' own
encryption (SQLCipher's page HMACs, AES-GCM in ``journal.key`` and in each blob). Someone
who rebuilds an archive can leave a blob out, which the integrity check after a restore
reports as a missing attachment.

The ``journal.key`` inside is read by :mod:`mentorjournal.store.keyfile`, with the same
bounds on its Argon2id parameters (memory 8 x lanes KiB to 1 GiB, 1 to 64 passes, 1 to 16
lanes, at most 8 GiB of memory passes): a crafted backup asking for more is refused as
damaged before any key derivation. Unpacked files are created owner-only (0600).

Format, version 1 (integers big-endian)::

    offset size  field
         0    8  magic  b"MJBACKUP"
         8    2  format version (1)
        10    2  flags (0; a reader refuses any it does not know)
        12    4  number of entries N
        16       N entries, one after another:
                    2  name length L (1..255)
                    L  name, UTF-8: a relative path, "/" between at most 4 components,
                       each [A-Za-z0-9], then [A-Za-z0-9._-], ending in [A-Za-z0-9]
                    8  data size S
                    S  data
                   32  SHA-256 of the data
         .    8  end marker b"MJBK-END"
         .   32  SHA-256 of every byte before it (header, entries and end marker)

A reader checks each entry's digest as it reaches it, then the end marker, the digest of
the whole and that nothing follows. Every later version keeps the magic, the version at
offset 8 and a trailing SHA-256 of every byte before it, so a backup from a newer version is
told apart from a damaged one (a flipped version byte is damage, not "newer").

Names that could leave the target folder (absolute, ``..``, backslashes, drive letters,
hidden or reserved names) are refused before a byte is written. The file is written
crash-safely: to a temporary name beside it, fsynced, renamed over.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mentorjournal.domain import BackupInvalid, NewerBackupFormat
from mentorjournal.domain.progress import CancelToken, Progress, no_progress
from mentorjournal.safe_files import atomic_writer, create_private, fsync_directory

MAGIC = b"MJBACKUP"
VERSION = 1
END_MARKER = b"MJBK-END"
SUFFIX = ".mjbackup"
_HEADER = struct.Struct(">8sHHI")
_NAME_LENGTH = struct.Struct(">H")
_SIZE = struct.Struct(">Q")
_DIGEST = hashlib.sha256().digest_size
_CHUNK = 1 << 20
_MAX_ENTRIES = 10_000_000
_MAX_DEPTH = 4
_COMPONENT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    name: str
    size: int


def is_safe_name(name: str) -> bool:
    """Whether ``name`` is a plain relative path that stays inside any target folder."""
    if not name or len(name.encode("utf-8")) > 255:
        return False
    parts = name.split("/")
    if len(parts) > _MAX_DEPTH:
        return False
    return all(
        _COMPONENT.fullmatch(part) and part.split(".")[0].lower() not in _RESERVED for part in parts
    )


# -- writing ----------------------------------------------------------------------------


def pack(
    entries: Sequence[tuple[str, Path]],
    out: Path,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> None:
    """Write the files ``entries`` names (archive name, source file) into a backup at ``out``.

    ``out`` appears only once complete: a crash, an error or a cancellation (checked between
    chunks) leaves any earlier file in place. ``progress`` gets bytes done and bytes in all.
    """
    _check_names([name for name, _ in entries])
    total = sum(source.stat().st_size for _, source in entries)
    with atomic_writer(out) as handle:
        writer = _HashingWriter(handle, total, progress, cancel)
        writer.write(_HEADER.pack(MAGIC, VERSION, 0, len(entries)))
        for name, source in entries:
            _write_entry(writer, name, source)
        writer.write(END_MARKER)
        handle.write(writer.digest())
    progress(total, total)


def _write_entry(writer: _HashingWriter, name: str, source: Path) -> None:
    encoded = name.encode("utf-8")
    with open(source, "rb") as data:
        size = os.fstat(data.fileno()).st_size
        writer.write(_NAME_LENGTH.pack(len(encoded)) + encoded + _SIZE.pack(size))
        entry_digest = hashlib.sha256()
        remaining = size
        while remaining:
            chunk = data.read(min(_CHUNK, remaining))
            if not chunk:
                raise OSError(f"{source} shrank while it was being backed up")
            entry_digest.update(chunk)
            writer.write(chunk)
            writer.advance(len(chunk))
            remaining -= len(chunk)
        if data.read(1):
            raise OSError(f"{source} grew while it was being backed up")
    writer.write(entry_digest.digest())


class _HashingWriter:
    def __init__(
        self, handle: IO[bytes], total: int, progress: Progress, cancel: CancelToken | None
    ) -> None:
        self._handle = handle
        self._digest = hashlib.sha256()
        self._done = 0
        self._total = total
        self._progress = progress
        self._cancel = cancel

    def advance(self, size: int) -> None:
        """Count ``size`` bytes of data written; report progress, stop if cancelled."""
        self._done += size
        self._progress(self._done, self._total)
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()

    def write(self, data: bytes) -> None:
        self._digest.update(data)
        self._handle.write(data)

    def digest(self) -> bytes:
        return self._digest.digest()


# -- reading ----------------------------------------------------------------------------


def inspect(archive: Path) -> list[ArchiveEntry]:
    """Check a whole backup without writing anything; return what it holds."""
    with open(archive, "rb") as handle:
        reader = _Reader(handle, archive)
        entries: list[ArchiveEntry] = []
        for entry, chunks in _entries(reader, None):
            for _chunk in chunks:
                pass
            entries.append(entry)
        return entries


def unpack(
    archive: Path,
    target: Path,
    accept: Callable[[str], bool] | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> list[ArchiveEntry]:
    """Write every file of a backup under the existing folder ``target``.

    Raises :class:`BackupInvalid` (and removes what it wrote) if the backup is truncated,
    altered, not a backup, or names a file that ``accept`` refuses; a cancellation (checked
    between chunks) removes it too. ``progress`` gets bytes read and the archive's size.
    """
    root = target.resolve()
    created: list[Path] = []
    try:
        with open(archive, "rb") as handle:
            reader = _Reader(handle, archive, progress, cancel)
            entries: list[ArchiveEntry] = []
            for entry, chunks in _entries(reader, accept):
                destination = root.joinpath(*entry.name.split("/"))
                if not destination.resolve().is_relative_to(root):
                    raise BackupInvalid(archive)
                _make_parents(destination.parent, root, created)
                with create_private(destination) as out:
                    created.append(destination)
                    for chunk in chunks:
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                entries.append(entry)
        for folder in {root, *(path.parent for path in created)}:
            fsync_directory(folder)
    except BaseException:
        _remove(created)
        raise
    return entries


def _make_parents(folder: Path, root: Path, created: list[Path]) -> None:
    missing: list[Path] = []
    while folder != root and not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700)
        created.append(path)


def _remove(created: list[Path]) -> None:
    for path in reversed(created):
        with contextlib.suppress(OSError):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()


class _Reader:
    """Reads exactly what the format says, hashing everything; short reads are damage."""

    def __init__(
        self,
        handle: IO[bytes],
        path: Path,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> None:
        self._handle = handle
        self.path = path
        self.remaining = os.fstat(handle.fileno()).st_size
        self._size = self.remaining
        self._digest = hashlib.sha256()
        self._progress = progress
        self._cancel = cancel

    def read(self, size: int, hashed: bool = True) -> bytes:
        if size > self.remaining:
            raise BackupInvalid(self.path)
        data = self._handle.read(size)
        if len(data) != size:
            raise BackupInvalid(self.path)
        self.remaining -= size
        if hashed:
            self._digest.update(data)
        return data

    def tick(self) -> None:
        """Report how far reading got; stop here if cancelled."""
        self._progress(self._size - self.remaining, self._size)
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()

    def digest(self) -> bytes:
        return self._digest.digest()

    def whole_file_digest_matches(self) -> bool:
        """Whether the last 32 bytes are the SHA-256 of all before them (true of every version)."""
        self._handle.seek(0)
        size = os.fstat(self._handle.fileno()).st_size - _DIGEST
        digest = hashlib.sha256()
        remaining = size
        while remaining > 0:
            chunk = self._handle.read(min(_CHUNK, remaining))
            if not chunk:
                return False
            digest.update(chunk)
            remaining -= len(chunk)
        return size > 0 and self._handle.read(_DIGEST) == digest.digest()


def _entries(
    reader: _Reader, accept: Callable[[str], bool] | None
) -> Iterator[tuple[ArchiveEntry, Iterator[bytes]]]:
    """Each entry with an iterator over its data; the caller must consume it in order."""
    path = reader.path
    magic, version, flags, count = _HEADER.unpack(reader.read(_HEADER.size))
    if magic != MAGIC:
        raise BackupInvalid(path)
    if version > VERSION:
        if reader.whole_file_digest_matches():
            raise NewerBackupFormat(version, VERSION)
        raise BackupInvalid(path)
    if version < 1 or flags != 0 or count > _MAX_ENTRIES:
        raise BackupInvalid(path)
    seen: set[str] = set()
    for _ in range(count):
        (length,) = _NAME_LENGTH.unpack(reader.read(_NAME_LENGTH.size))
        try:
            name = reader.read(length).decode("utf-8")
        except UnicodeDecodeError:
            raise BackupInvalid(path) from None
        if not is_safe_name(name) or name.lower() in seen or (accept and not accept(name)):
            raise BackupInvalid(path)
        seen.add(name.lower())
        (size,) = _SIZE.unpack(reader.read(_SIZE.size))
        if size + _DIGEST + len(END_MARKER) + _DIGEST > reader.remaining:
            raise BackupInvalid(path)
        yield ArchiveEntry(name, size), _entry_data(reader, size)
    if reader.read(len(END_MARKER)) != END_MARKER:
        raise BackupInvalid(path)
    expected = reader.digest()
    if reader.read(_DIGEST, hashed=False) != expected or reader.remaining:
        raise BackupInvalid(path)
    reader.tick()


def _entry_data(reader: _Reader, size: int) -> Iterator[bytes]:
    digest = hashlib.sha256()
    remaining = size
    while remaining:
        chunk = reader.read(min(_CHUNK, remaining))
        digest.update(chunk)
        remaining -= len(chunk)
        yield chunk
        reader.tick()
    if reader.read(_DIGEST) != digest.digest():
        raise BackupInvalid(reader.path)


def _check_names(names: Sequence[str]) -> None:
    lowered = [name.lower() for name in names]
    if len(set(lowered)) != len(lowered) or not all(is_safe_name(name) for name in names):
        raise ValueError("backup entry names must be unique, relative and plain")
