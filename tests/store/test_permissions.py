"""Defect 4: every file of a journal is its owner's alone (0600), every folder 0700.

Each test runs under a umask of 0, so only the modes the code asks for protect the files.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.safe_files import atomic_writer
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.store import instance_lock
from tests.conftest import OWNER, PASSPHRASE
from tests.sample_journal import fill
from tests.store.test_old_journals import DATA as OLD_JOURNAL
from tests.store.test_old_journals import PASSPHRASE as OLD_PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


@pytest.fixture(autouse=True)
def no_umask() -> Iterator[None]:
    previous = os.umask(0)
    yield
    os.umask(previous)


def _modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def _assert_private(root: Path) -> None:
    for name, mode in _modes(root).items():
        expected = 0o700 if (root / name).is_dir() else 0o600
        assert mode == expected, f"{name}: {oct(mode)}"


def test_every_file_of_a_journal_is_0600_and_every_folder_0700(
    journal_dir: Path, settings: Settings, tmp_path: Path
) -> None:
    workspace, _ = workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)
    with workspace:
        fill(workspace)  # an attachment, the database's -wal and -shm while open
        workspace.ensure_daily_backup()
        assert (journal_dir / "journal.db-wal").exists()
        _assert_private(journal_dir)
        exported = workspace.backup(tmp_path / "exported.mjbackup")
        workspace.change_passphrase("nowe hasło")
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    _assert_private(journal_dir)
    assert {p.name for p in (journal_dir / "backups").iterdir()}  # the backup was checked


def test_an_existing_folder_is_tightened_on_create_and_on_unlock(
    journal_dir: Path, settings: Settings
) -> None:
    journal_dir.mkdir(mode=0o755)
    workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)[0].close()
    _assert_private(journal_dir)

    # As an older version left it: world-readable folder and files.
    for path in [journal_dir, *journal_dir.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    workspaces.unlock(journal_dir, PASSPHRASE, settings).close()
    _assert_private(journal_dir)


def test_a_restored_journal_is_private(
    workspace: workspaces.Workspace, settings: Settings, tmp_path: Path
) -> None:
    fill(workspace)
    backup = workspace.backup(tmp_path / "b.mjbackup")
    with workspaces.restore(backup, tmp_path / "restored", PASSPHRASE, settings):
        _assert_private(tmp_path / "restored")


def test_the_fallback_lock_file_and_its_folder_are_private(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    journal.mkdir()
    lock = instance_lock.InstanceLock(journal, tmp_path / "locks", folder_lock=False)
    lock.acquire()
    try:
        _assert_private(tmp_path / "locks")
    finally:
        lock.release()


def test_safe_files_write_0600_by_default(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic_writer(target) as handle:
        handle.write(b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_upgraded_old_journal_and_its_upgrade_backup_are_private(
    tmp_path: Path, settings: Settings
) -> None:
    old = tmp_path / "journal-v1"
    shutil.copytree(OLD_JOURNAL, old, ignore=shutil.ignore_patterns("README.md"))
    for path in [old, *old.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    workspaces.unlock(old, OLD_PASSPHRASE, settings).close()
    assert list((old / "backups").iterdir())  # the before-upgrade backup was taken
    _assert_private(old)
