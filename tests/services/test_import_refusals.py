"""A damaged or altered export is refused whole, with the place named, and the journal it was
imported into is left exactly as it was."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorjournal.domain import DiskFull, InvalidValue, MentorJournalError, RecordKind
from mentorjournal.domain.errors import (
    ExportFileInvalid,
    ExportMissingLink,
    ExportUnknownKind,
    NewerExportFormat,
    UserFileNotFound,
)
from mentorjournal.i18n.describe import describe_error
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store import transfer
from tests.conftest import OWNER, PASSPHRASE, MovableClock, files_under
from tests.export.journal_builder import build_journal
from tests.export.test_json_round_trip import everything

Edit = Callable[[dict[str, Any]], None]


@pytest.fixture
def document(workspace: Workspace, clock: MovableClock, tmp_path: Path) -> dict[str, Any]:
    build_journal(workspace, clock)
    out = workspace.exports.export_json(tmp_path / "export.json")
    loaded: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return loaded


@pytest.fixture
def target(tmp_path: Path, settings: Settings):
    """A journal with a record of its own, to show the import leaves it as it was."""
    workspace, _key = workspaces.create(tmp_path / "target", PASSPHRASE, OWNER, settings)
    workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "Ewa Zielińska"})
    yield workspace
    workspace.close()


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


def _set(where: str, value: Any) -> Edit:
    """Set one value, addressed like ``records.goal.0.status``."""

    def edit(document: dict[str, Any]) -> None:
        *parents, last = where.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return edit


def _unknown_kind(document: dict[str, Any]) -> None:
    document["records"]["horoscope"] = []


def _missing_goal(document: dict[str, Any]) -> None:
    document["records"]["goal"] = [
        goal for goal in document["records"]["goal"] if goal["title"] != "Prowadzić bloga"
    ]
    document["history"] = []


def _altered_attachment(document: dict[str, Any]) -> None:
    attachment = next(iter(document["attachments"].values()))
    attachment["data"] = base64.b64encode(b"something else").decode()


def _duplicate_id(document: dict[str, Any]) -> None:
    goals = document["records"]["goal"]
    goals.append(dict(goals[0]))


CASES: list[tuple[str, Edit, type[MentorJournalError], str]] = [
    ("newer version", _set("version", 2), NewerExportFormat, ""),
    ("other format", _set("format", "other-app"), ExportFileInvalid, "format"),
    ("wrong type", _set("records.goal.0.progress", "40"), ExportFileInvalid, "progress"),
    ("out of range", _set("records.goal.0.progress", 101), ExportFileInvalid, "progress"),
    ("unknown value", _set("records.goal.0.status", "done"), ExportFileInvalid, "status"),
    (
        "zone on a meeting",
        _set("records.session.0.held_at", "2026-11-20T17:30:00+01:00"),
        ExportFileInvalid,
        "held_at",
    ),
    ("unknown field", _set("records.goal.0.mood", "good"), ExportFileInvalid, "mood"),
    ("public diary", _set("records.entry.0.scope", "shared"), ExportFileInvalid, "scope"),
    ("unknown kind", _unknown_kind, ExportUnknownKind, "horoscope"),
    ("missing link", _missing_goal, ExportMissingLink, "goal_ids"),
    ("altered attachment", _altered_attachment, ExportFileInvalid, "sha256"),
    ("duplicate id", _duplicate_id, ExportFileInvalid, "id"),
    (
        "history of nothing",
        _set("history.0.record_id", "00000000-0000-4000-8000-000000000000"),
        ExportMissingLink,
        "history",
    ),
]


@pytest.mark.parametrize(
    ("edit", "error", "where"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_damaged_export_is_refused_whole(
    document: dict[str, Any],
    target: Workspace,
    tmp_path: Path,
    edit: Edit,
    error: type[MentorJournalError],
    where: str,
):
    edit(document)
    path = _write(tmp_path, document)
    before = everything(target)
    blobs = files_under(target.path / "blobs")

    with pytest.raises(error) as raised:
        target.importing.import_json(path)

    assert type(raised.value) is error
    assert where in getattr(raised.value, "where", "")
    assert "Nothing was imported" in describe_error(raised.value)
    assert everything(target) == before
    assert files_under(target.path / "blobs") == blobs


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"{",
        b"\xff\xfe not utf-8",
        b'{"format": NaN}',
        b"[]",
        b"[" * 100_000,
        b'{"format": "mentorjournal-export", "format": "x"}',
    ],
    ids=["empty", "truncated", "not utf-8", "NaN", "a list", "deep", "key twice"],
)
def test_what_is_not_an_export_is_refused(target: Workspace, tmp_path: Path, data: bytes):
    path = tmp_path / "broken.json"
    path.write_bytes(data)
    before = everything(target)

    with pytest.raises(ExportFileInvalid):
        target.importing.import_json(path)
    assert everything(target) == before


def test_a_missing_file_is_said_so(target: Workspace, tmp_path: Path):
    with pytest.raises(UserFileNotFound):
        target.importing.import_json(tmp_path / "nowhere.json")


def test_a_second_agreement_for_a_relationship_is_refused(
    document: dict[str, Any], workspace: Workspace, tmp_path: Path
):
    """Into the journal it came from, with the agreement given a new id: the relationship
    would hold two agreements in force, so nothing is imported."""
    agreement = document["records"]["agreement"][0]
    agreement["id"] = "11111111-1111-4111-8111-111111111111"
    before = everything(workspace)

    with pytest.raises(InvalidValue):
        workspace.importing.import_json(_write(tmp_path, document))
    assert everything(workspace) == before


def test_a_failure_while_writing_leaves_no_attachment_behind(
    document: dict[str, Any], target: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The attachments are stored before the records' transaction; if that transaction fails
    (here: the disk fills up), the files it would have referred to are removed again."""

    def disk_full(*args: object, **kwargs: object) -> None:
        raise DiskFull(tmp_path)

    monkeypatch.setattr(transfer, "write_rows", disk_full)
    before = everything(target)
    blobs = files_under(target.path / "blobs")

    with pytest.raises(DiskFull):
        target.importing.import_json(_write(tmp_path, document))
    assert files_under(target.path / "blobs") == blobs
    assert everything(target) == before


def test_a_lone_surrogate_is_refused(document: dict[str, Any], target: Workspace, tmp_path: Path):
    """JSON may escape half of a UTF-16 pair; no journal can store it."""
    document["records"]["goal"][0]["title"] = "\ud800"
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(document), "utf-8")  # ensure_ascii: written as \\ud800

    with pytest.raises(ExportFileInvalid) as raised:
        target.importing.import_json(path)
    assert raised.value.where == "records.goal[0].title"
