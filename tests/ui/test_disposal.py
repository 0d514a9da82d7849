"""Qt objects end on the GUI thread, by Qt: never freed by a collection on the worker thread.

The rare "Fatal Python error: Segmentation fault" of the window's tests came from Python's
cyclic collector running on the database worker thread (its queries allocate a lot): it freed
Qt objects left in reference cycles there, while the GUI thread deleted a dialog connected to
them (ui/disposal.py has the whole story).
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

import mentorjournal.ui
from mentorjournal.domain import RecordKind
from mentorjournal.ui.disposal import dispose, disposing, flush_disposals
from mentorjournal.ui.worker import Holder, Worker
from tests.ui.conftest import run_on


class Helper(QObject):
    """Stands for a window's helper (like the idle lock): a running timer, and a cycle."""

    def __init__(self) -> None:
        super().__init__()
        self.myself = self  # only the cyclic collector can free this one
        self.timer = QTimer(self)
        self.timer.start(60_000)


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The thread of every garbage collection that starts while the test runs."""
    threads: list[int] = []

    def note(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    gc.callbacks.append(note)
    yield threads
    gc.callbacks.remove(note)


def busy_journal(holder: Holder) -> None:
    """Real work on the worker thread: add and read back records, as the window does."""
    records = holder.workspace.records
    for number in range(20):
        records.add(RecordKind.RELATIONSHIP, {"partner_names": [f"Partner {number}"]})
    records.list_records(RecordKind.RELATIONSHIP)


def test_a_qt_object_left_in_a_cycle_is_destroyed_on_the_gui_thread_while_the_worker_works(
    unlocked_worker: Worker, qtbot: QtBot, collections: list[int]
) -> None:
    gui = threading.get_ident()
    ended_on: list[int] = []
    helper = Helper()
    helper.destroyed.connect(lambda: ended_on.append(threading.get_ident()))
    del helper  # now garbage in a cycle, as a closed window's helpers are

    def more_work() -> bool:
        if not ended_on:
            run_on(unlocked_worker, qtbot, busy_journal)
        return bool(ended_on)

    qtbot.waitUntil(more_work, timeout=60_000)
    assert ended_on == [gui]  # on the worker thread, Qt warns that timers cannot be stopped
    assert set(collections) == {gui}


def test_a_disposed_dialog_keeps_its_wrapper_until_qt_has_deleted_it(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    dialog = QDialog(window)
    wrapper = weakref.ref(dialog)
    before = disposing()
    dispose(dialog)
    del dialog
    gc.collect()
    alive = wrapper()
    assert alive is not None
    assert shiboken6.isValid(alive)  # Qt has not deleted it yet
    assert disposing() == before + 1
    del alive
    flush_disposals()
    gc.collect()
    assert disposing() == before
    assert wrapper() is None or not shiboken6.isValid(wrapper())
    assert window.findChildren(QDialog) == []


def test_an_answer_for_a_dialog_qt_has_deleted_is_dropped(
    unlocked_worker: Worker, qtbot: QtBot
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    dialog = QDialog(window)
    answers: list[Any] = []
    unlocked_worker.submit(lambda h: h.workspace.path, answers.append, owner=dialog)
    dispose(dialog)
    flush_disposals()  # deleted before the answer comes; its wrapper is still referenced here
    assert not shiboken6.isValid(dialog)
    run_on(unlocked_worker, qtbot, lambda _h: None)  # answers come in order: it came first
    assert answers == []


def test_every_window_object_ends_through_the_disposal_rule() -> None:
    """A bare deleteLater() (or WA_DeleteOnClose) elsewhere in ui/ would bypass ui/disposal.py."""
    ui = Path(mentorjournal.ui.__file__).parent
    offenders = [
        f"{path.relative_to(ui)}:{number}"
        for path in sorted(ui.rglob("*.py"))
        if path.name != "disposal.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "deleteLater" in line or "WA_DeleteOnClose" in line
    ]
    assert offenders == []
