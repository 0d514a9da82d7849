"""How long does the closing report of a long mentoring process take? (issue 7: under 3 s)

    .venv/bin/python benchmarks/report.py [--sessions 100] [--homework 300] [--runs 5] [--json]

Builds a real encrypted journal holding one relationship with ``--sessions`` sessions (a few
paragraphs of notes each, some with Markdown lists and emphasis), ``--homework`` homework
items, goals, an agreement, both reflections and the evaluations, through the public
services; then times ``services.reports.export_report`` from the records to the file on disk,
PDF and HTML, private notes included (the largest report). See the "Closing report" section
of ``benchmarks/README.md`` for the figures measured so far.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import PASSPHRASE, session_values
from benchmarks.corpus import Writer
from mentorjournal import crypto
from mentorjournal.domain import Party, RecordKind
from mentorjournal.domain.questionnaire import question_ids
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.reports import ReportFormat, ReportOptions, export_report
from mentorjournal.services.workspace import Settings, Workspace

TARGET_S = 3.0


def fill(workspace: Workspace, writer: Writer, sessions: int, homework: int) -> str:
    """One relationship of a long process; its id."""
    records = workspace.records
    rng = writer.rng
    rid = records.add(
        RecordKind.RELATIONSHIP,
        {"partner_names": [writer.person()], "stage": "closing", "started_on": "2022-01-10"},
    ).id
    agreement = records.add(
        RecordKind.AGREEMENT,
        {"relationship_id": rid, "frequency": "co tydzień", "principles": writer.paragraph()},
    )
    for party in Party:
        records.sign_agreement(agreement.id, party)
    goals = [
        records.add(
            RecordKind.GOAL,
            {
                "relationship_id": rid,
                "title": writer.line(),
                "description": writer.paragraph(),
                "status": rng.choice(["open", "achieved", "not_achievable", "dropped"]),
                "progress": str(rng.randint(0, 100)),
                "outcome_note": writer.paragraph(),
            },
        ).id
        for _ in range(8)
    ]
    first = datetime(2022, 1, 12, 17, 0)
    for index in range(sessions):
        values = session_values(writer, rid, first + timedelta(days=7 * index))
        values["notes"] += (
            f"\n\n- **{writer.line()}**\n- _{writer.line()}_\n- `{writer.line(1, 2)}`"
        )
        values["goal_ids"] = rng.sample(goals, 2)
        records.add(RecordKind.SESSION, values)
    for index in range(homework):
        due = (first + timedelta(days=index * 2)).date().isoformat()
        status = rng.choice(["open", "done", "done", "dropped"])
        values = {"relationship_id": rid, "title": writer.line(), "due_date": due}
        values |= {"status": status, "assignee": rng.choice(["mentor", "mentee"])}
        if status == "done":
            values["done_on"] = due
        records.add(RecordKind.HOMEWORK, values)
    for party in Party:
        records.add(
            RecordKind.REFLECTION,
            {
                "relationship_id": rid,
                "party": party.value,
                "what_worked": writer.paragraphs(1, 2),
                "lessons": writer.paragraph(),
                "next_steps": f"1. {writer.line()}\n2. {writer.line()}",
                "rating": "4",
            },
        )
        for moment in ("midpoint", "final"):
            answers = [f"{q}={rng.randint(1, 5)}" for q in question_ids()]
            values = {"relationship_id": rid, "party": party.value, "moment": moment}
            records.add(RecordKind.EVALUATION, values | {"answers": answers})
    return rid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--homework", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings = Settings(lock_dir=root / "locks", kdf=crypto.TEST_PROFILE)
        workspace, _key = workspaces.create(root / "journal", PASSPHRASE, "Anna Kowalska", settings)
        with workspace:
            rid = fill(workspace, Writer(args.seed), args.sessions, args.homework)
            figures: dict[str, dict[str, float]] = {}
            for report_format in ReportFormat:
                target = root / f"report.{report_format.value}"
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    export_report(
                        workspace,
                        rid,
                        target,
                        report_format,
                        ReportOptions(include_private=True),
                        force=True,
                    )
                    times.append(time.perf_counter() - start)
                figures[report_format.value] = {
                    "median_s": statistics.median(times),
                    "max_s": max(times),
                    "size_kib": target.stat().st_size / 1024,
                }
                if report_format is ReportFormat.PDF:
                    from pypdf import PdfReader

                    figures["pdf"]["pages"] = len(PdfReader(target).pages)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{args.sessions} sessions, {args.homework} homework items, {args.runs} runs each")
    for name, figure in figures.items():
        met = "met" if figure["max_s"] < TARGET_S else "MISS"
        pages = f", {int(figure['pages'])} pages" if "pages" in figure else ""
        print(
            f"{name}: median {figure['median_s']:.2f} s, slowest {figure['max_s']:.2f} s "
            f"(target < {TARGET_S:.0f} s: {met}), {figure['size_kib']:.0f} KiB{pages}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
