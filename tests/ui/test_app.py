"""The app as a whole: language switch, the demo journal's life, the sample it shows."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mentorjournal.domain import RecordKind
from mentorjournal.i18n import Language
from mentorjournal.services.sample_journal import build_sample
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.ui.app import AppController, display_missing
from mentorjournal.ui.settings import AppSettings
from mentorjournal.ui.worker import Worker
from tests.ui.test_app_standin import (
    IGNORE_OFFSCREEN,
    child,
    make_controller,
)

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def controller(
    qtbot: QtBot, worker: Worker, settings: Settings, journal_dir: Path, tmp_path: Path
) -> Iterator[AppController]:
    controller, _windows = make_controller(qtbot, worker, settings, tmp_path / "window.ini")
    controller.start(journal_dir)
    yield controller
    controller.translations.install(Language.ENGLISH)  # the language is process-wide


def test_the_language_switch_shows_the_window_and_qt_in_polish(
    qtbot: QtBot, controller: AppController, tmp_path: Path
):
    heading = child(controller.dialog, QLabel, "create_heading")
    assert heading.text() == "Create your journal"

    controller.switch_language("pl")

    qtbot.waitUntil(lambda: heading.text() == "Utwórz swój dziennik")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Anuluj"
    assert AppSettings(tmp_path / "window.ini").language is Language.POLISH

    controller.switch_language("en")

    qtbot.waitUntil(lambda: heading.text() == "Create your journal")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_no_display_is_noticed_only_where_one_is_needed():
    assert display_missing({})
    assert not display_missing({"DISPLAY": ":0"})
    assert not display_missing({"WAYLAND_DISPLAY": "wayland-0"})
    assert not display_missing({"QT_QPA_PLATFORM": "offscreen"})


def test_the_sample_journal_shows_the_app_at_work(workspace: Workspace):
    today = date(2026, 11, 23)
    build_sample(workspace.records, today)
    records = workspace.records

    relationships = records.list_records(RecordKind.RELATIONSHIP)
    by_kind = [(r.kind.value, r.my_role.value) for r in relationships]  # type: ignore[attr-defined]
    assert by_kind.count(("traditional", "mentor")) == 2
    assert ("reverse", "mentee") in by_kind
    assert ("peer", "peer") in by_kind
    statuses = {g.status.value for g in records.list_records(RecordKind.GOAL)}  # type: ignore[attr-defined]
    assert statuses == {"open", "achieved", "not_achievable", "dropped"}
    homework = records.list_records(RecordKind.HOMEWORK)
    assert any(
        h.status.value == "open" and h.due_date and h.due_date < today  # type: ignore[attr-defined]
        for h in homework
    )
    held = sorted(s.held_at for s in records.list_records(RecordKind.SESSION))  # type: ignore[attr-defined]
    assert (held[-1] - held[0]).days > 120  # months of sessions
    assert workspace.search.search("zolw")  # Polish text, found without Polish letters
    assert workspace.search.search("spec")  # and English


_DEMO = """
import sys
from PySide6.QtWidgets import QMainWindow
from tests.ui.test_app_standin import StandInWindow
from mentorjournal.ui.app import run


class Reporting(StandInWindow):
    def load(self):
        super().load()
        self.worker.submit(
            lambda h: h.workspace.path,
            lambda path: print("shown", path, flush=True),
        )


sys.exit(run(["demo"], demo=True, window_factory=Reporting))
"""


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_the_demo_journal_is_deleted_on_exit(tmp_path: Path, stop: signal.Signals):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(scratch),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    with subprocess.Popen(
        [sys.executable, "-c", _DEMO],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()  # blocks until the window shows the demo journal
            assert line.startswith("shown "), process.communicate()[1]
            journal = Path(line.split(" ", 1)[1].strip())
            assert journal.is_relative_to(scratch)
            assert (journal / "journal.db").exists()
            assert journal.parent.stat().st_mode & 0o077 == 0  # a private folder

            process.send_signal(stop)
            _out, errors = process.communicate(timeout=30)
            assert process.returncode == 128 + stop, errors
        finally:
            if process.poll() is None:
                process.kill()
    assert list(scratch.iterdir()) == []


_STUBBORN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from mentorjournal.ui.app import run
from mentorjournal.ui.start.dialog import StartDialog

# As on the recovery key page: the start dialog refuses to close.
StartDialog.closeEvent = lambda self, event: event.ignore()
app = QApplication(["stubborn"])
QTimer.singleShot(0, lambda: print("ready", flush=True))
sys.exit(run(["stubborn"], journal_dir=__import__("pathlib").Path(sys.argv[1])))
"""


def test_a_signal_ends_the_app_even_when_a_window_refuses_to_close(tmp_path: Path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", _STUBBORN, str(tmp_path / "journal")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            assert process.stdout.readline() == "ready\n", process.communicate()[1]
            process.send_signal(signal.SIGTERM)
            _out, errors = process.communicate(timeout=30)
            assert process.returncode == 128 + signal.SIGTERM, errors
        finally:
            if process.poll() is None:
                process.kill()


def test_every_text_of_the_start_and_lock_is_in_polish_with_the_same_placeholders():
    from babel.messages.extract import extract_from_file

    from mentorjournal.i18n import load_translation

    polish = load_translation(Language.POLISH)
    ui = ROOT / "mentorjournal" / "ui"
    files = [ui / "app.py", ui / "errors.py", ui / "lock.py", *sorted((ui / "start").glob("*.py"))]
    keywords = {"_": None, "ngettext": (1, 2)}
    checked = 0
    for path in files:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=keywords
        ):
            singular = message if isinstance(message, str) else message[0]
            shown = (
                polish.gettext(message)
                if isinstance(message, str)
                else polish.ngettext(message[0], message[1], 5)
            )
            assert shown != singular or singular.startswith("Folder"), singular
            assert set(re.findall(r"{\w+}", shown)) == set(re.findall(r"{\w+}", singular))
            checked += 1
    assert checked > 50


def test_the_language_chosen_in_the_window_wins_over_the_system_one():
    AppSettings().language = Language.POLISH  # the default file, inside this test's folders
    env = {
        **os.environ,
        "DISPLAY": "",
        "WAYLAND_DISPLAY": "",
        "QT_QPA_PLATFORM": "",
        "LANG": "en_US.UTF-8",
        "LANGUAGE": "",
        "LC_ALL": "",
    }
    done = subprocess.run(
        [sys.executable, "-m", "mentorjournal"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 1
    assert "ekranu" in done.stderr  # the no-display line, in the chosen language
