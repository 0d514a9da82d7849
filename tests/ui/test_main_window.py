"""The main window driven as a person would, on a real journal in the worker thread."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from mentorjournal.domain import RecordKind, Relationship, Session
from mentorjournal.ui import icons
from mentorjournal.ui.editor import autosave
from mentorjournal.ui.editor.history import HistoryRole
from mentorjournal.ui.relationships.dialog import RelationshipDialog
from mentorjournal.ui.worker import Holder, Worker
from tests.ui.conftest import run_on
from tests.ui.window_helpers import (
    IGNORE_OFFSCREEN,
    add,
    get,
    open_window,
    texts_in,
    wait_loaded,
)

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def test_a_new_relationship_and_a_grow_session_are_kept_as_typed(unlocked_worker, qtbot):
    window = open_window(unlocked_worker, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(RelationshipDialog, "relationship_dialog")
    assert dialog is not None
    qtbot.keyClicks(dialog.partners, "Ola Nowak")
    dialog.kind.setCurrentIndex(dialog.kind.findData("reverse"))
    assert "younger colleague" in dialog.kind_help.text()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    wait_loaded(qtbot, window)
    assert "Ola Nowak" in window.relationships.view.currentIndex().data()

    window.tabs.setCurrentWidget(window.sessions)
    menu = window.sessions.template_menu
    reverse_topic = menu.findChild(QAction, "template_reverse_work_life")
    assert reverse_topic is not None, "reverse mentoring offers its usual topics"
    grow = menu.findChild(QAction, "template_regular_grow")
    assert grow is not None
    grow.trigger()
    qtbot.waitUntil(lambda: window.sessions.model.rowCount() == 1, timeout=10_000)
    notes = window.sessions.notes.editor
    qtbot.waitUntil(lambda: "## Reality" in notes.toPlainText(), timeout=10_000)
    assert "Goal" in window.sessions.agenda.text()

    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes, "Ola wants to try a chatbot for reports.")
    assert window.sessions.state_label.text() == "Saving…"
    qtbot.waitUntil(lambda: window.sessions.state_label.text() == "Saved", timeout=10_000)

    session = window.sessions.current_record()
    stored = get(unlocked_worker, qtbot, session.id)
    assert isinstance(stored, Session)
    assert stored.notes.startswith("## Goal")
    assert stored.notes.endswith("Ola wants to try a chatbot for reports.")
    relationships = run_on(
        unlocked_worker, qtbot, lambda h: h.workspace.records.list_records(RecordKind.RELATIONSHIP)
    )
    assert [getattr(r, "partner_names", None) for r in relationships] == [("Ola Nowak",)]


def test_switching_sessions_saves_at_once(unlocked_worker, qtbot, monkeypatch):
    monkeypatch.setattr(autosave, "DELAY_MS", 600_000)  # only the switch can save in time
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Jan"])
    first = add(
        unlocked_worker,
        qtbot,
        RecordKind.SESSION,
        relationship_id=rel.id,
        held_at="2026-11-01T10:00",
    )
    add(
        unlocked_worker,
        qtbot,
        RecordKind.SESSION,
        relationship_id=rel.id,
        held_at="2026-11-15T10:00",
    )
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    tab = window.sessions
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    tab.select_record(first.id)
    qtbot.keyClicks(tab.takeaways.editor, "Ask for feedback early")
    other = next(r for r in tab.model.records() if r.id != first.id)
    tab.select_record(other.id)
    qtbot.waitUntil(
        lambda: get(unlocked_worker, qtbot, first.id).takeaways == "Ask for feedback early",
        timeout=10_000,
    )
    assert tab.takeaways.text() == ""  # the other session is in view now


def test_an_earlier_version_is_restored_from_the_history(unlocked_worker, qtbot):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Jan"])
    goal = add(unlocked_worker, qtbot, RecordKind.GOAL, relationship_id=rel.id, title="Speak")
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    tab = window.goals
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.current_record() is not None, timeout=10_000)
    editor = tab.success_criteria.editor
    qtbot.keyClicks(editor, "Give one talk")
    qtbot.waitUntil(lambda: tab.state_label.text() == "Saved", timeout=10_000)
    editor.selectAll()
    qtbot.keyClicks(editor, "Give three talks")
    qtbot.waitUntil(lambda: tab.state_label.text() == "Saved", timeout=10_000)
    assert get(unlocked_worker, qtbot, goal.id).success_criteria == "Give three talks"

    qtbot.mouseClick(tab.success_criteria.history_button, Qt.MouseButton.LeftButton)
    dialog = tab.history_dialog
    assert dialog is not None

    def versions() -> list[str]:
        model = dialog.model
        return [model.index(r, 0).data(HistoryRole.VALUE) for r in range(model.rowCount())]

    qtbot.waitUntil(lambda: "Give one talk" in versions(), timeout=10_000)
    row = versions().index("Give one talk")
    dialog.versions.setCurrentIndex(dialog.model.index(row, 0))
    assert dialog.value.toPlainText() == "Give one talk"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.toPlainText() == "Give one talk", timeout=10_000)
    assert get(unlocked_worker, qtbot, goal.id).success_criteria == "Give one talk"


def test_search_finds_a_note_and_enter_opens_it(unlocked_worker, qtbot):
    first = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ada"])
    second = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Bartek"])
    add(
        unlocked_worker,
        qtbot,
        RecordKind.SESSION,
        relationship_id=first.id,
        held_at="2026-11-01T10:00",
        notes="nothing here",
    )
    wanted = add(
        unlocked_worker,
        qtbot,
        RecordKind.SESSION,
        relationship_id=second.id,
        held_at="2026-11-02T10:00",
    )
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window, rows=2)
    window.relationships.select(second.id)
    tab = window.sessions
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.current_record() is not None, timeout=10_000)
    # Typed through an input method: QTest can only type Latin-1 key by key.
    tab.notes.editor.insertPlainText("Zażółć: przeczytać o żurawiach")
    qtbot.keyClicks(tab.notes.editor, " i czaplach")
    qtbot.waitUntil(lambda: tab.state_label.text() == "Saved", timeout=10_000)
    window.relationships.select(first.id)
    window.tabs.setCurrentWidget(window.goals)

    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    search = window.search
    assert search.isVisible()
    qtbot.keyClicks(search.query, "zurawiach")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1, timeout=10_000)
    shown = search.model.index(0, 0).data()
    assert "Session · Bartek" in shown
    assert "żurawiach" in shown
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    assert not search.isVisible()
    qtbot.waitUntil(
        lambda: tab.current_record() is not None and tab.current_record().id == wanted.id,
        timeout=10_000,
    )
    assert window.tabs.currentWidget() is tab
    chosen = window.relationships.current()
    assert chosen is not None
    assert chosen.id == second.id
    assert "żurawiach" in tab.notes.text()


def is_warning(icon: QIcon | None) -> bool:
    if not isinstance(icon, QIcon) or icon.isNull():
        return False
    return icon.pixmap(16, 16).toImage() == icons.warning().pixmap(16, 16).toImage()


def test_overdue_is_said_in_words_with_an_icon(unlocked_worker, qtbot, clock):
    rel = add(
        unlocked_worker,
        qtbot,
        RecordKind.RELATIONSHIP,
        partner_names=["Ewa"],
        started_on="2026-01-05",
    )
    # Past for the journal's clock and for the window's (the real) one alike.
    due = min(clock.now.date(), date.today()) - timedelta(days=3)
    add(
        unlocked_worker,
        qtbot,
        RecordKind.HOMEWORK,
        relationship_id=rel.id,
        title="Read a book",
        due_date=due.isoformat(),
    )
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    qtbot.waitUntil(
        lambda: "homework overdue" in window.relationships.view.currentIndex().data(),
        timeout=10_000,
    )
    row = window.relationships.view.currentIndex()
    assert "overdue" in row.data()
    assert is_warning(row.data(Qt.ItemDataRole.DecorationRole))
    assert "overdue" in window.overview.values["days"].text()
    assert "1 overdue" in window.overview.values["homework"].text()

    window.tabs.setCurrentWidget(window.homework)
    tab = window.homework
    qtbot.waitUntil(lambda: tab.current_record() is not None, timeout=10_000)
    status = tab.proxy.index(0, 3)
    assert status.data() == "overdue"
    assert is_warning(status.data(Qt.ItemDataRole.DecorationRole))
    assert not is_warning(tab.proxy.index(0, 0).data(Qt.ItemDataRole.DecorationRole))
    assert tab.overdue.text().startswith("Overdue: due")


def test_a_refused_save_is_said_in_words_never_in_a_dialog(unlocked_worker, qtbot):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Jan"])
    goal = add(unlocked_worker, qtbot, RecordKind.GOAL, relationship_id=rel.id, title="Speak")
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    tab = window.goals
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.current_record() is not None, timeout=10_000)
    tab.title.selectAll()
    qtbot.keyClick(tab.title, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: tab.state_label.text().startswith("Not saved"), timeout=10_000)
    assert "required" in tab.state_label.text()
    assert QApplication.activeModalWidget() is None
    assert get(unlocked_worker, qtbot, goal.id).title == "Speak"


def test_stage_moves_on_and_archive_closes_the_relationship(unlocked_worker, qtbot):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Iga"])
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    window.action_next_stage.trigger()
    qtbot.waitUntil(lambda: get(unlocked_worker, qtbot, rel.id).stage == "agreed", timeout=10_000)
    qtbot.waitUntil(
        lambda: "agreed" in window.relationships.view.currentIndex().data(), timeout=10_000
    )
    window.action_archive.trigger()
    qtbot.waitUntil(lambda: window.relationships.proxy.rowCount() == 0, timeout=10_000)
    stored = get(unlocked_worker, qtbot, rel.id)
    assert isinstance(stored, Relationship)
    assert stored.stage == "closed"
    assert stored.deleted_at is None, "archived, not in the trash"
    assert stored.ended_on is not None
    assert "archived" in window.status_text.text()
    window.action_show_archived.trigger()
    assert window.relationships.proxy.rowCount() == 1


def test_lock_now_is_asked_for_with_ctrl_l(unlocked_worker, qtbot):
    window = open_window(unlocked_worker, qtbot)
    with qtbot.waitSignal(window.lock_requested, timeout=5_000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_every_action_has_a_shortcut_or_a_mnemonic(unlocked_worker, qtbot):
    window = open_window(unlocked_worker, qtbot)
    for action in window.actions():
        assert action.objectName()
        assert not action.shortcut().isEmpty() or "&" in action.text(), action.objectName()
    for button in window.findChildren(QPushButton):
        assert button.objectName(), button.text()


def test_clear_leaves_nothing_of_the_journal_in_any_widget(unlocked_worker, qtbot):
    canary = "Kanarek7341"
    rel = add(
        unlocked_worker,
        qtbot,
        RecordKind.RELATIONSHIP,
        partner_names=[f"{canary} Ela"],
        focus_areas=[canary],
    )
    goal = add(
        unlocked_worker,
        qtbot,
        RecordKind.GOAL,
        relationship_id=rel.id,
        title=f"{canary} goal",
        success_criteria=canary,
    )
    add(
        unlocked_worker,
        qtbot,
        RecordKind.SESSION,
        relationship_id=rel.id,
        held_at="2026-11-01T10:00",
        agenda=canary,
        notes=canary,
        private_notes=canary,
        takeaways=canary,
        goal_ids=[goal.id],
    )
    add(
        unlocked_worker,
        qtbot,
        RecordKind.HOMEWORK,
        relationship_id=rel.id,
        title=f"{canary} task",
        details=canary,
    )
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    for tab in (window.goals, window.sessions, window.homework):
        window.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda tab=tab: tab.current_record() is not None, timeout=10_000)
    window.sessions.notes.preview_button.click()
    window.search.start()
    qtbot.keyClicks(window.search.query, canary)
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10_000)
    assert any(canary in text for text in texts_in(window)), "the check must see the text"

    done: list[bool] = []
    window.flush(lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    window.clear()
    leftovers = [text for text in texts_in(window) if canary in text]
    assert leftovers == []
    assert window.sessions.goal_choices.rowCount() == 0


def inside_a_control(widget: QWidget, controls: tuple[type, ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, controls):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_has_a_name_and_a_label_or_accessible_name(unlocked_worker, qtbot):
    add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    window.relationships.new_relationship()
    controls = (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}
    unnamed, unlabelled = [], []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, controls) or widget.objectName().startswith("qt_"):
            continue
        if inside_a_control(widget, controls):
            continue  # Qt's own parts: a combo's list, a table's header, a clear button
        if not widget.objectName():
            unnamed.append(widget)
        has_words = isinstance(widget, QAbstractButton) and widget.text().strip()
        if not (has_words or widget.accessibleName() or id(widget) in buddies):
            unlabelled.append(widget.objectName() or repr(widget))
    assert unnamed == []
    assert unlabelled == []


def test_the_window_fills_again_after_a_clear(unlocked_worker, qtbot):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    add(unlocked_worker, qtbot, RecordKind.GOAL, relationship_id=rel.id, title="Speak")
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    window.tabs.setCurrentWidget(window.goals)
    qtbot.waitUntil(lambda: window.goals.model.rowCount() == 1, timeout=10_000)
    window.clear()
    assert window.relationships.model.rowCount() == 0
    assert window.overview.dashboard is None
    window.load()  # as after unlocking again
    wait_loaded(qtbot, window)
    qtbot.waitUntil(lambda: window.goals.model.rowCount() == 1, timeout=10_000)


def test_editing_a_relationship_to_reverse_offers_its_topics(unlocked_worker, qtbot):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    menu = window.sessions.template_menu
    assert menu.findChild(QAction, "template_reverse_ai_data") is None
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(RelationshipDialog, "relationship_dialog")
    assert dialog is not None
    assert dialog.partners.text() == "Ola"
    dialog.kind.setCurrentIndex(dialog.kind.findData("reverse"))
    dialog.focus.setFocus()
    qtbot.keyClicks(dialog.focus, "AI, social media")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: get(unlocked_worker, qtbot, rel.id).kind == "reverse", timeout=10_000)
    assert get(unlocked_worker, qtbot, rel.id).focus_areas == ("AI", "social media")
    qtbot.waitUntil(
        lambda: menu.findChild(QAction, "template_reverse_ai_data") is not None, timeout=10_000
    )


def test_flush_saves_what_is_typed_before_it_answers(unlocked_worker, qtbot, monkeypatch):
    monkeypatch.setattr(autosave, "DELAY_MS", 600_000)  # only the flush can save in time
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Jan"])
    session = add(
        unlocked_worker,
        qtbot,
        RecordKind.SESSION,
        relationship_id=rel.id,
        held_at="2026-11-01T10:00",
    )
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    window.tabs.setCurrentWidget(window.sessions)
    qtbot.waitUntil(lambda: window.sessions.current_record() is not None, timeout=10_000)
    qtbot.keyClicks(window.sessions.private_notes.editor, "only for me")
    held: list[str] = []
    window.flush(lambda: held.append(get_now(unlocked_worker, session.id)))
    qtbot.waitUntil(lambda: bool(held), timeout=10_000)
    assert held == ["only for me"]


def get_now(worker: Worker, record_id: str) -> str:
    """Read on the worker thread while the GUI thread waits (for this check only)."""
    answer: list[str] = []
    ready = threading.Event()

    def read(holder: Holder) -> None:
        answer.append(getattr(holder.workspace.records.get(record_id), "private_notes", ""))
        ready.set()

    worker.submit(read)
    assert ready.wait(10)
    return answer[0]
