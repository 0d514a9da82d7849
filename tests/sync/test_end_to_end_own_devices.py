"""A person's own devices and a partner, end to end: three real journals, two folders.

Anna shares a relationship with Ben through one folder, and her journal with her laptop
through another (the own-devices space, private records too). What Ben writes reaches the
laptop through Anna's desktop, and what the laptop writes reaches Ben the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import Goal, RecordKind, Session
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import MovableClock
from tests.services.records_helpers import local_now
from tests.sync import end_to_end_journals as e2e


@pytest.fixture
def desktop(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    yield from e2e.journal(tmp_path, settings, "desktop", "Anna Kowalska")


@pytest.fixture
def laptop(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    yield from e2e.journal(tmp_path, settings, "laptop", "Anna Kowalska")


@pytest.fixture
def ben(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    yield from e2e.journal(tmp_path, settings, "ben", "Ben Nowak")


def _sync_all(*workspaces: Workspace) -> None:
    """Three rounds: what arrives through one space is passed on at the desktop's next sync."""
    for _ in range(3):
        for workspace in workspaces:
            workspace.sync.now()


def test_a_partners_edits_reach_my_laptop_and_my_laptops_reach_the_partner(
    desktop: Workspace, laptop: Workspace, ben: Workspace, tmp_path: Path, clock: MovableClock
) -> None:
    rel = e2e.new_relationship(desktop)
    goal = desktop.records.add(RecordKind.GOAL, {"relationship_id": rel, "title": "Blog"})
    pair_folder, own_folder = tmp_path / "pair", tmp_path / "own"
    pair_folder.mkdir()
    own_folder.mkdir()
    e2e.pair(desktop, ben, pair_folder, rel)
    desktop.sync.join_own(own_folder)
    joined = laptop.sync.join_own(own_folder)
    desktop.sync.approve(None, joined.device_id)
    _sync_all(desktop, laptop, ben)

    session = ben.records.add(
        RecordKind.SESSION,
        {"relationship_id": rel, "held_at": local_now(clock), "notes": "Ben's notes"},
    )
    laptop.records.update(goal.id, {"title": "Weekly blog", "progress": 20})
    _sync_all(desktop, laptop, ben)

    on_laptop = laptop.records.get(session.id)
    on_ben = ben.records.get(goal.id)
    assert isinstance(on_laptop, Session)
    assert on_laptop.notes == "Ben's notes"
    assert isinstance(on_ben, Goal)
    assert (on_ben.title, on_ben.progress) == ("Weekly blog", 20)


def test_a_partners_attachment_arriving_late_still_reaches_my_laptop(
    desktop: Workspace, laptop: Workspace, ben: Workspace, tmp_path: Path
) -> None:
    rel = e2e.new_relationship(desktop)
    pair_folder, own_folder = tmp_path / "pair", tmp_path / "own"
    pair_folder.mkdir()
    own_folder.mkdir()
    e2e.pair(desktop, ben, pair_folder, rel)
    desktop.sync.join_own(own_folder)
    desktop.sync.approve(None, laptop.sync.join_own(own_folder).device_id)
    _sync_all(desktop, laptop, ben)
    content = "Notatki Bena 📎".encode()
    material = ben.records.add_material_file(
        {"relationship_id": rel, "title": "Ben's notes"}, "notes.txt", content
    )
    ben.sync.now()
    (blob,) = pair_folder.glob("devices/*/blobs/*.mjb")
    held = blob.read_bytes()
    blob.unlink()  # the sync tool brings the change file first
    _sync_all(desktop, laptop)  # the material reaches the laptop, its file does not

    blob.write_bytes(held)
    _sync_all(desktop, laptop)

    assert laptop.records.read_attachment(material.id) == ("notes.txt", content)
    assert len(list(own_folder.glob("devices/*/blobs/*.mjb"))) == 1  # the desktop passed it on


def test_my_private_attachment_arriving_late_from_my_laptop_never_enters_the_pair_folder(
    desktop: Workspace, laptop: Workspace, ben: Workspace, tmp_path: Path
) -> None:
    rel = e2e.new_relationship(desktop)
    pair_folder, own_folder = tmp_path / "pair", tmp_path / "own"
    pair_folder.mkdir()
    own_folder.mkdir()
    e2e.pair(desktop, ben, pair_folder, rel)
    desktop.sync.join_own(own_folder)
    desktop.sync.approve(None, laptop.sync.join_own(own_folder).device_id)
    _sync_all(desktop, laptop, ben)
    laptop.records.add_material_file(
        {"relationship_id": rel, "title": "Mine", "scope": "private"}, "mine.txt", b"private"
    )
    shared = laptop.records.add_material_file(
        {"relationship_id": rel, "title": "Ours"}, "ours.txt", b"shared"
    )
    laptop.sync.now()
    held = {path: path.read_bytes() for path in own_folder.glob("devices/*/blobs/*.mjb")}
    for path in held:
        path.unlink()
    _sync_all(desktop, ben)  # the records arrive and are passed on; their files do not

    for path, data in held.items():
        path.write_bytes(data)
    _sync_all(desktop, ben)

    assert len(held) == 2
    assert len(list(pair_folder.glob("devices/*/blobs/*.mjb"))) == 1
    assert ben.records.read_attachment(shared.id) == ("ours.txt", b"shared")
