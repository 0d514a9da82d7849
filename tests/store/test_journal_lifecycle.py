"""Creating, unlocking, locking and re-keying a real SQLCipher journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.domain import (
    InvalidRecoveryKey,
    JournalExists,
    JournalInUse,
    JournalNotFound,
    RecordKind,
    WrongPassphrase,
    WrongRecoveryKey,
)
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.database import SQLITE_PLAINTEXT_HEADER
from tests.conftest import OWNER, PASSPHRASE, files_under, snapshot_bytes


def _add_relationship(workspace: Workspace, partner: str = "Jan Nowak") -> str:
    record = workspace.records.add(
        RecordKind.RELATIONSHIP, {"partner_names": partner, "kind": "reverse", "my_role": "mentee"}
    )
    return record.id


def test_created_journal_is_encrypted_and_reopens(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings
) -> None:
    workspace, recovery_key = created
    relationship_id = _add_relationship(workspace)
    workspace.close()

    assert (journal_dir / "journal.db").read_bytes()[:16] != SQLITE_PLAINTEXT_HEADER
    assert (journal_dir / "journal.key").stat().st_size == 202
    assert len(recovery_key.split("-")) == 14

    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as again:
        assert again.records.get(relationship_id).id == relationship_id
        assert again.records.owner_name() == OWNER


def test_wrong_passphrase_is_refused_and_changes_no_byte(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings
) -> None:
    workspace, _ = created
    _add_relationship(workspace)
    workspace.close()
    before = snapshot_bytes(journal_dir)

    with pytest.raises(WrongPassphrase):
        workspaces.unlock(journal_dir, "Zazolc gesla jazn 42", settings)

    assert snapshot_bytes(journal_dir) == before


def test_passphrase_is_compared_after_unicode_normalisation(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings
) -> None:
    created[0].close()
    import unicodedata

    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    workspaces.unlock(journal_dir, decomposed, settings).close()


def test_second_instance_is_refused_until_the_first_closes(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings
) -> None:
    workspace, _ = created
    with pytest.raises(JournalInUse):
        workspaces.unlock(journal_dir, PASSPHRASE, settings)
    workspace.close()
    workspaces.unlock(journal_dir, PASSPHRASE, settings).close()


def test_creating_over_an_existing_journal_is_refused(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings
) -> None:
    created[0].close()
    before = snapshot_bytes(journal_dir)
    with pytest.raises(JournalExists):
        workspaces.create(journal_dir, "other", "Someone", settings)
    assert snapshot_bytes(journal_dir) == before


def test_unlocking_a_folder_without_a_journal_says_not_found(
    tmp_path: Path, settings: Settings
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(JournalNotFound):
        workspaces.unlock(empty, PASSPHRASE, settings)
    with pytest.raises(JournalNotFound):
        workspaces.unlock(tmp_path / "missing", PASSPHRASE, settings)


def test_changing_the_passphrase_rewraps_without_reencrypting(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings
) -> None:
    workspace, recovery_key = created
    relationship_id = _add_relationship(workspace)
    workspace.close()
    database_before = (journal_dir / "journal.db").read_bytes()

    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as opened:
        opened.change_passphrase("nowe hasło")

    assert (journal_dir / "journal.db").read_bytes() == database_before
    with pytest.raises(WrongPassphrase):
        workspaces.unlock(journal_dir, PASSPHRASE, settings)
    with workspaces.unlock(journal_dir, "nowe hasło", settings) as reopened:
        assert reopened.records.get(relationship_id).id == relationship_id
    # The recovery key survives a passphrase change.
    workspaces.recover(journal_dir, recovery_key, "po odzyskaniu", settings).close()


def test_recovery_key_sets_a_new_passphrase(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings
) -> None:
    workspace, recovery_key = created
    relationship_id = _add_relationship(workspace)
    workspace.close()

    typed = recovery_key.lower().replace("-", " ")
    with workspaces.recover(journal_dir, typed, "odzyskane hasło", settings) as recovered:
        assert recovered.records.get(relationship_id).id == relationship_id
    with pytest.raises(WrongPassphrase):
        workspaces.unlock(journal_dir, PASSPHRASE, settings)
    workspaces.unlock(journal_dir, "odzyskane hasło", settings).close()


def test_mistyped_and_foreign_recovery_keys_are_told_apart(
    created: tuple[Workspace, str], journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    workspace, recovery_key = created
    workspace.close()
    other, other_key = workspaces.create(tmp_path / "other", "x", "Other", settings)
    other.close()
    before = snapshot_bytes(journal_dir)

    mistyped = ("B" if recovery_key[0] != "B" else "C") + recovery_key[1:]
    with pytest.raises(InvalidRecoveryKey):
        workspaces.recover(journal_dir, mistyped, "new", settings)
    with pytest.raises(WrongRecoveryKey):
        workspaces.recover(journal_dir, other_key, "new", settings)
    assert snapshot_bytes(journal_dir) == before


def test_canary_never_appears_in_any_journal_file(
    created: tuple[Workspace, str], journal_dir: Path
) -> None:
    workspace, _ = created
    canary = "CANARY-ŻÓŁW-7f3a9c"
    relationship_id = _add_relationship(workspace, partner=canary)
    session = workspace.records.add(
        RecordKind.SESSION,
        {"relationship_id": relationship_id, "held_at": "2026-11-20T10:00", "notes": canary},
    )
    workspace.records.update(session.id, {"notes": "replaced"})  # the canary moves to history
    workspace.records.add(RecordKind.ENTRY, {"text": canary, "title": canary})
    workspace.records.add_material_file(
        {"relationship_id": relationship_id, "title": canary}, "notes.txt", canary.encode()
    )
    assert workspace.search.search("canary")
    needles = [canary.encode("utf-8"), canary.encode("utf-16-le"), b"CANARY"]
    for path in files_under(journal_dir):
        data = path.read_bytes()
        assert not any(needle in data for needle in needles), path
    workspace.close()
    for path in files_under(journal_dir):
        assert b"CANARY" not in path.read_bytes(), path
