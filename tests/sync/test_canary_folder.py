"""The canary: private text never reaches the shared folder, encrypted or not.

Two real journals share a relationship through the real merge side. Private text (a private
goal, a session's private notes, a diary entry, a private material's file, a record made
private after it was shared) is planted with canary words; every file of the folder is then
searched as bytes, and every change file is decrypted with the space key through the
format's own reader, decompressed, and searched again, every pycrdt state included.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mentorjournal.domain import Goal, Material, RecordKind
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.sync_spaces_state import SyncSpaces
from mentorjournal.sync import blob_file, text_merge
from tests.conftest import MovableClock, files_under
from tests.services.records_helpers import local_now
from tests.sync import end_to_end_journals as e2e

CANARIES = ("Kanarek-goal-7f3a", "Kanarek-notes-91bc", "Kanarek-diary-c02e", "Kanarek-file-5d41")
LATE = "Kanarek-after-private-e8d7"
SHARED = "shared-words-visible"


@pytest.fixture
def anna(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    yield from e2e.journal(tmp_path, settings, "anna", "Anna Kowalska")


@pytest.fixture
def ben(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    yield from e2e.journal(tmp_path, settings, "ben", "Ben Nowak")


def _texts_of_states(payload: dict[str, Any]) -> list[str]:
    """The text of every pycrdt state a payload carries, as the merge side would read it."""
    texts = []
    for record in payload["records"]:
        for state in record.get("texts", {}).values():
            decoded = base64.b64decode(state)
            texts.append(text_merge.text_of(decoded))  # the state's text, pycrdt or initial
            texts.append(decoded.decode("utf-8", "replace"))  # deleted runs included
    return texts


def test_private_text_never_appears_in_the_folder_nor_in_any_decrypted_change(
    anna: Workspace, ben: Workspace, tmp_path: Path, clock: MovableClock
) -> None:
    records = anna.records
    rel = e2e.new_relationship(anna)
    records.add(RecordKind.GOAL, {"relationship_id": rel, "title": CANARIES[0], "scope": "private"})
    records.add(
        RecordKind.SESSION,
        {
            "relationship_id": rel,
            "held_at": local_now(clock),
            "notes": SHARED,
            "private_notes": f"He was tired. {CANARIES[1]}",
        },
    )
    records.add(RecordKind.ENTRY, {"relationship_id": rel, "text": CANARIES[2]})
    private_material = records.add_material_file(
        {"relationship_id": rel, "title": "Mine", "scope": "private"},
        "secret.txt",
        CANARIES[3].encode(),
    )
    later = records.add(RecordKind.GOAL, {"relationship_id": rel, "title": "Shared at first"})
    folder = tmp_path / "Dropbox" / "pair"
    folder.mkdir(parents=True)
    e2e.pair(anna, ben, folder, rel)
    anna.sync.now()
    ben.sync.now()
    records.update(later.id, {"scope": "private"})
    records.update(later.id, {"title": LATE, "description": LATE})
    anna.sync.now()

    raw = b"".join(path.read_bytes() for path in files_under(folder))
    plain = []
    for payload in e2e.decrypted_payloads(anna, folder):
        body = json.loads(zlib.decompress(payload))
        plain.append(json.dumps(body, ensure_ascii=False))
        plain += _texts_of_states(body)
    everything = "\n".join(plain)

    assert SHARED in everything  # the search does read what travelled
    for canary in (*CANARIES, LATE):
        assert canary.encode() not in raw
        assert canary not in everything
    (space,) = SyncSpaces(anna.journal).spaces()
    keys = SyncSpaces(anna.journal).keys(space.space_id)
    assert isinstance(private_material, Material)
    assert private_material.attachment_id is not None
    private_name = blob_file.blob_name(keys[space.epoch], private_material.attachment_id)
    assert not list(folder.glob(f"devices/*/blobs/{private_name}*"))
    assert [g.title for g in ben.records.list_records(RecordKind.GOAL) if isinstance(g, Goal)] == [
        "Shared at first"
    ]
