"""The demonstration `mentorjournal` runs until the desktop app exists.

It builds a sample journal in a temporary folder (one relationship of each kind, with
sessions, goals, homework and an agreement, partly in Polish), prints its dashboard and a
search that ignores Polish letters, and deletes the folder again.
"""

from __future__ import annotations

import secrets
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from mentorjournal.cli import output
from mentorjournal.cli.context import Context
from mentorjournal.domain import Party, RecordKind
from mentorjournal.i18n import _
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.journal import JournalService
from mentorjournal.services.workspace import Settings

OWNER = "Anna Kowalska"
QUERY = "zolw"  # typed without Polish letters; finds "żółw"


def _at(today: date, days: int, hour: int = 17) -> str:
    """A meeting time ``days`` from today (negative: in the past), as the user would type it."""
    return datetime.combine(today + timedelta(days=days), time(hour, 0)).isoformat()


def _day(today: date, days: int) -> str:
    return (today + timedelta(days=days)).isoformat()


def build_sample(records: JournalService, today: date) -> None:
    """Fill a journal with one relationship of each kind and some of their history."""
    jan = records.add(
        RecordKind.RELATIONSHIP,
        {
            "partner_names": ["Jan Nowak"],
            "kind": "traditional",
            "my_role": "mentor",
            "stage": "active",
            "interval_days": "14",
            "focus_areas": "wystąpienia publiczne, delegowanie",
            "started_on": _day(today, -60),
        },
    ).id
    agreement = records.add(
        RecordKind.AGREEMENT,
        {
            "relationship_id": jan,
            "meeting_format": "hybrid",
            "frequency": "co dwa tygodnie",
            "duration": "60 minut",
            "confidentiality": "Wszystko, o czym rozmawiamy, zostaje między nami.",
            "principles": "Szczerość, punktualność, informacja zwrotna w 48 godzin.",
        },
    )
    records.sign_agreement(agreement.id, Party.ME)
    records.sign_agreement(agreement.id, Party.PARTNER)
    talk = records.add(
        RecordKind.GOAL,
        {
            "relationship_id": jan,
            "title": "Wystąpienie na konferencji w Łodzi",
            "success_criteria": "20 minut bez notatek, pytania z sali.",
            "target_date": _day(today, 90),
            "progress": "40",
        },
    ).id
    records.add(
        RecordKind.GOAL,
        {"relationship_id": jan, "title": "Prowadzić bloga", "status": "achieved"},
    )
    for days, agenda, notes in (
        (-40, "Pierwsze spotkanie", "Ustaliliśmy cele i zasady współpracy."),
        (-26, "Strach przed sceną", "Jak żółw z bajki: powoli, ale systematycznie do celu."),
        (-12, "Próba generalna", "Nagranie 5 minut; dobra struktura, za szybkie tempo."),
        (2, "Konspekt wystąpienia", ""),
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
                "goal_ids": [talk],
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

    zofia = records.add(
        RecordKind.RELATIONSHIP,
        {"partner_names": ["Zofia Wiśniewska"], "kind": "reverse", "my_role": "mentee"},
    ).id
    records.add(
        RecordKind.SESSION,
        {
            "relationship_id": zofia,
            "held_at": _at(today, -45, 9),
            "agenda": "AI tools for a team lead",
            "notes": "Zofia showed how she drafts summaries; try it on the weekly report.",
        },
    )
    records.add(
        RecordKind.HOMEWORK,
        {"relationship_id": zofia, "title": "Try the summary tool", "assignee": "mentee"},
    )

    piotr = records.add(
        RecordKind.RELATIONSHIP,
        {"partner_names": ["Piotr Zieliński"], "kind": "peer", "my_role": "peer"},
    ).id
    records.add(
        RecordKind.SESSION,
        {
            "relationship_id": piotr,
            "held_at": _at(today, -5, 12),
            "notes": "Wymiana doświadczeń: rekrutacja i onboarding.",
        },
    )

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
    records.add(
        RecordKind.ENTRY,
        {"relationship_id": jan, "text": "Jan robi postępy; następnym razem mniej mówić."},
    )


def run_demo(ctx: Context) -> int:
    with tempfile.TemporaryDirectory(prefix="mentorjournal-demo-") as folder:
        root = Path(folder)
        # A throwaway journal of sample data, deleted below: the cheap test profile of
        # Argon2id keeps the demo quick. Never acceptable for a journal with real data.
        settings = Settings(
            lock_dir=root / "locks", kdf=workspaces.THROWAWAY_KDF, clock=ctx.settings.clock
        )
        passphrase = secrets.token_urlsafe(16)
        workspace, _recovery_key = workspaces.create(root / "journal", passphrase, OWNER, settings)
        with workspace:
            build_sample(workspace.records, settings.clock().astimezone().date())
            boards = workspace.dashboard.all()
            hits = workspace.search.search(QUERY)
        intro = _(
            "MentorJournal demonstration: the desktop window is not there yet, so here is a "
            "sample journal built in a temporary folder ({path})."
        )
        ctx.print(intro.format(path=root / "journal"))
        ctx.print("")
        _heading(ctx, _("Dashboard"))
        ctx.print(output.dashboards(boards))
        ctx.print("")
        heading = _("Search for “{query}” (case and Polish letters are ignored)")
        _heading(ctx, heading.format(query=QUERY))
        ctx.print(output.search_results(hits))
    ctx.print("")
    ctx.print(_("The sample journal was deleted. Run `mentorjournal --help` to use a real one."))
    return 0


def _heading(ctx: Context, text: str) -> None:
    ctx.print(text)
    ctx.print("=" * len(text))
