"""Journals written by earlier versions keep opening, with every record exactly as it was.

``tests/data/journal-v1`` was made by ``tests/data/make_journal_v1.py`` with version 0.1 and is
never regenerated. Later versions may add fields and upgrade the schema; every value below
must still read back the same.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from mentorjournal.domain import (
    RECORDS,
    Assignee,
    GoalStatus,
    HomeworkStatus,
    Kind,
    MeetingFormat,
    Party,
    RecordKind,
    Role,
    Scope,
    Stage,
    WrongPassphrase,
)
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store import migrations
from mentorjournal.store.database import SQLITE_PLAINTEXT_HEADER

DATA = Path(__file__).resolve().parent.parent / "data" / "journal-v1"
PASSPHRASE = "Stary dziennik — żółta łódź 2026"
RECOVERY_KEY = "FSP2-G2NV-7HHT-JWG7-CDF5-MOK4-DZCU-FUBQ-3O5B-IEG7-EYRD-EWU5-GGB5-GX5A"

RELATIONSHIP = "eccc8d20-a21b-4c6b-b5d3-f4a3fcc17016"
AGREEMENT = "f4b35cfe-e839-43cf-9403-6f338d681fe1"
GOAL = "a8056a1b-a89d-4c35-90d1-1acc81483a6e"
SESSION = "a7e53b76-29a4-4a22-9808-e55a92c9af6d"
HOMEWORK = "0f97db3b-abd5-4a5f-b328-43b8bf977673"
MATERIAL = "f6e4a8cd-3929-429d-8328-bfc702430011"
ENTRY = "859bc1da-3b4c-4d70-8c7d-bd7728aa15af"
BLOB = "76dde1c8-dc14-4407-be25-07e930f95e94"


def _at(minute: int) -> datetime:
    return datetime(2026, 10, 15, 20, minute, tzinfo=UTC)


def _record(record_id: str, created: int, updated: int, **fields: Any) -> dict[str, Any]:
    common = {"id": record_id, "created_at": _at(created), "updated_at": _at(updated)}
    return {**common, "deleted_at": None, "scope": Scope.SHARED, **fields}


EXPECTED: dict[RecordKind, dict[str, Any]] = {
    RecordKind.RELATIONSHIP: _record(
        RELATIONSHIP,
        2,
        2,
        title="Mentoring z Janem",
        partner_names=("Jan Nowak",),
        my_role=Role.MENTEE,
        kind=Kind.REVERSE,
        focus_areas=("przywództwo", "wystąpienia publiczne"),
        stage=Stage.ACTIVE,
        started_on=date(2026, 9, 1),
        ended_on=None,
        interval_days=14,
    ),
    RecordKind.AGREEMENT: _record(
        AGREEMENT,
        3,
        3,
        relationship_id=RELATIONSHIP,
        meeting_format=MeetingFormat.HYBRID,
        frequency="co dwa tygodnie",
        location="",
        tools="Signal, tablica",
        duration="6 miesięcy",
        confidentiality="Wszystko zostaje między nami.",
        mentor_expectations="",
        mentee_expectations="",
        principles="Szczerość, punktualność, ciekawość.",
        notes="",
        version=1,
        signed_by=("Anna Kowalska", "Jan Nowak"),
    ),
    RecordKind.GOAL: _record(
        GOAL,
        6,
        6,
        relationship_id=RELATIONSHIP,
        title="Pewność siebie podczas wystąpień",
        description="Mówić **spokojnie** przed dużą salą.",
        success_criteria="Prezentacja na konferencji bez notatek",
        target_date=date(2027, 3, 31),
        status=GoalStatus.OPEN,
        progress=40,
        outcome_note="",
    ),
    RecordKind.SESSION: _record(
        SESSION,
        7,
        8,
        relationship_id=RELATIONSHIP,
        held_at=datetime(2026, 10, 15, 18, 30),
        duration_minutes=60,
        format=MeetingFormat.ONLINE,
        agenda="Przegląd celów",
        notes="Zażółć gęślą jaźń — omówiliśmy źródła stresu.",
        private_notes="Muszę być cierpliwsza.",
        takeaways="- oddychać\n- zwolnić",
        goal_ids=(GOAL,),
    ),
    RecordKind.HOMEWORK: _record(
        HOMEWORK,
        9,
        9,
        relationship_id=RELATIONSHIP,
        title="Nagrać 5-minutowe wystąpienie",
        details="Nagranie telefonem, bez poprawek.",
        assignee=Assignee.MENTEE,
        due_date=date(2026, 10, 29),
        status=HomeworkStatus.DONE,
        done_on=date(2026, 10, 27),
        session_id=SESSION,
        goal_id=GOAL,
    ),
    RecordKind.MATERIAL: _record(
        MATERIAL,
        10,
        11,
        relationship_id=RELATIONSHIP,
        title="Książka: Sztuka wystąpień",
        url="",
        note="Rozdział 3.",
        attachment_id=BLOB,
        attachment_name="notatki-żółw.txt",
        attachment_size=36,
    ),
    RecordKind.ENTRY: {
        **_record(ENTRY, 12, 12, relationship_id=RELATIONSHIP),
        "scope": Scope.PRIVATE,
        "title": "Po pierwszej sesji",
        "text": "Czuję, że to dobry początek. Źdźbło nadziei.",
    },
}


@pytest.fixture
def old_copy(tmp_path: Path) -> Path:
    """A private copy: opening may upgrade the schema, and the committed files stay as made."""
    copy = tmp_path / "journal-v1"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("README.md"))
    return copy


@pytest.fixture
def opened(old_copy: Path, settings: Settings) -> Iterator[Workspace]:
    workspace = workspaces.unlock(old_copy, PASSPHRASE, settings)
    yield workspace
    workspace.close()


def test_the_committed_files_are_encrypted_and_cleanly_closed() -> None:
    assert sorted(p.name for p in DATA.iterdir()) == [
        "README.md",
        "blobs",
        "journal.db",
        "journal.key",
    ]
    assert (DATA / "journal.db").read_bytes()[:16] != SQLITE_PLAINTEXT_HEADER
    assert [p.name for p in (DATA / "blobs").iterdir()] == [BLOB]
    for path in (DATA / "journal.db", DATA / "journal.key", DATA / "blobs" / BLOB):
        assert "Zażółć".encode() not in path.read_bytes()


def test_every_record_reads_back_exactly(opened: Workspace) -> None:
    assert opened.records.owner_name() == "Anna Kowalska"
    for kind, expected in EXPECTED.items():
        live = opened.records.list_records(kind)
        assert len(live) == 1, kind
        actual = {name: getattr(live[0], name) for name in expected}
        assert actual == expected, kind
    assert opened.records.list_records(RecordKind.REFLECTION) == []
    for kind in RecordKind:
        assert opened.records.list_records(kind, trash=True) == []


def test_signatures_history_attachment_and_search_still_work(opened: Workspace) -> None:
    agreement = opened.records.get(AGREEMENT)
    signatures = agreement.signatures  # type: ignore[attr-defined]
    assert [(s.party, s.name, s.signed_at, s.valid) for s in signatures] == [
        (Party.ME, "Anna Kowalska", _at(4), True),
        (Party.PARTNER, "Jan Nowak", _at(5), True),
    ]
    history = opened.records.history(SESSION, "notes")
    assert [(h.value, h.replaced_at) for h in history] == [("Pierwsza wersja notatek.", _at(8))]
    assert opened.records.read_attachment(MATERIAL) == (
        "notatki-żółw.txt",
        "Żółw idzie powoli, ale dochodzi.\n".encode(),
    )
    assert [hit.record_id for hit in opened.search.search("zazolc gesla")] == [SESSION]
    assert opened.verify() == []


def test_an_old_journal_takes_new_records_and_reopens(
    opened: Workspace, old_copy: Path, settings: Settings
) -> None:
    entry = opened.records.add(RecordKind.ENTRY, {"text": "Nowy wpis w starym dzienniku."})
    opened.close()
    with workspaces.unlock(old_copy, PASSPHRASE, settings) as again:
        assert again.records.get(entry.id).id == entry.id
        assert again.records.get(SESSION).id == SESSION


def test_the_old_recovery_key_and_wrong_passphrases(old_copy: Path, settings: Settings) -> None:
    with pytest.raises(WrongPassphrase):
        workspaces.unlock(old_copy, "Stary dziennik", settings)
    with workspaces.recover(old_copy, RECOVERY_KEY, "nowe hasło", settings) as recovered:
        assert recovered.records.get(RELATIONSHIP).id == RELATIONSHIP
    workspaces.unlock(old_copy, "nowe hasło", settings).close()


def _schema(workspace: Workspace) -> list[tuple[str, str, str]]:
    with workspace.journal.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            " ORDER BY type, name"
        ).all()
    return [(row[0], row[1], row[2] or "") for row in rows]


def test_version_1_upgrades_to_the_latest_schema_after_an_encrypted_backup(
    old_copy: Path, settings: Settings, tmp_path: Path
) -> None:
    with workspaces.unlock(old_copy, PASSPHRASE, settings) as upgraded:
        with upgraded.journal.engine.connect() as connection:
            assert migrations.schema_version(connection) == migrations.LATEST
        migrated_schema = _schema(upgraded)
    backups = sorted((old_copy / "backups").iterdir())
    assert [p.name for p in backups] == ["before-upgrade-from-v1-20261123T120000Z.mjbackup"]
    assert "Zażółć".encode() not in backups[0].read_bytes()
    assert b"zazolc" not in backups[0].read_bytes()

    # The journal a new install makes has exactly the schema the upgrade produced.
    fresh, _ = workspaces.create(tmp_path / "fresh", PASSPHRASE, "X", settings)
    with fresh:
        assert _schema(fresh) == migrated_schema
    assert any("prefix='1 2 3'" in sql for _, name, sql in migrated_schema if name == "search_fts")


def test_every_record_is_found_again_after_the_index_was_rebuilt(opened: Workspace) -> None:
    """The migration re-indexed each record from its table, title and text alike."""
    for kind, expected in EXPECTED.items():
        title = getattr(opened.records.get(expected["id"]), RECORDS[kind].title_field)
        assert title, kind
        hits = [hit.record_id for hit in opened.search.search(title)]
        assert expected["id"] in hits, kind
    # Short prefixes, served by the new prefix index, find the same records as whole words.
    for query in ("z", "za", "zaz", "zazolc"):
        assert SESSION in [hit.record_id for hit in opened.search.search(query)], query
