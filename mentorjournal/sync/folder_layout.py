"""Where things lie in a shared folder, and what a name found there is.

One folder holds one space. Each device writes only under ``devices/<device>/`` (see
``docs/sync-format.md``)::

    devices/<device>/identity.mjid              the device's signed public keys
    devices/<device>/changes/<seq>.mjc          change files, seq as 16 digits from 1
    devices/<device>/blobs/<name>.mjb           attachments, named by a keyed hash
    devices/<owner>/members/<seq>.mjm           the owner's signed membership lists
    devices/<owner>/keys/<epoch>-<device>.mjk   the space key of an epoch, wrapped to a device

A device id is 32 lowercase hex digits. Anything else found there (temporary names of sync
tools, their conflicted copies) is classified by :func:`classify_name`, never read as ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mentorjournal.domain.sync import SetAsideReason

DEVICES = "devices"
IDENTITY = "identity.mjid"
CHANGES = "changes"
BLOBS = "blobs"
MEMBERS = "members"
KEYS = "keys"

_DEVICE_ID = re.compile(r"[0-9a-f]{32}")
_CHANGE_NAME = re.compile(r"(\d{16})\.mjc")
_MEMBERS_NAME = re.compile(r"(\d{8})\.mjm")
_KEY_NAME = re.compile(r"(\d{8})-([0-9a-f]{32})\.mjk")
_BLOB_NAME = re.compile(r"[0-9a-f]{64}\.mjb")
# Sync tools' copies of a file they saw changed on two sides: Dropbox and Nextcloud
# "(... conflicted copy ...)", Syncthing ".sync-conflict-", OneDrive "-<machine>" and Google
# Drive "(1)" suffixes on a name of ours.
_CONFLICT = re.compile(r"conflict|\(\d+\)|\.mjc.+|\.mj[a-z]\.|-[^.]+\.mj[a-z]$", re.IGNORECASE)


def is_device_id(text: str) -> bool:
    return _DEVICE_ID.fullmatch(text) is not None


@dataclass(frozen=True, slots=True)
class FolderLayout:
    """The paths of one shared folder."""

    root: Path

    @property
    def devices(self) -> Path:
        return self.root / DEVICES

    def device(self, device_id: str) -> Path:
        return self.devices / device_id

    def identity(self, device_id: str) -> Path:
        return self.device(device_id) / IDENTITY

    def changes(self, device_id: str) -> Path:
        return self.device(device_id) / CHANGES

    def change(self, device_id: str, seq: int) -> Path:
        return self.changes(device_id) / change_name(seq)

    def blobs(self, device_id: str) -> Path:
        return self.device(device_id) / BLOBS

    def members(self, device_id: str) -> Path:
        return self.device(device_id) / MEMBERS

    def keys(self, device_id: str) -> Path:
        return self.device(device_id) / KEYS

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def device_ids(self) -> list[str]:
        """The device folders present (sorted); anything else under ``devices/`` is ignored."""
        try:
            return sorted(p.name for p in self.devices.iterdir() if is_device_id(p.name))
        except OSError:
            return []


def change_name(seq: int) -> str:
    return f"{seq:016d}.mjc"


def change_seq(name: str) -> int | None:
    found = _CHANGE_NAME.fullmatch(name)
    return int(found.group(1)) if found else None


def members_name(seq: int) -> str:
    return f"{seq:08d}.mjm"


def members_seq(name: str) -> int | None:
    found = _MEMBERS_NAME.fullmatch(name)
    return int(found.group(1)) if found else None


def key_name(epoch: int, device_id: str) -> str:
    return f"{epoch:08d}-{device_id}.mjk"


def key_of(name: str) -> tuple[int, str] | None:
    found = _KEY_NAME.fullmatch(name)
    return (int(found.group(1)), found.group(2)) if found else None


def is_blob_name(name: str) -> bool:
    return _BLOB_NAME.fullmatch(name) is not None


def classify_name(name: str) -> SetAsideReason:
    """Why a name that is not one of ours is set aside: being written, a copy, or unknown."""
    lowered = name.lower()
    if (
        lowered.startswith((".", "~"))  # Syncthing .syncthing.*.tmp, ours .*.tmp, OneDrive ~
        or lowered.endswith((".tmp", ".part", ".partial", ".download", "~"))
        or ".dropbox" in lowered
    ):
        return SetAsideReason.IN_PROGRESS
    if _CONFLICT.search(name):
        return SetAsideReason.CONFLICTED_COPY
    return SetAsideReason.UNEXPECTED
