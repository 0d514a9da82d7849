"""Defect 8, the init half: ``kill -9`` during creation leaves no journal or a whole one.

A child process creates a journal and is killed at a stage it announces (the test-only
hook ``MENTORJOURNAL_TEST_PAUSE_CREATE``), or once it has finished.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.store import creation
from tests.conftest import OWNER, PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

_CREATOR = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from mentorjournal import crypto
    from mentorjournal.services import workspace as workspaces

    settings = workspaces.Settings(lock_dir=Path(sys.argv[2]), kdf=crypto.TEST_PROFILE)
    workspace, _ = workspaces.create(Path(sys.argv[1]), sys.argv[3], "Anna", settings)
    print("created", flush=True)
    while True:
        time.sleep(60)
    """
)


def _create_and_kill(journal_dir: Path, settings: Settings, tmp_path: Path, stage: str) -> None:
    script = tmp_path / "creator.py"
    script.write_text(_CREATOR)
    env = {**os.environ, creation.CRASH_HOOK: stage}
    child = subprocess.Popen(
        [sys.executable, str(script), str(journal_dir), str(settings.lock_dir), PASSPHRASE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()  # the child waits at the stage until killed
        assert line.strip() in (stage, "created"), child.stderr.read() if child.stderr else ""
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdin, child.stdout, child.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.parametrize("stage", ["after-database", "before-rename"])
@pytest.mark.parametrize("existed", [False, True])
def test_a_killed_creation_leaves_nothing_and_init_can_run_again(
    journal_dir: Path, settings: Settings, tmp_path: Path, stage: str, existed: bool
) -> None:
    if existed:
        journal_dir.mkdir()  # the user made the (empty) folder beforehand
    _create_and_kill(journal_dir, settings, tmp_path, stage)

    if existed:
        assert list(journal_dir.iterdir()) == []
    else:
        assert not journal_dir.exists()
    leftovers = [p for p in journal_dir.parent.iterdir() if p.name.startswith(".")]
    assert leftovers  # the killed creation's staging folder is still there...

    workspace, _ = workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)
    with workspace:
        assert workspace.records.owner_name() == OWNER
    # ...until the next creation removes it.
    assert not [p for p in journal_dir.parent.iterdir() if p.name.startswith(".")]


def test_a_creation_killed_after_it_finished_left_a_whole_journal(
    journal_dir: Path, settings: Settings, tmp_path: Path
) -> None:
    _create_and_kill(journal_dir, settings, tmp_path, "never")
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        assert workspace.records.owner_name() == "Anna"
        assert workspace.verify() == []
