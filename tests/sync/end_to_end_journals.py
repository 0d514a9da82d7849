"""Two (or more) real journals with the real merge side, paired through one folder.

The end-to-end sync tests build on these: journals created and unlocked through the
workspace as the app does it (``services.sync.default_ledger``, the real ``JournalLedger``),
so every change file in the folder is what a user's would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from mentorjournal.domain import RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.sync_spaces_state import SyncSpaces
from mentorjournal.sync import change_file
from tests.conftest import PASSPHRASE


def journal(tmp_path: Path, settings: Settings, name: str, owner: str) -> Iterator[Workspace]:
    """A new journal in ``tmp_path/name``, unlocked; closed after the test."""
    workspace, _ = workspaces.create(tmp_path / name, PASSPHRASE, owner, settings)
    try:
        yield workspace
    finally:
        workspace.close()


def pair(owner: Workspace, partner: Workspace, folder: Path, relationship: str) -> str:
    """Share ``relationship`` with ``partner`` (phrase compared, approved); the partner's
    device id. Nothing is synced yet."""
    owner.sync.start(relationship, folder)
    joined = partner.sync.join(folder)
    (request,) = owner.sync.requests(relationship)
    assert request.safety_phrase == joined.safety_phrase
    owner.sync.approve(relationship, request.device_id)
    return joined.device_id


def new_relationship(workspace: Workspace, partner: str = "Jan Nowak") -> str:
    values = {"partner_names": partner, "my_role": "mentor"}
    return workspace.records.add(RecordKind.RELATIONSHIP, values).id


def change_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("devices/*/changes/*.mjc"))


def decrypted_payloads(workspace: Workspace, folder: Path) -> list[bytes]:
    """Every change file of the folder, opened with the space key this journal holds
    through the format's own reader (the payloads still compressed)."""
    spaces = SyncSpaces(workspace.journal)
    (space,) = [s for s in spaces.spaces() if Path(s.folder) == folder]
    keys = spaces.keys(space.space_id)
    payloads = []
    for path in change_files(folder):
        data = path.read_bytes()
        header = change_file.read_header(data)
        payloads.append(change_file.open_payload(header, data, keys[header.epoch]))
    return payloads
