"""Small signed documents of a shared folder: identities, membership lists, wrapped keys.

Layout: magic b"MJSD" | format u16 | JSON size u32 | UTF-8 JSON | Ed25519 signature (64)
over everything before it. The JSON's ``kind`` and ``space`` say what it is and for which
space, so a document copied from another file name or another folder does not pass.
"""

from __future__ import annotations

import base64
import json
import struct
from pathlib import Path
from typing import Any

from mentorjournal import crypto
from mentorjournal.domain.sync import SetAsideReason
from mentorjournal.sync.change_file import Rejected

MAGIC = b"MJSD"
FORMAT = 1
_START = struct.Struct(">4sHI")
MAX_SIZE = 1024 * 1024


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise Rejected(SetAsideReason.TAMPERED)
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise Rejected(SetAsideReason.TAMPERED) from None


def build(content: dict[str, Any], signing_key: bytes) -> bytes:
    body = json.dumps(content, sort_keys=True, separators=(",", ":")).encode("utf-8")
    signed = _START.pack(MAGIC, FORMAT, len(body)) + body
    return signed + crypto.sign(signing_key, signed)


def format_of(data: bytes) -> int | None:
    """The format number of a document, read before anything else; None if not one of ours."""
    if len(data) < _START.size or data[: len(MAGIC)] != MAGIC:
        return None
    return int(_START.unpack_from(data)[1])


def unsigned_content(data: bytes) -> dict[str, Any]:
    """The JSON of a document after checking its form only; check the signature next."""
    if len(data) < _START.size:
        raise Rejected(SetAsideReason.TRUNCATED)
    magic, version, size = _START.unpack_from(data)
    if magic != MAGIC:
        raise Rejected(SetAsideReason.NOT_OURS)
    if version > FORMAT:
        raise Rejected(SetAsideReason.NEWER_FORMAT)
    if len(data) != _START.size + size + crypto.SIGNATURE_BYTES:
        raise Rejected(SetAsideReason.TRUNCATED)
    try:
        content = json.loads(data[_START.size : _START.size + size].decode("utf-8"))
    except ValueError:
        raise Rejected(SetAsideReason.TAMPERED) from None
    if not isinstance(content, dict):
        raise Rejected(SetAsideReason.TAMPERED)
    return content


def verified_content(data: bytes, public_key: bytes, kind: str, space_id: str) -> dict[str, Any]:
    """The JSON of a document signed by ``public_key``, of ``kind``, for ``space_id``."""
    content = unsigned_content(data)
    split = len(data) - crypto.SIGNATURE_BYTES
    if not crypto.signature_valid(public_key, data[:split], data[split:]):
        raise Rejected(SetAsideReason.TAMPERED)
    if content.get("kind") != kind:
        raise Rejected(SetAsideReason.RENAMED)
    if content.get("space") != space_id:
        raise Rejected(SetAsideReason.OTHER_SPACE)
    return content


def read_bytes(path: Path) -> bytes | None:
    """A document's bytes, or None when it is missing, unreadable or implausibly large."""
    try:
        if path.stat().st_size > MAX_SIZE:
            return None
        return path.read_bytes()
    except OSError:
        return None
