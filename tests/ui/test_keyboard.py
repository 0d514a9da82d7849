"""The main window by keyboard alone: Tab reaches every control in reading order, no trap.

Tab starts at the relationships list, goes to the overview, the tab bar and the chosen tab's
contents, and comes back round to the list; Shift+Tab walks the same way back; Ctrl+Tab
changes tabs; a label's Alt+letter moves to its field.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from mentorjournal.domain import RecordKind
from mentorjournal.ui.main_window import MainWindow
from mentorjournal.ui.worker import Worker
from tests.ui.window_helpers import IGNORE_OFFSCREEN, add, open_window, wait_loaded

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def name(widget: QWidget | None) -> str:
    return "None" if widget is None else widget.objectName() or type(widget).__name__


def filled_window(worker: Worker, qtbot) -> MainWindow:
    """A window on a relationship with one record of every kind, so every form is enabled."""
    relationship = add(worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    rid = relationship.id
    add(worker, qtbot, RecordKind.AGREEMENT, relationship_id=rid)
    add(worker, qtbot, RecordKind.GOAL, relationship_id=rid, title="Speak up in meetings")
    add(worker, qtbot, RecordKind.SESSION, relationship_id=rid, held_at=datetime(2026, 1, 5))
    add(worker, qtbot, RecordKind.HOMEWORK, relationship_id=rid, title="Read a chapter")
    add(worker, qtbot, RecordKind.MATERIAL, relationship_id=rid, title="A book")
    add(worker, qtbot, RecordKind.ENTRY, relationship_id=rid, text="A quiet week.")
    window = open_window(worker, qtbot)
    wait_loaded(qtbot, window)
    return window


def show_tab(qtbot, window: MainWindow, index: int) -> None:
    window.tabs.setCurrentIndex(index)
    page = window.tabs.currentWidget()
    view = getattr(page, "view", None)
    if view is not None:  # a record tab: wait for its record in the form
        qtbot.waitUntil(lambda: view.currentIndex().isValid(), timeout=10_000)
    elif page is window.reflection:  # the closing: wait for its goals in the first step
        qtbot.waitUntil(lambda: page.state is not None, timeout=10_000)


def walk(qtbot, start: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):
    """The widgets Tab (or Shift+Tab) visits from ``start`` until it is back at ``start``."""
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=5_000)
    chain: list[QWidget] = []
    stayed = 0
    for _step in range(300):
        widget = QApplication.focusWidget()
        assert widget is not None
        if not chain or chain[-1] is not widget:
            chain.append(widget)
        qtbot.keyClick(widget, key, modifier)
        after = QApplication.focusWidget()
        # A date edit takes Tab from one part of the date to the next, then lets it go.
        stayed = stayed + 1 if after is widget else 0
        assert stayed < 8, f"Tab is trapped in {name(widget)}"
        if after is start:
            return chain
    raise AssertionError("Tab never came back: " + " -> ".join(map(name, chain)))


def tab_stops(window: MainWindow) -> list[QWidget]:
    """Every named control in view that Tab should reach."""
    return [
        widget
        for widget in window.findChildren(QWidget)
        if widget.objectName()
        and not widget.objectName().startswith("qt_")
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.isVisible()
        and widget.isEnabled()
        and widget.window() is window
        and widget.focusProxy() is None  # the tab widget: its tab bar takes the focus
    ]


def test_tab_reaches_every_control_of_every_tab_in_reading_order(unlocked_worker, qtbot):
    window = filled_window(unlocked_worker, qtbot)
    for index in range(window.tabs.count()):
        show_tab(qtbot, window, index)
        chain = walk(qtbot, window.relationships.view, Qt.Key.Key_Tab)
        names = [name(w) for w in chain]
        missed = [name(w) for w in tab_stops(window) if w not in chain]
        assert missed == [], f"tab {index}: not reached by Tab: {missed}; went {names}"
        page = window.tabs.currentWidget()
        first_inside = next((i for i, w in enumerate(chain) if page.isAncestorOf(w)), 4)
        assert names[:4] == [
            "relationships_list",
            "relationships_new",
            "overview",
            "qt_tabwidget_tabbar",
        ], names
        assert first_inside == 4, names  # the tab's contents right after the tab bar
        assert all(page.isAncestorOf(w) for w in chain[4:]), names

        back = walk(
            qtbot, window.relationships.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier
        )
        assert [name(w) for w in back] == [names[0], *reversed(names[1:])]


def test_ctrl_tab_changes_tabs_from_inside_a_tab(unlocked_worker, qtbot):
    window = filled_window(unlocked_worker, qtbot)
    show_tab(qtbot, window, 2)
    window.sessions.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sessions.view, timeout=5_000)
    qtbot.keyClick(window.sessions.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.homework
    focused = QApplication.focusWidget()
    qtbot.keyClick(
        focused,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.tabs.currentWidget() is window.sessions


def test_a_labels_alt_letter_moves_to_its_field(unlocked_worker, qtbot):
    window = filled_window(unlocked_worker, qtbot)
    show_tab(qtbot, window, 2)
    window.sessions.view.setFocus()
    qtbot.keyClick(window.sessions.view, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sessions.duration, timeout=5_000)
