"""What the window's sync panel and folder watcher read beyond :class:`SyncService`.

The panel shows one relationship's space in full (this device's own safety phrase, the
files set aside that still lie in the folder, the notices kept, devices and waiting
requests); the watcher needs the folders to watch. Both are read on the worker thread, in
one call each, so the window never touches the folder or the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mentorjournal.domain.sync import (
    DeviceInfo,
    JoinRequest,
    Notice,
    NoticeKind,
    SetAside,
    SpaceRole,
    SpaceStatus,
    SyncError,
)
from mentorjournal.services.workspace import Workspace
from mentorjournal.store.sync_spaces_state import SyncSpaces
from mentorjournal.sync import enrolment
from mentorjournal.sync.folder_layout import BLOBS, CHANGES, KEYS, MEMBERS, FolderLayout
from mentorjournal.sync.transport import set_aside_of

# Said by the space's state itself (awaiting, removed, cloned): not listed again as notices.
_STATE_NOTICES = frozenset(
    {NoticeKind.AWAITING_APPROVAL, NoticeKind.REMOVED, NoticeKind.OWN_DEVICE_CLONED}
)
_NOTICE_KINDS = frozenset(kind.value for kind in NoticeKind)


@dataclass(frozen=True, slots=True)
class KeptNotice:
    notice: Notice
    noted_at: datetime


@dataclass(frozen=True, slots=True)
class SpaceDetails:
    """One space as the sync panel shows it."""

    status: SpaceStatus
    own_phrase: str  # this device's words, read to the partner while pairing
    set_aside: tuple[SetAside, ...]  # files set aside that still lie in the folder
    notices: tuple[KeptNotice, ...]  # newest first
    devices: tuple[DeviceInfo, ...]
    requests: tuple[JoinRequest, ...]  # waiting devices (the owner's space only)
    folder_reachable: bool


def space_details(workspace: Workspace, relationship_id: str | None) -> SpaceDetails | None:
    """The space sharing ``relationship_id`` (None: this journal's own-devices space), or
    None when there is none."""
    found = [
        s
        for s in workspace.sync.status()
        if (s.include_private if relationship_id is None else s.relationship_id == relationship_id)
    ]
    if not found:
        return None
    status = found[0]
    spaces = SyncSpaces(workspace.journal)
    stored = spaces.get(status.space_id)
    layout = FolderLayout(Path(status.folder))
    reachable = layout.root.is_dir()
    set_aside: list[SetAside] = []
    notices: list[KeptNotice] = []
    for note in spaces.noted(status.space_id):
        aside = set_aside_of(note)
        if aside is not None:
            if reachable and (layout.root / aside.path).exists():
                set_aside.append(aside)
        elif note.reason in _NOTICE_KINDS and NoticeKind(note.reason) not in _STATE_NOTICES:
            notice = Notice(NoticeKind(note.reason), note.device, note.count)
            notices.append(KeptNotice(notice, note.noted_at))
    requests: list[JoinRequest] = []
    if status.role is SpaceRole.OWNER and reachable:
        try:
            requests = workspace.sync.requests(relationship_id)
        except SyncError:
            requests = []  # an unreadable folder is said by ``folder_reachable`` and notices
    return SpaceDetails(
        status,
        enrolment.device_phrase(status.space_id, enrolment.device_of(stored).public),
        tuple(set_aside),
        tuple(reversed(notices)),
        tuple(d for d in workspace.sync.devices() if d.space_id == status.space_id),
        tuple(requests),
        reachable,
    )


def watch_paths(workspace: Workspace) -> list[Path]:
    """The folders to watch for every space: each folder, its devices and their parts.

    A sync tool adds files inside a device's folders, and a new device adds a folder under
    ``devices/``; a directory watch sees only its own entries, so each level is listed. This
    device's own folders are left out: what it writes itself needs no sync to follow.
    """
    paths: list[Path] = []
    for status in workspace.sync.status():
        layout = FolderLayout(Path(status.folder))
        paths += [layout.root, layout.devices]
        for device in layout.device_ids():
            if device == status.device_id:
                continue
            root = layout.device(device)
            paths += [root, *(root / part for part in (CHANGES, BLOBS, MEMBERS, KEYS))]
    return [path for path in dict.fromkeys(paths) if path.is_dir()]
