"""The sessions of a relationship as calendar events: stable UIDs, floating local times,
the agenda's first line as the summary, the shared notes (never the private ones)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar

from mentorjournal.domain import RecordKind
from mentorjournal.services.workspace import Workspace
from tests.conftest import MovableClock
from tests.export.journal_builder import PRIVATE_NOTE, build_journal


def _events(path: Path) -> list[Any]:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_sessions_become_events(workspace: Workspace, clock: MovableClock, tmp_path: Path):
    built = build_journal(workspace, clock)
    workspace.records.add(
        RecordKind.SESSION,
        {"relationship_id": built.relationship_id, "held_at": "2026-12-04T09:00"},
    )
    out, count = workspace.exports.export_ics(tmp_path / "jan.ics", built.relationship_id)

    events = sorted(_events(out), key=lambda e: e.decoded("dtstart"))
    assert count == 2
    first, second = events
    assert first["uid"] == f"{built.session_id}@mentorjournal.invalid"
    assert first.decoded("dtstart") == datetime(2026, 11, 20, 17, 30)  # floating: no zone
    assert first.decoded("duration") == timedelta(minutes=50)
    assert str(first["summary"]) == "Pierwsze spotkanie: cele"
    assert "i o czasie" in str(first["description"])
    assert PRIVATE_NOTE not in out.read_text("utf-8")
    assert str(second["summary"]).startswith("Mentoring session: ")  # no agenda to name it
    assert second.decoded("duration") == timedelta(hours=1)
    assert "description" not in second


def test_a_re_export_keeps_each_uid_and_marks_the_change(
    workspace: Workspace, clock: MovableClock, tmp_path: Path
):
    built = build_journal(workspace, clock)
    before = _events(workspace.exports.export_ics(tmp_path / "a.ics", built.relationship_id)[0])
    clock.advance(days=1)
    workspace.records.update(built.session_id, {"agenda": "Nowy plan"})
    after = _events(workspace.exports.export_ics(tmp_path / "b.ics", built.relationship_id)[0])

    assert [e["uid"] for e in after] == [e["uid"] for e in before]
    assert str(after[0]["summary"]) == "Nowy plan"
    assert after[0].decoded("last-modified") > before[0].decoded("last-modified")


def test_sessions_in_the_trash_are_left_out(
    workspace: Workspace, clock: MovableClock, tmp_path: Path
):
    built = build_journal(workspace, clock)
    workspace.records.delete(built.session_id)
    out, count = workspace.exports.export_ics(tmp_path / "a.ics", built.relationship_id)
    assert (count, _events(out)) == (0, [])
