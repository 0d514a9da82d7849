"""The second-instance lock belongs to a process and to the journal folder itself.

When the process dies, the lock goes too; another path to the same folder, or another user
cache folder, meets the same lock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentorjournal import crypto
from mentorjournal.domain import JournalInUse, JournalReadOnly
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.instance_lock import InstanceLock
from tests.conftest import PASSPHRASE

_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from mentorjournal import crypto
    from mentorjournal.services import workspace as workspaces

    journal, lock_dir = Path(sys.argv[1]), Path(sys.argv[2])
    settings = workspaces.Settings(lock_dir=lock_dir, kdf=crypto.TEST_PROFILE)
    workspace = workspaces.unlock(journal, sys.stdin.readline().rstrip("\\n"), settings)
    print("unlocked", flush=True)
    while True:
        time.sleep(60)
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_the_lock_is_released_when_its_process_is_killed(
    created: tuple[Workspace, str], journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    created[0].close()
    script = tmp_path / "holder.py"
    script.write_text(_HOLDER)
    holder = subprocess.Popen(
        [sys.executable, str(script), str(journal_dir), str(settings.lock_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdin is not None
        assert holder.stdout is not None
        holder.stdin.write(PASSPHRASE + "\n")
        holder.stdin.close()
        line = holder.stdout.readline()  # blocks until the child holds the journal
        assert line == "unlocked\n", holder.stderr.read() if holder.stderr else ""

        with pytest.raises(JournalInUse):
            workspaces.unlock(journal_dir, PASSPHRASE, settings)

        holder.send_signal(signal.SIGKILL)  # no cleanup code runs: only the OS frees the lock
        assert holder.wait(timeout=30) == -signal.SIGKILL
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        for stream in (holder.stdout, holder.stderr):
            if stream is not None:
                stream.close()

    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        assert workspace.verify() == []


_CLI_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from mentorjournal import crypto
    from mentorjournal.services.locations import default_lock_dir
    from mentorjournal.services import workspace as workspaces

    settings = workspaces.Settings(lock_dir=default_lock_dir(), kdf=crypto.TEST_PROFILE)
    workspace = workspaces.unlock(Path(sys.argv[1]), sys.stdin.readline().rstrip("\\n"), settings)
    print("unlocked", flush=True)
    while True:
        time.sleep(60)
    """
)


@pytest.mark.skipif(os.name != "posix", reason="the folder lock and SIGKILL are POSIX")
def test_the_lock_follows_the_journal_not_its_path_or_the_cache_folder(
    created: tuple[Workspace, str], journal_dir: Path, tmp_path: Path
) -> None:
    """Defect 7: another XDG_CACHE_HOME, or a symlink to the folder, met the same lock."""
    created[0].close()
    script = tmp_path / "cli_holder.py"
    script.write_text(_CLI_HOLDER)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache-of-the-holder")}
    holder = subprocess.Popen(
        [sys.executable, str(script), str(journal_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    elsewhere = Settings(lock_dir=tmp_path / "cache-of-this-one", kdf=crypto.TEST_PROFILE)
    link = tmp_path / "link-to-journal"
    link.symlink_to(journal_dir, target_is_directory=True)
    try:
        assert holder.stdin is not None
        assert holder.stdout is not None
        holder.stdin.write(PASSPHRASE + "\n")
        holder.stdin.close()
        line = holder.stdout.readline()
        assert line == "unlocked\n", holder.stderr.read() if holder.stderr else ""

        with pytest.raises(JournalInUse):
            workspaces.unlock(journal_dir, PASSPHRASE, elsewhere)
        with pytest.raises(JournalInUse):
            workspaces.unlock(link, PASSPHRASE, elsewhere)

        holder.send_signal(signal.SIGKILL)
        assert holder.wait(timeout=30) == -signal.SIGKILL
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        for stream in (holder.stdout, holder.stderr):
            if stream is not None:
                stream.close()

    with workspaces.unlock(link, PASSPHRASE, elsewhere) as workspace:
        assert workspace.verify() == []
        with pytest.raises(JournalInUse):  # in one process too: the folder, not the path
            workspaces.unlock(journal_dir, PASSPHRASE, elsewhere)


@pytest.mark.skipif(os.name != "posix", reason="the folder lock is POSIX")
def test_the_folder_lock_leaves_no_file_anywhere(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings
) -> None:
    """Nothing appears in a synced journal folder, nor in the user's cache folder."""
    names = {p.name for p in journal_dir.iterdir()}
    assert names <= {
        "journal.db",
        "journal.db-wal",
        "journal.db-shm",
        "journal.key",
        "blobs",
        "backups",
    }
    assert not settings.lock_dir.exists()
    assert not [p for p in journal_dir.parent.iterdir() if p.name.startswith(".")]


def test_the_fallback_lock_refuses_a_second_holder_and_frees_on_release(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    journal.mkdir()
    first = InstanceLock(journal, tmp_path / "locks", folder_lock=False)
    second = InstanceLock(journal, tmp_path / "locks", folder_lock=False)
    first.acquire()
    with pytest.raises(JournalInUse):
        second.acquire()
    first.release()
    first.release()  # twice is harmless
    second.acquire()
    second.release()


def test_a_lock_folder_that_cannot_be_created_is_a_typed_error(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    journal.mkdir()
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    lock = InstanceLock(journal, tmp_path / "cache" / "locks", folder_lock=False)
    with pytest.raises(JournalReadOnly):
        lock.acquire()


def test_create_and_unlock_hold_the_fallback_lock_too(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where folders cannot be locked (Windows), the lock file in the cache folder serves."""
    monkeypatch.setattr("mentorjournal.store.instance_lock.FOLDER_LOCKS", False)
    journal_dir = tmp_path / "journal"
    workspace, _ = workspaces.create(journal_dir, PASSPHRASE, "X", settings)
    with workspace:
        with pytest.raises(JournalInUse):
            workspaces.unlock(journal_dir, PASSPHRASE, settings)
        assert {p.suffix for p in settings.lock_dir.iterdir()} == {".lock"}
    with workspaces.unlock(journal_dir, PASSPHRASE, settings), pytest.raises(JournalInUse):
        workspaces.unlock(journal_dir, PASSPHRASE, settings)
