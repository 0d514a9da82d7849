"""``kill -9`` during an import, just before its transaction commits: the journal holds none
of the file's records, opens, passes its check, and takes the same import again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentorjournal.domain import RECORDS
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store import creation
from tests.conftest import OWNER, PASSPHRASE, MovableClock
from tests.export.journal_builder import build_journal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

_IMPORTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from mentorjournal import crypto
    from mentorjournal.services import workspace as workspaces

    settings = workspaces.Settings(lock_dir=Path(sys.argv[2]), kdf=crypto.TEST_PROFILE)
    with workspaces.unlock(Path(sys.argv[1]), sys.argv[3], settings) as workspace:
        workspace.importing.import_json(Path(sys.argv[4]))
    print("imported", flush=True)
    """
)


def test_a_killed_import_leaves_the_journal_as_it_was(
    workspace: Workspace, clock: MovableClock, tmp_path: Path, settings: Settings
):
    build_journal(workspace, clock)
    export = workspace.exports.export_json(tmp_path / "e.json")
    target = tmp_path / "target"
    workspaces.create(target, PASSPHRASE, OWNER, settings)[0].close()
    script = tmp_path / "importer.py"
    script.write_text(_IMPORTER)

    child = subprocess.Popen(
        [sys.executable, str(script), str(target), str(settings.lock_dir), PASSPHRASE, str(export)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, creation.CRASH_HOOK: "import-before-commit"},
    )
    assert child.stdout is not None
    line = child.stdout.readline()  # it waits there until killed
    assert line.strip() == "import-before-commit", child.stderr.read() if child.stderr else ""
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    for stream in (child.stdin, child.stdout, child.stderr):
        if stream is not None:
            stream.close()

    with workspaces.unlock(target, PASSPHRASE, settings) as reopened:
        for kind in RECORDS:
            for trash in (False, True):
                assert reopened.records.list_records(kind, trash=trash) == []
        # The attachment stored before the transaction is a file nobody refers to: harmless.
        assert reopened.verify() == []
        # Imported again, everything is there.
        assert reopened.importing.import_json(export).added == 13
