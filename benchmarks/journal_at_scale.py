"""How fast is a big journal? Build one through the public services, then time what users do.

    .venv/bin/python benchmarks/journal_at_scale.py [--scale 1.0] [--out DIR] [--json]

At scale 1.0 the journal holds 20 relationships, 10,000 sessions with a few paragraphs of
notes each, 20,000 homework items and 5,000 diary entries. ``--scale 0.05`` runs in seconds.
See ``benchmarks/README.md`` for what each figure means and the figures measured so far.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import PASSPHRASE, Manifest, build, session_values
from benchmarks.corpus import Scale, Writer
from mentorjournal import crypto
from mentorjournal.domain import RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store import keyfile

SEARCHES: dict[str, tuple[str, ...]] = {
    "search, common words": ("spotkanie", "feedback", "zespół projekt", "rozwój kariera"),
    "search, rare words": ("źdźbło", "chrząszcz", "serendipity", "xylograph"),
    "search, Polish typed without diacritics": ("zdzblo", "chrzaszcz", "zespol", "umiejetnosci"),
    "search, as you type (2-3 letter prefix)": ("sp", "roz", "ze", "kar"),
    "search, as you type (1 letter)": ("s", "r"),
    "search, as you type (4-5 letter prefix)": ("feedb", "spot"),
}
# Which planted word each rare query must find, so a fast but wrong search is caught.
EXPECTED = {"źdźbło": "źdźbło", "zdzblo": "źdźbło", "chrząszcz": "chrząszcz"}
EXPECTED |= {"chrzaszcz": "chrząszcz", "serendipity": "serendipity", "xylograph": "xylograph"}

TARGETS_MS = {"add": 5.0, "search": 20.0, "unlock": 150.0}
# Issue 5: the first letters typed into the window's quick search, served by the prefix index.
SEARCH_TARGETS_MS = {"search, as you type (2-3 letter prefix)": 10.0}


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    median: float
    p95: float | None = None
    unit: str = "ms"
    target: float | None = None  # compared with p95 when there is one, else the median
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return (self.p95 if self.p95 is not None else self.median) < self.target


def p95(samples: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples: list[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(name: str, samples: list[float], target: float | None = None, note: str = "") -> Figure:
    return Figure(name, statistics.median(samples), p95(samples), target=target, note=note)


# -- measurements -----------------------------------------------------------------------


@contextmanager
def derivations_timed() -> Iterator[list[float]]:
    """Time every Argon2id derivation made meanwhile, inside whatever calls it."""
    spent: list[float] = []
    original = crypto.derive_key

    def timed_derive(passphrase: str, salt: bytes, params: crypto.KdfParams) -> bytes:
        started = time.perf_counter()
        try:
            return original(passphrase, salt, params)
        finally:
            spent.append((time.perf_counter() - started) * 1000)

    crypto.derive_key = timed_derive
    try:
        yield spent
    finally:
        crypto.derive_key = original


def measure_unlock(root: Path, settings: Settings, runs: int) -> list[Figure]:
    """Unlock in full, the Argon2id derivation inside it, and the first dashboard after it.

    The derivation is timed within each unlock, so the difference is that of the same run
    and a busy moment for Argon2id's threads does not leak into the figure with a target.
    """
    totals: list[float] = []
    derivations: list[float] = []
    firsts: list[float] = []
    for _ in range(runs):
        with derivations_timed() as spent:
            started = time.perf_counter()
            workspace = workspaces.unlock(root, PASSPHRASE, settings)
            totals.append((time.perf_counter() - started) * 1000)
        if len(spent) != 1:
            raise AssertionError(f"expected one Argon2id derivation per unlock, saw {len(spent)}")
        derivations.extend(spent)
        with workspace:
            firsts.extend(timed(workspace.dashboard.all, 1))
    apart = [total - derive for total, derive in zip(totals, derivations, strict=True)]
    params = keyfile.load(root / "journal.key").params
    return [
        Figure("unlock, total", statistics.median(totals), note=f"median of {runs}"),
        Figure("Argon2id derivation in it", statistics.median(derivations), note=_params(params)),
        Figure(
            "unlock, derivation aside",
            statistics.median(apart),
            p95(apart),
            target=TARGETS_MS["unlock"],
            note="same-run differences",
        ),
        Figure("first dashboard after unlock", statistics.median(firsts)),
    ]


def measure_use(
    workspace: Workspace, manifest: Manifest, adds: int, repeat: int, seed: int
) -> tuple[list[Figure], dict[str, Any]]:
    figures: list[Figure] = []
    details: dict[str, Any] = {}
    relationships = manifest.relationship_ids
    writer = Writer(seed + 1)
    base = datetime.now().replace(second=0, microsecond=0)
    counter = iter(range(adds))

    for category, queries in SEARCHES.items():
        samples: list[float] = []
        for query in queries:
            hits = workspace.search.search(query)  # warm-up, and the answer to check
            expected = EXPECTED.get(query)
            if expected is not None and len(hits) != manifest.rare_counts[expected]:
                raise AssertionError(
                    f"search {query!r} found {len(hits)}, expected {manifest.rare_counts[expected]}"
                )
            runs = timed(functools.partial(workspace.search.search, query), repeat)
            details[query] = {"hits": len(hits), "median_ms": statistics.median(runs)}
            samples.extend(runs)
        target = SEARCH_TARGETS_MS.get(category, TARGETS_MS["search"])
        figures.append(summary(category, samples, target))

    relationship = relationships[0]
    listed = workspace.records.list_records(RecordKind.SESSION, relationship_id=relationship)
    list_runs = timed(
        lambda: workspace.records.list_records(RecordKind.SESSION, relationship_id=relationship),
        repeat,
    )
    figures.append(
        summary("list one relationship's sessions", list_runs, note=f"{len(listed)} rows")
    )
    dashboard_runs = timed(workspace.dashboard.all, repeat)
    figures.append(
        summary("dashboard, all relationships", dashboard_runs, note=f"{len(relationships)} rows")
    )

    def add_one() -> None:
        index = next(counter)
        held_at = base + timedelta(days=writer.rng.randint(-30, 30))
        values = session_values(writer, relationships[index % len(relationships)], held_at)
        workspace.records.add(RecordKind.SESSION, values)

    # Last, so that the figures above are those of the journal as built.
    figures.append(summary("add one session", timed(add_one, adds), TARGETS_MS["add"]))

    return figures, details


def python_heap_peak(root: Path, settings: Settings) -> float:
    """tracemalloc's peak, in MiB, over unlock, dashboard, a list and a common-word search."""
    tracemalloc.start()
    try:
        with workspaces.unlock(root, PASSPHRASE, settings) as workspace:
            workspace.dashboard.all()
            relationship = workspace.dashboard.all()[0].relationship_id
            workspace.records.list_records(RecordKind.SESSION, relationship_id=relationship)
            workspace.search.search("spotkanie")
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


# -- report -----------------------------------------------------------------------------


def _params(params: crypto.KdfParams) -> str:
    return f"m={params.memory_kib // 1024} MiB, t={params.iterations}, p={params.lanes}"


def peak_rss_mib() -> float | None:
    """The process's peak resident memory; ``None`` where the resource module is missing."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes there, KiB here


def load_average() -> float | None:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def folder_size(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file())


def machine() -> dict[str, Any]:
    from sqlcipher3 import dbapi2 as sqlcipher

    connection = sqlcipher.connect(":memory:")
    try:
        sqlite = connection.execute("SELECT sqlite_version()").fetchone()[0]
        cipher = connection.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        connection.close()
    cpu = platform.processor() or "unknown"
    memory = "unknown"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "memory": memory,
        "system": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite,
        "sqlcipher": cipher,
    }


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:.1f} {unit}" if unit == "MiB" else f"{value:.2f} {unit}"


def print_table(figures: list[Figure], header: list[str]) -> None:
    for line in header:
        print(line)
    print()
    print(f"{'figure':<42} {'median':>11} {'p95':>11} {'target':>9}  {'':4} note")
    for f in figures:
        verdict = {True: "ok", False: "MISS", None: ""}[f.met]
        target = "" if f.target is None else f"< {f.target:g} {f.unit}"
        median, high = _cell(f.median, f.unit), _cell(f.p95, f.unit)
        print(f"{f.name:<42} {median:>11} {high:>11} {target:>9}  {verdict:4} {f.note}")


@contextmanager
def journal_folder(out: str | None) -> Iterator[Path]:
    if out is not None:
        folder = Path(out).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix="mentorjournal-bench-") as name:
        yield Path(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 10,000 sessions")
    parser.add_argument("--out", help="build the journal in DIR and keep it (default: temporary)")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse a journal built earlier in --out"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--adds", type=int, default=200, help="sessions added one by one")
    parser.add_argument(
        "--repeat", type=int, default=30, help="runs of each search, list, dashboard"
    )
    parser.add_argument("--unlock-runs", type=int, default=7)
    args = parser.parse_args(argv)
    if args.reuse and args.out is None:
        parser.error("--reuse needs --out")

    scale = Scale.of(args.scale)
    load_before = load_average()
    print("calibrating Argon2id…", file=sys.stderr)
    started = time.perf_counter()
    params = crypto.calibrate()
    calibration_ms = (time.perf_counter() - started) * 1000
    with journal_folder(args.out) as folder:
        root = folder / "journal"
        settings = Settings(lock_dir=folder / "locks", kdf=params)
        manifest = Manifest.load(folder) if args.reuse else None
        if manifest is not None and (manifest.scale, manifest.seed) != (args.scale, args.seed):
            parser.error("the journal in --out was built with another --scale or --seed")
        if manifest is None:
            if root.exists():
                parser.error(f"{root} exists; use --reuse, or another --out")
            print(f"building the journal in {root}", file=sys.stderr)
            manifest = build(root, settings, scale, args.scale, args.seed)
            manifest.save(folder)
        print("measuring…", file=sys.stderr)
        figures = measure_unlock(root, settings, args.unlock_runs)
        with workspaces.unlock(root, PASSPHRASE, settings) as workspace:
            used, details = measure_use(workspace, manifest, args.adds, args.repeat, args.seed)
        figures += used
        heap = python_heap_peak(root, settings)
        db_size = (root / "journal.db").stat().st_size / 2**20
        figures += [
            Figure("journal.db size", db_size, unit="MiB"),
            Figure("journal folder size", folder_size(root) / 2**20, unit="MiB"),
        ]
        rss = peak_rss_mib()
        if rss is not None:
            note = "includes the build and Argon2id's memory"
            figures.append(Figure("peak memory (RSS, whole run)", rss, unit="MiB", note=note))
        note = "unlock + dashboard + list + search"
        figures.append(Figure("peak Python heap (tracemalloc)", heap, unit="MiB", note=note))
    info = machine() | {"load_before": load_before, "load_after": load_average()}
    result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "scale": args.scale,
        "counts": manifest.counts,
        "build_seconds": round(manifest.build_seconds, 1),
        "calibration": {"params": asdict(params), "seconds": round(calibration_ms / 1000, 3)},
        "machine": info,
        "figures": [asdict(f) | {"met": f.met} for f in figures],
        "queries": details,
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        counts = ", ".join(
            f"{v:,} {k}" for k, v in manifest.counts.items() if k != "goals_per_relationship"
        )
        print_table(
            figures,
            [
                f"MentorJournal at scale {args.scale:g}: {counts}",
                f"built in {manifest.build_seconds:.0f} s; Argon2id calibrated here to "
                f"{_params(params)} (calibration took {calibration_ms:.0f} ms)",
                f"{info['cpus']} × {info['cpu']}, {info['memory']}, Python {info['python']}, "
                f"SQLite {info['sqlite']}, SQLCipher {info['sqlcipher']}; load average "
                f"{load_before} before, {info['load_after']} after (other work on the "
                "machine shows in the p95)",
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
