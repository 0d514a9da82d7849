"""What the sync says about a shared folder: why a file was set aside, notices, typed errors.

The folder side of the sync (``mentorjournal/sync``) reports with these values; the front
ends put them into words (:mod:`mentorjournal.i18n.describe`). None carries a key or the
content of a record: only paths, device ids and numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from mentorjournal.domain.errors import MentorJournalError


class SetAsideReason(StrEnum):
    """Why a file in the shared folder was not applied. The file stays where it is."""

    IN_PROGRESS = "in_progress"  # a temporary name: the sync tool is still writing it
    CONFLICTED_COPY = "conflicted_copy"  # a copy the sync tool made of a file it saw twice
    UNEXPECTED = "unexpected"  # a name no version of the app writes
    TRUNCATED = "truncated"  # shorter (or longer) than its own header says
    NOT_OURS = "not_ours"  # no MentorJournal magic at the start
    NEWER_FORMAT = "newer_format"  # written by a newer version of the app
    OTHER_SPACE = "other_space"  # belongs to another shared folder (another pair)
    MOVED = "moved"  # lies in another device's folder than the one that wrote it
    RENAMED = "renamed"  # its name does not match its sequence number: a replayed old file
    UNKNOWN_DEVICE = "unknown_device"  # written by a device nobody approved
    REMOVED_DEVICE = "removed_device"  # written by a device after it was removed
    TAMPERED = "tampered"  # the signature does not verify: altered bytes or a forgery
    NO_KEY = "no_key"  # sealed with a space key of an epoch this journal was not given
    UNREADABLE = "unreadable"  # signed, but it does not decrypt with the space key
    FORKED = "forked"  # does not follow the device's previous file: a restored or cloned device


class NoticeKind(StrEnum):
    """Something about a space the user should know; nothing is deleted because of it."""

    ROLLED_BACK = "rolled_back"  # a device's files went back to an older state
    WAITING = "waiting"  # a device's next file is missing (not arrived, or lost)
    CLOCK_AHEAD = "clock_ahead"  # a device writes with a clock days in the future
    FOLDER_MISSING = "folder_missing"  # the folder (or its content) is gone; nothing deleted
    OWN_DEVICE_CLONED = "own_device_cloned"  # another copy of this journal writes as us
    BLOB_PENDING = "blob_pending"  # an attachment has not arrived yet
    AWAITING_APPROVAL = "awaiting_approval"  # joined, the owner has not approved yet
    REMOVED = "removed"  # the owner removed this device from the space
    DISK_FULL = "disk_full"  # the folder's disk is full: changes wait in the outbox
    # A device's changes wait: written by a newer version, or with a clock over a day ahead.
    CHANGES_WAITING = "changes_waiting"
    CHANGES_UNREADABLE = "changes_unreadable"  # signed by a member, but not changes we read
    # records deleted here came back: the partner edited them while the delete travelled
    RESTORED_AFTER_DELETE = "restored_after_delete"


@dataclass(frozen=True, slots=True)
class SetAside:
    """One file of the folder that was not applied, and why (reported once per file)."""

    path: str  # relative to the shared folder
    reason: SetAsideReason


@dataclass(frozen=True, slots=True)
class Notice:
    """One notice about a space; ``device`` and ``count`` as the kind needs them."""

    kind: NoticeKind
    device: str = ""
    count: int = 0


class SpaceRole(StrEnum):
    OWNER = "owner"  # started the space: approves and removes devices
    MEMBER = "member"


class SpaceState(StrEnum):
    AWAITING = "awaiting"  # joined; the owner has not approved this device yet
    ACTIVE = "active"
    CLONED = "cloned"  # another copy of this journal writes as this device: writing stopped
    REMOVED = "removed"  # the owner removed this device


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What ``start``, ``join`` and ``join_own`` tell the user to compare and keep."""

    space_id: str
    device_id: str
    safety_phrase: str  # start: this device's words; join: the pair's words
    owner_phrase: str  # the words the owner's ``start`` showed


@dataclass(frozen=True, slots=True)
class JoinRequest:
    device_id: str
    name: str
    safety_phrase: str


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    space_id: str
    device_id: str
    name: str
    role: SpaceRole
    this_device: bool
    removed: bool
    last_activity: datetime | None


@dataclass(frozen=True, slots=True)
class SpaceReport:
    """What one ``sync now`` did in one space. ``set_aside`` and ``notices`` are new ones."""

    space_id: str
    relationship_id: str | None
    state: SpaceState
    written: int
    applied: int
    set_aside: tuple[SetAside, ...]
    notices: tuple[Notice, ...]
    last_sync: datetime | None
    partner_activity: datetime | None


@dataclass(frozen=True, slots=True)
class SpaceStatus:
    space_id: str
    relationship_id: str | None
    include_private: bool
    role: SpaceRole
    state: SpaceState
    device_id: str
    folder: str
    epoch: int
    devices: int
    set_aside: int
    last_sync: datetime | None
    partner_activity: datetime | None


class SyncError(MentorJournalError):
    """Base of the errors of the shared-folder sync."""


class SyncFolderUnusable(SyncError):
    """The path given as a shared folder does not exist or is not a folder."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class NoSpaceInFolder(SyncError):
    """The folder holds no shared space to join (or several that claim to own it)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class SpaceNotFound(SyncError):
    """No shared space of this journal matches (a relationship not synced, a wrong id)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class AlreadySynced(SyncError):
    """The relationship (or this journal's own devices) is already shared, or the folder is."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class DeviceNotFound(SyncError):
    """No device (or pending request) of the space has this id."""

    def __init__(self, device: str) -> None:
        super().__init__(device)
        self.device = device


class NotSpaceOwner(SyncError):
    """Only the device that started a space approves and removes devices."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class AttachmentPending(SyncError):
    """A material's attached file comes through the shared folder and has not arrived yet;
    a later sync fetches it."""

    def __init__(self, path: str) -> None:  # ``path``: the file's name, as the user gave it
        super().__init__(path)
        self.path = path


class DeviceCloned(SyncError):
    """The folder holds files of this device that this journal did not write.

    The journal was restored from a backup, or copied to another machine that writes as the
    same device. Writing for that space stops; re-enrolment (a new device joining again)
    resolves it.
    """

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class NewerSyncFormat(SyncError):
    """The shared folder was set up by a newer version of the app."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(f"format {found}, this version reads up to {supported}")
        self.found = found
        self.supported = supported
