"""Schema upgrades: an encrypted backup first, all or nothing, and newer journals refused."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from sqlalchemy import Connection

from mentorjournal.domain import DiskFull, MigrationFailed, NewerJournalFormat
from mentorjournal.services import maintenance
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store import journal as journal_store
from mentorjournal.store import migrations
from mentorjournal.store.journal import OpenJournal
from tests.conftest import PASSPHRASE, MovableClock, snapshot_bytes
from tests.sample_journal import CANARY, all_records, fill


def _add_mood_column(connection: Connection) -> None:
    connection.exec_driver_sql("ALTER TABLE session ADD COLUMN mood VARCHAR")


def _add_tags_table(connection: Connection) -> None:
    connection.exec_driver_sql("CREATE TABLE tag (id TEXT PRIMARY KEY, name TEXT NOT NULL)")


def _fail_halfway(connection: Connection) -> None:
    connection.exec_driver_sql("DELETE FROM session")
    raise RuntimeError("a bug in this upgrade step")


def _version(journal: OpenJournal) -> int:
    with journal.engine.connect() as connection:
        return migrations.schema_version(connection)


def _tables(journal: OpenJournal) -> set[str]:
    with journal.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(row[0]) for row in rows}


def _without_backups(snapshot: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in snapshot.items() if not name.startswith("backups")}


@pytest.fixture
def old_journal(workspace: Workspace, journal_dir: Path) -> dict[str, list[object]]:
    """A journal of the current schema, closed: 'old' for steps added on top of it."""
    fill(workspace, CANARY)
    records: dict[str, list[object]] = {k.value: list(v) for k, v in all_records(workspace).items()}
    workspace.close()
    return records


def _unlock(
    journal_dir: Path, settings: Settings, steps: tuple[migrations.Migration, ...]
) -> OpenJournal:
    return journal_store.unlock(
        journal_dir,
        PASSPHRASE,
        lock_dir=settings.lock_dir,
        before_migration=maintenance.before_migration_hook(settings.clock),
        steps=steps,
    )


def test_an_older_journal_is_backed_up_encrypted_before_it_is_upgraded(
    old_journal: dict[str, list[object]], journal_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    steps = (*migrations.MIGRATIONS, _add_mood_column)

    with _unlock(journal_dir, settings, steps) as journal:
        assert _version(journal) == migrations.LATEST + 1

    backups = sorted((journal_dir / "backups").iterdir())
    assert [p.name for p in backups] == [
        f"before-upgrade-from-v{migrations.LATEST}-20261123T120000Z.mjbackup"
    ]
    assert CANARY.encode() not in backups[0].read_bytes()
    # The backup holds the journal as it was before the upgrade.
    with workspaces.restore(backups[0], tmp_path / "restored", PASSPHRASE, settings) as restored:
        assert _version(restored.journal) == migrations.LATEST
        assert {k.value: list(v) for k, v in all_records(restored).items()} == old_journal


def test_the_workspace_takes_the_upgrade_backup(
    old_journal: dict[str, list[object]],
    journal_dir: Path,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps = (*migrations.MIGRATIONS, _add_mood_column)
    monkeypatch.setattr(
        journal_store, "unlock", functools.partial(journal_store.unlock, steps=steps)
    )

    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        assert _version(workspace.journal) == migrations.LATEST + 1
        assert {k.value: list(v) for k, v in all_records(workspace).items()} == old_journal

    assert [p.name.split("-20")[0] for p in (journal_dir / "backups").iterdir()] == [
        f"before-upgrade-from-v{migrations.LATEST}"
    ]


def test_an_up_to_date_journal_takes_no_upgrade_backup(
    old_journal: dict[str, list[object]], journal_dir: Path, settings: Settings
) -> None:
    workspaces.unlock(journal_dir, PASSPHRASE, settings).close()
    assert list((journal_dir / "backups").iterdir()) == []


def test_a_failing_step_leaves_the_journal_as_it_was(
    old_journal: dict[str, list[object]], journal_dir: Path, settings: Settings
) -> None:
    before = snapshot_bytes(journal_dir)
    # The first new step succeeds on its own; the second fails after deleting every session.
    steps = (*migrations.MIGRATIONS, _add_tags_table, _fail_halfway)

    with pytest.raises(MigrationFailed) as raised:
        _unlock(journal_dir, settings, steps)

    assert raised.value.version == migrations.LATEST + 2
    assert _without_backups(snapshot_bytes(journal_dir)) == _without_backups(before)
    assert len(list((journal_dir / "backups").iterdir())) == 1
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as workspace:
        assert _version(workspace.journal) == migrations.LATEST
        assert "tag" not in _tables(workspace.journal)
        assert {k.value: list(v) for k, v in all_records(workspace).items()} == old_journal


def test_an_upgrade_whose_backup_fails_does_not_start(
    old_journal: dict[str, list[object]], journal_dir: Path, settings: Settings
) -> None:
    def full_disk(journal: OpenJournal, version: int) -> None:
        raise DiskFull(journal.paths.backups)

    before = snapshot_bytes(journal_dir)
    with pytest.raises(DiskFull):
        journal_store.unlock(
            journal_dir,
            PASSPHRASE,
            lock_dir=settings.lock_dir,
            before_migration=full_disk,
            steps=(*migrations.MIGRATIONS, _add_mood_column),
        )
    assert snapshot_bytes(journal_dir) == before
    workspaces.unlock(journal_dir, PASSPHRASE, settings).close()  # and the lock was released


def test_a_journal_from_a_newer_version_is_refused_untouched(
    old_journal: dict[str, list[object]], journal_dir: Path, settings: Settings
) -> None:
    journal = _unlock(journal_dir, settings, migrations.MIGRATIONS)
    with journal, journal.engine.connect() as connection:
        connection.exec_driver_sql(f"PRAGMA user_version = {migrations.LATEST + 3}")
        connection.commit()
    before = snapshot_bytes(journal_dir)

    with pytest.raises(NewerJournalFormat) as raised:
        workspaces.unlock(journal_dir, PASSPHRASE, settings)

    assert (raised.value.found, raised.value.supported) == (
        migrations.LATEST + 3,
        migrations.LATEST,
    )
    assert snapshot_bytes(journal_dir) == before
    assert list((journal_dir / "backups").iterdir()) == []


def test_upgrade_backups_keep_the_newest_three_and_leave_daily_ones(
    workspace: Workspace, clock: MovableClock
) -> None:
    daily = workspace.ensure_daily_backup()
    made = []
    for hours in (0, 0, 1, 2, 3):  # two within the same second get told apart
        clock.advance(hours=hours)
        made.append(maintenance.before_upgrade_backup(workspace.journal, 1, clock))

    assert len({p.name for p in made}) == 5
    assert made[1].name == "before-upgrade-from-v1-20261123T120000Z-2.mjbackup"
    kept = maintenance.automatic_backups(workspace.path / "backups")
    assert kept == [daily, *made[-3:]]
