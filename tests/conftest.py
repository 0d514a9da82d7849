"""Shared fixtures: isolated folders, a fast Argon2id profile and a clock tests can move.

Fixtures build upward: settings -> journal folder -> workspace (services of an unlocked,
real SQLCipher journal). Nothing here fakes the cipher.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentorjournal import crypto
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace

PASSPHRASE = "Zażółć gęślą jaźń 42"
OWNER = "Anna Kowalska"


class MovableClock:
    """A clock for tests: starts at a fixed moment and moves only when told."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep settings, data, caches and locks of every test inside its own tmp_path."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "user" / "runtime"))
    monkeypatch.delenv("MENTORJOURNAL_PASSPHRASE", raising=False)
    monkeypatch.delenv("MENTORJOURNAL_NEW_PASSPHRASE", raising=False)


# The time every test starts at (child processes of crash tests use it too).
TEST_NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(TEST_NOW)


@pytest.fixture
def settings(tmp_path: Path, clock: MovableClock) -> Settings:
    return Settings(lock_dir=tmp_path / "locks", kdf=crypto.TEST_PROFILE, clock=clock)


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def created(journal_dir: Path, settings: Settings) -> Iterator[tuple[Workspace, str]]:
    """A new journal, unlocked, with the recovery key it was created with."""
    workspace, recovery_key = workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)
    yield workspace, recovery_key
    workspace.close()


@pytest.fixture
def workspace(created: tuple[Workspace, str]) -> Workspace:
    return created[0]


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def snapshot_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes, to prove that nothing changed."""
    return {str(path.relative_to(root)): path.read_bytes() for path in files_under(root)}
