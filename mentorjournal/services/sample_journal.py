"""A realistic sample journal for the demonstrations of both front ends.

Two mentees, one reverse-mentoring relationship, a peer pair, a mentoring circle and a
collaboration; sessions over months, goals in every status, overdue and finished homework,
an agreement signed by both sides, materials and diary entries, in Polish and English; a
mid-point evaluation of both sides, and a reverse mentoring closed with both reflections.
Dates are relative to ``today`` so the sample always looks current.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from mentorjournal.domain import Party, RecordKind
from mentorjournal.services.journal import JournalService

OWNER = "Anna Kowalska"
# The throwaway demo journal's passphrase, shown on its unlock page; never for real data.
DEMO_PASSPHRASE = "demo-journal"  # noqa: S105 - sample data only, shown to the user


def _at(today: date, days: int, hour: int = 17) -> str:
    """A meeting time ``days`` from today (negative: in the past), as the user would type it."""
    return datetime.combine(today + timedelta(days=days), time(hour, 0)).isoformat()


def _day(today: date, days: int) -> str:
    return (today + timedelta(days=days)).isoformat()


def build_sample(records: JournalService, today: date) -> None:
    """Fill a new journal with the sample relationships and their history."""
    jan = _jan(records, today)
    _magda(records, today)
    _zofia(records, today)
    for party, answers in (
        ("me", ["goals_clear=4", "progress=3", "meetings=5", "homework=2", "worth_it=5"]),
        ("partner", ["goals_clear=5", "progress=4", "meetings=4", "homework=3", "worth_it=5"]),
    ):
        records.add(
            RecordKind.EVALUATION,
            {
                "relationship_id": jan,
                "moment": "midpoint",
                "party": party,
                "answers": answers,
                "answered_on": _day(today, -75),
                "comment": "Zadania domowe: mniej, ale konkretniej." if party == "me" else "",
            },
        )
    _piotr(records, today)
    _circle(records, today)
    records.add(
        RecordKind.ENTRY,
        {"title": "Po superwizji", "text": "Mniej rad, więcej pytań. Słuchać do końca."},
    )


def _jan(records: JournalService, today: date) -> str:
    """A mentee in Polish: months of sessions, a signed agreement, goals in every status."""
    jan = records.add(
        RecordKind.RELATIONSHIP,
        {
            "partner_names": ["Jan Nowak"],
            "kind": "traditional",
            "my_role": "mentor",
            "stage": "active",
            "interval_days": "14",
            "focus_areas": "wystąpienia publiczne, delegowanie",
            "started_on": _day(today, -150),
        },
    ).id
    agreement = records.add(
        RecordKind.AGREEMENT,
        {
            "relationship_id": jan,
            "meeting_format": "hybrid",
            "frequency": "co dwa tygodnie",
            "duration": "60 minut",
            "tools": "Jitsi, wspólny notatnik",
            "confidentiality": "Wszystko, o czym rozmawiamy, zostaje między nami.",
            "mentor_expectations": "Jan przychodzi przygotowany i mówi, czego potrzebuje.",
            "mentee_expectations": "Anna daje szczerą informację zwrotną w ciągu 48 godzin.",
            "principles": (
                "- przestrzeń\n- szacunek\n- cierpliwość\n- wytrwałość\n- akceptacja\n"
                "- informacja zwrotna w ciągu 48 godzin\n"
            ),
        },
    )
    records.sign_agreement(agreement.id, Party.ME)
    records.sign_agreement(agreement.id, Party.PARTNER)
    talk = records.add(
        RecordKind.GOAL,
        {
            "relationship_id": jan,
            "title": "Wystąpienie na konferencji w Łodzi",
            "description": "Dwudziestominutowa prezentacja o wdrożeniu nowego systemu.",
            "success_criteria": "20 minut bez notatek, pytania z sali.",
            "target_date": _day(today, 60),
            "progress": "40",
        },
    ).id
    delegate = records.add(
        RecordKind.GOAL,
        {
            "relationship_id": jan,
            "title": "Delegować raportowanie zespołowi",
            "status": "achieved",
            "progress": "100",
            "outcome_note": "Od dwóch miesięcy raport przygotowuje Kasia; Jan tylko go czyta.",
        },
    ).id
    records.add(
        RecordKind.GOAL,
        {
            "relationship_id": jan,
            "title": "Awans na kierownika działu w tym roku",
            "status": "not_achievable",
            "outcome_note": "Stanowisko zlikwidowano w reorganizacji; wracamy do tego w 2027.",
        },
    )
    records.add(
        RecordKind.GOAL,
        {
            "relationship_id": jan,
            "title": "Prowadzić bloga",
            "status": "dropped",
            "outcome_note": "Jan woli nagrywać krótkie filmy.",
        },
    )
    for days, agenda, notes, goals in (
        (-140, "Pierwsze spotkanie", "Ustaliliśmy cele i zasady współpracy.", [delegate]),
        (-112, "Delegowanie", "Lista zadań, które tylko Jan umie zrobić: za długa.", [delegate]),
        (-84, "Strach przed sceną", "Jak żółw z bajki: powoli, ale do celu.", [talk]),
        (-56, "Opinie zespołu", "Kasia przejęła raport; Jan odzyskał piątki.", [delegate]),
        (-26, "Struktura wystąpienia", "Problem, rozwiązanie, wynik, pytania.", [talk]),
        (-12, "Próba generalna", "Nagranie 5 minut; dobra struktura, za szybkie tempo.", [talk]),
        (2, "Konspekt wystąpienia", "", [talk]),
    ):
        records.add(
            RecordKind.SESSION,
            {
                "relationship_id": jan,
                "held_at": _at(today, days),
                "duration_minutes": "60",
                "format": "online",
                "agenda": agenda,
                "notes": notes,
                "private_notes": "Jan bywa zmęczony po pracy; lepiej rano." if days < -100 else "",
                "goal_ids": goals,
            },
        )
    records.add(
        RecordKind.HOMEWORK,
        {
            "relationship_id": jan,
            "title": "Przeczytać rozdział o delegowaniu",
            "due_date": _day(today, -3),
        },
    )
    records.add(
        RecordKind.HOMEWORK,
        {
            "relationship_id": jan,
            "title": "Nagrać próbne wystąpienie",
            "due_date": _day(today, 5),
            "goal_id": talk,
        },
    )
    records.add(
        RecordKind.HOMEWORK,
        {
            "relationship_id": jan,
            "title": "Spisać zadania do oddania",
            "due_date": _day(today, -100),
            "status": "done",
            "done_on": _day(today, -104),
            "goal_id": delegate,
        },
    )
    records.add(
        RecordKind.MATERIAL,
        {
            "relationship_id": jan,
            "title": "Jak mówić, żeby słuchali",
            "url": "https://example.org/wystapienia",
            "note": "Rozdział 3: pauza jako narzędzie.",
        },
    )
    records.add(
        RecordKind.ENTRY,
        {"relationship_id": jan, "text": "Jan robi postępy; następnym razem mniej mówić."},
    )

    return jan


def _magda(records: JournalService, today: date) -> None:
    """A second mentee, in English, who has not been met for too long."""
    magda = records.add(
        RecordKind.RELATIONSHIP,
        {
            "partner_names": ["Magda Kaczmarek"],
            "kind": "traditional",
            "my_role": "mentor",
            "stage": "active",
            "interval_days": "21",
            "focus_areas": "career change, product management",
            "started_on": _day(today, -120),
        },
    ).id
    goal = records.add(
        RecordKind.GOAL,
        {
            "relationship_id": magda,
            "title": "Move from QA into product management",
            "success_criteria": "An internal PM role, or two interviews elsewhere.",
            "target_date": _day(today, 120),
            "progress": "25",
        },
    ).id
    for days, agenda, notes in (
        (-115, "Getting to know each other", "Agreed to meet every three weeks, online."),
        (-90, "What a PM does all day", "Shadowing plan with her team's PM."),
        (-50, "Writing a first spec", "Her spec was clear; the success metrics were vague."),
    ):
        records.add(
            RecordKind.SESSION,
            {
                "relationship_id": magda,
                "held_at": _at(today, days, 8),
                "duration_minutes": "45",
                "format": "online",
                "agenda": agenda,
                "notes": notes,
                "takeaways": "Ask the PM for one real backlog item." if days == -90 else "",
                "goal_ids": [goal],
            },
        )
    records.add(
        RecordKind.HOMEWORK,
        {
            "relationship_id": magda,
            "title": "Rewrite the spec with measurable outcomes",
            "due_date": _day(today, -30),
            "goal_id": goal,
        },
    )


def _zofia(records: JournalService, today: date) -> None:
    """Reverse mentoring, finished: a younger colleague taught me; English and Polish mixed."""
    zofia = records.add(
        RecordKind.RELATIONSHIP,
        {
            "partner_names": ["Zofia Wiśniewska"],
            "kind": "reverse",
            "my_role": "mentee",
            "stage": "closed",
            "ended_on": _day(today, -10),
            "focus_areas": "AI tools, social media",
            "started_on": _day(today, -75),
        },
    ).id
    for days, agenda, notes in (
        (-70, "AI tools for a team lead", "Zofia showed how she drafts summaries."),
        (-45, "LinkedIn bez wstydu", "Jeden wpis tygodniowo, o tym, czego się nauczyłam."),
        (-18, "Data in spreadsheets", "Pivot tables first, then a simple dashboard."),
    ):
        records.add(
            RecordKind.SESSION,
            {
                "relationship_id": zofia,
                "held_at": _at(today, days, 9),
                "format": "in_person",
                "agenda": agenda,
                "notes": notes,
            },
        )
    records.add(
        RecordKind.HOMEWORK,
        {
            "relationship_id": zofia,
            "title": "Try the summary tool on the weekly report",
            "assignee": "mentee",
            "due_date": _day(today, -12),
            "status": "done",
        },
    )
    records.add(
        RecordKind.HOMEWORK,
        {
            "relationship_id": zofia,
            "title": "Opublikować pierwszy wpis",
            "assignee": "mentee",
            "status": "dropped",
        },
    )

    _zofia_closing(records, zofia, today)


def _zofia_closing(records: JournalService, zofia: str, today: date) -> None:
    """The finished closing of the reverse mentoring: a goal judged, both reflections."""
    records.add(
        RecordKind.GOAL,
        {
            "relationship_id": zofia,
            "title": "Use AI tools for the weekly report",
            "status": "achieved",
            "outcome_note": "The report takes **one hour** instead of three.",
        },
    )
    ended = _day(today, -10)
    for party, values in (
        (
            "me",
            {
                "what_worked": "Short sessions with a real task from my week.",
                "what_did_not": "LinkedIn: I never posted. Not my channel, and that is fine.",
                "lessons": "- Ask for the *why* before the tool\n- Practise between sessions",
                "next_steps": "Teach two people in my team what Zofia taught me.",
                "feedback": "Dziękuję za cierpliwość i konkretne przykłady.",
                "rating": "5",
            },
        ),
        ("partner", {"feedback": "I learned how a team lead decides. Thank you!", "rating": "5"}),
    ):
        records.add(
            RecordKind.REFLECTION,
            {"relationship_id": zofia, "party": party, "finalised_on": ended, **values},
        )
    records.add(
        RecordKind.EVALUATION,
        {
            "relationship_id": zofia,
            "moment": "final",
            "answers": ["goals_clear=5", "progress=5", "meetings=4", "worth_it=5"],
            "answered_on": ended,
        },
    )


def _piotr(records: JournalService, today: date) -> None:
    """A peer pair: two team leads compare notes."""
    piotr = records.add(
        RecordKind.RELATIONSHIP,
        {
            "partner_names": ["Piotr Zieliński"],
            "kind": "peer",
            "my_role": "peer",
            "stage": "agreed",
            "interval_days": "30",
        },
    ).id
    records.add(
        RecordKind.SESSION,
        {
            "relationship_id": piotr,
            "held_at": _at(today, -5, 12),
            "notes": "Wymiana doświadczeń: rekrutacja i onboarding.",
        },
    )
    records.add(
        RecordKind.GOAL,
        {"relationship_id": piotr, "title": "A shared onboarding checklist", "progress": "10"},
    )


def _circle(records: JournalService, today: date) -> None:
    """A mentoring circle and a research collaboration that is still being prepared."""
    group = records.add(
        RecordKind.RELATIONSHIP,
        {
            "partner_names": ["Ewa", "Marek", "Ola"],
            "kind": "group",
            "title": "Koło mentoringowe",
            "stage": "agreed",
        },
    ).id
    records.add(
        RecordKind.GOAL,
        {"relationship_id": group, "title": "Każdy prowadzi jedno spotkanie"},
    )
    records.add(
        RecordKind.RELATIONSHIP,
        {
            "partner_names": ["Katarzyna Lewandowska"],
            "kind": "collaborative",
            "my_role": "peer",
            "title": "Wspólny projekt badawczy",
            "stage": "preparing",
        },
    )
