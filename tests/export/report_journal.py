"""A relationship with everything a closing report shows, on a real journal, for the report
tests: a signed agreement (one signature voided by a later edit), goals in every status,
sessions over four months with Markdown notes (Polish letters, every letter of Latin
Extended-A, raw HTML), private notes, homework of both sides, both reflections and the
mid-point and final evaluations."""

from __future__ import annotations

from dataclasses import dataclass

from mentorjournal.domain import Agreement, Evaluation, Goal, Homework, Party, Reflection, Session
from mentorjournal.domain.questionnaire import question_ids
from mentorjournal.services.workspace import Workspace
from tests.services.records_helpers import add, add_relationship, update

POLISH = "Zażółć gęślą jaźń: ŻÓŁW i źdźbło z Łodzi"
LATIN_EXTENDED_A = "".join(chr(code) for code in range(0x100, 0x180))
RAW_HTML = "<b>surowy</b> <script>alert(1)</script>"
MARKDOWN_NOTE = (
    f"## Plan na **jutro**\n\n{POLISH}\n\n- pierwszy _punkt_\n- drugi `kod_źródłowy`\n\n"
    f"{RAW_HTML}\n\n![wykres sprzedaży](https://example.com/wykres.png)\n\n"
    "[Strona projektu](https://example.org/projekt)\n\n"
    f"{LATIN_EXTENDED_A}\n"
)
PRIVATE_CANARY = "Prywatne-kanarek-7731"
EARLY_SESSION = "Sesja-lipcowa-4402"  # the agenda of the session before the date range
MID_SCORES = (3, 2, 4, 3, 3, 2, 3, 3)
FINAL_SCORES = (5, 4, 4, 5, 4, 4, 5, 5)


@dataclass(frozen=True)
class Filled:
    relationship_id: str
    goals: tuple[Goal, ...]


def fill(workspace: Workspace) -> Filled:
    """Add the relationship and its records; return its id."""
    rid = add_relationship(
        workspace, "Jan Nowak", title="Mentoring Jana", kind="reverse", my_role="mentor"
    )
    agreement = add(
        workspace,
        Agreement,
        {"relationship_id": rid, "frequency": "co dwa tygodnie", "principles": "- szacunek"},
    )
    workspace.records.sign_agreement(agreement.id, Party.PARTNER)
    update(workspace, agreement, {"principles": "- szacunek\n- szczerość"})  # voids it
    workspace.records.sign_agreement(agreement.id, Party.ME)
    goals = tuple(
        add(workspace, Goal, {"relationship_id": rid, "title": title, "status": status, **extra})
        for title, status, extra in (
            ("Wystąpienie w Łodzi", "achieved", {"progress": "100", "outcome_note": POLISH}),
            ("Delegowanie", "open", {"progress": "40"}),
            ("Blog", "dropped", {}),
            ("Awans", "not_achievable", {"outcome_note": "Stanowisko *zlikwidowano*."}),
        )
    )
    add(
        workspace,
        Goal,
        {"relationship_id": rid, "title": f"Cel {PRIVATE_CANARY}", "scope": "private"},
    )
    for held_at, agenda, notes in (
        ("2026-07-02T17:00", EARLY_SESSION, "Pierwsze spotkanie."),
        ("2026-08-06T17:00", "Delegowanie", MARKDOWN_NOTE),
        ("2026-09-03T17:00", "Strach przed sceną", "Jak żółw: powoli, ale do celu."),
        ("2026-09-17T17:00", "Próba", "Nagranie 5 minut."),
        ("2026-10-15T17:00", "Podsumowanie", "Co dalej?"),
    ):
        add(
            workspace,
            Session,
            {
                "relationship_id": rid,
                "held_at": held_at,
                "agenda": agenda,
                "notes": notes,
                "takeaways": f"Wniosek: {agenda}",
                "private_notes": f"{PRIVATE_CANARY} {agenda}",
                "goal_ids": [goals[0].id],
            },
        )
    for title, assignee, status, due in (
        ("Spisać zadania", "mentee", "done", "2026-08-10"),
        ("Przeczytać rozdział", "mentee", "open", "2026-10-20"),
        ("Nagrać próbę", "mentee", "dropped", "2026-09-10"),
        ("Przesłać materiały", "mentor", "done", "2026-08-08"),
    ):
        values: dict[str, str | None] = {"relationship_id": rid, "title": title}
        values |= {"assignee": assignee, "status": status, "due_date": due}
        values["done_on"] = due if status == "done" else None
        add(workspace, Homework, values)
    for party, worked, steps in (
        ("me", "**Regularne** spotkania.", "1. Konferencja\n2. Spotkanie za pół roku"),
        ("partner", "Anna słuchała do końca.", "Nagrywać filmy."),
    ):
        values = {"relationship_id": rid, "party": party, "what_worked": worked}
        add(workspace, Reflection, values | {"next_steps": steps, "rating": "5"})
    for moment, scores, day in (
        ("midpoint", MID_SCORES, "2026-08-20"),
        ("final", FINAL_SCORES, "2026-10-16"),
    ):
        for party in ("me", "partner"):
            answers = [f"{q}={s}" for q, s in zip(question_ids(), scores, strict=True)]
            values = {"relationship_id": rid, "moment": moment, "party": party}
            add(workspace, Evaluation, values | {"answers": answers, "answered_on": day})
    return Filled(rid, goals)
