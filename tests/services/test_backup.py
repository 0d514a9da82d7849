"""Encrypted backups and restore, as a user meets them: same records back, nothing leaks."""

from __future__ import annotations

import errno
import time
from pathlib import Path

import pytest

from mentorjournal.domain import (
    BackupInvalid,
    DiskFull,
    JournalDamaged,
    JournalExists,
    JournalNotFound,
    RecordKind,
    WrongPassphrase,
)
from mentorjournal.export import backup_archive
from mentorjournal.services import maintenance
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.database import SQLITE_PLAINTEXT_HEADER
from tests.conftest import PASSPHRASE, MovableClock, files_under, snapshot_bytes
from tests.sample_journal import ATTACHMENT, CANARY, all_records, corrupt, fill


def test_restore_gives_back_the_same_records_and_attachments(
    workspace: Workspace, tmp_path: Path, settings: Settings
) -> None:
    sample = fill(workspace, "Wiśniewska")
    trashed = workspace.records.delete(sample.session_id)
    before = all_records(workspace)
    owner = workspace.records.owner_name()
    backup = workspace.backup(tmp_path / "out" / "journal.mjbackup")
    workspace.close()

    with workspaces.restore(backup, tmp_path / "restored", PASSPHRASE, settings) as restored:
        assert all_records(restored) == before
        assert restored.records.get(trashed.id).deleted_at is not None
        assert restored.records.read_attachment(sample.material_id) == ("plan.txt", ATTACHMENT)
        assert restored.records.owner_name() == owner
        assert [hit.record_id for hit in restored.search.search("wisniewska")]
        assert restored.verify() == []
        assert restored.path == tmp_path / "restored"

    assert sorted(p.name for p in (tmp_path / "restored").iterdir()) == [
        "backups",
        "blobs",
        "journal.db",
        "journal.key",
    ]
    assert list((tmp_path / "out").iterdir()) == [backup]  # no staging left beside it


def test_the_passphrase_of_backup_time_opens_the_backup(
    workspace: Workspace, tmp_path: Path, settings: Settings
) -> None:
    sample = fill(workspace)
    backup = workspace.backup(tmp_path / "journal.mjbackup")
    workspace.change_passphrase("nowe hasło")
    workspace.close()
    target = tmp_path / "restored"

    with pytest.raises(WrongPassphrase):
        workspaces.restore(backup, target, "nowe hasło", settings)
    assert not target.exists()

    with workspaces.restore(backup, target, PASSPHRASE, settings) as restored:
        assert restored.records.get(sample.relationship_id).id == sample.relationship_id


def test_the_original_and_its_restored_copy_open_side_by_side(
    workspace: Workspace, tmp_path: Path, settings: Settings
) -> None:
    sample = fill(workspace)
    backup = workspace.backup(tmp_path)  # a folder: the backup gets a dated name in it
    assert backup.parent == tmp_path
    assert backup.name.endswith(".mjbackup")

    with workspaces.restore(backup, tmp_path / "copy", PASSPHRASE, settings) as restored:
        workspace.records.update(sample.session_id, {"notes": "only in the original"})
        assert restored.records.get(sample.session_id) != workspace.records.get(sample.session_id)


@pytest.mark.parametrize("damage", ["truncate", "flip-start", "flip-middle", "flip-end"])
def test_a_damaged_backup_is_refused_and_leaves_nothing(
    workspace: Workspace, tmp_path: Path, settings: Settings, damage: str
) -> None:
    fill(workspace)
    backup = workspace.backup(tmp_path / "journal.mjbackup")
    size = backup.stat().st_size
    if damage == "truncate":
        with open(backup, "r+b") as handle:
            handle.truncate(size - 1000)
    else:
        offset = {"flip-start": 9, "flip-middle": size // 2, "flip-end": size - 1}[damage]
        corrupt(backup, offset)
    empty = tmp_path / "empty"
    empty.mkdir()

    with pytest.raises(BackupInvalid):
        workspaces.restore(backup, tmp_path / "new" / "restored", PASSPHRASE, settings)
    with pytest.raises(BackupInvalid):
        workspaces.restore(backup, empty, PASSPHRASE, settings)

    assert not (tmp_path / "new").exists()
    assert list(empty.iterdir()) == []


def test_restore_never_writes_into_a_folder_with_files(
    workspace: Workspace, journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    backup = workspace.backup(tmp_path / "journal.mjbackup")
    workspace.close()
    before = snapshot_bytes(journal_dir)

    with pytest.raises(JournalExists):
        workspaces.restore(backup, journal_dir, PASSPHRASE, settings)
    with pytest.raises(JournalNotFound):
        workspaces.restore(tmp_path / "no-such.mjbackup", tmp_path / "x", PASSPHRASE, settings)

    assert snapshot_bytes(journal_dir) == before
    assert not (tmp_path / "x").exists()


def test_a_backup_file_holds_no_plaintext(workspace: Workspace, tmp_path: Path) -> None:
    fill(workspace, CANARY)
    workspace.records.add(RecordKind.ENTRY, {"text": CANARY * 50})
    backup = workspace.backup(tmp_path / "journal.mjbackup")

    data = backup.read_bytes()
    for needle in (CANARY.encode(), CANARY.encode("utf-16-le"), b"CANARY", ATTACHMENT[:12]):
        assert needle not in data
    assert SQLITE_PLAINTEXT_HEADER not in data
    assert b"Anna Kowalska" not in data


def test_a_full_disk_while_packing_leaves_no_staging_and_no_file(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(workspace)
    out = tmp_path / "out"
    out.mkdir()

    def disk_full(entries: object, target: Path, **options: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_archive, "pack", disk_full)
    with pytest.raises(DiskFull) as raised:
        workspace.backup(out / "journal.mjbackup")

    assert raised.value.path == out / "journal.mjbackup"
    assert list(out.iterdir()) == []  # the staged snapshot is gone too


def test_daily_backups_once_a_local_day_keeping_the_newest_seven(
    workspace: Workspace, clock: MovableClock, tmp_path: Path, settings: Settings
) -> None:
    sample = fill(workspace)
    backups = workspace.path / "backups"
    (backups / "my-own-copy.mjbackup").write_bytes(b"not ours to delete")

    first = workspace.ensure_daily_backup()
    assert first is not None
    assert first.parent == backups
    assert workspace.ensure_daily_backup() is None
    clock.advance(minutes=5)
    assert workspace.ensure_daily_backup() is None

    made = [first]
    for _ in range(9):
        clock.advance(days=1)
        made.append(workspace.ensure_daily_backup())  # type: ignore[arg-type]

    kept = maintenance.automatic_backups(backups)
    assert kept == made[-7:]
    assert len({p.name for p in made}) == 10
    assert (backups / "my-own-copy.mjbackup").read_bytes() == b"not ours to delete"

    with workspaces.restore(kept[-1], tmp_path / "from-daily", PASSPHRASE, settings) as restored:
        assert restored.records.get(sample.relationship_id).id == sample.relationship_id


def test_daily_backups_follow_the_local_day(workspace: Workspace, clock: MovableClock) -> None:
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("TZ", "Pacific/Auckland")  # UTC+13 in November
            time.tzset()
            clock.now = clock.now.replace(hour=9)  # 22:00 in Auckland
            first = workspace.ensure_daily_backup()
            clock.advance(hours=3)  # 01:00 the next local day, still the same UTC day
            second = workspace.ensure_daily_backup()
    finally:
        time.tzset()
    assert first is not None
    assert second is not None
    assert first.name == "daily-2026-11-23.mjbackup"
    assert second.name == "daily-2026-11-24.mjbackup"


def test_backup_files_contain_only_journal_files(workspace: Workspace, tmp_path: Path) -> None:
    fill(workspace)
    workspace.ensure_daily_backup()
    (workspace.path / "blobs" / "stray.txt").write_bytes(b"not an attachment")

    backup = workspace.backup(tmp_path / "journal.mjbackup")

    names = [entry.name for entry in backup_archive.inspect(backup)]
    assert names[:2] == ["journal.db", "journal.key"]
    assert len(names) == 3
    assert names[2].startswith("blobs/")
    assert not any(name.startswith("backups") for name in names)
    assert all(path.is_file() for path in files_under(tmp_path))


def test_after_a_passphrase_change_no_automatic_backup_opens_with_the_old_one(
    created: tuple[Workspace, str], tmp_path: Path, settings: Settings, clock: MovableClock
) -> None:
    workspace, recovery_key = created
    sample = fill(workspace)
    exported = workspace.backup(tmp_path / "exported.mjbackup")
    exported_bytes = exported.read_bytes()
    daily = workspace.ensure_daily_backup()
    assert daily is not None
    upgrade = maintenance.before_upgrade_backup(workspace.journal, 1, clock)
    damaged = workspace.path / "backups" / "daily-2026-11-01.mjbackup"
    damaged.write_bytes(daily.read_bytes()[:-1])

    workspace.change_passphrase("nowe hasło")

    assert maintenance.automatic_backups(workspace.path / "backups") == [daily, upgrade]
    for index, backup in enumerate([daily, upgrade]):
        with pytest.raises(WrongPassphrase):
            workspaces.restore(backup, tmp_path / f"old-{index}", PASSPHRASE, settings)
        with workspaces.restore(backup, tmp_path / f"new-{index}", "nowe hasło", settings) as r:
            assert r.records.get(sample.relationship_id).id == sample.relationship_id
    # A backup the user exported keeps the passphrase of its time, byte for byte.
    assert exported.read_bytes() == exported_bytes
    workspace.close()

    workspaces.recover(workspace.path, recovery_key, "po odzyskaniu", settings).close()
    with pytest.raises(WrongPassphrase):
        workspaces.restore(daily, tmp_path / "after-recovery-old", "nowe hasło", settings)
    workspaces.restore(daily, tmp_path / "after-recovery", "po odzyskaniu", settings).close()


def test_a_rebuilt_backup_missing_an_attachment_is_refused(
    workspace: Workspace, tmp_path: Path, settings: Settings
) -> None:
    fill(workspace)
    backup = workspace.backup(tmp_path / "journal.mjbackup")
    parts = tmp_path / "parts"
    parts.mkdir()
    entries = backup_archive.unpack(backup, parts)
    kept = [(e.name, parts / e.name) for e in entries if not e.name.startswith("blobs/")]
    backup_archive.pack(kept, tmp_path / "no-blobs.mjbackup")
    backup_archive.pack(kept[1:], tmp_path / "no-database.mjbackup")

    with pytest.raises(JournalDamaged) as raised:
        workspaces.restore(tmp_path / "no-blobs.mjbackup", tmp_path / "a", PASSPHRASE, settings)
    assert raised.value.part == "attachment"
    with pytest.raises(BackupInvalid):
        workspaces.restore(tmp_path / "no-database.mjbackup", tmp_path / "b", PASSPHRASE, settings)

    assert not (tmp_path / "a").exists()
    assert not (tmp_path / "b").exists()
