"""The Sync tab: sharing a relationship, approving the partner with the safety phrase, and
files set aside said in words; on two real journals sharing one folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mentorjournal.i18n import Language, use_language
from mentorjournal.ui.sync.confirm import ApproveDialog
from mentorjournal.ui.sync.folder_dialog import FolderDialog
from tests.services.sync_ledger import create, opened
from tests.ui.conftest import run_on
from tests.ui.sync_helpers import (
    add_relationship,
    pair,
    share,
    watching,
    window_on_sync_tab,
)
from tests.ui.test_accessibility import unnamed_controls
from tests.ui.test_main_window_language import language_changed
from tests.ui.window_helpers import IGNORE_OFFSCREEN

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def test_sharing_from_the_window_shows_this_devices_safety_phrase(worker, qtbot, anna, ben, folder):
    rel = add_relationship(worker, qtbot)
    window = window_on_sync_tab(worker, qtbot)
    panel = window.sync.panel
    qtbot.waitUntil(lambda: panel.share_button.isVisible(), timeout=5_000)
    assert "private notes and the diary never do" in panel.intro.text()

    qtbot.mouseClick(panel.share_button, Qt.MouseButton.LeftButton)
    dialog = panel.space_actions.dialog
    assert isinstance(dialog, FolderDialog)
    assert "never do" in dialog.explanation.text()
    qtbot.keyClicks(dialog.folder, str(folder))
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.done_, timeout=10_000)

    (status,) = run_on(worker, qtbot, lambda h: h.workspace.sync.status())
    assert status.relationship_id == rel
    joined = ben.workspace.sync.join(folder)
    shown = dialog.message.text()
    assert joined.owner_phrase in shown  # the words Ben's app shows him as Anna's
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # Close
    qtbot.waitUntil(lambda: panel.pages.currentIndex() == 1, timeout=5_000)
    assert joined.owner_phrase in panel.phrase.text()
    assert str(folder) in panel.summary.text()
    qtbot.waitUntil(lambda: watching(window, folder), timeout=5_000)


def test_a_partners_request_appears_and_is_approved_with_its_phrase(
    worker, qtbot, anna, ben, folder
):
    rel = add_relationship(worker, qtbot)
    share(worker, qtbot, rel, folder)
    window = window_on_sync_tab(worker, qtbot)
    panel = window.sync.panel
    qtbot.waitUntil(lambda: watching(window, folder), timeout=5_000)

    joined = ben.workspace.sync.join(folder)  # the watcher notices his folder appear

    qtbot.waitUntil(lambda: panel.requests.count() == 1, timeout=10_000)
    line = panel.requests.item(0).text()
    assert "Ben Nowak" in line
    assert joined.safety_phrase in line
    panel.requests.setCurrentRow(0)
    qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    dialog = panel.space_actions.dialog
    assert isinstance(dialog, ApproveDialog)
    assert joined.safety_phrase in dialog.text.text()
    assert "phone or video" in dialog.text.text()
    assert not dialog.approve.isEnabled()  # not before the comparison is confirmed
    qtbot.mouseClick(dialog.compared, Qt.MouseButton.LeftButton)
    assert dialog.approve.isEnabled()
    qtbot.mouseClick(dialog.approve, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: panel.devices.count() == 2, timeout=10_000)
    assert run_on(worker, qtbot, lambda h: h.workspace.sync.requests(rel)) == []
    assert any("Ben Nowak" in panel.devices.item(i).text() for i in range(2))
    (report,) = ben.workspace.sync.now()
    assert report.state.value == "active"


def test_a_damaged_file_is_listed_with_its_reason_in_words_in_both_languages(
    worker, qtbot, anna, ben, folder
):
    rel = add_relationship(worker, qtbot)
    ben_device = pair(worker, qtbot, rel, folder, ben)
    window = window_on_sync_tab(worker, qtbot)
    panel = window.sync.panel
    qtbot.waitUntil(lambda: panel.pages.currentIndex() == 1, timeout=5_000)
    assert panel.set_aside.item(0).text() == "No file set aside."
    ben.ledger.send(b"a shared goal")
    ben.workspace.sync.now()
    written = folder / "devices" / ben_device / "changes" / "0000000000000001.mjc"
    written.write_bytes(written.read_bytes()[:200])  # cut off, as by a sync tool stopped

    qtbot.waitUntil(lambda: "incomplete" in panel.set_aside.item(0).text(), timeout=10_000)
    line = panel.set_aside.item(0).text()
    assert line == f"devices/{ben_device}/changes/0000000000000001.mjc: incomplete (truncated)"
    assert anna.payloads == []  # nothing of the damaged file was applied
    assert panel.set_aside.accessibleName() == "Files set aside, and why"

    use_language(Language.POLISH)
    try:
        language_changed()
        qtbot.waitUntil(lambda: panel.set_aside.accessibleName() != "Files set aside, and why")
        assert "niekompletny" in panel.set_aside.item(0).text()
    finally:
        use_language(Language.ENGLISH)
        language_changed()


def test_every_control_of_the_sync_tab_is_named_and_f5_or_ctrl_shift_s_syncs(
    worker, qtbot, anna, ben, folder
):
    rel = add_relationship(worker, qtbot)
    pair(worker, qtbot, rel, folder, ben)
    window = window_on_sync_tab(worker, qtbot)
    panel = window.sync.panel
    qtbot.waitUntil(lambda: panel.devices.count() == 2, timeout=5_000)
    missing, checked = unnamed_controls(window)
    assert missing == []
    assert checked >= 6
    ben.ledger.send(b"from Ben")
    ben.workspace.sync.now()

    qtbot.waitUntil(lambda: not window.sync.controller.running, timeout=5_000)  # on unlock
    qtbot.keyClick(panel.devices, Qt.Key.Key_F5)
    assert window.sync.controller.running  # at once, not after the watcher's quiet period

    qtbot.waitUntil(lambda: anna.payloads == [b"from Ben"], timeout=10_000)
    qtbot.waitUntil(lambda: "1 received" in panel.busy.text(), timeout=5_000)
    assert panel.busy.accessibleName().startswith("Sync: Synced")
    qtbot.waitUntil(lambda: not window.sync.controller.running, timeout=5_000)
    qtbot.keyClick(
        panel.devices,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.sync.controller.running  # the other shortcut


def test_a_requests_name_from_the_folder_is_shown_as_text_never_as_markup(
    worker, qtbot, anna, tmp_path, settings, folder
):
    rel = add_relationship(worker, qtbot)
    share(worker, qtbot, rel, folder)
    hostile = '<b style="color:green">Ben Nowak</b> <img src="/etc/passwd">'
    create(tmp_path / "mallory", hostile, settings)
    window = window_on_sync_tab(worker, qtbot)
    panel = window.sync.panel
    qtbot.waitUntil(lambda: watching(window, folder), timeout=5_000)
    with opened(tmp_path / "mallory", settings) as mallory:
        mallory.workspace.sync.join(folder)
        qtbot.waitUntil(lambda: panel.requests.count() == 1, timeout=10_000)
    assert hostile in panel.requests.item(0).text()

    qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    dialog = panel.space_actions.dialog
    assert isinstance(dialog, ApproveDialog)
    assert dialog.text.textFormat() == Qt.TextFormat.PlainText
    assert hostile in dialog.text.text()
    assert hostile in dialog.windowTitle()
    dialog.reject()
