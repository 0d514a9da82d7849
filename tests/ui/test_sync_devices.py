"""Devices from the Sync tab: removing one (with the honest note), leaving, and adding this
journal's other device; on real journals sharing one folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from mentorjournal.ui.sync.folder_dialog import FolderDialog
from tests.ui.conftest import run_on
from tests.ui.sync_helpers import (
    add_relationship,
    pair,
    watching,
    window_on_sync_tab,
)
from tests.ui.window_helpers import IGNORE_OFFSCREEN

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def _answer(qtbot: QtBot, parent: QWidget, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is not None, timeout=5_000)
    box = parent.findChild(QMessageBox, name)
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    return box


def test_removing_a_device_says_what_cannot_be_recalled_and_rekeys(
    worker, qtbot, anna, ben, folder
):
    rel = add_relationship(worker, qtbot)
    ben_device = pair(worker, qtbot, rel, folder, ben)
    window = window_on_sync_tab(worker, qtbot)
    panel = window.sync.panel
    qtbot.waitUntil(lambda: panel.devices.count() == 2, timeout=5_000)
    assert "cannot be recalled" in panel.remove_note.text()
    row = next(i for i in range(2) if "Ben Nowak" in panel.devices.item(i).text())
    panel.devices.setCurrentRow(row)
    assert panel.remove_button.isEnabled()

    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    box = _answer(qtbot, panel, "sync_remove_question")
    assert "cannot be recalled" in box.text()
    qtbot.mouseClick(
        box.findChild(QAbstractButton, "sync_remove_question_yes"), Qt.MouseButton.LeftButton
    )

    qtbot.waitUntil(
        lambda: any("removed" in panel.devices.item(i).text() for i in range(2)), timeout=10_000
    )
    devices = run_on(worker, qtbot, lambda h: h.workspace.sync.devices(rel))
    assert {d.device_id for d in devices if d.removed} == {ben_device}
    (status,) = run_on(worker, qtbot, lambda h: h.workspace.sync.status())
    assert status.epoch == 2  # a new space key from now on
    (report,) = ben.workspace.sync.now()
    assert report.state.value == "removed"


def test_own_device_cannot_be_removed_and_leaving_asks_first(worker, qtbot, anna, ben, folder):
    rel = add_relationship(worker, qtbot)
    pair(worker, qtbot, rel, folder, ben)
    window = window_on_sync_tab(worker, qtbot)
    panel = window.sync.panel
    qtbot.waitUntil(lambda: panel.devices.count() == 2, timeout=5_000)
    own = next(i for i in range(2) if "this device" in panel.devices.item(i).text())
    panel.devices.setCurrentRow(own)
    assert not panel.remove_button.isEnabled()

    qtbot.mouseClick(panel.leave_button, Qt.MouseButton.LeftButton)
    box = _answer(qtbot, panel, "sync_leave_question")
    assert "stays in this journal" in box.text()
    qtbot.mouseClick(
        box.findChild(QAbstractButton, "sync_leave_question_yes"), Qt.MouseButton.LeftButton
    )

    qtbot.waitUntil(lambda: panel.pages.currentIndex() == 0, timeout=10_000)
    assert run_on(worker, qtbot, lambda h: h.workspace.sync.status()) == []
    assert run_on(worker, qtbot, lambda h: h.workspace.records.get(rel)).id == rel
    assert any(folder.iterdir())  # the folder is left as it is
    qtbot.waitUntil(lambda: not watching(window, folder), timeout=5_000)


def test_adding_my_other_device_starts_the_own_devices_space_in_an_empty_folder(
    worker, qtbot, anna, tmp_path
):
    own = tmp_path / "Syncthing" / "me"
    own.mkdir(parents=True)
    add_relationship(worker, qtbot)
    window = window_on_sync_tab(worker, qtbot)

    window.sync.action_join_own.trigger()
    own_dialog = window.sync.own_dialog
    assert own_dialog is not None
    panel = own_dialog.panel
    qtbot.waitUntil(lambda: panel.share_button.isVisible(), timeout=5_000)
    assert "private records too" in panel.intro.text()
    qtbot.mouseClick(panel.share_button, Qt.MouseButton.LeftButton)
    dialog = panel.space_actions.dialog
    assert isinstance(dialog, FolderDialog)
    assert "private records too" in dialog.explanation.text()
    qtbot.keyClicks(dialog.folder, str(own))
    qtbot.keyClick(dialog.folder, Qt.Key.Key_Return)  # Enter presses the default button

    qtbot.waitUntil(lambda: dialog.done_, timeout=10_000)
    (status,) = run_on(worker, qtbot, lambda h: h.workspace.sync.status())
    assert status.include_private
    assert "Add my other device" in dialog.message.text()
    assert "safety phrase" in dialog.message.text()
    qtbot.waitUntil(lambda: watching(window, own), timeout=5_000)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # Close
    qtbot.waitUntil(lambda: panel.pages.currentIndex() == 1, timeout=5_000)
    assert "this device" in panel.devices.item(0).text()
