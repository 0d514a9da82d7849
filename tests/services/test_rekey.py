"""``passwd --rekey``: a fresh data key for database, attachments and backups, crash-safe."""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from mentorjournal.domain import (
    Cancelled,
    CancelToken,
    DiskFull,
    JournalDamaged,
    Record,
    RecordKind,
    WrongPassphrase,
    WrongRecoveryKey,
)
from mentorjournal.export import backup_archive
from mentorjournal.services import maintenance
from mentorjournal.services import rekey as rekey_service
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store import files
from tests.conftest import PASSPHRASE, MovableClock, snapshot_bytes
from tests.sample_journal import ATTACHMENT, Sample, all_records, fill
from tests.services.crash_helpers import kill_at, posix_only

NEW = "nowe hasło po zmianie klucza"

# Every step of a re-key, in order; the switch is the rename after "rekey:staged-key".
BEFORE_SWITCH = [
    "rekey:staged-database",
    "rekey:staged-blobs",
    "rekey:staged-backups",
    "rekey:staged-key",
]
AFTER_SWITCH = [
    "rekey:switched",
    "rekey:moving-blobs",
    "rekey:moving-backups",
    "rekey:moved-database",
    "rekey:moved-key",
]


@dataclass
class Prepared:
    sample: Sample
    records: dict[RecordKind, list[Record]]
    old_key: bytes
    recovery_key: str


@pytest.fixture
def prepared(created: tuple[Workspace, str], clock: MovableClock, journal_dir: Path) -> Prepared:
    """A closed journal with two attachments, a daily and a before-upgrade backup."""
    workspace, recovery_key = created
    sample = fill(workspace)
    workspace.records.add_material_file(
        {"relationship_id": sample.relationship_id, "title": "Drugi"}, "b.txt", b"drugi plik"
    )
    assert workspace.after_changes() is not None
    maintenance.before_upgrade_backup(workspace.journal, 1, clock)
    records = all_records(workspace)
    workspace.close()
    return Prepared(sample, records, (journal_dir / "journal.key").read_bytes(), recovery_key)


def _assert_whole(journal_dir: Path, passphrase: str, settings: Settings, p: Prepared) -> None:
    """Every record, attachment and automatic backup is there and opens with ``passphrase``."""
    with workspaces.unlock(journal_dir, passphrase, settings) as workspace:
        assert all_records(workspace) == p.records
        assert workspace.records.read_attachment(p.sample.material_id) == ("plan.txt", ATTACHMENT)
        assert workspace.verify() == []
    backups = maintenance.automatic_backups(journal_dir / "backups")
    assert len(backups) == 2
    for index, backup in enumerate(backups):
        target = journal_dir.parent / f"restored-{passphrase[:4]}-{index}"
        with workspaces.restore(backup, target, passphrase, settings) as restored:
            assert all_records(restored) == p.records
        shutil.rmtree(target)
    assert not [path for path in journal_dir.iterdir() if path.name.startswith(".")]


def test_rekey_keeps_everything_and_only_the_new_passphrase_opens_it(
    prepared: Prepared, journal_dir: Path, settings: Settings
) -> None:
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        recovery_key = workspace.rekey(NEW)
        assert workspace.closed

    _assert_whole(journal_dir, NEW, settings, prepared)
    with pytest.raises(WrongPassphrase):
        workspaces.unlock(journal_dir, PASSPHRASE, settings)
    for backup in maintenance.automatic_backups(journal_dir / "backups"):
        names = [entry.name for entry in backup_archive.inspect(backup)]
        assert "journal.key" not in names
    # The old recovery key opens nothing; the new one, printed once, does.
    with pytest.raises(WrongRecoveryKey):
        workspaces.recover(journal_dir, prepared.recovery_key, "x", settings)
    workspaces.recover(journal_dir, recovery_key, "po odzyskaniu", settings).close()


def test_an_old_key_file_with_the_old_passphrase_opens_nothing_after_a_rekey(
    prepared: Prepared, journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    old_copy = tmp_path / "old-copy"
    shutil.copytree(journal_dir, old_copy)  # what a thief may have taken before the re-key
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        workspace.rekey(NEW)

    # The re-keyed database with the stolen key file and passphrase.
    stolen = tmp_path / "stolen"
    shutil.copytree(journal_dir, stolen)
    (stolen / "journal.key").write_bytes(prepared.old_key)
    with pytest.raises(JournalDamaged):
        workspaces.unlock(stolen, PASSPHRASE, settings)
    # The re-keyed attachments beside the old database.
    shutil.rmtree(old_copy / "blobs")
    shutil.copytree(journal_dir / "blobs", old_copy / "blobs")
    with workspaces.unlock(old_copy, PASSPHRASE, settings) as opened:
        with pytest.raises(JournalDamaged) as raised:
            opened.records.read_attachment(prepared.sample.material_id)
        assert raised.value.part == "attachment"
    # The re-keyed automatic backups.
    for index, backup in enumerate(maintenance.automatic_backups(journal_dir / "backups")):
        with pytest.raises(JournalDamaged):
            workspaces.restore(
                backup,
                tmp_path / f"r{index}",
                PASSPHRASE,
                settings,
                key_file=old_copy / "journal.key",
            )
        assert not (tmp_path / f"r{index}").exists()


def test_rekey_reports_progress_up_to_its_total(
    prepared: Prepared, journal_dir: Path, settings: Settings
) -> None:
    seen: list[tuple[int, int]] = []
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        workspace.rekey(NEW, progress=lambda done, total: seen.append((done, total)))

    assert seen
    assert seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


@pytest.mark.parametrize("cancel_at", [1, 3, 6])
def test_a_rekey_cancelled_from_another_thread_leaves_no_trace(
    prepared: Prepared, journal_dir: Path, settings: Settings, cancel_at: int
) -> None:
    before = snapshot_bytes(journal_dir)
    token = CancelToken()
    reached = threading.Event()
    cancelled = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == cancel_at:
            reached.set()
            assert cancelled.wait(timeout=30)  # the user pressed Cancel meanwhile

    def user() -> None:
        assert reached.wait(timeout=30)
        token.cancel()
        cancelled.set()

    helper = threading.Thread(target=user)
    helper.start()
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        with pytest.raises(Cancelled):
            workspace.rekey(NEW, progress=progress, cancel=token)
        assert not workspace.closed  # nothing happened: it stays usable
        assert workspace.records.get(prepared.sample.relationship_id)
    helper.join()

    after = snapshot_bytes(journal_dir)
    # Opening may checkpoint the WAL into the database; the content is what counts.
    assert {k: v for k, v in after.items() if not k.startswith("journal.db")} == {
        k: v for k, v in before.items() if not k.startswith("journal.db")
    }
    _assert_whole(journal_dir, PASSPHRASE, settings, prepared)


@posix_only
@pytest.mark.parametrize("step", BEFORE_SWITCH + AFTER_SWITCH)
def test_a_rekey_killed_at_any_step_opens_with_exactly_one_passphrase(
    prepared: Prepared, journal_dir: Path, settings: Settings, step: str
) -> None:
    lock_dir = str(settings.lock_dir)
    assert kill_at(step, "rekey", str(journal_dir), lock_dir, PASSPHRASE, NEW)

    expected, refused = (PASSPHRASE, NEW) if step in BEFORE_SWITCH else (NEW, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        workspaces.unlock(journal_dir, refused, settings)
    _assert_whole(journal_dir, expected, settings, prepared)
    with pytest.raises(WrongPassphrase):
        workspaces.unlock(journal_dir, refused, settings)


def test_a_full_disk_midway_through_a_rekey_changes_nothing(
    prepared: Prepared, journal_dir: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = files.atomic_write
    writes: list[Path] = []

    def fills_up(path: Path, data: bytes) -> None:
        writes.append(path)
        if len(writes) == 2:  # the second attachment
            raise DiskFull(path)
        real_write(path, data)

    monkeypatch.setattr(rekey_service, "atomic_write", fills_up)  # what the re-key writes with
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        with pytest.raises(DiskFull):
            workspace.rekey(NEW)
        assert not (journal_dir / ".rekey").exists()
        assert workspace.records.get(prepared.sample.relationship_id)
    monkeypatch.undo()
    _assert_whole(journal_dir, PASSPHRASE, settings, prepared)
