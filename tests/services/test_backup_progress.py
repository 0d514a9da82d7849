"""Backup, restore and verify report progress up to their total and can be cancelled from
another thread midway, leaving everything as it was."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorjournal.domain import Cancelled, CancelToken
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import PASSPHRASE, snapshot_bytes
from tests.sample_journal import fill

Progress = Callable[[int, int], None]


class Recorder:
    def __init__(self) -> None:
        self.seen: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.seen.append((done, total))

    def reached_total(self) -> bool:
        return bool(self.seen) and self.seen[-1][0] == self.seen[-1][1] > 0


class UserCancels:
    """Another thread cancels as soon as the operation reports its first progress."""

    def __init__(self) -> None:
        self.token = CancelToken()
        self._reached = threading.Event()
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._user)
        self._thread.start()

    def progress(self, done: int, total: int) -> None:
        if not self._reached.is_set():
            self._reached.set()
            assert self._cancelled.wait(timeout=30)

    def _user(self) -> None:
        assert self._reached.wait(timeout=30)
        self.token.cancel()
        self._cancelled.set()

    def join(self) -> None:
        self._thread.join(timeout=30)


def _with_attachments(workspace: Workspace) -> None:
    sample = fill(workspace)
    for index in range(3):
        workspace.records.add_material_file(
            {"relationship_id": sample.relationship_id, "title": f"P{index}"},
            f"{index}.bin",
            bytes([index]) * 50_000,
        )


def test_backup_reports_progress_and_a_cancel_leaves_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    _with_attachments(workspace)
    out = tmp_path / "out"
    out.mkdir()
    (out / "kopia.mjbackup").write_bytes(b"an older file the user keeps")
    recorder = Recorder()
    workspace.backup(tmp_path / "first.mjbackup", progress=recorder)
    assert recorder.reached_total()

    user = UserCancels()
    with pytest.raises(Cancelled):
        workspace.backup(out / "kopia.mjbackup", progress=user.progress, cancel=user.token)
    user.join()
    assert snapshot_bytes(out) == {"kopia.mjbackup": b"an older file the user keeps"}


def test_restore_reports_progress_and_a_cancel_leaves_nothing(
    workspace: Workspace, tmp_path: Path, settings: Settings
) -> None:
    _with_attachments(workspace)
    backup = workspace.backup(tmp_path / "kopia.mjbackup")
    recorder = Recorder()
    workspaces.restore(backup, tmp_path / "ok", PASSPHRASE, settings, progress=recorder).close()
    assert recorder.reached_total()

    user = UserCancels()
    target = tmp_path / "new" / "restored"
    with pytest.raises(Cancelled):
        workspaces.restore(
            backup, target, PASSPHRASE, settings, progress=user.progress, cancel=user.token
        )
    user.join()
    assert not (tmp_path / "new").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_verify_reports_progress_and_a_cancel_changes_nothing(
    workspace: Workspace, journal_dir: Path
) -> None:
    _with_attachments(workspace)
    recorder = Recorder()
    assert workspace.verify(progress=recorder) == []
    assert recorder.reached_total()

    before = snapshot_bytes(journal_dir)
    user = UserCancels()
    with pytest.raises(Cancelled):
        workspace.verify(progress=user.progress, cancel=user.token)
    user.join()
    assert snapshot_bytes(journal_dir) == before
