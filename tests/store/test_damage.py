"""Damaged, truncated, missing and foreign journal files: a typed error, and no byte changed."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorjournal.domain import (
    JournalDamaged,
    JournalNotFound,
    Material,
    MentorJournalError,
    RecordKind,
    WrongPassphrase,
)
from mentorjournal.domain.problems import Problem, ProblemKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import PASSPHRASE, snapshot_bytes
from tests.sample_journal import ATTACHMENT, Sample, corrupt, fill

PAGE = 4096  # SQLCipher 4's default page size


@pytest.fixture
def closed_journal(created: tuple[Workspace, str], journal_dir: Path) -> Sample:
    """A journal with one record of each kind, locked again."""
    workspace, _ = created
    sample = fill(workspace)
    workspace.close()
    return sample


def _truncate(size: Callable[[int], int], name: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / name
        os.truncate(path, size(path.stat().st_size))

    return damage


def _flip(offset: Callable[[int], int], name: str, length: int = 1) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / name
        corrupt(path, offset(path.stat().st_size), length)

    return damage


def _remove(name: str) -> Callable[[Path], None]:
    return lambda root: (root / name).unlink()


def _plaintext_database(root: Path) -> None:
    (root / "journal.db").unlink()
    connection = sqlite3.connect(root / "journal.db")
    connection.execute("CREATE TABLE relationship (id TEXT, title TEXT)")
    connection.execute("INSERT INTO relationship VALUES ('1', 'Jan Nowak')")
    connection.commit()
    connection.close()


def _garbage_first_page(root: Path) -> None:
    with open(root / "journal.db", "r+b") as handle:
        handle.write(os.urandom(PAGE))


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "key truncated": (_truncate(lambda size: size - 1, "journal.key"), "key"),
    "key cut to nothing": (_truncate(lambda size: 0, "journal.key"), "key"),
    "key magic flipped": (_flip(lambda size: 0, "journal.key"), "key"),
    "key version flipped": (_flip(lambda size: 5, "journal.key"), "key"),
    "key salt flipped": (_flip(lambda size: 40, "journal.key"), "key"),
    "key passphrase slot flipped": (_flip(lambda size: 80, "journal.key"), "key"),
    "key digest flipped": (_flip(lambda size: size - 1, "journal.key"), "key"),
    "key missing": (_remove("journal.key"), "key"),
    "database missing": (_remove("journal.db"), "database"),
    "database empty": (_truncate(lambda size: 0, "journal.db"), "database"),
    "database cut inside its header": (_truncate(lambda size: 100, "journal.db"), "database"),
    "database cut to half": (
        _truncate(lambda size: size // 2 // PAGE * PAGE, "journal.db"),
        "database",
    ),
    "database missing its last page": (
        _truncate(lambda size: size - PAGE, "journal.db"),
        "database",
    ),
    "database salt flipped": (_flip(lambda size: 3, "journal.db"), "database"),
    "database first page garbage": (_garbage_first_page, "database"),
    "database is plaintext SQLite": (_plaintext_database, "database"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damage_is_a_typed_error_and_changes_no_byte(
    closed_journal: Sample, journal_dir: Path, settings: Settings, case: str
) -> None:
    damage, part = DAMAGE[case]
    damage(journal_dir)
    before = snapshot_bytes(journal_dir)

    with pytest.raises(JournalDamaged) as raised:
        workspaces.unlock(journal_dir, PASSPHRASE, settings)
    assert raised.value.part == part
    assert PASSPHRASE not in str(raised.value)
    assert snapshot_bytes(journal_dir) == before

    # The key file is read first: with it intact, a wrong passphrase is told as such.
    expected = JournalDamaged if part == "key" else WrongPassphrase
    with pytest.raises(expected):
        workspaces.unlock(journal_dir, "another passphrase", settings)
    assert snapshot_bytes(journal_dir) == before


def test_a_database_from_another_journal_is_damage(
    closed_journal: Sample, journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    other, _ = workspaces.create(tmp_path / "other", PASSPHRASE, "Other", settings)
    other.close()
    shutil.copyfile(tmp_path / "other" / "journal.db", journal_dir / "journal.db")
    before = snapshot_bytes(journal_dir)

    with pytest.raises(JournalDamaged) as raised:
        workspaces.unlock(journal_dir, PASSPHRASE, settings)

    assert raised.value.part == "database"
    assert snapshot_bytes(journal_dir) == before


def test_wrong_passphrase_and_missing_folders(
    closed_journal: Sample, journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    before = snapshot_bytes(journal_dir)
    with pytest.raises(WrongPassphrase):
        workspaces.unlock(journal_dir, PASSPHRASE.upper(), settings)
    with pytest.raises(WrongPassphrase):
        workspaces.unlock(journal_dir, "", settings)
    assert snapshot_bytes(journal_dir) == before

    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "absent"):
        with pytest.raises(JournalNotFound):
            workspaces.unlock(folder, PASSPHRASE, settings)
    assert list((tmp_path / "empty").iterdir()) == []
    assert not (tmp_path / "absent").exists()


def test_recovery_on_a_damaged_journal_changes_no_byte(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings
) -> None:
    workspace, recovery_key = created
    fill(workspace)
    workspace.close()
    _garbage_first_page(journal_dir)
    before = snapshot_bytes(journal_dir)

    with pytest.raises(JournalDamaged):
        workspaces.recover(journal_dir, recovery_key, "nowe hasło", settings)

    assert snapshot_bytes(journal_dir) == before  # not even the passphrase slot rewritten


def test_sound_journal_verifies_clean(
    closed_journal: Sample, journal_dir: Path, settings: Settings
) -> None:
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        assert workspace.verify() == []


def test_verify_finds_a_bad_page_deep_in_a_big_table(
    workspace: Workspace, journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    sample = fill(workspace)
    paragraph = "Rozmawialiśmy o planach na kolejny kwartał i o tym, co się udało. " * 40
    for day in range(1, 200):
        workspace.records.add(
            RecordKind.SESSION,
            {
                "relationship_id": sample.relationship_id,
                "held_at": "2025-01-01T10:00",
                "notes": f"{day} {paragraph}",
            },
        )
    workspace.close()
    database = journal_dir / "journal.db"
    pages = database.stat().st_size // PAGE
    assert pages > 100
    corrupt(database, (pages * 2 // 3) * PAGE + 200, 64)
    before = snapshot_bytes(journal_dir)

    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as opened:  # unlocking still works
        problems = opened.verify()
        assert problems
        assert all(problem.path == str(database) for problem in problems)
        assert any(
            problem.kind is ProblemKind.DATABASE_PAGES and "HMAC" in problem.detail
            for problem in problems
        )
        assert opened.records.get(sample.relationship_id).id == sample.relationship_id
        # A backup of a damaged journal is refused rather than made of damaged pages.
        with pytest.raises(JournalDamaged) as raised:
            opened.backup(tmp_path / "out" / "journal.mjbackup")
        assert raised.value.path == database
        assert list((tmp_path / "out").iterdir()) == []

    assert snapshot_bytes(journal_dir) == before


def test_verify_finds_a_damaged_and_a_missing_attachment(
    closed_journal: Sample, journal_dir: Path, settings: Settings
) -> None:
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        other = workspace.records.add_material_file(
            {"relationship_id": closed_journal.relationship_id, "title": "Drugi"}, "b.txt", b"b"
        )
        first = workspace.records.get(closed_journal.material_id)
    assert isinstance(first, Material)
    assert isinstance(other, Material)
    assert first.attachment_id
    assert other.attachment_id
    damaged_id, missing_id = first.attachment_id, other.attachment_id
    corrupt(journal_dir / "blobs" / damaged_id, 10)
    (journal_dir / "blobs" / missing_id).unlink()
    before = snapshot_bytes(journal_dir)

    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        problems = workspace.verify()
        assert len(problems) == 2
        assert {(p.kind, Path(p.path).name) for p in problems} == {
            (ProblemKind.ATTACHMENT_DAMAGED, damaged_id),
            (ProblemKind.ATTACHMENT_MISSING, missing_id),
        }
        with pytest.raises(JournalDamaged) as raised:
            workspace.records.read_attachment(closed_journal.material_id)
        assert raised.value.part == "attachment"
        assert workspace.records.get(closed_journal.relationship_id)  # the rest still reads

    assert snapshot_bytes(journal_dir) == before


def test_a_damaged_key_file_is_reported_by_verify(workspace: Workspace, journal_dir: Path) -> None:
    corrupt(journal_dir / "journal.key", 100)
    assert workspace.verify() == [
        Problem(
            kind=ProblemKind.KEY_FILE_DAMAGED,
            path=str(journal_dir / "journal.key"),
            detail="JournalDamaged",
        )
    ]


def test_errors_carry_no_secret(
    closed_journal: Sample, journal_dir: Path, settings: Settings
) -> None:
    caught: list[MentorJournalError] = []
    for passphrase in (PASSPHRASE + "x", PASSPHRASE):
        try:
            workspaces.unlock(journal_dir, passphrase, settings).close()
        except MentorJournalError as failure:
            caught.append(failure)
    _garbage_first_page(journal_dir)
    with pytest.raises(JournalDamaged) as raised:
        workspaces.unlock(journal_dir, PASSPHRASE, settings)
    caught.append(raised.value)
    for error in caught:
        text = f"{error!s} {error!r} {error.args}"
        assert PASSPHRASE not in text
        assert ATTACHMENT.decode() not in text
