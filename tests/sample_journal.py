"""A journal with one record of every kind a mentor keeps, for backup and damage tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mentorjournal.domain import Party, Record, RecordKind
from mentorjournal.services.workspace import Workspace

CANARY = "CANARY-ŻÓŁW-5d1e0b"
ATTACHMENT = "Plan rozwoju — wersja 1\nŻółta kartka, część 2.\n".encode()


@dataclass(frozen=True, slots=True)
class Sample:
    relationship_id: str
    material_id: str
    session_id: str


def fill(workspace: Workspace, marker: str = "") -> Sample:
    """Add a relationship with an agreement (signed), goal, session, homework, material with
    an attachment and a diary entry; ``marker`` goes into several text fields."""
    records = workspace.records
    relationship = records.add(
        RecordKind.RELATIONSHIP,
        {"partner_names": "Jan Nowak", "kind": "reverse", "my_role": "mentee", "title": marker},
    )
    rid = relationship.id
    agreement = records.add(
        RecordKind.AGREEMENT,
        {"relationship_id": rid, "frequency": "co dwa tygodnie", "principles": "Szczerość."},
    )
    records.sign_agreement(agreement.id, Party.ME)
    goal = records.add(RecordKind.GOAL, {"relationship_id": rid, "title": "Wystąpienia"})
    session = records.add(
        RecordKind.SESSION,
        {
            "relationship_id": rid,
            "held_at": "2026-11-20T18:30",
            "notes": f"Zażółć gęślą jaźń. {marker}",
            "goal_ids": [goal.id],
        },
    )
    records.add(
        RecordKind.HOMEWORK,
        {"relationship_id": rid, "title": "Przeczytać rozdział", "session_id": session.id},
    )
    material = records.add_material_file(
        {"relationship_id": rid, "title": f"Plan {marker}"}, "plan.txt", ATTACHMENT
    )
    records.add(RecordKind.ENTRY, {"text": f"Dziennik: {marker}", "relationship_id": rid})
    return Sample(rid, material.id, session.id)


def all_records(workspace: Workspace) -> dict[RecordKind, list[Record]]:
    """Every live and trashed record, by kind: what a user would see in the app."""
    return {
        kind: workspace.records.list_records(kind)
        + workspace.records.list_records(kind, trash=True)
        for kind in RecordKind
    }


def corrupt(path: Path, offset: int, length: int = 1) -> None:
    """Invert ``length`` bytes of a file in place, starting at ``offset``."""
    with open(path, "r+b") as handle:
        handle.seek(offset)
        data = handle.read(length)
        handle.seek(offset)
        handle.write(bytes(b ^ 0xFF for b in data))
