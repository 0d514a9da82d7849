"""Start a space, join one, approve and remove devices: the pairing steps on one journal.

Each step writes the signed files of :mod:`pairing` into the folder and records the space in
the journal's sync tables (:mod:`mentorjournal.store.sync_spaces_state`). The owner's
signing key is pinned when a device joins: later membership lists and keys are taken only
when that key signed them.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.domain.sync import (
    AlreadySynced,
    DeviceNotFound,
    Enrolment,
    JoinRequest,
    NewerSyncFormat,
    NoSpaceInFolder,
    Notice,
    NoticeKind,
    NotSpaceOwner,
    SpaceRole,
    SpaceState,
    SyncFolderUnusable,
)
from mentorjournal.store.sync_spaces_state import StoredMember, StoredSpace, SyncSpaces
from mentorjournal.sync import pairing, signed_document
from mentorjournal.sync.folder_layout import FolderLayout
from mentorjournal.sync.identity import Device, PublicDevice
from mentorjournal.sync.pairing import MemberEntry, Membership


def device_of(space: StoredSpace) -> Device:
    return Device(space.device_id, space.device_name, space.signing_key, space.exchange_key)


def owner_of(space: StoredSpace, members: list[StoredMember]) -> PublicDevice:
    entry = next(m for m in members if m.device_id == space.owner_device)
    return PublicDevice(entry.device_id, entry.name, space.owner_signing, entry.exchange)


def device_phrase(space_id: str, device: PublicDevice) -> str:
    """The words of one device alone: what ``start`` shows and ``join`` shows again."""
    return pairing.safety_phrase(space_id, device, device)


def _usable(folder: Path) -> FolderLayout:
    if not folder.is_dir():
        raise SyncFolderUnusable(folder)
    return FolderLayout(folder.resolve())


def _stored(entry: MemberEntry) -> StoredMember:
    d = entry.device
    return StoredMember(
        d.device_id,
        d.name,
        d.signing,
        d.exchange,
        entry.role,
        entry.joined_epoch,
        entry.removed_epoch,
        entry.removed_after_seq,
    )


def holds_space(folder: Path) -> bool:
    """Whether ``folder`` already holds a space's devices (any, even a pair's)."""
    return bool(_usable(folder).device_ids())


def start(
    spaces: SyncSpaces,
    folder: Path,
    relationship_id: str | None,
    owner_name: str,
    now: datetime,
) -> Enrolment:
    """Make ``folder`` a new space owned by this journal; ``relationship_id`` None: own devices."""
    layout = _usable(folder)
    if pairing.find_space(layout) or layout.device_ids():
        raise AlreadySynced(str(folder))
    space_id = secrets.token_hex(16)
    device = Device.new(owner_name)
    key = crypto.random_key()
    entry = MemberEntry(device.public, pairing.OWNER, 1)
    membership = Membership(space_id, 1, 1, relationship_id, relationship_id is None, (entry,))
    stored = StoredSpace(
        space_id=space_id,
        folder=str(layout.root),
        relationship_id=relationship_id,
        include_private=relationship_id is None,
        role=SpaceRole.OWNER.value,
        state=SpaceState.ACTIVE.value,
        device_id=device.device_id,
        device_name=owner_name,
        signing_key=device.signing_key,
        exchange_key=device.exchange_key,
        owner_device=device.device_id,
        owner_signing=device.public.signing,
        members_seq=1,
        epoch=1,
        last_seq=0,
        created_at=now,
    )
    spaces.add(stored, {1: key}, [_stored(entry)])
    try:
        pairing.publish_identity(layout, device, space_id)
        pairing.publish_membership(layout, device, membership)
    except BaseException:
        spaces.remove(space_id)
        raise
    return Enrolment(space_id, device.device_id, device_phrase(space_id, device.public), "")


def join(
    spaces: SyncSpaces, folder: Path, owner_name: str, own_devices: bool, now: datetime
) -> Enrolment:
    """Ask to join the space in ``folder``: publish this device's identity, wait for approval."""
    layout = _usable(folder)
    found = pairing.find_space(layout)
    if not found and pairing.newest_format(layout) > signed_document.FORMAT:
        raise NewerSyncFormat(pairing.newest_format(layout), signed_document.FORMAT)
    if len(found) != 1 or found[0].membership.include_private != own_devices:
        raise NoSpaceInFolder(folder)
    space = found[0]
    _replace_stopped_member(spaces, space.space_id, folder)
    device = Device.new(owner_name)
    membership = space.membership
    stored = StoredSpace(
        space_id=space.space_id,
        folder=str(layout.root),
        relationship_id=membership.relationship_id,
        include_private=membership.include_private,
        role=SpaceRole.MEMBER.value,
        state=SpaceState.AWAITING.value,
        device_id=device.device_id,
        device_name=owner_name,
        signing_key=device.signing_key,
        exchange_key=device.exchange_key,
        owner_device=space.owner.device_id,
        owner_signing=space.owner.signing,
        members_seq=membership.seq,
        epoch=membership.epoch,
        last_seq=0,
        created_at=now,
    )
    spaces.add(stored, {}, [_stored(m) for m in membership.members])
    try:
        pairing.publish_identity(layout, device, space.space_id)
    except BaseException:
        spaces.remove(space.space_id)
        raise
    return Enrolment(
        space.space_id,
        device.device_id,
        pairing.safety_phrase(space.space_id, space.owner, device.public),
        device_phrase(space.space_id, space.owner),
    )


def _replace_stopped_member(spaces: SyncSpaces, space_id: str, folder: Path) -> None:
    """Re-enrolment: a member whose device was cloned or removed joins again as a new device
    (what it already received stays in the journal); any other space joined twice is refused."""
    known = [s for s in spaces.spaces() if s.space_id == space_id]
    if not known:
        return
    stopped = (SpaceState.CLONED.value, SpaceState.REMOVED.value)
    if known[0].role != SpaceRole.MEMBER.value or known[0].state not in stopped:
        raise AlreadySynced(str(folder))
    spaces.remove(space_id)


def _owned_membership(spaces: SyncSpaces, space: StoredSpace) -> tuple[FolderLayout, Membership]:
    if space.role != SpaceRole.OWNER.value:
        raise NotSpaceOwner(space.space_id)
    layout = _usable(Path(space.folder))
    me = device_of(space).public
    membership = pairing.read_membership(layout, me, space.space_id, space.members_seq)
    if membership is None:  # our own list is gone from the folder: rebuild it from ours
        members = spaces.members(space.space_id)
        membership = Membership(
            space.space_id,
            space.members_seq,
            space.epoch,
            space.relationship_id,
            space.include_private,
            tuple(
                MemberEntry(
                    PublicDevice(m.device_id, m.name, m.signing, m.exchange),
                    m.role,
                    m.joined_epoch,
                    m.removed_epoch,
                    m.removed_after_seq,
                )
                for m in members
            ),
        )
    return layout, membership


def requests(spaces: SyncSpaces, space: StoredSpace) -> list[JoinRequest]:
    """Devices waiting for the owner's approval, each with the pair's safety phrase."""
    layout, membership = _owned_membership(spaces, space)
    me = device_of(space).public
    return [
        JoinRequest(d.device_id, d.name, pairing.safety_phrase(space.space_id, me, d))
        for d in pairing.requests(layout, membership)
    ]


def _pick(candidates: list[PublicDevice], wanted: str) -> PublicDevice:
    wanted = wanted.strip().lower()
    matches = [d for d in candidates if d.device_id == wanted]
    if not matches and len(wanted) >= 4:
        matches = [d for d in candidates if d.device_id.startswith(wanted)]
    if len(matches) != 1:
        raise DeviceNotFound(wanted)
    return matches[0]


def approve(spaces: SyncSpaces, space: StoredSpace, device_id: str) -> PublicDevice:
    """Let a waiting device in: wrap every epoch's key to it, then sign the new list."""
    layout, membership = _owned_membership(spaces, space)
    device = _pick(pairing.requests(layout, membership), device_id)
    owner = device_of(space)
    for epoch, key in sorted(spaces.keys(space.space_id).items()):
        pairing.publish_key(layout, owner, space.space_id, epoch, key, device)
    updated = membership.with_member(device)
    pairing.publish_membership(layout, owner, updated)
    spaces.set_members(
        space.space_id, [_stored(m) for m in updated.members], updated.seq, updated.epoch
    )
    return device


def remove(spaces: SyncSpaces, space: StoredSpace, device_id: str) -> PublicDevice:
    """Remove a device: a new space key from the next epoch on, for the others only.

    What the device already read cannot be recalled; its files of later epochs are set aside.
    """
    layout, membership = _owned_membership(spaces, space)
    current = [m.device for m in membership.current() if m.device.device_id != space.device_id]
    device = _pick(current, device_id)
    stored = {m.device_id: m for m in spaces.members(space.space_id)}
    updated = membership.without(device.device_id, stored[device.device_id].last_seq)
    key = crypto.random_key()
    spaces.add_keys(space.space_id, {updated.epoch: key})
    owner = device_of(space)
    for entry in updated.current():
        if entry.device.device_id != owner.device_id:
            pairing.publish_key(layout, owner, space.space_id, updated.epoch, key, entry.device)
    pairing.publish_membership(layout, owner, updated)
    spaces.set_members(
        space.space_id, [_stored(m) for m in updated.members], updated.seq, updated.epoch
    )
    return device


def refresh(spaces: SyncSpaces, space: StoredSpace) -> tuple[StoredSpace, list[Notice]]:
    """A member takes the owner's newest list and keys; returns the space as it now stands."""
    if space.role == SpaceRole.OWNER.value:
        return space, []
    layout = FolderLayout(Path(space.folder))
    members = spaces.members(space.space_id)
    owner = owner_of(space, members)
    membership = pairing.read_membership(layout, owner, space.space_id, space.members_seq)
    if membership is not None and membership.seq > space.members_seq:
        spaces.set_members(
            space.space_id,
            [_stored(m) for m in membership.members],
            membership.seq,
            membership.epoch,
        )
    me = device_of(space)
    found = pairing.read_keys(layout, owner, me, space.space_id)
    known = spaces.keys(space.space_id)
    if set(found) - set(known):
        spaces.add_keys(space.space_id, {e: k for e, k in found.items() if e not in known})
        known = {**found, **known}
    refreshed = spaces.get(space.space_id)
    entry = membership.entry(me.device_id) if membership is not None else None
    notices: list[Notice] = []
    state = refreshed.state
    if entry is not None and entry.removed_epoch is not None:
        state = SpaceState.REMOVED.value
    elif state == SpaceState.AWAITING.value:
        if entry is not None and refreshed.epoch in known:
            state = SpaceState.ACTIVE.value
        else:
            notices.append(Notice(NoticeKind.AWAITING_APPROVAL))
    if state == SpaceState.REMOVED.value:
        notices.append(Notice(NoticeKind.REMOVED))
    if state != refreshed.state:
        spaces.update(space.space_id, state=state)
        refreshed = replace(refreshed, state=state)
    return refreshed, notices
