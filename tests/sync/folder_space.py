"""A shared folder built with the real writer, for the file-level tests of the format.

Devices are real (Ed25519 and X25519 keys), files are real, written by
:func:`mentorjournal.sync.folder_writer.write_change`; tests then damage them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.sync import change_file
from mentorjournal.sync.change_file import ChangeHeader
from mentorjournal.sync.folder_layout import FolderLayout
from mentorjournal.sync.folder_reader import Accepted, Member, ReadResult, SpaceView, read_new
from mentorjournal.sync.folder_writer import write_change
from mentorjournal.sync.identity import Device

NOW_MS = 1_795_000_000_000  # 2026-11-18


@dataclass
class Writer:
    """One device writing its chain of change files."""

    device: Device
    seq: int = 0
    previous: bytes = change_file.NO_PREVIOUS

    def header(self, space_id: str, epoch: int = 1, written_at_ms: int = NOW_MS) -> ChangeHeader:
        return ChangeHeader(
            bytes.fromhex(space_id),
            bytes.fromhex(self.device.device_id),
            epoch,
            self.seq + 1,
            self.previous,
            self.seq * 10 + 1,
            self.seq * 10 + 5,
            written_at_ms,
            0,
        )


@dataclass
class Space:
    """A space with a reading device ``me`` and writing members; one key per epoch."""

    root: Path
    space_id: str = field(default_factory=lambda: secrets.token_hex(16))
    keys: dict[int, bytes] = field(default_factory=lambda: {1: crypto.random_key()})
    me: Device = field(default_factory=lambda: Device.new("Anna"))
    members: dict[str, Member] = field(default_factory=dict)
    writers: dict[str, Writer] = field(default_factory=dict)

    @property
    def layout(self) -> FolderLayout:
        return FolderLayout(self.root)

    def add_member(self, name: str, removed_epoch: int | None = None) -> Writer:
        device = Device.new(name)
        self.members[device.device_id] = Member(device.public, removed_epoch)
        self.writers[device.device_id] = Writer(device)
        return self.writers[device.device_id]

    def outsider(self, name: str = "Eve") -> Writer:
        """A device with the folder and nothing else: not a member, no key."""
        return Writer(Device.new(name))

    def write(
        self,
        writer: Writer,
        payload: bytes,
        *,
        epoch: int = 1,
        key: bytes | None = None,
        written_at_ms: int = NOW_MS,
    ) -> Path:
        header = writer.header(self.space_id, epoch, written_at_ms)
        digest = write_change(
            self.layout,
            writer.device,
            header,
            payload,
            key if key is not None else self.keys[epoch],
            lambda seq, digest, data: None,
        )
        writer.seq, writer.previous = header.seq, digest
        return self.layout.change(writer.device.device_id, header.seq)

    def view(self) -> SpaceView:
        return SpaceView(self.layout, self.space_id, self.me.device_id, self.members, self.keys)

    def read(self, accepted: dict[str, Accepted] | None = None) -> ReadResult:
        return read_new(self.view(), accepted or {}, NOW_MS)


def accepted_after(result: ReadResult) -> dict[str, Accepted]:
    """What a journal would remember after applying every change of ``result``."""
    accepted: dict[str, Accepted] = {}
    for change in result.changes:
        accepted[change.device_id] = Accepted(change.seq, change.digest)
    return accepted


def reasons(result: ReadResult) -> list[str]:
    return [n.set_aside.reason.value for n in result.noted if n.set_aside is not None]


def notices(result: ReadResult) -> list[tuple[str, str, int]]:
    return [
        (n.notice.kind.value, n.notice.device, n.notice.count)
        for n in result.noted
        if n.notice is not None
    ]
