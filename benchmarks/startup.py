"""How long does ``mentorjournal`` take from start to exit? Whole processes, timed from outside.

    .venv/bin/python benchmarks/startup.py [--runs 20] [--word chrząszcz] [--kdf M,T,P] [--json]

Builds a journal of about 500 records through the public services, with Argon2id calibrated
on this machine as a user's journal is, in a temporary folder; then runs
``mentorjournal --version``, ``--help`` and ``search WORD`` as real processes ``--runs``
times each and reports the medians, beside the Argon2id derivation that ``search`` pays on
purpose (``crypto.derive_key`` timed with the journal's own salt and parameters) and the
biggest entries of ``python -X importtime`` for ``--help`` and for ``search``.
See ``benchmarks/README.md`` for the figures measured so far.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import PASSPHRASE, build
from benchmarks.corpus import Scale
from benchmarks.journal_at_scale import load_average, machine, p95
from mentorjournal import crypto
from mentorjournal.domain import RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.store import keyfile

# 2 relationships, their 6 goals and 1 agreement, 200 sessions, 200 homework, 91 entries.
SCALE = Scale(relationships=2, sessions=200, homework=200, entries=91)
COMMAND = [sys.executable, "-m", "mentorjournal"]
# Heavy packages whose presence in a process's imports is worth reporting.
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "sqlcipher3", "cryptography", "PySide6")


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    median_ms: float
    p95_ms: float
    min_ms: float
    runs: int


def count_records(root: Path, settings: Settings) -> int:
    with workspaces.unlock(root, PASSPHRASE, settings) as workspace:
        return sum(len(workspace.records.list_records(kind)) for kind in RecordKind)


def child_environment(folder: Path) -> dict[str, str]:
    """The environment of every measured process: the passphrase given, settings and caches
    kept inside ``folder``, English, and Python free to cache compiled bytecode as an
    installed application does (this machine's shells set PYTHONDONTWRITEBYTECODE)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(variable, None)
    env |= {"LANG": "C.UTF-8", "MENTORJOURNAL_PASSPHRASE": PASSPHRASE}
    for variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[variable] = str(folder / variable.lower())
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(  # noqa: S603  (this interpreter, with arguments of this script)
        args, env=env, capture_output=True, stdin=subprocess.DEVNULL, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    return done


def time_process(name: str, args: list[str], env: dict[str, str], runs: int) -> Timing:
    """Wall-clock time of whole processes, from start to exit; one unmeasured run first."""
    run(args, env)
    samples: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        run(args, env)
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(name, statistics.median(samples), p95(samples), min(samples), runs)


# The first derivation in a new process, as ``search`` makes it: it pays for faulting in
# Argon2id's memory and starting its lanes' threads, which later ones in the same process do
# not (about 0.5 s against 0.3 s here). The passphrase comes from the environment.
_DERIVE_ONCE = """
import os, sys, time
from pathlib import Path
from mentorjournal import crypto
from mentorjournal.store import keyfile
key = keyfile.load(Path(sys.argv[1]))
started = time.perf_counter()
crypto.derive_key(os.environ["MENTORJOURNAL_PASSPHRASE"], key.salt, key.params)
print((time.perf_counter() - started) * 1000)
"""


def argon2_ms(root: Path, env: dict[str, str], runs: int) -> dict[str, Any]:
    """``crypto.derive_key`` with the journal's own salt and parameters: the derivation every
    command that unlocks the journal makes once, timed first in a new process (what the
    command pays) and again in this one (warm)."""
    key = keyfile.load(root / "journal.key")
    first = [
        float(run([sys.executable, "-c", _DERIVE_ONCE, str(root / "journal.key")], env).stdout)
        for _ in range(runs)
    ]
    warm: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        crypto.derive_key(PASSPHRASE, key.salt, key.params)
        warm.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": statistics.median(first),
        "warm_median_ms": statistics.median(warm),
        "params": asdict(key.params),
    }


def import_profile(args: list[str], env: dict[str, str], top: int) -> dict[str, Any]:
    """``python -X importtime``: total import time, the biggest cumulative entries, and the
    heavy packages imported."""
    done = run([sys.executable, "-X", "importtime", *args], env)
    rows: list[tuple[int, int, str]] = []
    for line in done.stderr.decode().splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own_us, cumulative_us, module = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative_us), int(own_us), module.rstrip()))
    total_us = sum(c for c, _o, name in rows if not name.startswith("  "))
    imported = {name.strip().split(".")[0] for _c, _o, name in rows}
    by_package: dict[str, int] = {}
    for _c, own, name in rows:
        package = _package(name.strip())
        by_package[package] = by_package.get(package, 0) + own
    return {
        "total_ms": total_us / 1000,
        "by_package": [
            {"self_ms": own / 1000, "package": package}
            for package, own in sorted(by_package.items(), key=lambda item: -item[1])[:top]
        ],
        "top": [
            {"cumulative_ms": c / 1000, "self_ms": o / 1000, "module": name}
            for c, o, name in sorted(rows, reverse=True)[:top]
        ],
        "heavy": [package for package in HEAVY if package in imported],
    }


def _package(module: str) -> str:
    """Where an import's own time is counted: a third-party package as a whole, our modules
    one by one, and the standard library as one."""
    top = module.split(".")[0]
    if top == "mentorjournal":
        return module
    if top in sys.stdlib_module_names or top.lstrip("_") in sys.stdlib_module_names:
        return "(standard library)"
    return top


def print_report(result: dict[str, Any]) -> None:
    info = result["machine"]
    params = result["argon2id"]["params"]
    print(f"MentorJournal start-up, {result['records']} records, {result['date']}")
    print(
        f"{info['cpus']} × {info['cpu']}, Python {info['python']}; load average "
        f"{result['load_before']} before, {result['load_after']} after"
    )
    print()
    print(f"{'whole process':<34} {'median':>9} {'p95':>9} {'min':>9}")
    for t in result["timings"]:
        name, median, high, low = t["name"], t["median_ms"], t["p95_ms"], t["min_ms"]
        print(f"{name:<34} {median:>6.0f} ms {high:>6.0f} ms {low:>6.0f} ms")
    argon2 = result["argon2id"]["median_ms"]
    search = next(t for t in result["timings"] if t["name"].startswith("mentorjournal search"))
    print(
        f"Argon2id in search (m = {params['memory_kib'] // 1024} MiB, t = "
        f"{params['iterations']}, p = {params['lanes']}), first in a process: {argon2:.0f} ms, "
        f"{100 * argon2 / search['median_ms']:.0f} % of the process; the rest "
        f"{search['median_ms'] - argon2:.0f} ms (warm, in one process: "
        f"{result['argon2id']['warm_median_ms']:.0f} ms)"
    )
    print(f"search found {result['search_hits']} records")
    for label, profile in result["importtime"].items():
        heavy = ", ".join(profile["heavy"]) or "none of the heavy packages"
        print()
        print(f"python -X importtime {label}: {profile['total_ms']:.0f} ms of imports; {heavy}")
        for entry in profile["top"]:
            print(f"  {entry['cumulative_ms']:>7.1f} ms  {entry['module']}")
        print("  own import time, summed by package:")
        for entry in profile["by_package"]:
            print(f"  {entry['self_ms']:>7.1f} ms  {entry['package']}")


def _kdf(text: str) -> crypto.KdfParams:
    memory_kib, iterations, lanes = (int(part) for part in text.split(","))
    return crypto.KdfParams(memory_kib=memory_kib, iterations=iterations, lanes=lanes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="processes timed per command")
    parser.add_argument("--word", default="chrząszcz", help="what search looks for")
    parser.add_argument("--top", type=int, default=12, help="importtime entries shown")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--kdf",
        type=_kdf,
        metavar="MEMORY_KIB,ITERATIONS,LANES",
        help="Argon2id parameters of the journal, to compare runs (default: calibrated here)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)

    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="mentorjournal-startup-") as name:
        folder = Path(name)
        root = folder / "journal"
        print("calibrating Argon2id and building the journal…", file=sys.stderr)
        settings = Settings(lock_dir=folder / "locks", kdf=args.kdf or crypto.calibrate())
        manifest = build(root, settings, SCALE, 0.0, args.seed)
        records = count_records(root, settings)
        env = child_environment(folder)
        search = [*COMMAND, "search", args.word, "--journal", str(root)]
        hits = len(json.loads(run([*search, "--json"], env).stdout))
        print("timing processes…", file=sys.stderr)
        timings = [
            time_process(
                "python -c pass (the interpreter)", [sys.executable, "-c", "pass"], env, args.runs
            ),
            time_process("mentorjournal --version", [*COMMAND, "--version"], env, args.runs),
            time_process("mentorjournal --help", [*COMMAND, "--help"], env, args.runs),
            time_process(
                "mentorjournal add session --help",
                [*COMMAND, "add", "session", "--help"],
                env,
                args.runs,
            ),
            time_process(f"mentorjournal search {args.word}", search, env, args.runs),
        ]
        argon2 = argon2_ms(root, env, max(5, args.runs // 2))
        profiles = {
            "-m mentorjournal --help": import_profile([*COMMAND[1:], "--help"], env, args.top),
            f"-m mentorjournal search {args.word}": import_profile(search[1:], env, args.top),
        }
    result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "records": records,
        "planted": manifest.rare_counts,
        "search_hits": hits,
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_average(),
        "timings": [asdict(t) for t in timings],
        "argon2id": argon2,
        "importtime": profiles,
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
