"""How fast is the merge side of the sync? The first sync of a big relationship, and a no-op.

    .venv/bin/python benchmarks/sync_merge.py [--records 10000] [--repeat 20] [--json]

Builds a relationship with ``--records`` shared records (sessions with a few paragraphs of
notes and private notes, goals, homework) through the public services in one journal, then
times, through :class:`~mentorjournal.sync.ledger.JournalLedger` directly (no folder, no
encryption: that is the folder side's share):

- the first outgoing: every batch the mentor's ledger makes, committed as sent;
- applying them all in the mentee's empty journal;
- an outgoing with nothing new (``--repeat`` runs), on each side.

Wall-clock times move with the machine's load; the CPU time of the process for the first
sync is printed beside them.

See ``benchmarks/README.md`` for the figures measured so far.
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
from mentorjournal.domain import RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.sync.contract import SpaceScope
from mentorjournal.sync.ledger import JournalLedger

TARGETS_MS = {"first sync (outgoing + apply)": 5_000.0, "outgoing, nothing new": 50.0}


def _fill(workspace: Workspace, count: int, seed: int) -> str:
    writer = Writer(seed)
    records = workspace.records
    relationship = records.add(RecordKind.RELATIONSHIP, {"partner_names": "Jan Nowak"}).id
    start = datetime(2024, 1, 1, 9, 0)
    for index in range(count - 1):
        if index % 10 < 5:
            held = start + timedelta(days=index // 2)
            records.add(RecordKind.SESSION, session_values(writer, relationship, held))
        elif index % 10 < 7:
            values = {"relationship_id": relationship, "title": writer.line()}
            records.add(RecordKind.GOAL, {**values, "description": writer.paragraph()})
        else:
            values = {"relationship_id": relationship, "title": writer.line()}
            records.add(RecordKind.HOMEWORK, {**values, "details": writer.sentence()})
        if index % 1000 == 999:
            print(f"  built {index + 1} records", file=sys.stderr)
    return relationship


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def run(count: int, repeat: int, seed: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings = Settings(lock_dir=root / "locks", kdf=crypto.TEST_PROFILE)
        mentor, _ = workspaces.create(root / "mentor", PASSPHRASE, "Anna Kowalska", settings)
        mentee, _ = workspaces.create(root / "mentee", PASSPHRASE, "Jan Nowak", settings)
        try:
            relationship = _fill(mentor, count, seed)
            scope = SpaceScope("benchmark", relationship, False)
            sender = JournalLedger(mentor.journal, "device-mentor")
            receiver = JournalLedger(mentee.journal, "device-mentee")

            cpu = time.process_time()
            start = time.perf_counter()
            payloads = []
            while (outgoing := sender.outgoing(scope)) is not None:
                payloads.append(outgoing.payload)
                sender.commit_outgoing(scope, outgoing)
            outgoing_ms = _ms(start)
            start = time.perf_counter()
            for payload in payloads:
                receiver.apply(scope, payload, "device-mentor")
            apply_ms = _ms(start)
            cpu_ms = (time.process_time() - cpu) * 1000
            arrived = len(mentee.records.list_records(RecordKind.SESSION))

            # The mentee's rows just merged are sent on once (harmless, idempotent): drain it.
            while (outgoing := receiver.outgoing(scope)) is not None:
                receiver.commit_outgoing(scope, outgoing)
            idle: list[float] = []
            for ledger in (sender, receiver) * repeat:
                start = time.perf_counter()
                assert ledger.outgoing(scope) is None
                idle.append(_ms(start))
        finally:
            mentor.close()
            mentee.close()
    return {
        "records": count,
        "batches": len(payloads),
        "payload MiB": sum(len(p) for p in payloads) / 2**20,
        "sessions arrived": arrived,
        "first outgoing ms": outgoing_ms,
        "first apply ms": apply_ms,
        "first sync (outgoing + apply)": outgoing_ms + apply_ms,
        "first sync, CPU time of this process ms": cpu_ms,
        "outgoing, nothing new": statistics.median(idle),
        "outgoing, nothing new, max ms": max(idle),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    figures = run(options.records, options.repeat, options.seed)
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    for name, value in figures.items():
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else ("  ok" if value < target else "  MISS")
        print(f"{name:32} {value:12.1f}{verdict}")


if __name__ == "__main__":
    main()
