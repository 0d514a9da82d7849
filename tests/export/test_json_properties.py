"""Over generated journals (hypothesis): export, import into a new journal, export again —
the two files are equal, and so is everything the new journal shows."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mentorjournal import crypto
from mentorjournal.domain import (
    RECORDS,
    GoalStatus,
    InvalidValue,
    MeetingFormat,
    Party,
    RecordKind,
    Scope,
)
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import OWNER, PASSPHRASE, MovableClock
from tests.export.test_json_round_trip import everything

# Any text but lone surrogates (no file or database can hold those); Polish letters often.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=["Cs"]), st.sampled_from("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ \n")
    ),
    max_size=30,
)
MOMENTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1))
BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _add(workspace: Workspace, clock: MovableClock, kind: RecordKind, values: dict[str, Any]):
    clock.advance(seconds=7)
    try:
        return workspace.records.add(kind, values).id
    except InvalidValue:  # the journal refuses it: a generated value no user could enter
        return None


def _generate(data: st.DataObject, workspace: Workspace, clock: MovableClock) -> None:
    draw = data.draw
    ids: list[str] = []
    for _ in range(draw(st.integers(1, 2))):
        rel = _add(
            workspace,
            clock,
            RecordKind.RELATIONSHIP,
            {"partner_names": draw(st.sampled_from(["Jan Nowak", "Zoë Łęcka, Ola"]))},
        )
        assert rel is not None
        ids.append(rel)
        if draw(st.booleans()):
            agreement = _add(
                workspace,
                clock,
                RecordKind.AGREEMENT,
                {"relationship_id": rel, "principles": draw(TEXT), "frequency": draw(TEXT)},
            )
            if agreement is not None:
                for party in draw(st.lists(st.sampled_from(Party), max_size=2)):
                    clock.advance(seconds=3)
                    workspace.records.sign_agreement(agreement, party)
        goals = [
            _add(
                workspace,
                clock,
                RecordKind.GOAL,
                {
                    "relationship_id": rel,
                    "title": draw(TEXT) or "cel",
                    "status": draw(st.sampled_from(GoalStatus)),
                    "progress": draw(st.integers(0, 100)),
                    "scope": draw(st.sampled_from(Scope)),
                },
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        goals_made = [goal for goal in goals if goal is not None]
        for _ in range(draw(st.integers(0, 2))):
            session = _add(
                workspace,
                clock,
                RecordKind.SESSION,
                {
                    "relationship_id": rel,
                    "held_at": draw(MOMENTS),
                    "format": draw(st.none() | st.sampled_from(MeetingFormat)),
                    "notes": draw(TEXT),
                    "private_notes": draw(TEXT),
                    "goal_ids": ", ".join(draw(st.lists(st.sampled_from(goals_made))))
                    if goals_made
                    else None,
                },
            )
            if session is not None:
                ids.append(session)
                if draw(st.booleans()):
                    made = _add(
                        workspace,
                        clock,
                        RecordKind.HOMEWORK,
                        {
                            "relationship_id": rel,
                            "title": draw(TEXT) or "zadanie",
                            "session_id": session,
                        },
                    )
                    ids.extend([made] if made else [])
        if draw(st.booleans()):
            clock.advance(seconds=5)
            material = workspace.records.add_material_file(
                {"relationship_id": rel, "title": "plik"}, draw(TEXT) or "plik", draw(st.binary())
            )
            ids.append(material.id)
        entry = _add(workspace, clock, RecordKind.ENTRY, {"relationship_id": rel, "text": "x"})
        ids.extend([entry] if entry else [])
        ids.extend(goals_made)
    # Changes afterwards: earlier text goes into history; some records go to the trash.
    for record_id in draw(st.lists(st.sampled_from(ids), max_size=4)):
        clock.advance(minutes=1)
        field = RECORDS[workspace.records.get(record_id).kind_of_record].text_fields[0]
        with contextlib.suppress(InvalidValue):  # a value no user could enter
            workspace.records.update(record_id, {field: draw(TEXT)})
    for record_id in draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)):
        clock.advance(minutes=1)
        workspace.records.delete(record_id)


@BOUNDED
@given(data=st.data())
def test_any_journal_survives_the_round_trip(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        clock = MovableClock(datetime(2026, 11, 23, 12, 0).astimezone())
        config = Settings(lock_dir=root / "locks", kdf=crypto.TEST_PROFILE, clock=clock)
        source, _key = workspaces.create(root / "source", PASSPHRASE, OWNER, config)
        target, _key = workspaces.create(root / "target", PASSPHRASE, OWNER, config)
        try:
            _generate(data, source, clock)
            first = source.exports.export_json(root / "first.json")
            target.importing.import_json(first)
            second = target.exports.export_json(root / "second.json")

            event(f"records: {min(len(everything(source)) // 5 * 5, 30)}+")
            assert first.read_bytes() == second.read_bytes()
            assert everything(target) == everything(source)
        finally:
            source.close()
            target.close()
