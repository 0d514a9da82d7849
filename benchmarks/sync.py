"""How fast is pair sync end to end, through a local folder with the real merge side?

    .venv/bin/python benchmarks/sync.py [--records 10000] [--repeat 20] [--changes 20] [--json]

Builds a relationship with ``--records`` shared records in a mentor's journal (the same
content as ``sync_merge.py``), shares it with a mentee's empty journal through a local folder
(``sync start``, ``join``, ``approve`` through the services, as the command line does it), and
times what the users wait for:

- the first sync: the mentor's ``sync now`` (outbox written as encrypted, signed files) and
  the mentee's ``sync now`` (files read, verified, decrypted, applied);
- the echo: the mentee's next ``sync now`` passes the rows it merged on once, and the
  mentor reads them back (idempotent, nothing changes);
- a ``sync now`` with nothing new (``--repeat`` runs on each side);
- a single change: the mentor edits one session's notes and syncs (the file lands in the
  folder); then the mentee's ``sync now`` that makes it visible is timed (``--changes`` runs);
- the folder's size against the encrypted data it carries (the partner's journal.db).

Wall-clock times move with the machine's load; CPU times of the process are printed beside.
See ``benchmarks/README.md`` for the figures measured so far.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import PASSPHRASE
from benchmarks.sync_merge import _fill as fill_relationship  # the same content
from mentorjournal import crypto
from mentorjournal.domain import RecordKind, Session
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace

TARGETS = {
    "first sync, both sides ms": 5_000.0,
    "sync with nothing new, median ms": 50.0,
    "single change visible, median ms": 200.0,
    "folder / encrypted data": 2.0,
}


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _size(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file())


def _pair(mentor: Workspace, mentee: Workspace, folder: Path, relationship: str) -> None:
    mentor.sync.start(relationship, folder)
    mentee.sync.join(folder)
    (request,) = mentor.sync.requests(relationship)
    mentor.sync.approve(relationship, request.device_id)


def _timed(figures: dict[str, float], name: str, call: object) -> None:
    cpu = time.process_time()
    start = time.perf_counter()
    call()  # type: ignore[operator]
    figures[f"{name} ms"] = _ms(start)
    figures[f"{name}, CPU ms"] = (time.process_time() - cpu) * 1000


def run(count: int, repeat: int, changes: int, seed: int) -> dict[str, float]:
    figures: dict[str, float] = {"records": count}
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        settings = Settings(lock_dir=root / "locks", kdf=crypto.TEST_PROFILE)
        mentor, _ = workspaces.create(root / "mentor", PASSPHRASE, "Anna Kowalska", settings)
        mentee, _ = workspaces.create(root / "mentee", PASSPHRASE, "Jan Nowak", settings)
        folder = root / "shared"
        folder.mkdir()
        try:
            relationship = fill_relationship(mentor, count, seed)
            _pair(mentor, mentee, folder, relationship)
            print("  built; first sync", file=sys.stderr)
            _timed(figures, "first sync, mentor writes", mentor.sync.now)
            _timed(figures, "first sync, mentee reads and applies", mentee.sync.now)
            figures["first sync, both sides ms"] = (
                figures["first sync, mentor writes ms"]
                + figures["first sync, mentee reads and applies ms"]
            )
            figures["change files"] = len(list(folder.glob("devices/*/changes/*.mjc")))
            figures["sessions arrived"] = len(mentee.records.list_records(RecordKind.SESSION))
            # The mentee passes the rows it merged on once (idempotent): the echo, timed.
            _timed(figures, "echo, mentee passes the rows on", mentee.sync.now)
            _timed(figures, "echo, mentor reads them back", mentor.sync.now)
            figures["change files after the echo"] = len(
                list(folder.glob("devices/*/changes/*.mjc"))
            )
            mentee.sync.now()
            mentor.sync.now()
            idle = []
            for workspace in (mentor, mentee) * repeat:
                start = time.perf_counter()
                workspace.sync.now()
                idle.append(_ms(start))
            figures["sync with nothing new, median ms"] = statistics.median(idle)
            figures["sync with nothing new, max ms"] = max(idle)

            session = next(
                s for s in mentor.records.list_records(RecordKind.SESSION) if isinstance(s, Session)
            )
            visible = []
            for run_number in range(changes):
                text = f"{session.notes}\n\nOne more line, number {run_number}."
                mentor.records.update(session.id, {"notes": text})
                mentor.sync.now()  # the file lands in the folder
                start = time.perf_counter()
                mentee.sync.now()
                elapsed = _ms(start)
                theirs = mentee.records.get(session.id)
                assert isinstance(theirs, Session)
                assert theirs.notes == text
                visible.append(elapsed)
                mentee.sync.now()  # its echo, untimed
                mentor.sync.now()
            figures["single change visible, median ms"] = statistics.median(visible)
            figures["single change visible, max ms"] = max(visible)

            mentor.close()
            mentee.close()  # checkpointed: journal.db holds everything
            folder_size = _size(folder)
            encrypted = (root / "mentee" / "journal.db").stat().st_size
            figures["folder MiB"] = folder_size / 2**20
            figures["mentee journal.db MiB"] = encrypted / 2**20
            figures["folder / encrypted data"] = folder_size / encrypted
        finally:
            for workspace in (mentor, mentee):
                if not workspace.closed:
                    workspace.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    figures = run(options.records, options.repeat, options.changes, options.seed)
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    for name, value in figures.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  ok" if value < target else "  MISS")
        print(f"{name:42} {value:12.2f}{verdict}")


if __name__ == "__main__":
    main()
