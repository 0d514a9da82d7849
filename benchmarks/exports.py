"""Time the open exports and the JSON import on a journal built like journal_at_scale's.

    .venv/bin/python benchmarks/exports.py --scale 0.1     # 1,000 sessions, about 20 s

Builds the journal through the public services (benchmarks/build.py), then times the JSON
export of the whole journal, its import into a new journal, the Markdown export (with
private notes and the diary) and the calendar of the largest relationship. Each is run once:
they write files, and the figures are seconds. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import OWNER, PASSPHRASE, build
from benchmarks.corpus import Scale
from mentorjournal import crypto
from mentorjournal.domain import RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.exports import MarkdownOptions
from mentorjournal.services.workspace import Settings


def _timed(name: str, action: Callable[[], object]) -> None:
    started = time.perf_counter()
    action()
    print(f"{name:<44} {time.perf_counter() - started:8.2f} s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=0.1, help="1.0 = 10,000 sessions")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mentorjournal-bench-") as name:
        folder = Path(name)
        settings = Settings(lock_dir=folder / "locks", kdf=crypto.TEST_PROFILE)
        manifest = build(folder / "journal", settings, Scale.of(args.scale), args.scale, args.seed)
        print(f"journal: {manifest.counts}")
        with workspaces.unlock(folder / "journal", PASSPHRASE, settings) as workspace:
            exports = workspace.exports
            largest = max(
                manifest.relationship_ids,
                key=lambda rid: len(
                    workspace.records.list_records(RecordKind.SESSION, relationship_id=rid)
                ),
            )
            out = folder / "export.json"
            _timed("export json (whole journal)", lambda: exports.export_json(out))
            print(f"{'  file size':<44} {out.stat().st_size / 2**20:8.1f} MiB")
            options = MarkdownOptions(include_private=True, include_diary=True)
            _timed(
                "export markdown (whole journal, everything)",
                lambda: exports.export_markdown(folder / "md", options=options),
            )
            _timed(
                "export ics (largest relationship)",
                lambda: exports.export_ics(folder / "a.ics", largest),
            )
        target, _key = workspaces.create(folder / "imported", PASSPHRASE, OWNER, settings)
        with target:
            _timed("import json into a new journal", lambda: target.importing.import_json(out))
            _timed(
                "export json again (imported journal)",
                lambda: target.exports.export_json(folder / "again.json"),
            )
        same = _records(out) == _records(folder / "again.json")
        print(f"{'  the two exports hold the same records':<44} {same!s:>8}")
    return 0


def _records(path: Path) -> object:
    return json.loads(path.read_text("utf-8"))["records"]


if __name__ == "__main__":
    raise SystemExit(main())
