"""Pairing in a shared folder: safety phrases, the owner's membership list, wrapped keys.

The device that starts a space is its owner. It signs the membership list (devices, their
public keys, roles, the epoch each joined and was removed in) and wraps the space key of
each epoch to every current device's X25519 key. A device that wants to join publishes its
identity; both people compare the safety phrase, which is derived from both devices'
public keys and the space id, so a third party who swaps in keys of its own changes the
phrase. Nothing here trusts a file it did not verify against a key the journal already has.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mentorjournal import crypto
from mentorjournal.domain import DecryptionFailed
from mentorjournal.domain.sync import SetAsideReason
from mentorjournal.sync import signed_document
from mentorjournal.sync.change_file import Rejected
from mentorjournal.sync.folder_layout import (
    FolderLayout,
    key_name,
    key_of,
    members_name,
    members_seq,
)
from mentorjournal.sync.folder_writer import publish
from mentorjournal.sync.identity import Device, PublicDevice, identity_document, read_identity

MEMBERS_KIND = "members"
KEY_KIND = "key"
OWNER = "owner"
MEMBER = "member"
PHRASE_WORDS = 6
_WORDS_FILE = Path(__file__).resolve().parents[1] / "resources" / "sync" / "safety-words.txt"


@functools.cache
def _words() -> tuple[str, ...]:
    words = tuple(_WORDS_FILE.read_text(encoding="utf-8").split())
    assert len(words) == 256
    return words


def safety_phrase(space_id: str, first: PublicDevice, second: PublicDevice) -> str:
    """Six words (48 bits) from both devices' keys: the same on both sides, whoever asks."""
    keys = sorted([first.signing + first.exchange, second.signing + second.exchange])
    digest = hashlib.sha256(b"mentorjournal safety phrase v1" + bytes.fromhex(space_id))
    for key in keys:
        digest.update(key)
    return " ".join(_words()[byte] for byte in digest.digest()[:PHRASE_WORDS])


@dataclass(frozen=True, slots=True)
class MemberEntry:
    device: PublicDevice
    role: str
    joined_epoch: int
    removed_epoch: int | None = None
    removed_after_seq: int | None = None  # its last file the owner accepted before removal


@dataclass(frozen=True, slots=True)
class Membership:
    """The owner's signed list of a space's devices; the newest ``seq`` wins."""

    space_id: str
    seq: int
    epoch: int
    relationship_id: str | None
    include_private: bool
    members: tuple[MemberEntry, ...]

    def entry(self, device_id: str) -> MemberEntry | None:
        return next((m for m in self.members if m.device.device_id == device_id), None)

    def current(self) -> tuple[MemberEntry, ...]:
        return tuple(m for m in self.members if m.removed_epoch is None)

    def with_member(self, device: PublicDevice) -> Membership:
        entry = MemberEntry(device, MEMBER, self.epoch)
        others = tuple(m for m in self.members if m.device.device_id != device.device_id)
        return replace(self, seq=self.seq + 1, members=(*others, entry))

    def without(self, device_id: str, last_seq: int) -> Membership:
        """The list after removing a device: a new epoch begins, and of its files only
        those up to ``last_seq`` (what the owner had accepted) count."""
        epoch = self.epoch + 1
        members = tuple(
            replace(m, removed_epoch=epoch, removed_after_seq=last_seq)
            if m.device.device_id == device_id
            else m
            for m in self.members
        )
        return replace(self, seq=self.seq + 1, epoch=epoch, members=members)


def _device_json(device: PublicDevice) -> dict[str, Any]:
    return {
        "device": device.device_id,
        "name": device.name,
        "signing": signed_document.b64(device.signing),
        "exchange": signed_document.b64(device.exchange),
    }


def membership_document(membership: Membership, owner: Device) -> bytes:
    content = {
        "kind": MEMBERS_KIND,
        "space": membership.space_id,
        "seq": membership.seq,
        "epoch": membership.epoch,
        "relationship": membership.relationship_id,
        "include_private": membership.include_private,
        "members": [
            {
                **_device_json(m.device),
                "role": m.role,
                "joined_epoch": m.joined_epoch,
                "removed_epoch": m.removed_epoch,
                "removed_after_seq": m.removed_after_seq,
            }
            for m in membership.members
        ],
    }
    return signed_document.build(content, owner.signing_key)


def _parse_membership(content: dict[str, Any], space_id: str) -> Membership:
    try:
        members = tuple(
            MemberEntry(
                PublicDevice(
                    str(m["device"]),
                    str(m["name"]),
                    signed_document.unb64(m["signing"]),
                    signed_document.unb64(m["exchange"]),
                ),
                str(m["role"]),
                int(m["joined_epoch"]),
                None if m["removed_epoch"] is None else int(m["removed_epoch"]),
                None if m["removed_after_seq"] is None else int(m["removed_after_seq"]),
            )
            for m in content["members"]
        )
        relationship = content["relationship"]
        return Membership(
            space_id,
            int(content["seq"]),
            int(content["epoch"]),
            None if relationship is None else str(relationship),
            bool(content["include_private"]),
            members,
        )
    except (KeyError, TypeError, ValueError):
        raise Rejected(SetAsideReason.TAMPERED) from None


def publish_membership(layout: FolderLayout, owner: Device, membership: Membership) -> None:
    target = layout.members(owner.device_id) / members_name(membership.seq)
    publish(layout, owner.device_id, target, membership_document(membership, owner))


def read_membership(
    layout: FolderLayout, owner: PublicDevice, space_id: str, at_least: int = 0
) -> Membership | None:
    """The newest membership list the owner signed for this space (seq >= ``at_least``)."""
    try:
        names = [p.name for p in layout.members(owner.device_id).iterdir()]
    except OSError:
        return None
    numbered = sorted(
        ((seq, name) for name in names if (seq := members_seq(name)) is not None),
        reverse=True,
    )
    for seq, name in numbered:
        if seq < at_least:
            break
        data = signed_document.read_bytes(layout.members(owner.device_id) / name)
        if data is None:
            continue
        try:
            content = signed_document.verified_content(data, owner.signing, MEMBERS_KIND, space_id)
            membership = _parse_membership(content, space_id)
        except Rejected:
            continue
        if membership.seq == seq:  # a list copied under another number is not taken
            return membership
    return None


def _key_context(space_id: str, epoch: int, device_id: str) -> bytes:
    return f"mentorjournal space key|{space_id}|{epoch}|{device_id}".encode()


def publish_key(
    layout: FolderLayout,
    owner: Device,
    space_id: str,
    epoch: int,
    space_key: bytes,
    recipient: PublicDevice,
) -> None:
    """Wrap the space key of ``epoch`` to ``recipient`` and publish it, signed by the owner."""
    wrapped = crypto.wrap_to(
        recipient.exchange, space_key, _key_context(space_id, epoch, recipient.device_id)
    )
    content = {
        "kind": KEY_KIND,
        "space": space_id,
        "epoch": epoch,
        "device": recipient.device_id,
        "wrapped": signed_document.b64(wrapped),
    }
    target = layout.keys(owner.device_id) / key_name(epoch, recipient.device_id)
    if not target.exists():
        publish(layout, owner.device_id, target, signed_document.build(content, owner.signing_key))


def read_keys(
    layout: FolderLayout, owner: PublicDevice, me: Device, space_id: str
) -> dict[int, bytes]:
    """Every space key the owner wrapped to this device, by epoch."""
    found: dict[int, bytes] = {}
    try:
        names = [p.name for p in layout.keys(owner.device_id).iterdir()]
    except OSError:
        return found
    for name in names:
        parsed = key_of(name)
        if parsed is None or parsed[1] != me.device_id:
            continue
        data = signed_document.read_bytes(layout.keys(owner.device_id) / name)
        if data is None:
            continue
        try:
            content = signed_document.verified_content(data, owner.signing, KEY_KIND, space_id)
            if content.get("epoch") != parsed[0] or content.get("device") != me.device_id:
                continue
            wrapped = signed_document.unb64(content.get("wrapped"))
            context = _key_context(space_id, parsed[0], me.device_id)
            found[parsed[0]] = crypto.unwrap_from(me.exchange_key, wrapped, context)
        except (Rejected, DecryptionFailed):
            continue
    return found


def publish_identity(layout: FolderLayout, device: Device, space_id: str) -> None:
    target = layout.identity(device.device_id)
    if not target.exists():
        publish(layout, device.device_id, target, identity_document(device, space_id))


@dataclass(frozen=True, slots=True)
class FoundSpace:
    space_id: str
    owner: PublicDevice
    membership: Membership


def find_space(layout: FolderLayout) -> list[FoundSpace]:
    """The spaces a folder's owners (devices with a signed membership list) offer."""
    found = []
    for device_id in layout.device_ids():
        if not layout.members(device_id).is_dir():
            continue
        data = signed_document.read_bytes(layout.identity(device_id))
        if data is None:
            continue
        try:
            space_id = signed_document.unsigned_content(data).get("space")
        except Rejected:
            continue
        if not isinstance(space_id, str):
            continue
        owner = read_identity(layout, device_id, space_id)
        membership = None if owner is None else read_membership(layout, owner, space_id)
        if owner is not None and membership is not None:
            entry = membership.entry(device_id)
            if entry is not None and entry.role == OWNER:
                found.append(FoundSpace(space_id, owner, membership))
    return found


def newest_format(layout: FolderLayout) -> int:
    """The newest format of the identities in a folder (a newer app may have set it up)."""
    found = [signed_document.FORMAT]
    for device_id in layout.device_ids():
        data = signed_document.read_bytes(layout.identity(device_id))
        version = None if data is None else signed_document.format_of(data)
        if version is not None:
            found.append(version)
    return max(found)


def requests(layout: FolderLayout, membership: Membership) -> list[PublicDevice]:
    """Devices that published an identity for this space and are not (or no longer) in it."""
    waiting = []
    for device_id in layout.device_ids():
        if membership.entry(device_id) is not None:
            continue
        device = read_identity(layout, device_id, membership.space_id)
        if device is not None:
            waiting.append(device)
    return waiting
