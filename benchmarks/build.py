"""Build the benchmark's journal through the public services, and describe what it holds."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.corpus import Scale, Writer, check_vocabulary, plant, planted_counts
from mentorjournal.domain import Party, RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace

PASSPHRASE = "Zażółć gęślą jaźń — benchmark"  # noqa: S105  (a throwaway journal)
OWNER = "Anna Kowalska"
MANIFEST = "manifest.json"


@dataclass(slots=True)
class Manifest:
    """What was built, so that a later run can reuse the journal and know the answers."""

    scale: float
    seed: int
    relationship_ids: list[str]
    rare_counts: dict[str, int]
    build_seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def save(self, folder: Path) -> None:
        (folder / MANIFEST).write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        path = folder / MANIFEST
        if not path.exists():
            return None
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls(**raw)


class Progress:
    """A line on standard error at each quarter of a long step."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0
        self.started = time.perf_counter()

    def step(self) -> None:
        self.done += 1
        if self.done * 4 // self.total != (self.done - 1) * 4 // self.total:
            elapsed = time.perf_counter() - self.started
            print(
                f"  {self.label}: {self.done:,}/{self.total:,} ({elapsed:.0f} s)",
                file=sys.stderr,
                flush=True,
            )


def build(root: Path, settings: Settings, scale: Scale, factor: float, seed: int) -> Manifest:
    """Create a journal at ``root`` holding ``scale`` records; every record goes through
    :meth:`JournalService.add`, validated and indexed as the application would."""
    check_vocabulary()
    started = time.perf_counter()
    writer = Writer(seed)
    workspace, _recovery = workspaces.create(root, PASSPHRASE, OWNER, settings)
    with workspace:
        relationship_ids, goal_ids = _relationships(workspace, writer, scale)
        text_records = scale.sessions + scale.homework + scale.entries
        planted = plant(writer.rng, text_records)
        sessions = _sessions(workspace, writer, scale, relationship_ids, planted)
        _homework(workspace, writer, scale, sessions, goal_ids, planted)
        _entries(workspace, writer, scale, relationship_ids, planted)
    return Manifest(
        scale=factor,
        seed=seed,
        relationship_ids=relationship_ids,
        rare_counts=planted_counts(planted),
        build_seconds=time.perf_counter() - started,
        counts=asdict(scale),
    )


def _relationships(
    workspace: Workspace, writer: Writer, scale: Scale
) -> tuple[list[str], dict[str, list[str]]]:
    add = workspace.records.add
    relationship_ids: list[str] = []
    goal_ids: dict[str, list[str]] = {}
    for number in range(scale.relationships):
        relationship = add(
            RecordKind.RELATIONSHIP,
            {
                "partner_names": writer.person(),
                "kind": writer.rng.choice(["traditional", "reverse", "peer"]),
                "my_role": "mentor" if number % 4 else "mentee",
                "focus_areas": [writer.line(1, 2) for _ in range(3)],
                "stage": "active",
                "interval_days": writer.rng.choice([None, 14, 21, 30]),
            },
        )
        relationship_ids.append(relationship.id)
        goal_ids[relationship.id] = [
            add(
                RecordKind.GOAL,
                {
                    "relationship_id": relationship.id,
                    "title": writer.line(),
                    "description": writer.paragraph(),
                    "success_criteria": writer.sentence(),
                },
            ).id
            for _ in range(scale.goals_per_relationship)
        ]
        if number % 2 == 0:
            agreement = add(
                RecordKind.AGREEMENT,
                {
                    "relationship_id": relationship.id,
                    "frequency": "co dwa tygodnie",
                    "confidentiality": writer.paragraph(),
                    "principles": writer.paragraph(),
                },
            )
            workspace.records.sign_agreement(agreement.id, Party.ME)
    return relationship_ids, goal_ids


def session_values(writer: Writer, relationship_id: str, held_at: datetime) -> dict[str, Any]:
    """One session with a few paragraphs of notes, as a user would type it."""
    rng = writer.rng
    return {
        "relationship_id": relationship_id,
        "held_at": held_at,
        "duration_minutes": rng.choice([30, 45, 60, 90]),
        "format": rng.choice(["online", "in_person", "hybrid"]),
        "agenda": writer.line(),
        "notes": writer.paragraphs(2, 4),
        "private_notes": writer.paragraph() if rng.random() < 0.5 else "",
        "takeaways": writer.sentence(),
    }


def _sessions(
    workspace: Workspace,
    writer: Writer,
    scale: Scale,
    relationship_ids: list[str],
    planted: dict[int, str],
) -> list[tuple[str, str]]:
    """Sessions spread over the past years, a few still ahead; (relationship, session) ids."""
    progress = Progress("sessions", scale.sessions)
    per_relationship = -(-scale.sessions // len(relationship_ids))
    first = datetime.now().replace(minute=0, second=0, microsecond=0) - timedelta(
        days=3 * per_relationship - 14
    )
    made: list[tuple[str, str]] = []
    for index in range(scale.sessions):
        relationship_id = relationship_ids[index % len(relationship_ids)]
        step = index // len(relationship_ids)
        held_at = first + timedelta(days=3 * step, hours=writer.rng.randint(8, 18))
        values = session_values(writer, relationship_id, held_at)
        if index in planted:
            values["notes"] = writer.paragraphs(2, 4, extra=planted[index])
        session = workspace.records.add(RecordKind.SESSION, values)
        made.append((relationship_id, session.id))
        progress.step()
    return made


def _homework(
    workspace: Workspace,
    writer: Writer,
    scale: Scale,
    sessions: list[tuple[str, str]],
    goal_ids: dict[str, list[str]],
    planted: dict[int, str],
) -> None:
    rng = writer.rng
    progress = Progress("homework", scale.homework)
    today = datetime.now().date()
    for index in range(scale.homework):
        relationship_id, session_id = rng.choice(sessions)
        values: dict[str, Any] = {
            "relationship_id": relationship_id,
            "title": writer.line(),
            "details": writer.sentence(planted.get(scale.sessions + index)),
            "assignee": rng.choice(["mentor", "mentee", "mentee"]),
            "due_date": today + timedelta(days=rng.randint(-900, 60)),
            "status": rng.choices(["done", "open", "dropped"], weights=[7, 2, 1])[0],
        }
        if rng.random() < 0.3:
            values["session_id"] = session_id
        if rng.random() < 0.2:
            values["goal_id"] = rng.choice(goal_ids[relationship_id])
        workspace.records.add(RecordKind.HOMEWORK, values)
        progress.step()


def _entries(
    workspace: Workspace,
    writer: Writer,
    scale: Scale,
    relationship_ids: list[str],
    planted: dict[int, str],
) -> None:
    progress = Progress("diary entries", scale.entries)
    offset = scale.sessions + scale.homework
    for index in range(scale.entries):
        values: dict[str, Any] = {
            "title": writer.line(),
            "text": writer.paragraphs(1, 3, extra=planted.get(offset + index)),
        }
        if writer.rng.random() < 0.7:
            values["relationship_id"] = writer.rng.choice(relationship_ids)
        workspace.records.add(RecordKind.ENTRY, values)
        progress.step()
