"""The shared folder watched while the journal is unlocked: a landing file is synced without
asking, the window shows what the sync changed without losing typed text, locking stops the
watching, and a partner joins from the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from mentorjournal.domain import RecordKind
from mentorjournal.domain.sync import SpaceState
from mentorjournal.ui.main_window import MainWindow
from mentorjournal.ui.sync.folder_dialog import FolderDialog
from mentorjournal.ui.worker import Worker
from tests.conftest import PASSPHRASE
from tests.services.sync_ledger import create, opened
from tests.ui.conftest import run_on
from tests.ui.sync_helpers import (
    add_relationship,
    change,
    pair,
    unlock_in_worker,
    watching,
    window_on_sync_tab,
)
from tests.ui.test_app_standin import child, click, make_controller, type_text
from tests.ui.window_helpers import IGNORE_OFFSCREEN, add, get, open_window

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def test_a_file_landing_in_the_folder_is_synced_without_asking(worker, qtbot, anna, ben, folder):
    rel = add_relationship(worker, qtbot)
    ben_device = pair(worker, qtbot, rel, folder, ben)
    window = window_on_sync_tab(worker, qtbot)
    qtbot.waitUntil(lambda: watching(window, folder / "devices" / ben_device))
    ben.ledger.send(b"first", b"second")

    ben.workspace.sync.now()  # two files land in Ben's folder; nobody presses anything

    qtbot.waitUntil(lambda: anna.payloads == [b"first", b"second"], timeout=10_000)
    qtbot.waitUntil(lambda: "received" in window.status_text.text(), timeout=5_000)
    qtbot.waitUntil(lambda: not window.sync.controller.running, timeout=5_000)
    assert anna.payloads == [b"first", b"second"]  # each applied once


def test_a_sync_that_changed_records_shows_them_and_keeps_what_is_being_typed(
    worker, qtbot, anna, ben, folder
):
    rel = add_relationship(worker, qtbot)
    first = add(worker, qtbot, RecordKind.GOAL, relationship_id=rel, title="Blog")
    second = add(worker, qtbot, RecordKind.GOAL, relationship_id=rel, title="Talk")
    pair(worker, qtbot, rel, folder, ben)
    window = window_on_sync_tab(worker, qtbot)
    window.tabs.setCurrentWidget(window.goals)
    goals = window.goals
    qtbot.waitUntil(lambda: goals.model.rowCount() == 2, timeout=5_000)
    goals.select_record(first.id)
    qtbot.waitUntil(lambda: goals.title.text() == "Blog")
    qtbot.keyClicks(goals.description.editor, "Write every Friday.")
    assert goals.autosave.dirty  # typed, not saved yet

    ben.ledger.send(
        change(first.id, title="Blog in Polish"), change(second.id, title="Conference talk")
    )
    ben.workspace.sync.now()
    window.sync.controller.sync_now()

    qtbot.waitUntil(lambda: goals.title.text() == "Blog in Polish", timeout=10_000)
    assert goals.description.editor.toPlainText() == "Write every Friday."
    titles = {record.title for record in goals.model.records()}
    assert titles == {"Blog in Polish", "Conference talk"}
    stored = get(worker, qtbot, first.id)
    assert (stored.title, stored.description) == ("Blog in Polish", "Write every Friday.")


def test_an_editor_with_unsaved_text_is_never_overwritten_by_a_sync(
    worker, qtbot, anna, ben, folder
):
    rel = add_relationship(worker, qtbot)
    goal = add(worker, qtbot, RecordKind.GOAL, relationship_id=rel, title="Blog")
    pair(worker, qtbot, rel, folder, ben)
    window = window_on_sync_tab(worker, qtbot)
    window.tabs.setCurrentWidget(window.goals)
    goals = window.goals
    qtbot.waitUntil(lambda: goals.title.text() == "Blog", timeout=5_000)
    ben.ledger.send(change(goal.id, title="Blog in Polish"))
    ben.workspace.sync.now()
    window.sync.controller.sync_now()
    # Typed while the sync runs: after the autosave went out, before the list came back.
    window.sync.controller.changed.connect(
        lambda: qtbot.keyClicks(goals.description.editor, "Typed during the sync.")
    )

    qtbot.waitUntil(lambda: anna.payloads != [], timeout=10_000)
    qtbot.waitUntil(lambda: "Blog in Polish" in {r.title for r in goals.model.records()})
    assert goals.description.editor.toPlainText() == "Typed during the sync."
    qtbot.waitUntil(lambda: not goals.autosave.dirty, timeout=5_000)
    qtbot.waitUntil(
        lambda: get(worker, qtbot, goal.id).description == "Typed during the sync.", timeout=5_000
    )
    assert get(worker, qtbot, goal.id).title == "Blog in Polish"


def test_locking_tears_the_watcher_down_and_unlocking_watches_again(
    qtbot, worker, settings, tmp_path, folder
):
    journal = tmp_path / "anna"
    create(journal, "Anna Kowalska", settings)
    windows: list[MainWindow] = []

    def factory(worker: Worker) -> MainWindow:
        window = MainWindow(worker)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    controller, _standins = make_controller(qtbot, worker, settings, tmp_path / "window.ini")
    controller._window_factory = factory  # the real window, not the stand-in

    def unlock() -> None:
        type_text(child(controller.dialog, QLineEdit, "unlock_passphrase"), PASSPHRASE)
        with qtbot.waitSignal(controller.dialog.unlocked):
            click(child(controller.dialog, QPushButton, "unlock_button"))

    controller.start(journal)
    unlock()
    window = windows[0]
    rel = add_relationship(worker, qtbot)
    run_on(worker, qtbot, lambda h: h.workspace.sync.start(rel, folder))
    window.sync.controller.refresh_watch()
    qtbot.waitUntil(lambda: watching(window, folder), timeout=5_000)
    sync = window.sync.controller

    controller.lock()

    qtbot.waitUntil(controller.dialog.isVisible, timeout=10_000)
    assert sync.watcher is None
    assert sync.watched() == []
    assert not sync.period.isActive()
    assert not sync.debounce.isActive()
    sync.sync_now()  # asked for while locked: nothing is queued
    assert not sync.running
    assert window.sync.panel.summary.text() == ""

    unlock()
    qtbot.waitUntil(lambda: watching(window, folder), timeout=5_000)
    assert sync.period.isActive()


def test_a_partner_joins_from_the_window_and_syncs_once_approved(
    worker, qtbot, tmp_path, settings, folder
):
    """Ben's journal in the window this time; Anna drives hers through the services."""
    ben = unlock_in_worker(worker, qtbot, tmp_path / "ben", "Ben Nowak", settings)
    create(tmp_path / "anna", "Anna Kowalska", settings)
    with opened(tmp_path / "anna", settings) as anna:
        rel = anna.workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": ["Ben"]}).id
        started = anna.workspace.sync.start(rel, folder)
        window = open_window(worker, qtbot)
        qtbot.waitUntil(lambda: window.sync.controller.watcher is not None, timeout=5_000)

        window.sync.action_join.trigger()
        dialog = window.sync.join_dialog
        assert isinstance(dialog, FolderDialog)
        qtbot.keyClicks(dialog.folder, str(folder))
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.done_, timeout=10_000)
        (request,) = anna.workspace.sync.requests(rel)
        assert request.safety_phrase in dialog.message.text()
        assert started.safety_phrase in dialog.message.text()
        assert "Waiting for approval" in dialog.message.text()
        qtbot.waitUntil(lambda: watching(window, folder / "devices"), timeout=5_000)

        anna.workspace.sync.approve(rel, request.device_id)
        anna.ledger.send(b"the relationship and its shared records")
        anna.workspace.sync.now()  # the watcher sees the approval and the change land

        qtbot.waitUntil(lambda: ben.payloads != [], timeout=10_000)
        assert ben.payloads == [b"the relationship and its shared records"]
        (status,) = run_on(worker, qtbot, lambda h: h.workspace.sync.status())
        assert status.state is SpaceState.ACTIVE
