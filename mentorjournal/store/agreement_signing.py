"""The agreement's signing statement, signed with a device key and checked on every read.

When a relationship is shared through a space, signing makes an Ed25519 signature by this
journal's device key of that space over a canonical statement (UTF-8 JSON, keys sorted, no
spaces)::

    {"format": "mentorjournal agreement signature 1", "agreement": "<uuid>",
     "version": 3, "content": "<sha-256 hex of the agreement's content>",
     "device": "<signer's device id>", "name": "<signer's name>",
     "signed_at": "2026-11-24T12:00:00.000000Z"}

The statement is rebuilt from the stored row at each read and checked against the signing
key of the device the row names: the first key the sync membership gave for it, kept in
``signing_device`` even after the device is removed or the space is left. Party ``me`` must
be signed by a device of this journal (or of its own-devices space), party ``partner`` by
another device: a signature copied to the other party does not verify. This lives in
``store/`` because the read models are built here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from mentorjournal import crypto
from mentorjournal.domain import Party
from mentorjournal.store.sync_spaces import SyncSpaceRow
from mentorjournal.store.tables import SignatureRow, SigningDeviceRow

FORMAT = "mentorjournal agreement signature 1"


def statement(
    agreement_id: str,
    version: int,
    content_hash: str,
    device_id: str,
    name: str,
    signed_at: datetime,
) -> bytes:
    """The canonical bytes a signature covers; any change of one part changes them."""
    moment = signed_at.replace(tzinfo=UTC) if signed_at.tzinfo is None else signed_at
    content = {
        "format": FORMAT,
        "agreement": agreement_id,
        "version": version,
        "content": content_hash,
        "device": device_id,
        "name": name,
        "signed_at": moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True, slots=True)
class Signer:
    """The device key that signs for this journal in a relationship's space."""

    device_id: str
    signing_key: bytes

    def __repr__(self) -> str:  # never the key
        return f"Signer({self.device_id!r})"


@dataclass(frozen=True, slots=True)
class DeviceKey:
    signing: bytes
    own: bool  # a device of this journal's owner (this journal, or its own-devices space)


def signer_for(session: Session, relationship_id: str) -> Signer | None:
    """This journal's device in the space that shares ``relationship_id``: the pair's space,
    else the own-devices space; None when the relationship is not shared."""
    spaces = session.exec(select(SyncSpaceRow).order_by(col(SyncSpaceRow.created_at))).all()
    pair = [s for s in spaces if s.relationship_id == relationship_id]
    own = [s for s in spaces if s.include_private]
    chosen = (pair + own)[:1]
    return Signer(chosen[0].device_id, chosen[0].signing_key) if chosen else None


def pair_shared(session: Session, relationship_id: str) -> bool:
    """Whether the relationship is shared with the partner through a space."""
    found = session.exec(
        select(SyncSpaceRow.space_id).where(SyncSpaceRow.relationship_id == relationship_id)
    ).first()
    return found is not None


def device_keys(session: Session, device_ids: Iterable[str]) -> dict[str, DeviceKey]:
    """The signing keys of the named devices: those this journal ever knew (kept in
    ``signing_device`` after a device is removed or a space is left), and its own."""
    wanted = sorted(set(device_ids))
    if not wanted:
        return {}
    rows = session.exec(select(SigningDeviceRow).where(col(SigningDeviceRow.device_id).in_(wanted)))
    found = {row.device_id: DeviceKey(row.signing, row.own) for row in rows}
    for space in session.exec(select(SyncSpaceRow)).all():  # this journal's own devices
        if space.device_id in wanted:
            found[space.device_id] = DeviceKey(crypto.signing_public_key(space.signing_key), True)
    return found


def remember(session: Session, signer: Signer) -> None:
    """Keep this journal's signing key, so its signature stays verifiable after leaving."""
    if session.get(SigningDeviceRow, signer.device_id) is None:
        public = crypto.signing_public_key(signer.signing_key)
        session.add(SigningDeviceRow(device_id=signer.device_id, signing=public, own=True))


def verified(row: SignatureRow, keys: dict[str, DeviceKey]) -> bool | None:
    """Whether the row's signature checks out; None when it carries none."""
    if row.signature is None:
        return None
    if row.signer_device is None or row.agreement_version is None:
        return False
    key = keys.get(row.signer_device)
    if key is None or key.own != (row.party == Party.ME.value):
        return False
    message = statement(
        row.agreement_id,
        row.agreement_version,
        row.text_hash,
        row.signer_device,
        row.name,
        row.signed_at,
    )
    return crypto.signature_valid(key.signing, message, row.signature)
