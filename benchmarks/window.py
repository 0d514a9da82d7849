"""How fast is the window on a big journal? Start, switch, type, search, and its memory.

    .venv/bin/python benchmarks/window.py [--journal DIR] [--reuse] [--json]

The journal is the one ``journal_at_scale.py`` builds (35,000 records at scale 1.0, through
the public services). Each measurement runs in a fresh process with Qt offscreen, driving the
real start dialog and main window as a user would; see the "Window" section of
``benchmarks/README.md`` for what each figure means and the figures measured so far.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import PASSPHRASE, Manifest, build
from benchmarks.corpus import Scale
from benchmarks.journal_at_scale import (
    Figure,
    derivations_timed,
    journal_folder,
    load_average,
    machine,
    print_table,
    summary,
)

TARGETS_MS = {"start": 1500.0, "switch": 100.0, "key": 16.0, "search": 100.0}
TARGET_RSS_MIB = 250.0
NOTE_WORDS = 20_000
SEARCHES = ("spotkanie", "feedback", "zespół", "rozwój", "chrząszcz", "kariera", "serendipity")
LAUNCHED = "MENTORJOURNAL_BENCH_LAUNCHED"


# -- the measuring process (Qt offscreen, one app per process) ----------------------------


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Driver:
    """Opens the journal through the start dialog and waits for the window as a user would."""

    def __init__(self, folder: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from mentorjournal.services.workspace import Settings
        from mentorjournal.ui.app import AppController, Translations
        from mentorjournal.ui.settings import AppSettings
        from mentorjournal.ui.worker import Worker

        self.app = QApplication.instance() or QApplication(["mentorjournal-bench"])
        self.worker = Worker()
        settings = Settings(lock_dir=folder / "locks")
        self.controller = AppController(
            self.worker, AppSettings(), settings, Translations(self.app)
        )
        self.folder = folder

    def open(self) -> Any:
        """Type the passphrase, press Unlock, wait until the window is filled; the window."""
        dialog = self.controller.dialog
        self.controller.start(self.folder / "journal")
        dialog.unlock_page.passphrase.setText(PASSPHRASE)
        dialog._unlock()  # what the Unlock button does
        self.wait(lambda: self.controller.window is not None)
        window: Any = self.controller.window
        self.wait(lambda: window.relationships.model.rowCount() > 0 and not self.worker.busy)
        self.idle()
        window.repaint()  # painted: the first frame the user sees
        return window

    def wait(self, done: Callable[[], bool]) -> None:
        """Run the event loop until ``done()``, checked on every answer and every millisecond."""
        from PySide6.QtCore import QEventLoop, QTimer

        if done():
            return
        loop = QEventLoop()

        def check(*_args: object) -> None:
            if done():
                loop.quit()

        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(check)
        self.worker.busy_changed.connect(check)
        timer.start()
        loop.exec()
        timer.stop()
        self.worker.busy_changed.disconnect(check)

    def idle(self) -> None:
        """Until every task asked of the worker is answered (answers may ask for more)."""
        self.wait(lambda: not self.worker.busy)
        self.app.processEvents()
        self.wait(lambda: not self.worker.busy)


def child_start(folder: Path) -> dict[str, float]:
    launched = float(os.environ[LAUNCHED])
    with derivations_timed() as derivations:
        driver = Driver(folder)
        driver.open()
        total = (time.time() - launched) * 1000
    driver.worker.shutdown()
    return {"total_ms": total, "derive_ms": sum(derivations)}


def _switch(driver: Driver, window: Any, tab: Any, passes: int) -> list[float]:
    window.tabs.setCurrentWidget(tab)
    driver.idle()
    view, proxy = window.relationships.view, window.relationships.proxy
    samples: list[float] = []
    for _ in range(passes):
        for row in range(proxy.rowCount()):
            started = time.perf_counter()
            view.setCurrentIndex(proxy.index(row, 0))
            driver.idle()
            window.repaint()
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def _keystrokes(driver: Driver, window: Any, keys: int) -> tuple[list[float], list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    window.tabs.setCurrentWidget(window.sessions)
    driver.idle()
    rng = random.Random(2026)
    words = ["spotkanie", "feedback", "zespół", "rozwój", "cel", "praca", "kariera", "plan"]
    paragraphs = [" ".join(rng.choice(words) for _ in range(100)) for _ in range(NOTE_WORDS // 100)]
    field = window.sessions.notes
    field.editor.setPlainText("\n\n".join(paragraphs))  # typed in, as if pasted: an edit
    driver.idle()
    field.editor.setFocus()
    field.editor.moveCursor(QTextCursor.MoveOperation.End)
    typed, ticks = [], []
    for number in range(keys):
        started = time.perf_counter()
        QTest.keyClick(field.editor, Qt.Key.Key_Space if number % 6 == 5 else Qt.Key.Key_A)
        field.editor.viewport().repaint()
        typed.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        driver.app.processEvents()  # timers due meanwhile (the autosave's), on the GUI thread
        ticks.append((time.perf_counter() - started) * 1000)
    driver.idle()
    return typed, ticks


def _search(driver: Driver, window: Any, passes: int) -> tuple[list[float], list[int]]:
    search = window.search
    search.start()
    samples: list[float] = []
    counts: list[int] = []
    for _ in range(passes):
        for query in SEARCHES:
            search.query.clear()
            driver.idle()
            driver.wait(lambda: not search._timer.isActive())
            search.status.clear()
            for letter in query:  # typed one by one (QTest cannot type "ó")
                search.query.insert(letter)
            started = time.perf_counter()
            driver.wait(lambda: bool(search.status.text()))
            search.results.viewport().repaint()
            samples.append((time.perf_counter() - started) * 1000)
            counts.append(search.model.rowCount())
    search.hide()
    return samples, counts


def child_use(folder: Path, passes: int) -> dict[str, Any]:
    driver = Driver(folder)
    window = driver.open()
    result: dict[str, Any] = {"rss_open_mib": _rss_mib()}
    result["switch_sessions"] = _switch(driver, window, window.sessions, passes)
    result["switch_homework"] = _switch(driver, window, window.homework, passes)
    result["switch_agreement"] = _switch(driver, window, window.agreement, passes)
    result["search"], result["search_rows"] = _search(driver, window, passes)
    result["keys"], result["ticks"] = _keystrokes(driver, window, 200)
    result["rss_end_mib"] = _rss_mib()
    import resource

    result["rss_peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.sessions.autosave.clear()  # the 20,000 words are not kept in the journal
    driver.worker.shutdown()
    return result


# -- the orchestrating process ------------------------------------------------------------


def _child(mode: str, folder: Path, extra: list[str]) -> dict[str, Any]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    # The app's own settings (last journal, language) go to a throwaway place.
    with tempfile.TemporaryDirectory(prefix="mentorjournal-bench-home-") as home:
        env |= {"XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home, "LANGUAGE": "en"}
        env[LAUNCHED] = repr(time.time())
        done = subprocess.run(  # noqa: S603  (this very script, our own arguments)
            [sys.executable, __file__, mode, str(folder), *extra],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    parsed: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return parsed


def measure(folder: Path, starts: int, passes: int) -> tuple[list[Figure], dict[str, Any]]:
    print("starting the app (the first start of the day makes the daily backup)…", file=sys.stderr)
    first = _child("--child-start", folder, [])
    runs = [_child("--child-start", folder, []) for _ in range(starts)]
    totals = [r["total_ms"] for r in runs]
    derived = [r["derive_ms"] for r in runs]
    aside = [r["total_ms"] - r["derive_ms"] for r in runs]
    print("switching, searching, typing…", file=sys.stderr)
    use = _child("--child-use", folder, [str(passes)])
    figures = [
        summary("start to painted window, total", totals),
        summary("Argon2id derivation in it", derived),
        summary("start, derivation aside", aside, TARGETS_MS["start"]),
        summary("switch relationship, Sessions tab", use["switch_sessions"], TARGETS_MS["switch"]),
        summary("switch relationship, Homework tab", use["switch_homework"], TARGETS_MS["switch"]),
        summary(
            "switch relationship, Agreement tab", use["switch_agreement"], TARGETS_MS["switch"]
        ),
        summary("keystroke, 20,000-word note", use["keys"], TARGETS_MS["key"]),
        summary("events between keystrokes", use["ticks"], note="timers, the autosave"),
        summary("search, last key to results", use["search"], TARGETS_MS["search"]),
        Figure("memory (RSS) with the journal open", use["rss_open_mib"], unit="MiB"),
        Figure(
            "memory (RSS) after all of the above",
            use["rss_end_mib"],
            unit="MiB",
            target=TARGET_RSS_MIB,
        ),
        Figure("peak memory (RSS)", use["rss_peak_mib"], unit="MiB", note="Argon2id included"),
    ]
    details = {
        "first_start_ms": first["total_ms"],
        "search_rows": use["search_rows"],
        "starts": runs,
    }
    return figures, details


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments and arguments[0] in ("--child-start", "--child-use"):
        folder = Path(arguments[1])
        if arguments[0] == "--child-start":
            answer: dict[str, Any] = child_start(folder)
        else:
            answer = child_use(folder, int(arguments[2]))
        print(json.dumps(answer), flush=True)
        # Skip the interpreter's final garbage collection: PySide 6 sometimes aborts in it
        # ("none_dealloc"), long after the figures are out and the journal is locked.
        os._exit(0)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--journal", help="build the journal in DIR and keep it")
    parser.add_argument("--reuse", action="store_true", help="reuse the journal in --journal")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 35,000 records")
    parser.add_argument("--starts", type=int, default=7, help="app starts timed")
    parser.add_argument("--passes", type=int, default=3, help="passes over the relationships")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(arguments)
    if args.reuse and args.journal is None:
        parser.error("--reuse needs --journal")
    load_before = load_average()
    with journal_folder(args.journal) as folder:
        manifest = Manifest.load(folder) if args.reuse else None
        if manifest is None:
            from mentorjournal import crypto
            from mentorjournal.services.workspace import Settings

            if (folder / "journal").exists():
                parser.error(f"{folder / 'journal'} exists; use --reuse, or another --journal")
            print(f"building the journal in {folder}", file=sys.stderr)
            settings = Settings(lock_dir=folder / "locks", kdf=crypto.calibrate())
            manifest = build(folder / "journal", settings, Scale.of(args.scale), args.scale, 2026)
            manifest.save(folder)
        figures, details = measure(folder, args.starts, args.passes)
    info = machine() | {"load_before": load_before, "load_after": load_average()}
    if args.json:
        result = {
            "counts": manifest.counts,
            "machine": info,
            "figures": [asdict(f) | {"met": f.met} for f in figures],
            "details": details,
        }
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        counts = ", ".join(
            f"{v:,} {k}" for k, v in manifest.counts.items() if k != "goals_per_relationship"
        )
        print_table(
            figures,
            [
                f"MentorJournal's window at scale {manifest.scale:g}: {counts}",
                f"first start of the day (daily backup made): {details['first_start_ms']:.0f} ms",
                f"{info['cpus']} × {info['cpu']}, Python {info['python']}; load average "
                f"{load_before} before, {info['load_after']} after",
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
