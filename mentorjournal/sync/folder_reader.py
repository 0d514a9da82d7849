"""Read what other devices wrote into a shared folder: new change files, in order, verified.

The format, in short (``docs/sync-format.md`` has it whole, with the reasons)::

    <folder>/devices/<device>/identity.mjid          signed public keys of the device
    <folder>/devices/<device>/changes/<seq>.mjc      change files, seq = 16 digits from 1
    <folder>/devices/<device>/blobs/<hmac>.mjb       attachments, sealed, keyed-hash names
    <folder>/devices/<owner>/members/<seq>.mjm       membership lists signed by the owner
    <folder>/devices/<owner>/keys/<epoch>-<dev>.mjk  space keys wrapped to each device

    change file = header | body | signature
      header: b"MJSC", format u16 (1), header size u16, space id 16, device id 16,
              key epoch u32, seq u64, SHA-256 of the device's previous file 32,
              hlc min u64, hlc max u64, written at ms u64, body size u32  (126 bytes)
      body:   AES-256-GCM under HKDF(space key of the epoch), the header as associated
              data, over len u32 | payload | zeros up to a power of two >= 4 KiB
      signature: Ed25519 of the device over header | body (64 bytes)

For each device the journal remembers the last sequence number it accepted and that file's
hash. A file is accepted only if it is the next one and names the previous one's hash, so
nothing can be replayed, reordered or slipped into a device's history. Every other file is
set aside with a :class:`SetAsideReason` and left where it is; a device whose files went
back to an older state (the folder restored, a rolled-back sync) gets a notice, never a
deletion. Files later than a missing or set-aside one wait for it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.domain.sync import Notice, NoticeKind, SetAside, SetAsideReason
from mentorjournal.sync import change_file
from mentorjournal.sync.change_file import ChangeHeader, Rejected
from mentorjournal.sync.folder_layout import FolderLayout, change_seq, classify_name
from mentorjournal.sync.identity import PublicDevice

DAY_MS = 24 * 3600 * 1000
CLOCK_TOLERANCE_MS = DAY_MS
MAX_CHANGE_FILE = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Member:
    """A device of the space as the membership list says, and when it was removed."""

    device: PublicDevice
    removed_epoch: int | None = None
    removed_after_seq: int | None = None


@dataclass(frozen=True, slots=True)
class Accepted:
    """The last file this journal accepted from a device (seq 0: none yet)."""

    seq: int = 0
    digest: bytes = change_file.NO_PREVIOUS


@dataclass(frozen=True, slots=True)
class IncomingChange:
    """A verified change file, ready to apply; accept it only after it applied."""

    device_id: str
    seq: int
    digest: bytes
    header: ChangeHeader
    payload: bytes


@dataclass(frozen=True, slots=True)
class Noted:
    """A set-aside file or a notice, with the fingerprint that makes it reported once."""

    fingerprint: str
    set_aside: SetAside | None = None
    notice: Notice | None = None


@dataclass
class ReadResult:
    changes: list[IncomingChange] = field(default_factory=list)
    noted: list[Noted] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SpaceView:
    """What the reader needs to know of a space."""

    layout: FolderLayout
    space_id: str
    own_device: str
    members: Mapping[str, Member]
    keys: Mapping[int, bytes]


def read_new(view: SpaceView, accepted: Mapping[str, Accepted], now_ms: int) -> ReadResult:
    """Every new, verified change file of the other devices, each device's in its order."""
    result = ReadResult()
    per_device: list[list[IncomingChange]] = []
    # A device whose whole folder is gone is looked at too: that is a rollback, not a deletion.
    gone = {device for device, state in accepted.items() if state.seq > 0}
    for device_id in sorted(set(view.layout.device_ids()) | gone):
        if device_id == view.own_device:
            continue
        found = _DeviceReader(view, device_id, accepted.get(device_id, Accepted()), now_ms)
        per_device.append(list(found.read(result)))
    result.changes = list(heapq.merge(*per_device, key=lambda change: change.header.hlc_min))
    return result


class _DeviceReader:
    def __init__(self, view: SpaceView, device_id: str, accepted: Accepted, now_ms: int) -> None:
        self.view = view
        self.device_id = device_id
        self.accepted = accepted
        self.now_ms = now_ms
        self.folder = view.layout.changes(device_id)

    def read(self, result: ReadResult) -> Iterator[IncomingChange]:
        try:
            names = sorted(path.name for path in self.folder.iterdir())
        except OSError:
            names = []
        numbered: dict[int, str] = {}
        for name in names:
            seq = change_seq(name)
            if seq is None:
                self._set_aside(result, self.folder / name, classify_name(name))
            else:
                numbered[seq] = name
        member = self.view.members.get(self.device_id)
        newest = max(numbered, default=0)
        if newest < self.accepted.seq:  # never a deletion: the folder went back in time
            result.noted.append(
                Noted(
                    f"rolled-back:{self.device_id}:{newest}:{self.accepted.seq}",
                    notice=Notice(NoticeKind.ROLLED_BACK, self.device_id, self.accepted.seq),
                )
            )
        new = sorted(seq for seq in numbered if seq > self.accepted.seq)
        if member is None:
            for seq in new:
                self._set_aside(result, self.folder / numbered[seq], SetAsideReason.UNKNOWN_DEVICE)
            return
        previous = self.accepted.digest if self.accepted.seq else change_file.NO_PREVIOUS
        expected = self.accepted.seq + 1
        for seq in new:
            if seq != expected:
                result.noted.append(
                    Noted(
                        f"waiting:{self.device_id}:{expected}",
                        notice=Notice(NoticeKind.WAITING, self.device_id, expected),
                    )
                )
                return
            path = self.folder / numbered[seq]
            data = _read(path)
            if data is None:
                return  # unreadable right now (being replaced?): tried again next time
            try:
                change = self._verify(data, seq, previous, member)
            except Rejected as rejected:
                self._set_aside(result, path, rejected.reason, data)
                return
            self._check_clock(result, change.header)
            yield change
            previous, expected = change.digest, expected + 1

    def _verify(self, data: bytes, seq: int, previous: bytes, member: Member) -> IncomingChange:
        header = change_file.read_header(data)
        if header.space_id.hex() != self.view.space_id:
            raise Rejected(SetAsideReason.OTHER_SPACE)
        if header.device_id.hex() != self.device_id:
            raise Rejected(SetAsideReason.MOVED)
        if header.seq != seq:
            raise Rejected(SetAsideReason.RENAMED)
        if not change_file.signature_valid(data, member.device.signing):
            raise Rejected(SetAsideReason.TAMPERED)
        if member.removed_epoch is not None and (
            header.epoch >= member.removed_epoch
            or (member.removed_after_seq is not None and seq > member.removed_after_seq)
        ):
            raise Rejected(SetAsideReason.REMOVED_DEVICE)
        if header.previous != previous:
            raise Rejected(SetAsideReason.FORKED)
        key = self.view.keys.get(header.epoch)
        if key is None:
            raise Rejected(SetAsideReason.NO_KEY)
        payload = change_file.open_payload(header, data, key)
        return IncomingChange(self.device_id, seq, crypto.sha256(data), header, payload)

    def _check_clock(self, result: ReadResult, header: ChangeHeader) -> None:
        ahead = header.written_at_ms - self.now_ms
        if ahead > CLOCK_TOLERANCE_MS:  # said, never refused: the partner's files still apply
            days = ahead // DAY_MS
            result.noted.append(
                Noted(
                    f"clock:{self.device_id}:{days}",
                    notice=Notice(NoticeKind.CLOCK_AHEAD, self.device_id, int(days)),
                )
            )

    def _set_aside(
        self, result: ReadResult, path: Path, reason: SetAsideReason, data: bytes | None = None
    ) -> None:
        relative = self.view.layout.relative(path)
        content = data if data is not None else _read(path)
        digest = crypto.sha256(content).hex() if content is not None else "unreadable"
        result.noted.append(
            Noted(f"file:{relative}:{digest}", set_aside=SetAside(relative, reason))
        )


def _read(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_CHANGE_FILE:
            return b""  # far beyond any bucket we write: read as truncated, not into memory
        return path.read_bytes()
    except OSError:
        return None
