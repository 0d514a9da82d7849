"""This journal's device in a space, and the signed identity file it publishes there.

A device is a random id, an Ed25519 key that signs everything the device writes, an X25519
key that receives the space key, and a display name (the journal owner's name). The private
keys live only in the encrypted journal database (``store/sync_spaces.py``).

A journal restored from a backup, or copied to a second machine, would write as the same
device: :func:`check_own_files` notices files of "our" device that this journal did not
write (a sequence number past ours, or our last file with other bytes) and stops writing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.domain.sync import DeviceCloned
from mentorjournal.sync import signed_document
from mentorjournal.sync.change_file import Rejected
from mentorjournal.sync.folder_layout import FolderLayout, change_seq, is_device_id

IDENTITY_KIND = "identity"


@dataclass(frozen=True, slots=True)
class PublicDevice:
    """What everyone in a space knows of a device."""

    device_id: str
    name: str
    signing: bytes
    exchange: bytes


@dataclass(frozen=True, slots=True)
class Device:
    """This journal's own device in one space, with its private keys."""

    device_id: str
    name: str
    signing_key: bytes
    exchange_key: bytes

    @staticmethod
    def new(name: str) -> Device:
        return Device(
            secrets.token_hex(16), name, crypto.new_signing_key(), crypto.new_exchange_key()
        )

    @property
    def public(self) -> PublicDevice:
        return PublicDevice(
            self.device_id,
            self.name,
            crypto.signing_public_key(self.signing_key),
            crypto.exchange_public_key(self.exchange_key),
        )

    def __repr__(self) -> str:  # never the keys, not even in a traceback
        return f"Device({self.device_id!r})"


def identity_document(device: Device, space_id: str) -> bytes:
    public = device.public
    content = {
        "kind": IDENTITY_KIND,
        "space": space_id,
        "device": public.device_id,
        "name": public.name,
        "signing": signed_document.b64(public.signing),
        "exchange": signed_document.b64(public.exchange),
    }
    return signed_document.build(content, device.signing_key)


def read_identity(layout: FolderLayout, device_id: str, space_id: str) -> PublicDevice | None:
    """The identity a device published, self-signed and for this space; None if not whole."""
    data = signed_document.read_bytes(layout.identity(device_id))
    if data is None:
        return None
    try:
        content = signed_document.unsigned_content(data)
        signing = signed_document.unb64(content.get("signing"))
        checked = signed_document.verified_content(data, signing, IDENTITY_KIND, space_id)
        exchange = signed_document.unb64(checked.get("exchange"))
    except Rejected:
        return None
    name = checked.get("name")
    if checked.get("device") != device_id or not isinstance(name, str) or len(exchange) != 32:
        return None
    return PublicDevice(device_id, name, signing, exchange)


def check_own_files(
    layout: FolderLayout,
    device_id: str,
    last_seq: int,
    last_hash: bytes | None,
    pending: tuple[int, bytes] | None,
) -> bool:
    """Whether the pending file (written, not yet recorded) is in the folder.

    Raises :class:`DeviceCloned` when the folder holds a change file of this device that
    this journal did not write: a sequence number past the last one it wrote (other than
    the pending one with its expected bytes), or its last file with other bytes.
    """
    assert is_device_id(device_id)
    pending_found = False
    try:
        names = [p.name for p in layout.changes(device_id).iterdir()]
    except OSError:
        names = []
    for name in names:
        seq = change_seq(name)
        if seq is None or seq < last_seq:
            continue
        digest = _digest(layout.changes(device_id) / name)
        if seq == last_seq and last_hash is not None and digest not in (None, last_hash):
            raise DeviceCloned(device_id)
        if seq > last_seq:
            if pending is not None and seq == pending[0] and digest == pending[1]:
                pending_found = True
            else:
                raise DeviceCloned(device_id)
    return pending_found


def _digest(path: Path) -> bytes | None:
    try:
        return crypto.sha256(path.read_bytes())
    except OSError:
        return None
