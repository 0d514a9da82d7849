"""Defect 2: automatic backups and a passphrase change, interrupted or not.

Automatic backups carry no key file of their own; they open through the journal's current
``journal.key``, so a passphrase change is one atomic write and no backup keeps a key that
the old passphrase opens. A daily backup killed midway leaves no key copy, is reported by
``verify`` and is removed at the next unlock.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentorjournal.domain import WrongPassphrase
from mentorjournal.domain.problems import ProblemKind
from mentorjournal.export import backup_archive
from mentorjournal.services import maintenance
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import PASSPHRASE, MovableClock
from tests.sample_journal import Sample, fill
from tests.services.crash_helpers import kill_at, posix_only

NEW = "zupełnie nowe hasło"


def _names(backup: Path) -> list[str]:
    return [entry.name for entry in backup_archive.inspect(backup)]


@pytest.fixture
def with_backups(workspace: Workspace, clock: MovableClock) -> Sample:
    """A journal with today's daily backup, a before-upgrade one and one made by an
    earlier version (with its own key file), then closed."""
    sample = fill(workspace)
    workspace.after_changes()
    maintenance.before_upgrade_backup(workspace.journal, 1, clock)
    legacy = workspace.path / "backups" / "daily-2026-11-01.mjbackup"
    maintenance.backup(workspace.journal, legacy, clock)  # with journal.key, as before
    assert "journal.key" in _names(legacy)
    workspace.close()
    return sample


def _opens(backup: Path, passphrase: str, settings: Settings, target: Path) -> bool:
    try:
        workspaces.restore(backup, target, passphrase, settings).close()
    except WrongPassphrase:
        assert not target.exists()
        return False
    shutil.rmtree(target)
    return True


def test_automatic_backups_hold_no_key_and_open_with_the_current_passphrase(
    workspace: Workspace, clock: MovableClock, tmp_path: Path, settings: Settings
) -> None:
    fill(workspace)
    daily = workspace.after_changes()
    upgrade = maintenance.before_upgrade_backup(workspace.journal, 1, clock)
    assert daily is not None

    for backup in (daily, upgrade):
        assert "journal.key" not in _names(backup)
        assert _opens(backup, PASSPHRASE, settings, tmp_path / "r")
    workspace.change_passphrase(NEW)
    for backup in (daily, upgrade):
        assert not _opens(backup, PASSPHRASE, settings, tmp_path / "r")
        assert _opens(backup, NEW, settings, tmp_path / "r")


@posix_only
@pytest.mark.parametrize(
    ("step", "valid"), [("passwd:prepared", PASSPHRASE), ("passwd:switched", NEW)]
)
def test_a_passwd_killed_midway_leaves_one_passphrase_for_journal_and_backups(
    with_backups: Sample,
    journal_dir: Path,
    tmp_path: Path,
    settings: Settings,
    step: str,
    valid: str,
) -> None:
    other = NEW if valid == PASSPHRASE else PASSPHRASE
    assert kill_at(step, "passwd", str(journal_dir), str(settings.lock_dir), PASSPHRASE, NEW)

    with pytest.raises(WrongPassphrase):
        workspaces.unlock(journal_dir, other, settings)
    with workspaces.unlock(journal_dir, valid, settings) as opened:
        assert opened.records.get(with_backups.relationship_id)
        assert opened.verify() == []
    backups = maintenance.automatic_backups(journal_dir / "backups")
    assert len(backups) == 3
    for index, backup in enumerate(backups):
        # No backup's key copy can open the current journal.db with the old passphrase.
        assert "journal.key" not in _names(backup)
        assert _opens(backup, valid, settings, tmp_path / f"valid-{index}")
        assert not _opens(backup, other, settings, tmp_path / f"other-{index}")


@posix_only
def test_a_daily_backup_killed_midway_leaves_no_key_and_is_cleaned_at_the_next_unlock(
    workspace: Workspace, journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    fill(workspace)
    workspace.close()
    assert kill_at(
        "backup:snapshot", "daily-backup", str(journal_dir), str(settings.lock_dir), PASSPHRASE
    )
    backups = journal_dir / "backups"
    left = [path for path in backups.iterdir() if path.name.startswith(".")]
    assert left  # the staging folder of the killed backup
    assert not [path for path in backups.rglob("*") if path.name == "journal.key"]
    aside = tmp_path / "aside"
    shutil.copytree(backups, aside)

    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as opened:
        assert list(backups.iterdir()) == []  # cleaned on unlock
        assert opened.verify() == []
        # Until then verify reports it: put the leftover back while the journal is open.
        shutil.copytree(aside / left[0].name, left[0])
        problems = opened.verify()
        assert [(p.kind, p.path) for p in problems] == [
            (ProblemKind.LEFTOVER_STAGING, str(left[0]))
        ]
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as opened:
        assert opened.verify() == []
        assert opened.after_changes() is not None  # and the day's backup is taken after all


def test_a_passphrase_change_takes_key_copies_out_of_old_backups_first(
    with_backups: Sample, journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as opened:
        opened.change_passphrase(NEW)

    legacy = journal_dir / "backups" / "daily-2026-11-01.mjbackup"
    assert "journal.key" not in _names(legacy)
    assert not _opens(legacy, PASSPHRASE, settings, tmp_path / "old")
    assert _opens(legacy, NEW, settings, tmp_path / "new")
