"""Defect 5: a journal or a backup whose journal.key asks Argon2id for absurd cost.

Unlocking and restoring refuse it as damage at once, without running the derivation (which
would take hours, or end in an internal error).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal import crypto
from mentorjournal.domain import BackupInvalid, JournalDamaged
from mentorjournal.export import backup_archive
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import PASSPHRASE


def _craft(key_path: Path, iterations: int = 4_000_000) -> None:
    raw = bytearray(key_path.read_bytes())
    raw[26:30] = iterations.to_bytes(4, "big")
    body = bytes(raw[:-32])
    key_path.write_bytes(body + crypto.sha256(body))


@pytest.fixture
def no_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> bytes:
        raise AssertionError("Argon2id ran on crafted parameters")

    monkeypatch.setattr(crypto, "derive_key", refuse)


def test_unlocking_a_journal_with_a_crafted_key_is_refused_as_damaged(
    created: tuple[Workspace, str], journal_dir: Path, settings: Settings, no_argon2: None
) -> None:
    created[0].close()
    _craft(journal_dir / "journal.key")
    with pytest.raises(JournalDamaged) as raised:
        workspaces.unlock(journal_dir, PASSPHRASE, settings)
    assert raised.value.part == "key"


def test_restoring_a_backup_with_a_crafted_key_is_refused(
    workspace: Workspace, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = workspace.backup(tmp_path / "b.mjbackup")
    workspace.close()
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    entries = backup_archive.unpack(backup, unpacked, accept=lambda name: True)
    _craft(unpacked / "journal.key")
    crafted = tmp_path / "crafted.mjbackup"
    backup_archive.pack([(e.name, unpacked / e.name) for e in entries], crafted)

    def refuse(*args: object) -> bytes:
        raise AssertionError("Argon2id ran on crafted parameters")

    monkeypatch.setattr(crypto, "derive_key", refuse)
    with pytest.raises((JournalDamaged, BackupInvalid)):
        workspaces.restore(crafted, tmp_path / "restored", PASSPHRASE, settings)
    assert not (tmp_path / "restored").exists()
