"""Lock now (Ctrl+L) and idle lock: pending work saved, journal locked, window cleared."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from mentorjournal.domain import JournalLocked, RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.sample_journal import DEMO_PASSPHRASE
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.app import AppController
from mentorjournal.ui.settings import AppSettings
from mentorjournal.ui.worker import Worker
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.conftest import run_on
from tests.ui.test_app_standin import (
    IGNORE_OFFSCREEN,
    StandInWindow,
    child,
    click,
    make_controller,
    page_name,
    press,
    type_text,
)

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "window.ini"


def unlock(qtbot: QtBot, controller: AppController) -> None:
    field = child(controller.dialog, QLineEdit, "unlock_passphrase")
    type_text(field, PASSPHRASE)
    with qtbot.waitSignal(controller.dialog.unlocked):
        click(child(controller.dialog, QPushButton, "unlock_button"))


@pytest.fixture
def opened(
    qtbot: QtBot, worker: Worker, settings: Settings, journal_dir: Path, settings_file: Path
) -> tuple[AppController, StandInWindow]:
    """The app after a person unlocked an existing journal: the window shows its content."""
    workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)[0].close()
    controller, windows = make_controller(qtbot, worker, settings, settings_file)
    controller.start(journal_dir)
    unlock(qtbot, controller)
    window = windows[0]
    qtbot.waitUntil(lambda: window.content.text() == OWNER)
    return controller, window


def assert_locked(qtbot: QtBot, worker: Worker) -> None:
    with pytest.raises(JournalLocked):
        run_on(worker, qtbot, lambda h: h.workspace.records.owner_name())


def test_lock_now_saves_locks_clears_and_asks_to_unlock(
    qtbot: QtBot, worker: Worker, opened: tuple[AppController, StandInWindow]
):
    controller, window = opened
    window.activateWindow()
    window.setFocus()

    press(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(controller.dialog.isVisible)
    assert window.calls == ["load", "flush", "clear"]
    assert window.content.text() == ""
    assert not window.isVisible()
    assert page_name(controller.dialog) == "unlock_page"
    assert_locked(qtbot, worker)

    unlock(qtbot, controller)
    qtbot.waitUntil(lambda: window.content.text() == OWNER)
    assert window.isVisible()
    assert window.calls[-1] == "load"


def test_idle_lock_fires_after_the_idle_time(
    qtbot: QtBot,
    worker: Worker,
    settings: Settings,
    journal_dir: Path,
    settings_file: Path,
):
    AppSettings(settings_file).idle_lock_ms = 300
    workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)[0].close()
    controller, windows = make_controller(qtbot, worker, settings, settings_file)
    controller.start(journal_dir)
    unlock(qtbot, controller)
    # Not "the window shows the journal": on a loaded machine the 300 ms may pass first.
    qtbot.waitUntil(lambda: bool(windows) and "load" in windows[0].calls)

    qtbot.waitUntil(controller.dialog.isVisible, timeout=5_000)

    assert windows[0].calls == ["load", "flush", "clear"]
    assert windows[0].content.text() == ""
    assert_locked(qtbot, worker)


def test_the_locked_demo_journal_tells_its_passphrase_and_opens_nothing_else(
    qtbot: QtBot, worker: Worker, settings: Settings, tmp_path: Path, settings_file: Path
):
    demo = tmp_path / "demo" / "journal"
    controller, windows = make_controller(qtbot, worker, settings, settings_file, demo=True)
    controller.start_demo(demo, settings)
    qtbot.waitUntil(lambda: bool(windows) and windows[0].content.text() == OWNER)
    relationships = run_on(
        worker, qtbot, lambda h: h.workspace.records.list_records(RecordKind.RELATIONSHIP)
    )
    assert len(relationships) == 6

    press(windows[0], Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    dialog = controller.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert DEMO_PASSPHRASE in child(dialog, QLabel, "unlock_hint").text()
    for name in ("unlock_other_folder", "unlock_create", "unlock_recover"):
        assert not child(dialog, QPushButton, name).isVisible()
    type_text(child(dialog, QLineEdit, "unlock_passphrase"), DEMO_PASSPHRASE)
    with qtbot.waitSignal(dialog.unlocked):
        click(child(dialog, QPushButton, "unlock_button"))
    assert AppSettings(settings_file).recent_journals == []  # the demo is not remembered


def test_the_idle_time_is_a_setting_in_the_journal_menu(
    qtbot: QtBot, opened: tuple[AppController, StandInWindow], settings_file: Path
):
    controller, window = opened
    action = child(window, QAction, "action_idle_lock")
    assert action in window.menu_journal.actions()
    assert action.text()

    action.trigger()
    dialog = child(window, QInputDialog, "idle_lock_dialog")
    qtbot.waitUntil(dialog.isVisible)
    dialog.setIntValue(3)
    dialog.accept()

    assert AppSettings(settings_file).idle_lock_ms == 3 * 60_000
    assert controller.idle_lock.interval_ms == 3 * 60_000
