"""A journal with something of every kind, for the export tests: links, history, trash,
signatures, an attachment, Polish letters and a private note."""

from __future__ import annotations

from dataclasses import dataclass

from mentorjournal.domain import Party, RecordKind
from mentorjournal.services.workspace import Workspace
from tests.conftest import MovableClock

ATTACHMENT = "Plan rozwoju: żółw, gęś, źdźbło\n".encode() + bytes(range(256))
PRIVATE_NOTE = "Tylko dla mnie: Jan się stresuje"


@dataclass(frozen=True)
class Built:
    relationship_id: str
    other_relationship_id: str
    session_id: str
    material_id: str


def build_journal(workspace: Workspace, clock: MovableClock) -> Built:
    records = workspace.records

    def add(record_kind: RecordKind, **values: object) -> str:
        clock.advance(minutes=1)
        return records.add(record_kind, values).id

    rel = add(
        RecordKind.RELATIONSHIP,
        partner_names="Jan Nowak, Zoë Łęcka",
        kind="reverse",
        focus_areas="AI, blogowanie",
        interval_days="14",
        started_on="2026-09-01",
    )
    other = add(RecordKind.RELATIONSHIP, partner_names="Ola Wiśniewska", stage="active")
    agreement = add(
        RecordKind.AGREEMENT,
        relationship_id=rel,
        meeting_format="online",
        frequency="co dwa tygodnie",
        principles="Szczerość\n\n- poufność\n- punktualność",
    )
    records.sign_agreement(agreement, Party.ME)
    clock.advance(minutes=1)
    records.sign_agreement(agreement, Party.PARTNER)
    goal = add(RecordKind.GOAL, relationship_id=rel, title="Prowadzić bloga", progress="40")
    dropped = add(RecordKind.GOAL, relationship_id=rel, title="Nauczyć się Rusta")
    session = add(
        RecordKind.SESSION,
        relationship_id=rel,
        held_at="2026-11-20T17:30",
        duration_minutes="50",
        agenda="Pierwsze spotkanie: cele\nI reszta",
        notes="Rozmawialiśmy o **blogu**.",
        private_notes=PRIVATE_NOTE,
        goal_ids=goal,
    )
    add(
        RecordKind.HOMEWORK,
        relationship_id=rel,
        title="Napisać szkic",
        due_date="2026-11-27",
        session_id=session,
        goal_id=goal,
    )
    clock.advance(minutes=1)
    material = records.add_material_file(
        {"relationship_id": rel, "title": "Slajdy"}, "plan żółwia.pdf", ATTACHMENT
    ).id
    add(RecordKind.MATERIAL, relationship_id=rel, title="Link", url="https://example.org")
    add(RecordKind.ENTRY, relationship_id=rel, title="Po spotkaniu", text="Dobrze poszło.")
    add(RecordKind.ENTRY, text="Wpis bez relacji")
    add(RecordKind.REFLECTION, relationship_id=rel, lessons="Warto pytać.", rating="4")
    add(RecordKind.GOAL, relationship_id=other, title="Cel Oli")
    clock.advance(minutes=1)
    records.update(session, {"notes": "Rozmawialiśmy o **blogu** i o czasie."})
    clock.advance(minutes=1)
    records.update(goal, {"description": "Pierwsza wersja", "status": "achieved"})
    clock.advance(minutes=1)
    records.update(goal, {"description": "Druga wersja"})
    clock.advance(minutes=1)
    records.delete(dropped)
    return Built(rel, other, session, material)
