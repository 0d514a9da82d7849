"""The JSON export is complete and its import loses nothing: export, import into a new
journal, export again, and both files and everything the journal shows are the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorjournal.domain import RECORDS, Agreement, Material, Party, RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import OWNER, PASSPHRASE, MovableClock
from tests.export.journal_builder import ATTACHMENT, PRIVATE_NOTE, build_journal


def everything(workspace: Workspace) -> dict[str, object]:
    """What a user can see of a journal: every record (trash too), history and attachments."""
    seen: dict[str, object] = {}
    for kind in RECORDS:
        for trash in (False, True):
            for record in workspace.records.list_records(kind, trash=trash):
                seen[record.id] = record
                for field in RECORDS[kind].text_fields:
                    # History ids are the journal's own row numbers: the entries must match.
                    seen[f"{record.id}.{field}"] = [
                        (entry.field, entry.value, entry.replaced_at)
                        for entry in workspace.records.history(record.id, field)
                    ]
                if isinstance(record, Material) and record.attachment_id:
                    seen[f"{record.id}.file"] = workspace.records.read_attachment(record.id)
    return seen


@pytest.fixture
def second(tmp_path: Path, settings: Settings):
    workspace, _key = workspaces.create(tmp_path / "second", PASSPHRASE, OWNER, settings)
    yield workspace
    workspace.close()


def test_round_trip_loses_nothing(
    workspace: Workspace, second: Workspace, clock: MovableClock, tmp_path: Path
):
    built = build_journal(workspace, clock)
    first_file = workspace.exports.export_json(tmp_path / "eksport.json")

    result = second.importing.import_json(first_file)
    again = second.exports.export_json(tmp_path / "again.json")

    assert first_file.read_bytes() == again.read_bytes()
    assert everything(second) == everything(workspace)
    assert (result.added, result.skipped, result.attachments) == (13, 0, 1)
    agreement = second.records.list_records(RecordKind.AGREEMENT)[0]
    assert isinstance(agreement, Agreement)
    assert [(s.party, s.valid) for s in agreement.signatures] == [
        (Party.ME, True),
        (Party.PARTNER, True),
    ]
    assert second.records.read_attachment(built.material_id) == ("plan żółwia.pdf", ATTACHMENT)
    # Imported records are found by search, as if typed here.
    assert [hit.record_id for hit in second.search.search("rozmawialismy")] == [built.session_id]


def test_the_file_is_complete_and_readable(
    workspace: Workspace, clock: MovableClock, tmp_path: Path
):
    built = build_journal(workspace, clock)
    document = json.loads(workspace.exports.export_json(tmp_path / "e.json").read_text("utf-8"))

    assert (document["format"], document["version"]) == ("mentorjournal-export", 1)
    assert document["journal"]["owner_name"] == OWNER
    assert document["journal"]["schema_version"] >= 2
    assert set(document["records"]) == {kind.value for kind in RECORDS}
    session = document["records"]["session"][0]
    assert session["private_notes"] == PRIVATE_NOTE  # complete: a JSON export keeps everything
    assert session["held_at"] == "2026-11-20T17:30:00"  # wall-clock time, no zone
    trashed = [g for g in document["records"]["goal"] if g["deleted_at"] is not None]
    assert [g["title"] for g in trashed] == ["Nauczyć się Rusta"]
    descriptions = [h["value"] for h in document["history"] if h["field"] == "description"]
    assert descriptions == ["Pierwsza wersja"]
    material = next(m for m in document["records"]["material"] if m["id"] == built.material_id)
    assert material["attachment_id"] in document["attachments"]


def test_one_relationship_holds_only_what_belongs_to_it(
    workspace: Workspace, second: Workspace, clock: MovableClock, tmp_path: Path
):
    built = build_journal(workspace, clock)
    out = workspace.exports.export_json(
        tmp_path / "jan.json", relationship_id=built.relationship_id
    )
    document = json.loads(out.read_text("utf-8"))

    assert document["relationship_id"] == built.relationship_id
    assert [r["id"] for r in document["records"]["relationship"]] == [built.relationship_id]
    assert all(
        record["relationship_id"] == built.relationship_id
        for kind, records in document["records"].items()
        if kind != "relationship"
        for record in records
    )
    assert [e["title"] for e in document["records"]["entry"]] == ["Po spotkaniu"]

    second.importing.import_json(out)
    assert [r.id for r in second.records.list_records(RecordKind.RELATIONSHIP)] == [
        built.relationship_id
    ]


def test_importing_twice_adds_nothing_and_changes_nothing(
    workspace: Workspace, second: Workspace, clock: MovableClock, tmp_path: Path
):
    build_journal(workspace, clock)
    out = workspace.exports.export_json(tmp_path / "e.json")
    first = second.importing.import_json(out)
    before = everything(second)

    again = second.importing.import_json(out)

    assert (again.added, again.skipped) == (0, first.added)
    assert everything(second) == before


def test_an_existing_record_is_never_overwritten(
    workspace: Workspace, clock: MovableClock, tmp_path: Path
):
    built = build_journal(workspace, clock)
    out = workspace.exports.export_json(tmp_path / "e.json")
    clock.advance(hours=1)
    changed = workspace.records.update(built.session_id, {"notes": "Nowsza wersja"})

    result = workspace.importing.import_json(out)

    assert result.added == 0
    assert workspace.records.get(built.session_id) == changed
