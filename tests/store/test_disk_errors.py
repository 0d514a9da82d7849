"""Read-only folders and full disks: a typed error, and the journal's data left intact.

Tests run as root, for whom chmod stops nothing. So a read-only folder is a real read-only
bind mount, a permission error comes from a child process without CAP_DAC_OVERRIDE, and a
full disk is SQLite's own SQLITE_FULL (``max_page_count``) or a real, tiny tmpfs. Where the
sandbox forbids mounting, those tests are skipped with the reason.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from mentorjournal.domain import DiskFull, JournalDamaged, JournalReadOnly, RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.files import atomic_write, mapped_os_errors, os_error_to_domain, read_file
from tests.conftest import OWNER, PASSPHRASE, files_under, snapshot_bytes
from tests.sample_journal import all_records, fill

Mount = Callable[..., Path]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture
def mount() -> Iterator[Mount]:
    """Mount a folder read-only onto itself, or a tmpfs of a given size; skip if not allowed."""
    mounted: list[Path] = []

    def do(folder: Path, *, read_only: bool = False, tmpfs_size: str | None = None) -> Path:
        if os.name != "posix" or shutil.which("mount") is None or os.geteuid() != 0:
            pytest.skip("mounting needs Linux, the mount command and root")
        folder.mkdir(parents=True, exist_ok=True)
        steps: list[tuple[str, ...]] = [
            ("mount", "-t", "tmpfs", "-o", f"size={tmpfs_size},mode=0700", "tmpfs")
            if tmpfs_size is not None
            else ("mount", "--bind", str(folder))
        ]
        if read_only:
            steps.append(("mount", "-o", "remount,bind,ro"))
        for index, step in enumerate(steps):
            result = _run(*step, str(folder))
            if result.returncode != 0:
                if index:
                    _run("umount", str(folder))
                pytest.skip(f"this sandbox does not allow mounting: {result.stderr.strip()}")
            if index == 0:
                mounted.append(folder)
        return folder

    yield do
    for folder in reversed(mounted):
        result = _run("umount", str(folder))
        assert result.returncode == 0, result.stderr


def _closed_journal(root: Path, settings: Settings) -> None:
    workspace, _ = workspaces.create(root, PASSPHRASE, OWNER, settings)
    with workspace:
        fill(workspace)


# -- read-only folders --------------------------------------------------------------------


def test_a_journal_on_a_read_only_mount_is_refused_unchanged(
    tmp_path: Path, settings: Settings, mount: Mount
) -> None:
    _closed_journal(tmp_path / "media" / "journal", settings)
    before = snapshot_bytes(tmp_path / "media")
    mount(tmp_path / "media", read_only=True)

    with pytest.raises(JournalReadOnly):
        workspaces.unlock(tmp_path / "media" / "journal", PASSPHRASE, settings)
    with pytest.raises(JournalReadOnly):
        workspaces.create(tmp_path / "media" / "another", PASSPHRASE, OWNER, settings)

    assert snapshot_bytes(tmp_path / "media") == before


def test_writes_into_read_only_folders_fail_typed_and_leave_nothing(
    workspace: Workspace, journal_dir: Path, tmp_path: Path, settings: Settings, mount: Mount
) -> None:
    sample = fill(workspace)
    records = all_records(workspace)
    blobs_before = snapshot_bytes(journal_dir / "blobs")
    backup = workspace.backup(tmp_path / "journal.mjbackup")
    mount(journal_dir / "blobs", read_only=True)
    shelf = mount(tmp_path / "shelf", read_only=True)

    with pytest.raises(JournalReadOnly):
        workspace.records.add_material_file(
            {"relationship_id": sample.relationship_id, "title": "Nowy"}, "n.txt", b"new"
        )
    with pytest.raises(JournalReadOnly) as raised:
        workspace.backup(shelf / "journal.mjbackup")
    assert raised.value.path == shelf / "journal.mjbackup"
    with pytest.raises(JournalReadOnly):
        workspaces.restore(backup, shelf / "restored", PASSPHRASE, settings)

    assert all_records(workspace) == records  # no material without its attachment
    assert snapshot_bytes(journal_dir / "blobs") == blobs_before
    assert list(shelf.iterdir()) == []


_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from mentorjournal import crypto
    from mentorjournal.domain import MentorJournalError
    from mentorjournal.services import workspace as workspaces

    journal, locked, lock_dir = (Path(arg) for arg in sys.argv[1:4])
    passphrase = sys.stdin.read()
    settings = workspaces.Settings(lock_dir=lock_dir, kdf=crypto.TEST_PROFILE)
    try:
        open(locked / "probe", "xb")
    except PermissionError:
        pass
    else:
        print("still privileged")
        sys.exit(0)
    attempts = {
        "unlock": lambda: workspaces.unlock(journal, passphrase, settings),
        "create": lambda: workspaces.create(locked / "new", passphrase, "X", settings),
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


def test_permission_denied_is_a_read_only_journal(tmp_path: Path, settings: Settings) -> None:
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.name != "posix":
        pytest.skip("needs util-linux setpriv to drop CAP_DAC_OVERRIDE")
    journal = tmp_path / "journal"
    _closed_journal(journal, settings)
    locked = tmp_path / "locked"
    locked.mkdir()
    before = snapshot_bytes(journal)
    for path in [journal, *journal.rglob("*")]:
        path.chmod(0o500 if path.is_dir() else 0o400)
    locked.chmod(0o500)
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    caps = "-dac_override,-dac_read_search"

    result = subprocess.run(
        [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", sys.executable]
        + [str(path) for path in (script, journal, locked, settings.lock_dir)],
        input=PASSPHRASE,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    if result.returncode != 0 and "setpriv" in result.stderr:
        pytest.skip(f"cannot drop capabilities here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    if result.stdout.strip() == "still privileged":
        pytest.skip("the child kept CAP_DAC_OVERRIDE; permissions cannot be tested here")
    assert result.stdout.split("\n")[:2] == ["unlock JournalReadOnly", "create JournalReadOnly"]
    assert PASSPHRASE not in result.stdout + result.stderr
    assert snapshot_bytes(journal) == before
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EROFS, JournalReadOnly),
        (errno.EACCES, JournalReadOnly),
        (errno.EPERM, JournalReadOnly),
        (errno.ENOSPC, DiskFull),
        (errno.EDQUOT, DiskFull),
    ],
)
def test_os_errors_map_to_typed_errors(
    code: int, expected: type[Exception], tmp_path: Path
) -> None:
    error = OSError(code, os.strerror(code))
    mapped = os_error_to_domain(error, tmp_path)
    assert isinstance(mapped, expected)
    with pytest.raises(expected) as raised, mapped_os_errors(tmp_path / "x"):
        raise error
    assert raised.value.__cause__ is error
    assert raised.value.path == tmp_path / "x"  # type: ignore[attr-defined]


def test_other_os_errors_pass_through(tmp_path: Path) -> None:
    assert os_error_to_domain(OSError(errno.EIO, "I/O error"), tmp_path) is None
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "no-such-folder" / "file", b"data")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(JournalDamaged) as raised:
        read_file(tmp_path / "missing.key", part="key")
    assert raised.value.part == "key"


# -- full disks ---------------------------------------------------------------------------


def _limit_pages(workspace: Workspace, extra_pages: int = 0) -> None:
    """Make SQLite report SQLITE_FULL once the database would grow: its real full-disk path."""
    engine = workspace.journal.engine
    with engine.connect() as connection:
        pages = int(connection.exec_driver_sql("PRAGMA page_count").scalar_one())
    engine.dispose()  # pooled connections are made again, each with the limit

    @event.listens_for(engine, "connect")
    def _limit(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + extra_pages}")


def test_sqlite_full_is_disk_full_and_keeps_earlier_data(
    workspace: Workspace, journal_dir: Path, settings: Settings
) -> None:
    sample = fill(workspace)
    records = all_records(workspace)
    _limit_pages(workspace)

    with pytest.raises(DiskFull) as raised:
        workspace.records.add(
            RecordKind.SESSION,
            {"relationship_id": sample.relationship_id, "held_at": "2026-11-21T10:00"}
            | {"notes": "Długa notatka. " * 20_000},
        )

    assert raised.value.path == journal_dir / "journal.db"
    assert all_records(workspace) == records
    workspace.close()
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as reopened:
        assert all_records(reopened) == records
        assert reopened.verify() == []


def test_a_real_full_disk(tmp_path: Path, settings: Settings, mount: Mount) -> None:
    small = mount(tmp_path / "small", tmpfs_size="2m")
    root = small / "journal"
    workspace, _ = workspaces.create(root, PASSPHRASE, OWNER, settings)
    sample = fill(workspace)
    notes = "".join(f"{i:06d} Rozmowa o celach i postępach. " for i in range(3_000))
    added = 0
    with pytest.raises(DiskFull):  # noqa: PT012 - fill the disk until it is full
        for _ in range(100):
            workspace.records.add(
                RecordKind.SESSION,
                {"relationship_id": sample.relationship_id, "held_at": "2026-11-21T10:00"}
                | {"notes": notes},
            )
            added += 1
    assert added > 0
    records = all_records(workspace)
    with pytest.raises(DiskFull):
        workspace.records.add_material_file(
            {"relationship_id": sample.relationship_id, "title": "Duży"}, "big.bin", bytes(10**6)
        )
    with pytest.raises(DiskFull):
        workspace.backup(small / "journal.mjbackup")
    assert all_records(workspace) == records
    workspace.close()
    assert not [p for p in files_under(small) if p.name.startswith(".")]  # no temporaries
    assert not (small / "journal.mjbackup").exists()

    with workspaces.unlock(root, PASSPHRASE, settings) as reopened:
        assert all_records(reopened) == records
        assert len(reopened.records.list_records(RecordKind.SESSION)) == added + 1
        assert reopened.verify() == []
