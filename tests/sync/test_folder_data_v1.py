"""A shared folder written by format 1 (``tests/data/sync-folder-v1``) is still read whole.

The folder is committed and never regenerated: if a later version changes how it reads the
format, this test says so before any user's folder does.
"""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from mentorjournal.sync import blob_file, pairing
from mentorjournal.sync.folder_layout import FolderLayout
from mentorjournal.sync.folder_reader import Member, SpaceView, read_new
from mentorjournal.sync.identity import Device

DATA = Path(__file__).resolve().parents[1] / "data" / "sync-folder-v1"


@pytest.fixture
def reader() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / "reader.json").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "folder"
    shutil.copytree(DATA / "folder", copy)
    return copy


def test_the_v1_folder_reads_as_the_partner_saw_it(folder: Path, reader: dict[str, Any]) -> None:
    layout = FolderLayout(folder)
    me = Device(
        reader["device_id"],
        reader["name"],
        base64.b64decode(reader["signing_key"]),
        base64.b64decode(reader["exchange_key"]),
    )

    (space,) = pairing.find_space(layout)
    keys = pairing.read_keys(layout, space.owner, me, space.space_id)
    members = {m.device.device_id: Member(m.device) for m in space.membership.current()}
    result = read_new(
        SpaceView(layout, space.space_id, me.device_id, members, keys),
        {},
        reader["written_at_ms"],
    )

    assert (space.space_id, space.owner.device_id) == (reader["space_id"], reader["owner"])
    assert space.membership.relationship_id == reader["relationship_id"]
    assert sorted(members) == sorted([reader["owner"], reader["device_id"]])
    assert [c.payload.decode() for c in result.changes] == reader["anna_payloads"]
    assert sorted(n.set_aside.reason.value for n in result.noted if n.set_aside) == [
        "conflicted_copy",
        "in_progress",
    ]
    assert blob_file.find_blob(layout, space.space_id, keys, reader["blob_id"]) == reader[
        "blob"
    ].encode("utf-8")
    assert pairing.safety_phrase(space.space_id, space.owner, me.public) == pairing.safety_phrase(
        space.space_id, me.public, space.owner
    )
