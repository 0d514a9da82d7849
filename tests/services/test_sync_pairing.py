"""Pairing two real journals through one folder: phrases, approval, outsiders, removal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import RecordKind
from mentorjournal.domain.sync import (
    AlreadySynced,
    DeviceNotFound,
    NewerSyncFormat,
    NoSpaceInFolder,
    NoticeKind,
    NotSpaceOwner,
    SetAsideReason,
    SpaceState,
)
from mentorjournal.services.workspace import Settings
from tests.services.sync_ledger import Journal, create, opened


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "Dropbox" / "mentoring"
    shared.mkdir(parents=True)
    return shared


def _journal(tmp_path: Path, settings: Settings, name: str, owner: str) -> Iterator[Journal]:
    create(tmp_path / name, owner, settings)
    with opened(tmp_path / name, settings) as journal:
        yield journal


@pytest.fixture
def anna(tmp_path: Path, settings: Settings) -> Iterator[Journal]:
    yield from _journal(tmp_path, settings, "anna", "Anna Kowalska")


@pytest.fixture
def ben(tmp_path: Path, settings: Settings) -> Iterator[Journal]:
    yield from _journal(tmp_path, settings, "ben", "Ben Nowak")


@pytest.fixture
def eve(tmp_path: Path, settings: Settings) -> Iterator[Journal]:
    yield from _journal(tmp_path, settings, "eve", "Eve")


@pytest.fixture
def rel(anna: Journal) -> str:
    return anna.workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "Ben"}).id


def pair(anna: Journal, ben: Journal, rel: str, folder: Path) -> str:
    """Start, join, compare, approve; returns Ben's device id."""
    anna.workspace.sync.start(rel, folder)
    joined = ben.workspace.sync.join(folder)
    (request,) = anna.workspace.sync.requests(rel)
    assert request.safety_phrase == joined.safety_phrase
    anna.workspace.sync.approve(rel, request.device_id)
    return joined.device_id


def test_both_sides_see_the_same_safety_phrase_and_the_owners_words_again(
    anna: Journal, ben: Journal, rel: str, folder: Path
) -> None:
    started = anna.workspace.sync.start(rel, folder)
    joined = ben.workspace.sync.join(folder)
    (request,) = anna.workspace.sync.requests(rel)

    assert request.safety_phrase == joined.safety_phrase
    assert len(joined.safety_phrase.split()) == 6
    assert joined.owner_phrase == started.safety_phrase != joined.safety_phrase
    assert (request.device_id, request.name) == (joined.device_id, "Ben Nowak")
    assert joined.space_id == started.space_id


def test_after_approval_payloads_travel_both_ways(
    anna: Journal, ben: Journal, rel: str, folder: Path
) -> None:
    pair(anna, ben, rel, folder)
    anna.ledger.send(b"relationship and agreement")
    ben.ledger.send(b"a goal from Ben")

    (anna_first,) = anna.workspace.sync.now()
    (ben_report,) = ben.workspace.sync.now()
    (anna_second,) = anna.workspace.sync.now()

    assert (anna_first.written, anna_first.applied) == (1, 0)
    assert (ben_report.state, ben_report.written, ben_report.applied) == (SpaceState.ACTIVE, 1, 1)
    assert ben.ledger.payloads == [b"relationship and agreement"]
    assert anna.ledger.payloads == [b"a goal from Ben"]
    assert anna_second.partner_activity == anna_second.last_sync
    assert ben.ledger.applied[0][0] == anna.workspace.sync.status()[0].device_id


def test_before_approval_a_joiner_waits_and_writes_nothing(
    anna: Journal, ben: Journal, rel: str, folder: Path
) -> None:
    anna.workspace.sync.start(rel, folder)
    ben.workspace.sync.join(folder)
    anna.ledger.send(b"shared")
    ben.ledger.send(b"not yet")
    anna.workspace.sync.now()

    (report,) = ben.workspace.sync.now()

    assert report.state is SpaceState.AWAITING
    assert [n.kind for n in report.notices] == [NoticeKind.AWAITING_APPROVAL]
    assert (report.written, ben.ledger.payloads) == (0, [])


def test_an_outsider_with_the_folder_can_neither_read_nor_inject(
    anna: Journal, ben: Journal, eve: Journal, rel: str, folder: Path
) -> None:
    pair(anna, ben, rel, folder)
    anna.ledger.send(b"secret shared notes")
    anna.workspace.sync.now()
    eve.workspace.sync.join(folder)  # Eve has the folder, nobody approves her
    eve_status = eve.workspace.sync.status()[0]
    forged = folder / "devices" / eve_status.device_id / "changes" / "0000000000000001.mjc"
    forged.parent.mkdir(parents=True)
    forged.write_bytes(
        (folder / "devices")
        .joinpath(anna.workspace.sync.status()[0].device_id, "changes", "0000000000000001.mjc")
        .read_bytes()
    )

    (eve_report,) = eve.workspace.sync.now()
    (ben_report,) = ben.workspace.sync.now()

    assert eve_report.state is SpaceState.AWAITING
    assert eve.ledger.payloads == []
    assert ben.ledger.payloads == [b"secret shared notes"]
    assert [s.reason for s in ben_report.set_aside] == [SetAsideReason.UNKNOWN_DEVICE]
    all_bytes = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert b"secret shared notes" not in all_bytes


def test_a_removed_device_gets_no_new_key_and_its_later_files_are_set_aside(
    anna: Journal, ben: Journal, rel: str, folder: Path
) -> None:
    ben_device = pair(anna, ben, rel, folder)
    ben.ledger.send(b"before removal")
    ben.workspace.sync.now()
    anna.workspace.sync.now()

    anna.workspace.sync.remove(rel, ben_device[:8])
    ben_devices = {d.device_id: d for d in anna.workspace.sync.devices(rel)}
    # Ben never syncs the removal and keeps writing with the key he has.
    removal = folder / "devices" / anna.workspace.sync.status()[0].device_id / "members"
    hidden = sorted(removal.iterdir())[-1]
    kept = hidden.read_bytes()
    hidden.unlink()
    ben.ledger.send(b"after removal")
    ben.workspace.sync.now()
    hidden.write_bytes(kept)
    (anna_report,) = anna.workspace.sync.now()
    (ben_report,) = ben.workspace.sync.now()

    assert anna.ledger.payloads == [b"before removal"]
    assert [s.reason for s in anna_report.set_aside] == [SetAsideReason.REMOVED_DEVICE]
    assert ben_devices[ben_device].removed
    assert anna.workspace.sync.status()[0].epoch == 2
    assert ben_report.state is SpaceState.REMOVED
    assert [n.kind for n in ben_report.notices] == [NoticeKind.REMOVED]


def test_only_the_owner_approves_and_only_known_devices(
    anna: Journal, ben: Journal, rel: str, folder: Path
) -> None:
    pair(anna, ben, rel, folder)

    with pytest.raises(NotSpaceOwner):
        ben.workspace.sync.approve(rel, "0" * 32)  # Ben names the space by Anna's id
    with pytest.raises(DeviceNotFound):
        anna.workspace.sync.approve(rel, "ffff")


def test_a_folder_in_use_or_empty_is_refused(
    anna: Journal, ben: Journal, rel: str, folder: Path, tmp_path: Path
) -> None:
    anna.workspace.sync.start(rel, folder)
    empty = tmp_path / "empty"
    empty.mkdir()

    with pytest.raises(AlreadySynced):
        anna.workspace.sync.start(rel, empty)
    with pytest.raises(NoSpaceInFolder):
        ben.workspace.sync.join(empty)
    with pytest.raises(NoSpaceInFolder):
        ben.workspace.sync.join_own(folder)  # a pair's space is not one's own devices'


def test_own_second_device_joins_a_space_that_carries_private_records(
    anna: Journal, ben: Journal, folder: Path
) -> None:
    started = anna.workspace.sync.join_own(folder)  # an empty folder: starts the space
    joined = ben.workspace.sync.join_own(folder)
    (request,) = anna.workspace.sync.requests(None)
    anna.workspace.sync.approve(None, request.device_id)
    anna.ledger.send(b"private diary too")
    anna.workspace.sync.now()

    ben.workspace.sync.now()

    assert joined.owner_phrase == started.safety_phrase
    assert ben.ledger.payloads == [b"private diary too"]
    assert [s.include_private for s in ben.workspace.sync.status()] == [True]
    assert ben.workspace.sync.status()[0].relationship_id is None


def test_leaving_forgets_the_space_and_keeps_the_folder(
    anna: Journal, ben: Journal, rel: str, folder: Path
) -> None:
    pair(anna, ben, rel, folder)
    before = sorted(folder.rglob("*"))

    ben.workspace.sync.leave(rel[:8])

    assert ben.workspace.sync.status() == []
    assert len(ben.ledger.forgotten) == 1
    assert sorted(folder.rglob("*")) == before


def test_a_folder_set_up_by_a_newer_version_is_refused_as_such(
    anna: Journal, ben: Journal, rel: str, folder: Path
) -> None:
    anna.workspace.sync.start(rel, folder)
    (identity,) = folder.glob("devices/*/identity.mjid")
    data = bytearray(identity.read_bytes())
    data[4:6] = (2).to_bytes(2, "big")
    identity.write_bytes(bytes(data))

    with pytest.raises(NewerSyncFormat) as raised:
        ben.workspace.sync.join(folder)

    assert (raised.value.found, raised.value.supported) == (2, 1)
    assert ben.workspace.sync.status() == []
