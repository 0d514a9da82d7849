"""Attachments in a shared folder: sealed, padded, named by a keyed hash of their id.

Layout: b"MJSB" | format u16 | space id 16 | key epoch u32 | name 32 | body size u32 (62
bytes, the associated data) | nonce | AES-256-GCM(padded content) | tag. The file is
``devices/<writer>/blobs/<name hex>.mjb`` where name = HMAC-SHA256(a key derived from the
space key, blob id). A blob's id is random and names one content for good, so the name is
its address; the provider cannot tell which attachment it is, and a reader that opens it
checks that it is the one it asked for (the name is sealed into the associated data).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping

from mentorjournal import crypto
from mentorjournal.domain import DecryptionFailed
from mentorjournal.sync.change_file import Rejected, pad, unpad
from mentorjournal.sync.folder_layout import FolderLayout

MAGIC = b"MJSB"
FORMAT = 1
HEADER = struct.Struct(">4sH16sI32sI")
_BODY_PURPOSE = b"mentorjournal sync blobs v1"
_NAME_PURPOSE = b"mentorjournal sync blob names v1"


def blob_name(space_key: bytes, blob_id: str) -> str:
    return crypto.keyed_hash(crypto.subkey(space_key, _NAME_PURPOSE), blob_id.encode()).hex()


def build(space_id: str, epoch: int, space_key: bytes, blob_id: str, content: bytes) -> bytes:
    padded = pad(content)
    name = bytes.fromhex(blob_name(space_key, blob_id))
    header = HEADER.pack(
        MAGIC, FORMAT, bytes.fromhex(space_id), epoch, name, crypto.sealed_size(len(padded))
    )
    return header + crypto.seal(crypto.subkey(space_key, _BODY_PURPOSE), padded, header)


def open_blob(data: bytes, space_id: str, keys: Mapping[int, bytes], blob_id: str) -> bytes | None:
    """The content of a blob file, if it is whole, of this space, and the blob asked for."""
    if len(data) < HEADER.size:
        return None
    magic, version, space, epoch, name, size = HEADER.unpack_from(data)
    key = keys.get(epoch)
    if magic != MAGIC or version != FORMAT or space.hex() != space_id or key is None:
        return None
    if len(data) != HEADER.size + size or name.hex() != blob_name(key, blob_id):
        return None
    try:
        padded = crypto.open_sealed(
            crypto.subkey(key, _BODY_PURPOSE), data[HEADER.size :], data[: HEADER.size]
        )
    except DecryptionFailed:
        return None
    try:
        return unpad(padded)
    except Rejected:
        return None


def find_blob(
    layout: FolderLayout, space_id: str, keys: Mapping[int, bytes], blob_id: str
) -> bytes | None:
    """Look for a blob in every device's folder; None while it has not arrived (whole)."""
    names = {blob_name(key, blob_id) + ".mjb" for key in keys.values()}
    for device_id in layout.device_ids():
        for name in names:
            path = layout.blobs(device_id) / name
            try:
                data = path.read_bytes()
            except OSError:
                continue
            content = open_blob(data, space_id, keys, blob_id)
            if content is not None:
                return content
    return None
