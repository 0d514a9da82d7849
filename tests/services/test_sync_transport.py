"""The transport half of ``sync now`` between two real journals: faults end in a notice,
nothing is lost, each file set aside is reported once."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import Material, RecordKind
from mentorjournal.domain.sync import NoticeKind, SetAsideReason, SpaceState
from mentorjournal.services.workspace import Settings
from tests.conftest import MovableClock
from tests.services.crash_helpers import kill_at, posix_only
from tests.services.sync_ledger import BLOB, Journal, create, opened


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    shared.mkdir()
    return shared


@pytest.fixture
def paired(tmp_path: Path, settings: Settings, folder: Path) -> Iterator[tuple[Journal, Journal]]:
    create(tmp_path / "anna", "Anna", settings)
    create(tmp_path / "ben", "Ben", settings)
    with opened(tmp_path / "anna", settings) as anna, opened(tmp_path / "ben", settings) as ben:
        rel = anna.workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "Ben"}).id
        anna.workspace.sync.start(rel, folder)
        ben.workspace.sync.join(folder)
        anna.workspace.sync.approve(rel, anna.workspace.sync.requests(rel)[0].device_id)
        ben.workspace.sync.now()
        yield anna, ben


def _changes(folder: Path, journal: Journal) -> Path:
    return folder / "devices" / journal.workspace.sync.status()[0].device_id / "changes"


def test_a_damaged_file_is_reported_once_and_the_rest_keeps_syncing(
    paired: tuple[Journal, Journal], folder: Path
) -> None:
    anna, ben = paired
    anna.ledger.send(b"one")
    anna.workspace.sync.now()
    conflicted = _changes(folder, anna) / "0000000000000001 (Ben's conflicted copy).mjc"
    shutil.copyfile(_changes(folder, anna) / "0000000000000001.mjc", conflicted)

    (first,) = ben.workspace.sync.now()
    anna.ledger.send(b"two")
    anna.workspace.sync.now()
    (second,) = ben.workspace.sync.now()

    assert [s.reason for s in first.set_aside] == [SetAsideReason.CONFLICTED_COPY]
    assert second.set_aside == ()
    assert second.applied == 1
    assert ben.ledger.payloads == [b"one", b"two"]
    assert ben.workspace.sync.status()[0].set_aside == 1
    assert conflicted.exists()  # set aside, never deleted


def test_a_journal_restored_from_a_backup_stops_writing_as_the_same_device(
    tmp_path: Path, settings: Settings, paired: tuple[Journal, Journal], folder: Path
) -> None:
    anna, ben = paired
    ben_root = ben.workspace.path
    ben.workspace.close()
    shutil.copytree(ben_root, tmp_path / "ben-backup")
    with opened(ben_root, settings) as ben_again:
        ben_again.ledger.send(b"written after the backup")
        ben_again.workspace.sync.now()
    shutil.rmtree(ben_root)
    shutil.copytree(tmp_path / "ben-backup", ben_root)

    with opened(ben_root, settings) as restored:
        restored.ledger.send(b"the restored journal writes")
        (report,) = restored.workspace.sync.now()
        status = restored.workspace.sync.status()[0]

    assert report.written == 0
    assert [n.kind for n in report.notices] == [NoticeKind.OWN_DEVICE_CLONED]
    assert status.state is SpaceState.CLONED
    assert sorted(p.name for p in _changes(folder, anna).parent.parent.glob("*/changes/*")) == [
        "0000000000000001.mjc"
    ]


def test_an_attachment_arriving_after_its_change_is_fetched_when_it_lands(
    paired: tuple[Journal, Journal], folder: Path
) -> None:
    anna, ben = paired
    content = "%PDF-1.7 zawartość".encode()
    rel = anna.workspace.records.list_records(RecordKind.RELATIONSHIP)[0].id
    material = anna.workspace.records.add_material_file(
        {"relationship_id": rel, "title": "slides"}, "slides.pdf", content
    )
    assert isinstance(material, Material)
    assert material.attachment_id is not None
    blob_id = material.attachment_id
    anna.ledger.send(BLOB + blob_id.encode())
    anna.workspace.sync.now()
    (blob_path,) = folder.glob("devices/*/blobs/*.mjb")
    held = blob_path.read_bytes()
    blob_path.unlink()

    (early,) = ben.workspace.sync.now()
    blob_path.write_bytes(held)
    (late,) = ben.workspace.sync.now()

    assert [n.kind for n in early.notices] == [NoticeKind.BLOB_PENDING]
    assert late.notices == ()
    assert ben.ledger.blobs.get(blob_id) == content
    assert b"zawarto" not in held
    assert blob_id.encode() not in blob_path.name.encode()


def test_a_deleted_folder_deletes_nothing_and_says_so(
    paired: tuple[Journal, Journal], folder: Path
) -> None:
    anna, ben = paired
    anna.ledger.send(b"one")
    anna.workspace.sync.now()
    ben.workspace.sync.now()
    shutil.rmtree(folder)

    (report,) = ben.workspace.sync.now()

    assert [n.kind for n in report.notices] == [NoticeKind.FOLDER_MISSING]
    assert report.applied == 0
    assert ben.ledger.payloads == [b"one"]


def _small_disk(path: Path) -> bool:
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    return mounted.returncode == 0


def test_a_full_disk_leaves_the_batch_in_the_outbox(tmp_path: Path, settings: Settings) -> None:
    disk = tmp_path / "small-disk"
    if shutil.which("mount") is None or not _small_disk(disk):
        pytest.skip("needs a small tmpfs (mount, as root)")
    try:
        create(tmp_path / "anna", "Anna", settings)
        with opened(tmp_path / "anna", settings) as anna:
            rel = anna.workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "B"}).id
            anna.workspace.sync.start(rel, disk)
            filler = disk / "filler"  # fills the disk to less than one change file
            free = shutil.disk_usage(disk).free
            filler.write_bytes(bytes(max(free - 2048, 0)))
            anna.ledger.send(b"waits")

            (full,) = anna.workspace.sync.now()
            filler.unlink()
            (freed,) = anna.workspace.sync.now()

        assert [n.kind for n in full.notices] == [NoticeKind.DISK_FULL]
        assert full.written == 0
        assert freed.written == 1
        assert not list(disk.glob("devices/*/tmp/*"))
    finally:
        subprocess.run(["umount", str(disk)], check=False)


WRITE_STEPS = [
    "sync-pending-recorded",
    "sync-written",
    "sync-flushed",
    "sync-renamed",
    "sync-recorded",
]


@posix_only
@pytest.mark.parametrize("step", WRITE_STEPS)
def test_a_process_killed_at_any_step_of_writing_loses_nothing_and_reuses_no_number(
    tmp_path: Path, settings: Settings, paired: tuple[Journal, Journal], folder: Path, step: str
) -> None:
    anna, ben = paired
    anna_root, anna_changes = anna.workspace.path, _changes(folder, anna)
    anna.ledger.send(b"one", b"two", b"three")
    anna.workspace.close()

    assert kill_at(
        step, str(anna_root), str(settings.lock_dir), child_module="tests.services.sync_crash_child"
    )
    files_after_kill = sorted(p.name for p in anna_changes.glob("*"))
    with opened(anna_root, settings) as again:
        (report,) = again.workspace.sync.now()
    (received,) = ben.workspace.sync.now()

    names = sorted(p.name for p in anna_changes.glob("*"))
    assert names == [f"{n:016d}.mjc" for n in range(1, len(names) + 1)]
    assert set(files_after_kill) <= set(names)
    assert list(dict.fromkeys(ben.ledger.payloads)) == [b"one", b"two", b"three"]
    assert report.notices == ()
    assert received.set_aside == ()
    assert received.notices == ()
    assert not list(folder.glob("devices/*/tmp/*"))


def test_a_restored_journal_joins_again_as_a_new_device_and_syncs(
    tmp_path: Path, settings: Settings, paired: tuple[Journal, Journal], folder: Path
) -> None:
    anna, ben = paired
    ben_root = ben.workspace.path
    ben.workspace.close()
    shutil.copytree(ben_root, tmp_path / "ben-backup")
    with opened(ben_root, settings) as ben_again:
        ben_again.ledger.send(b"written after the backup")
        ben_again.workspace.sync.now()
    shutil.rmtree(ben_root)
    shutil.copytree(tmp_path / "ben-backup", ben_root)
    rel = anna.workspace.sync.status()[0].relationship_id
    assert rel is not None

    with opened(ben_root, settings) as restored:
        restored.ledger.send(b"the restored journal writes")
        restored.workspace.sync.now()
        old_device = restored.workspace.sync.status()[0].device_id
        rejoined = restored.workspace.sync.join(folder)
        anna.workspace.sync.approve(rel, rejoined.device_id)
        (report,) = restored.workspace.sync.now()
    anna.workspace.sync.now()

    assert rejoined.device_id != old_device
    assert (report.state, report.written) == (SpaceState.ACTIVE, 1)
    assert sorted(anna.ledger.payloads) == [
        b"the restored journal writes",
        b"written after the backup",
    ]


def test_own_files_a_rolled_back_folder_lost_are_put_back_and_reach_the_partner(
    paired: tuple[Journal, Journal], folder: Path
) -> None:
    anna, ben = paired
    anna.ledger.send(b"one")
    anna.workspace.sync.now()
    ben.workspace.sync.now()
    anna.ledger.send(b"two", b"three")
    anna.workspace.sync.now()
    changes = _changes(folder, anna)
    lost = {name: (changes / name).read_bytes() for name in ("0000000000000002.mjc",)}
    for name in ("0000000000000002.mjc", "0000000000000003.mjc"):
        (changes / name).unlink()  # the provider restored the folder to an older state

    (waiting,) = ben.workspace.sync.now()
    anna.workspace.sync.now()
    (caught_up,) = ben.workspace.sync.now()

    assert waiting.applied == 0
    assert caught_up.applied == 2
    assert ben.ledger.payloads == [b"one", b"two", b"three"]
    assert (changes / "0000000000000002.mjc").read_bytes() == lost["0000000000000002.mjc"]


def test_the_partners_last_activity_is_when_they_wrote(
    paired: tuple[Journal, Journal], clock: MovableClock
) -> None:
    anna, ben = paired
    written_at = clock.now
    ben.ledger.send(b"homework done")
    ben.workspace.sync.now()
    clock.advance(hours=5)

    (report,) = anna.workspace.sync.now()

    assert report.partner_activity == written_at
    assert report.last_sync == clock.now
