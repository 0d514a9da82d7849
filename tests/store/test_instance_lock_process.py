"""The second-instance lock belongs to a process: when that process dies, the lock goes too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentorjournal.domain import JournalInUse
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
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
