"""What a screen reader is told: every control named, the overdue flag and save state in words.

A walk over every widget of the main window, with every tab shown in turn, fails for a
control that takes the focus yet has no name: no accessible name, no words of its own (a
button's text) and no label whose buddy it is.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from mentorjournal.domain import RecordKind
from mentorjournal.ui.main_window import MainWindow
from tests.ui.test_keyboard import filled_window, show_tab
from tests.ui.window_helpers import IGNORE_OFFSCREEN, add, open_window, wait_loaded

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def _inside_a_control(widget: QWidget, window: MainWindow) -> bool:
    """Qt's own parts of a control: a combo's list, a spin box's line edit, a table's header."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if parent.focusPolicy() != Qt.FocusPolicy.NoFocus and parent.focusProxy() is None:
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(window: MainWindow) -> tuple[list[str], int]:
    """The focusable controls in view without a name, and how many controls were looked at."""
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}
    missing = []
    checked = 0
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            continue
        if widget.window() is not window or widget.focusProxy() is not None:
            continue
        if widget.objectName().startswith("qt_") or _inside_a_control(widget, window):
            continue
        checked += 1
        own_words = isinstance(widget, QAbstractButton) and widget.text().strip("& ")
        if not (own_words or widget.accessibleName().strip() or id(widget) in buddies):
            missing.append(widget.objectName() or repr(widget))
    return missing, checked


def test_every_focusable_control_of_every_tab_has_a_name(unlocked_worker, qtbot):
    window = filled_window(unlocked_worker, qtbot)
    for index in range(window.tabs.count()):
        show_tab(qtbot, window, index)
        missing, checked = unnamed_controls(window)
        assert missing == [], window.tabs.tabText(index)
        assert checked >= 3  # the list, its button and the overview at least


def test_the_overview_says_its_figures_and_the_overdue_flag_in_words(unlocked_worker, qtbot, clock):
    relationship = add(
        unlocked_worker,
        qtbot,
        RecordKind.RELATIONSHIP,
        partner_names=["Ola"],
        stage="active",
        started_on="2026-01-05",
    )
    long_ago = min(clock.now.replace(tzinfo=None), datetime.now()) - timedelta(days=60)
    add(
        unlocked_worker,
        qtbot,
        RecordKind.SESSION,
        relationship_id=relationship.id,
        held_at=long_ago,
    )
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    overview = window.overview
    assert overview.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert overview.accessibleName() == "Overview: Ola"
    assert "overdue" in overview.accessibleDescription()
    assert "Stage:" in overview.accessibleDescription()
    assert overview.values["days"].accessibleName().startswith("Days since the last session:")
    assert "overdue" in overview.values["days"].accessibleName()
    row = window.relationships.view.currentIndex()
    spoken = row.data(Qt.ItemDataRole.AccessibleTextRole) or row.data()
    assert "Ola" in spoken
    assert "overdue" in spoken


def test_the_autosave_state_is_a_named_status(unlocked_worker, qtbot):
    window = filled_window(unlocked_worker, qtbot)
    show_tab(qtbot, window, 2)
    notes = window.sessions.notes.editor
    qtbot.keyClicks(notes, "More.")
    state = window.sessions.state_label
    assert state.accessibleName() == "Autosave: Saving…"
    qtbot.waitUntil(lambda: state.accessibleName() == "Autosave: Saved", timeout=10_000)
