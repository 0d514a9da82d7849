"""Defect 9, the store half: a journal path the user got wrong ends in a typed error.

A file where the journal folder should be, a path under a file, a folder the user cannot
read, ``backups/`` replaced by a file: each is named by a typed error, never an unexpected
exception, and nothing is changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentorjournal.domain import (
    FolderNotEmpty,
    JournalDamaged,
    JournalExists,
    JournalNotFound,
    JournalReadOnly,
)
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import OWNER, PASSPHRASE, snapshot_bytes
from tests.store.test_disk_errors import Mount, mount  # noqa: F401 - the fixture


def test_a_file_where_the_journal_folder_should_be(tmp_path: Path, settings: Settings) -> None:
    standing = tmp_path / "journal"
    standing.write_text("not a folder")
    with pytest.raises(JournalNotFound):
        workspaces.unlock(standing, PASSPHRASE, settings)
    with pytest.raises(FolderNotEmpty):
        workspaces.create(standing, PASSPHRASE, OWNER, settings)
    assert standing.read_text() == "not a folder"


def test_a_new_journal_needs_a_new_or_empty_folder(
    created: tuple[Workspace, str], journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    with pytest.raises(JournalExists) as raised:
        workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)
    assert not isinstance(raised.value, FolderNotEmpty)
    busy = tmp_path / "notes"
    busy.mkdir()
    (busy / "todo.txt").write_text("mine")
    with pytest.raises(FolderNotEmpty):
        workspaces.create(busy, PASSPHRASE, OWNER, settings)
    assert [p.name for p in busy.iterdir()] == ["todo.txt"]


def test_a_journal_path_under_a_file(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "file").write_text("x")
    under = tmp_path / "file" / "journal"
    with pytest.raises(JournalNotFound):
        workspaces.unlock(under, PASSPHRASE, settings)
    with pytest.raises(JournalReadOnly):
        workspaces.create(under, PASSPHRASE, OWNER, settings)
    with pytest.raises(JournalReadOnly):
        workspaces.create(tmp_path / "file" / "deeper" / "journal", PASSPHRASE, OWNER, settings)
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


@pytest.mark.parametrize("folder", ["backups", "blobs"])
def test_a_journal_folder_replaced_by_a_file_is_damage(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings, folder: str
) -> None:
    created[0].close()
    shutil.rmtree(journal_dir / folder)
    (journal_dir / folder).write_text("a file now")
    before = snapshot_bytes(journal_dir)
    with pytest.raises(JournalDamaged) as raised:
        workspaces.unlock(journal_dir, PASSPHRASE, settings)
    assert raised.value.path == journal_dir / folder
    assert snapshot_bytes(journal_dir) == before


_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from mentorjournal import crypto
    from mentorjournal.domain import MentorJournalError
    from mentorjournal.services import workspace as workspaces

    journal, lock_dir = Path(sys.argv[1]), Path(sys.argv[2])
    passphrase = sys.stdin.read()
    settings = workspaces.Settings(lock_dir=lock_dir, kdf=crypto.TEST_PROFILE)
    try:
        (journal / "journal.key").stat()
    except PermissionError:
        pass
    else:
        print("still privileged")
        sys.exit(0)
    attempts = {
        "unlock": lambda: workspaces.unlock(journal, passphrase, settings),
        "create": lambda: workspaces.create(journal, passphrase, "X", settings),
        "inside": lambda: workspaces.create(journal / "new", passphrase, "X", settings),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
        except MentorJournalError as error:
            print(name, type(error).__name__)
        else:
            print(name, "succeeded")
    """
)


def test_a_journal_folder_the_user_cannot_read(
    created: tuple[Workspace, str], journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    """chmod 000; as root, the check runs in a child without CAP_DAC_OVERRIDE."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.name != "posix":
        pytest.skip("needs util-linux setpriv to drop CAP_DAC_OVERRIDE")
    created[0].close()
    before = snapshot_bytes(journal_dir)
    journal_dir.chmod(0o000)
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    caps = "-dac_override,-dac_read_search"
    command = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"] if os.geteuid() == 0 else []
    try:
        result = subprocess.run(
            [*command, sys.executable, str(script), str(journal_dir), str(settings.lock_dir)],
            input=PASSPHRASE,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        journal_dir.chmod(0o700)
    if result.returncode != 0 and "setpriv" in result.stderr:
        pytest.skip(f"cannot drop capabilities here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    if result.stdout.strip() == "still privileged":
        pytest.skip("the child kept CAP_DAC_OVERRIDE; permissions cannot be tested here")
    assert result.stdout.split("\n")[:3] == [
        "unlock JournalReadOnly",
        "create JournalReadOnly",
        "inside JournalReadOnly",
    ]
    assert snapshot_bytes(journal_dir) == before


def test_a_mount_point_as_the_new_journal_folder_is_a_typed_error(
    tmp_path: Path,
    settings: Settings,
    mount: Mount,  # noqa: F811 - the imported fixture
) -> None:
    """The staged journal cannot be renamed onto a mount point: refused, nothing left."""
    point = mount(tmp_path / "volume", tmpfs_size="8m")
    with pytest.raises(JournalReadOnly):
        workspaces.create(point, PASSPHRASE, OWNER, settings)
    assert list(point.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
