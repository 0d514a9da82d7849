"""Automatic backups take bounded disk space, and the daily one is taken after changes."""

from __future__ import annotations

from pathlib import Path

from mentorjournal.domain import RecordKind
from mentorjournal.services import maintenance
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.backups import journal_size
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.journal import JournalPaths
from tests.conftest import PASSPHRASE, MovableClock
from tests.sample_journal import fill


def _total(folder: Path) -> int:
    return sum(path.stat().st_size for path in maintenance.automatic_backups(folder))


def test_backups_stay_within_count_and_size_bounds(
    workspace: Workspace, clock: MovableClock
) -> None:
    sample = fill(workspace)
    # Attachments make up most of this journal, so every backup is about its full size.
    for index in range(3):
        workspace.records.add_material_file(
            {"relationship_id": sample.relationship_id, "title": f"Plik {index}"},
            f"{index}.bin",
            bytes([index]) * 200_000,
        )
    backups = workspace.path / "backups"
    made = []
    for _ in range(10):
        made.append(workspace.after_changes())
        maintenance.before_upgrade_backup(workspace.journal, 1, clock)
        clock.advance(days=1)

    kept = maintenance.automatic_backups(backups)
    size = journal_size(JournalPaths(workspace.path))
    assert _total(backups) <= maintenance.SIZE_CAP_FACTOR * size
    assert made[-1] in kept  # the newest is always kept
    assert len([p for p in kept if p.name.startswith("daily-")]) <= maintenance.DAILY_KEEP
    assert len([p for p in kept if p.name.startswith("before-")]) <= (
        maintenance.BEFORE_UPGRADE_KEEP
    )
    assert len(kept) < maintenance.DAILY_KEEP + maintenance.BEFORE_UPGRADE_KEEP


def test_the_daily_backup_is_taken_after_the_change_once_a_day(
    workspace: Workspace, clock: MovableClock, tmp_path: Path, settings: Settings
) -> None:
    assert workspace.daily_backup_due()
    entry = workspace.records.add(RecordKind.ENTRY, {"text": "Pierwsza zmiana dnia"})
    daily = workspace.after_changes()
    assert daily is not None
    assert not workspace.daily_backup_due()
    workspace.records.add(RecordKind.ENTRY, {"text": "Druga"})
    assert workspace.after_changes() is None
    clock.advance(days=1)
    assert workspace.daily_backup_due()

    with workspaces.restore(daily, tmp_path / "r", PASSPHRASE, settings) as restored:
        assert restored.records.get(entry.id).id == entry.id  # the change is in it
