"""Defect 8, the restore half: a restore killed midway leaves no half-restored journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import PASSPHRASE
from tests.sample_journal import ATTACHMENT, all_records, fill
from tests.services.crash_helpers import kill_at, posix_only


@posix_only
@pytest.mark.parametrize("step", ["restore:unpacked", "restore:checked"])
@pytest.mark.parametrize("target_exists", [False, True], ids=["new folder", "empty folder"])
def test_a_restore_killed_midway_leaves_no_journal_and_a_retry_works(
    workspace: Workspace, tmp_path: Path, settings: Settings, step: str, target_exists: bool
) -> None:
    sample = fill(workspace)
    before = all_records(workspace)
    backup = workspace.backup(tmp_path / "kopia.mjbackup")
    workspace.close()
    target = tmp_path / "restored"
    if target_exists:
        target.mkdir()

    assert kill_at(step, "restore", str(target), str(settings.lock_dir), str(backup), PASSPHRASE)

    # Nothing that opens: the folder is absent or still empty, the staging hidden beside it.
    assert (list(target.iterdir()) == []) if target_exists else not target.exists()
    hidden = [p for p in tmp_path.iterdir() if p.name.startswith(".restored.restoring-")]
    assert len(hidden) == 1
    with workspaces.restore(backup, target, PASSPHRASE, settings) as restored:
        assert all_records(restored) == before
        assert restored.records.read_attachment(sample.material_id) == ("plan.txt", ATTACHMENT)
        assert restored.verify() == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
