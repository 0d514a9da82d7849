"""The overview on a switch of relationship: shown at once, and fresh after a change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from mentorjournal.domain import RecordKind
from mentorjournal.ui.relationships.dialog import RelationshipDialog
from tests.ui.window_helpers import IGNORE_OFFSCREEN, add, open_window, wait_loaded

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def test_a_switch_shows_the_overview_before_the_worker_answers(unlocked_worker, qtbot):
    add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Piotr"])
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window, rows=2)
    qtbot.waitUntil(lambda: not unlocked_worker.busy, timeout=10_000)
    proxy, view = window.relationships.proxy, window.relationships.view
    other = next(r for r in range(proxy.rowCount()) if r != view.currentIndex().row())
    view.setCurrentIndex(proxy.index(other, 0))
    # No event has run since the click: the figures come from the list, not the worker.
    chosen = window.relationships.current()
    assert chosen is not None
    assert window.overview.dashboard is not None
    assert window.overview.dashboard.relationship_id == chosen.id
    assert window.overview.title() == f"Overview: {chosen.title}"


def test_the_overview_follows_a_change_of_the_relationship_in_view(unlocked_worker, qtbot):
    add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(RelationshipDialog, "relationship_dialog")
    assert dialog is not None
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Ola Nowak")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: window.overview.title() == "Overview: Ola Nowak", timeout=10_000)
