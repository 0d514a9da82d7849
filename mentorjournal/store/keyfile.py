"""Read and write ``journal.key``, the file that holds the journal's data key, wrapped twice.

Format, version 1 (202 bytes, integers big-endian)::

    offset size  field
         0    4  magic  b"MJKF"
         4    2  format version (1)
         6   16  journal id (random; binds both slots to this journal)
        22    4  Argon2id memory cost in KiB   8 x lanes .. 1,048,576 (1 GiB)
        26    4  Argon2id iterations          1 .. 64
        30    4  Argon2id lanes               1 .. 16
                 and memory x iterations      at most 8,388,608 KiB (8 GiB of passes)
        34   16  Argon2id salt
        50   60  passphrase slot: AES-256-GCM(nonce 12 | wrapped data key 32 | tag 16)
                 key  = Argon2id(passphrase, salt, params)
                 AAD  = bytes 0..50 || b"passphrase"
       110   60  recovery slot: AES-256-GCM(nonce 12 | wrapped data key 32 | tag 16)
                 key  = HKDF-SHA256(recovery secret, salt = journal id, info below)
                 AAD  = bytes 0..22 || b"recovery"
       170   32  SHA-256 of bytes 0..170

Parameters outside those bounds (see :func:`crypto.kdf_params_acceptable`) make the file
damaged, refused before any derivation: a crafted file asking for 4,000,000 passes would
otherwise keep every unlock (and every restore of a backup holding it) busy for hours.

The trailing digest tells a damaged file (digest mismatch) from a wrong passphrase (digest
fine, tag fails). Later versions keep the magic, the version field and a trailing SHA-256 of
everything before it, so a file from a newer version is recognised as such, not as damage.

The recovery slot does not depend on the Argon2id salt or parameters, so a passphrase change
rewrites only the passphrase slot and the recovery key stays valid. The file is replaced
atomically: written beside, fsynced, renamed over.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.domain import (
    DecryptionFailed,
    JournalDamaged,
    NewerJournalFormat,
    WrongPassphrase,
    WrongRecoveryKey,
)
from mentorjournal.store.files import atomic_write, read_file

MAGIC = b"MJKF"
VERSION = 1
_HEADER = struct.Struct(">4sH16sIII16s")
_SLOT = crypto.sealed_size(crypto.KEY_BYTES)
_BODY = _HEADER.size + 2 * _SLOT
SIZE = _BODY + 32
_RECOVERY_INFO = b"mentorjournal recovery wrap v1"


@dataclass(frozen=True, slots=True)
class KeyFile:
    journal_id: bytes
    params: crypto.KdfParams
    salt: bytes
    passphrase_slot: bytes
    recovery_slot: bytes

    def header(self) -> bytes:
        p = self.params
        return _HEADER.pack(
            MAGIC, VERSION, self.journal_id, p.memory_kib, p.iterations, p.lanes, self.salt
        )

    def to_bytes(self) -> bytes:
        body = self.header() + self.passphrase_slot + self.recovery_slot
        return body + crypto.sha256(body)

    def unwrap_with_passphrase(self, passphrase: str) -> bytes:
        wrapping = crypto.derive_key(passphrase, self.salt, self.params)
        try:
            return crypto.open_sealed(wrapping, self.passphrase_slot, self._passphrase_aad())
        except DecryptionFailed:
            raise WrongPassphrase() from None

    def unwrap_with_recovery(self, recovery_secret: bytes) -> bytes:
        wrapping = _recovery_wrapping_key(recovery_secret, self.journal_id)
        try:
            return crypto.open_sealed(wrapping, self.recovery_slot, self._recovery_aad())
        except DecryptionFailed:
            raise WrongRecoveryKey() from None

    def with_passphrase(
        self, data_key: bytes, passphrase: str, params: crypto.KdfParams
    ) -> KeyFile:
        """A copy whose passphrase slot opens with ``passphrase``; the recovery slot is kept."""
        updated = replace(self, params=params, salt=crypto.random_salt())
        wrapping = crypto.derive_key(passphrase, updated.salt, params)
        slot = crypto.seal(wrapping, data_key, updated._passphrase_aad())
        return replace(updated, passphrase_slot=slot)

    def _passphrase_aad(self) -> bytes:
        return self.header() + b"passphrase"

    def _recovery_aad(self) -> bytes:
        return self.header()[:22] + b"recovery"


def _recovery_wrapping_key(recovery_secret: bytes, journal_id: bytes) -> bytes:
    return crypto.subkey(recovery_secret, _RECOVERY_INFO, salt=journal_id)


def new_key_file(
    data_key: bytes, passphrase: str, recovery_secret: bytes, params: crypto.KdfParams
) -> KeyFile:
    """Wrap a fresh data key for a new journal."""
    blank = KeyFile(
        journal_id=crypto.random_salt(),
        params=params,
        salt=crypto.random_salt(),
        passphrase_slot=b"",
        recovery_slot=b"",
    )
    recovery = crypto.seal(
        _recovery_wrapping_key(recovery_secret, blank.journal_id),
        data_key,
        blank._recovery_aad(),
    )
    return replace(blank, recovery_slot=recovery).with_passphrase(data_key, passphrase, params)


def parse(data: bytes, path: Path) -> KeyFile:
    """Parse ``journal.key`` bytes; raise :class:`JournalDamaged` for anything malformed."""
    # Every version starts with the magic and version and ends with the digest of the rest.
    if len(data) < 6 + 32 or data[:4] != MAGIC or crypto.sha256(data[:-32]) != data[-32:]:
        raise JournalDamaged(path, "key")
    version = struct.unpack(">H", data[4:6])[0]
    if version > VERSION:
        raise NewerJournalFormat(version, VERSION)
    if len(data) != SIZE:
        raise JournalDamaged(path, "key")
    _magic, version, journal_id, memory, iterations, lanes, salt = _HEADER.unpack(
        data[: _HEADER.size]
    )
    params = crypto.KdfParams(memory, iterations, lanes)
    if version != VERSION or not crypto.kdf_params_acceptable(params):
        raise JournalDamaged(path, "key")
    slots = data[_HEADER.size : _BODY]
    return KeyFile(
        journal_id=journal_id,
        params=params,
        salt=salt,
        passphrase_slot=slots[:_SLOT],
        recovery_slot=slots[_SLOT:],
    )


def load(path: Path) -> KeyFile:
    return parse(read_file(path, part="key"), path)


def save(key_file: KeyFile, path: Path) -> None:
    atomic_write(path, key_file.to_bytes())
