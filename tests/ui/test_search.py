"""Quick search: debounced, on the worker, and an answer for an older query never shown."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from mentorjournal.domain import RecordKind
from tests.ui.window_helpers import IGNORE_OFFSCREEN, add, open_window, wait_loaded

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def test_an_answer_for_an_older_query_is_ignored(unlocked_worker, qtbot):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    add(unlocked_worker, qtbot, RecordKind.GOAL, relationship_id=rel.id, title="alpha goal")
    add(unlocked_worker, qtbot, RecordKind.GOAL, relationship_id=rel.id, title="beta goal")
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    search = window.search
    search.start()
    release = threading.Event()
    # Hold the worker so that both queries wait in its queue and answer one after the other.
    unlocked_worker.submit(lambda _holder: release.wait(10))
    shown: list[list[str]] = []
    search.model.modelReset.connect(
        lambda: shown.append(
            [search.model.index(r, 0).data() for r in range(search.model.rowCount())]
        )
    )
    qtbot.keyClicks(search.query, "alpha")
    qtbot.waitUntil(lambda: not search._timer.isActive(), timeout=5_000)
    search.query.clear()
    qtbot.keyClicks(search.query, "beta")
    qtbot.waitUntil(lambda: not search._timer.isActive(), timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: search.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: unlocked_worker.busy is False, timeout=10_000)
    assert all("alpha" not in row for rows in shown for row in rows)
    assert "beta goal" in search.model.index(0, 0).data()


def test_search_waits_for_typing_to_pause(unlocked_worker, qtbot):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    add(unlocked_worker, qtbot, RecordKind.GOAL, relationship_id=rel.id, title="Mówić płynnie")
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    search = window.search
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert search.isVisible()
    qtbot.keyClicks(search.query, "plynn")
    assert search.model.rowCount() == 0  # nothing searched between keys
    qtbot.waitUntil(lambda: search.model.rowCount() == 1, timeout=10_000)
    assert "Goal · Ola: Mówić płynnie" in search.model.index(0, 0).data()
    assert search.status.text() == "1 record found"
