"""One change file of a shared folder: build it, and take it apart again, checking each step.

Layout (all integers big-endian; ``docs/sync-format.md`` says why each part is there)::

    header (126 bytes), the AEAD's associated data and the first part signed:
      magic b"MJSC" | format u16 | header size u16 | space id 16 | device id 16 |
      key epoch u32 | sequence u64 | previous file's SHA-256 32 |
      hlc min u64 | hlc max u64 | written at (ms since 1970, UTC) u64 | body size u32
    body: nonce 12 | AES-256-GCM(padded payload) | tag 16
    signature: Ed25519 over header and body, 64

The padded payload is the payload's length (u32), the payload, zeros up to a bucket: a power
of two of at least 4 KiB, so the folder's provider learns only the bucket. The magic and the
format number stay at the start in every later format, so a newer file is recognised as such.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace

from mentorjournal import crypto
from mentorjournal.domain import DecryptionFailed
from mentorjournal.domain.sync import SetAsideReason

MAGIC = b"MJSC"
FORMAT = 1
NO_PREVIOUS = bytes(32)
MIN_BUCKET = 4096
_CHANGE_PURPOSE = b"mentorjournal sync change files v1"

_START = struct.Struct(">4sH")
HEADER = struct.Struct(">4sHH16s16sIQ32sQQQI")
_LENGTH = struct.Struct(">I")


class Rejected(Exception):
    """A file that is set aside, and why. Internal to the sync: it never leaves it."""

    def __init__(self, reason: SetAsideReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ChangeHeader:
    space_id: bytes
    device_id: bytes
    epoch: int
    seq: int
    previous: bytes
    hlc_min: int
    hlc_max: int
    written_at_ms: int
    body_size: int

    def pack(self) -> bytes:
        return HEADER.pack(
            MAGIC,
            FORMAT,
            HEADER.size,
            self.space_id,
            self.device_id,
            self.epoch,
            self.seq,
            self.previous,
            self.hlc_min,
            self.hlc_max,
            self.written_at_ms,
            self.body_size,
        )


def bucket_size(payload_size: int) -> int:
    """The padded size of a payload: the smallest power of two from 4 KiB that holds it."""
    needed = payload_size + _LENGTH.size
    size = MIN_BUCKET
    while size < needed:
        size *= 2
    return size


def pad(payload: bytes) -> bytes:
    padded = _LENGTH.pack(len(payload)) + payload
    return padded + bytes(bucket_size(len(payload)) - len(padded))


def unpad(padded: bytes) -> bytes:
    if len(padded) < _LENGTH.size:
        raise Rejected(SetAsideReason.UNREADABLE)
    (size,) = _LENGTH.unpack_from(padded)
    if size > len(padded) - _LENGTH.size or any(padded[_LENGTH.size + size :]):
        raise Rejected(SetAsideReason.UNREADABLE)
    return padded[_LENGTH.size : _LENGTH.size + size]


def change_key(space_key: bytes) -> bytes:
    return crypto.subkey(space_key, _CHANGE_PURPOSE)


def build(header: ChangeHeader, payload: bytes, space_key: bytes, signing_key: bytes) -> bytes:
    """The bytes of a change file; ``header.body_size`` is filled in here."""
    padded = pad(payload)
    packed = replace(header, body_size=crypto.sealed_size(len(padded))).pack()
    body = crypto.seal(change_key(space_key), padded, packed)
    return packed + body + crypto.sign(signing_key, packed + body)


def read_header(data: bytes) -> ChangeHeader:
    """The header of a change file, after checking its form (not yet its signature)."""
    if len(data) < _START.size:
        ours = data[: len(MAGIC)] == MAGIC[: len(data)]
        raise Rejected(SetAsideReason.TRUNCATED if ours else SetAsideReason.NOT_OURS)
    magic, version = _START.unpack_from(data)
    if magic != MAGIC:
        raise Rejected(SetAsideReason.NOT_OURS)
    if version > FORMAT:
        raise Rejected(SetAsideReason.NEWER_FORMAT)
    if version < FORMAT or len(data) < HEADER.size:
        raise Rejected(SetAsideReason.TRUNCATED if version == FORMAT else SetAsideReason.NOT_OURS)
    fields = HEADER.unpack_from(data)
    if fields[2] != HEADER.size:
        raise Rejected(SetAsideReason.TAMPERED)
    header = ChangeHeader(*fields[3:])
    if len(data) != HEADER.size + header.body_size + crypto.SIGNATURE_BYTES:
        raise Rejected(SetAsideReason.TRUNCATED)
    return header


def signature_valid(data: bytes, public_key: bytes) -> bool:
    split = len(data) - crypto.SIGNATURE_BYTES
    return crypto.signature_valid(public_key, data[:split], data[split:])


def open_payload(header: ChangeHeader, data: bytes, space_key: bytes) -> bytes:
    """The payload of a checked change file; :class:`Rejected` if it does not decrypt."""
    body = data[HEADER.size : HEADER.size + header.body_size]
    try:
        padded = crypto.open_sealed(change_key(space_key), body, data[: HEADER.size])
    except DecryptionFailed:
        raise Rejected(SetAsideReason.UNREADABLE) from None
    return unpad(padded)
