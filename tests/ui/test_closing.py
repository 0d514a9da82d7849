"""The guided closing in the Reflection tab, driven as a person would, on a real journal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mentorjournal.domain import (
    Evaluation,
    EvaluationMoment,
    GoalStatus,
    Party,
    RecordKind,
    Reflection,
    Stage,
)
from mentorjournal.domain.questionnaire import questionnaire
from mentorjournal.i18n import Language, use_language
from mentorjournal.services.closing import Verdict
from mentorjournal.ui.closing.steps import FINAL, GOALS, REFLECTION, REVIEW
from mentorjournal.ui.main_window import MainWindow
from mentorjournal.ui.tabs.reflection import ReflectionTab
from mentorjournal.ui.worker import Worker
from tests.ui.conftest import run_on
from tests.ui.test_main_window_language import language_changed
from tests.ui.window_helpers import IGNORE_OFFSCREEN, add, get, open_window, wait_loaded

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def _journal(worker: Worker, qtbot) -> tuple[str, str, str]:
    relationship = add(
        worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola Nowak"], stage="active"
    )
    speak = add(worker, qtbot, RecordKind.GOAL, relationship_id=relationship.id, title="Speak up")
    blog = add(worker, qtbot, RecordKind.GOAL, relationship_id=relationship.id, title="Blog")
    return relationship.id, speak.id, blog.id


def _reflection_tab(worker: Worker, qtbot) -> tuple[MainWindow, ReflectionTab]:
    window = open_window(worker, qtbot)
    wait_loaded(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)  # View › tab 7
    tab = window.reflection
    assert window.tabs.currentWidget() is tab
    qtbot.waitUntil(lambda: tab.state is not None, timeout=10_000)
    return window, tab


def _state(worker: Worker, qtbot, relationship_id: str):
    return run_on(worker, qtbot, lambda h: h.workspace.closing.state(relationship_id))


def test_a_full_closing_by_keyboard_and_mouse(unlocked_worker, qtbot):
    rid, speak, blog = _journal(unlocked_worker, qtbot)
    window, tab = _reflection_tab(unlocked_worker, qtbot)
    assert tab.steps.currentIndex() == GOALS
    assert "2 goals have no verdict yet" in tab.summary.text()

    # 1. Goals: a verdict is a click; "not achievable" waits for its why.
    speak_row, blog_row = tab.goals.rows[speak], tab.goals.rows[blog]
    qtbot.mouseClick(speak_row.buttons[GoalStatus.ACHIEVED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: get(unlocked_worker, qtbot, speak).status is GoalStatus.ACHIEVED, timeout=10_000
    )
    assert get(unlocked_worker, qtbot, rid).stage is Stage.CLOSING  # the closing began
    blog_row.buttons[GoalStatus.NOT_ACHIEVABLE].setFocus()
    qtbot.keyClick(blog_row.buttons[GoalStatus.NOT_ACHIEVABLE], Qt.Key.Key_Space)
    assert "Required" in blog_row.hint.text()
    qtbot.keyClicks(blog_row.note, "The company blog closed.")
    qtbot.waitUntil(
        lambda: get(unlocked_worker, qtbot, blog).outcome_note == "The company blog closed.",
        timeout=10_000,
    )
    assert get(unlocked_worker, qtbot, blog).status is GoalStatus.NOT_ACHIEVABLE
    assert blog_row.hint.text() == ""

    # 2. The final evaluation: each answer saved as it is chosen.
    qtbot.keyClick(tab.next_button, Qt.Key.Key_Space)
    assert tab.steps.currentIndex() == FINAL
    worth_it = tab.final.buttons["worth_it"].button(5)
    assert worth_it.accessibleName() == (
        "The relationship is worth the time it takes.: Strongly agree"
    )
    qtbot.mouseClick(worth_it, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.final.buttons["goals_clear"].button(4), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            (e := _state(unlocked_worker, qtbot, rid).evaluation(EvaluationMoment.FINAL, Party.ME))
            is not None
            and e.scores == {"goals_clear": 4, "worth_it": 5}
        ),
        timeout=10_000,
    )

    # 3. The reflection, in the Markdown editors, and a rating.
    qtbot.mouseClick(tab.next_button, Qt.MouseButton.LeftButton)
    assert tab.steps.currentIndex() == REFLECTION
    qtbot.keyClicks(tab.reflection.fields["what_worked"].editor, "Pytania zamiast **rad**.")
    tab.reflection.rating.setFocus()
    qtbot.keyClick(tab.reflection.rating, Qt.Key.Key_Up)
    qtbot.keyClick(tab.reflection.rating, Qt.Key.Key_Up)

    # 4. Review and close.
    qtbot.mouseClick(tab.next_button, Qt.MouseButton.LeftButton)
    assert tab.steps.currentIndex() == REVIEW
    qtbot.waitUntil(tab.finish_button.isEnabled, timeout=10_000)
    assert "Pytania zamiast" in tab.review.toPlainText()
    qtbot.mouseClick(tab.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.result.isVisible, timeout=10_000)

    state = _state(unlocked_worker, qtbot, rid)
    assert state.relationship.stage is Stage.CLOSED
    own = state.reflections[Party.ME]
    assert isinstance(own, Reflection)
    assert (own.what_worked, own.rating) == ("Pytania zamiast **rad**.", 2)
    assert own.finalised_on == state.relationship.ended_on is not None
    assert "Pytania zamiast rad." in tab.closed_view.toPlainText()  # rendered, read-only
    assert tab.closed_view.isReadOnly()
    # The closed relationship stays in view (archived relationships are shown now).
    current = window.relationships.current()
    assert current is not None
    assert current.id == rid
    assert window.action_show_archived.isChecked()
    assert "Closed on" in tab.summary.text()


def test_the_closing_resumes_after_the_window_is_reopened(unlocked_worker, qtbot):
    rid, speak, blog = _journal(unlocked_worker, qtbot)
    window, tab = _reflection_tab(unlocked_worker, qtbot)
    qtbot.mouseClick(tab.goals.rows[speak].buttons[GoalStatus.DROPPED], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.goals.rows[blog].buttons[GoalStatus.ACHIEVED], Qt.MouseButton.LeftButton)
    tab.go_to(REFLECTION)
    qtbot.keyClicks(tab.reflection.fields["lessons"].editor, "Listen to the end.")
    window.close()  # before the autosave's timer: closing the window saves what was typed

    window, tab = _reflection_tab(unlocked_worker, qtbot)
    assert tab.steps.currentIndex() == FINAL  # the first step with something left to do
    assert tab.goals.rows[speak].status is GoalStatus.DROPPED
    assert tab.goals.rows[blog].status is GoalStatus.ACHIEVED
    assert tab.reflection.fields["lessons"].text() == "Listen to the end."
    own = _state(unlocked_worker, qtbot, rid).reflections[Party.ME]
    assert (own.lessons, own.finalised_on) == ("Listen to the end.", None)
    # Within a window, each relationship's closing comes back at the step the user left.
    tab.go_to(REFLECTION)
    other = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ewa"])
    window.relationships.load(select=other.id)
    qtbot.waitUntil(lambda: tab.relationship is not None and tab.relationship.id == other.id)
    window.relationships.select(rid)
    qtbot.waitUntil(lambda: tab.state is not None and tab.state.relationship.id == rid)
    assert tab.steps.currentIndex() == REFLECTION


def test_a_closed_relationship_is_shown_read_only_reopened_and_exported(unlocked_worker, qtbot):
    rid, speak, blog = _journal(unlocked_worker, qtbot)
    verdicts = [Verdict(speak, GoalStatus.ACHIEVED), Verdict(blog, GoalStatus.ACHIEVED)]
    run_on(
        unlocked_worker,
        qtbot,
        lambda h: h.workspace.closing.finish(
            rid, verdicts=verdicts, reflections={Party.ME: {"lessons": "Mniej."}}
        ),
    )
    window = open_window(unlocked_worker, qtbot)
    window.action_show_archived.trigger()
    wait_loaded(qtbot, window)
    window.tabs.setCurrentWidget(window.reflection)
    tab = window.reflection
    qtbot.waitUntil(lambda: tab.state is not None, timeout=10_000)
    assert tab.result.isVisible()
    assert not tab.guided.isVisible()
    assert "Mniej." in tab.closed_view.toPlainText()
    assert tab.export_button.isEnabled()
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    # The window's own "Export closing report…" opens its options for this relationship.
    qtbot.waitUntil(lambda: window.report_export.dialog is not None, timeout=10_000)
    report_dialog = window.report_export.dialog
    assert report_dialog is not None
    qtbot.waitUntil(report_dialog.isVisible)
    report_dialog.reject()

    qtbot.mouseClick(tab.reopen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.guided.isVisible, timeout=10_000)
    assert tab.steps.currentIndex() == REVIEW
    stored = get(unlocked_worker, qtbot, rid)
    assert (stored.stage, stored.ended_on) == (Stage.ACTIVE, None)
    qtbot.waitUntil(
        lambda: (board := window.overview.dashboard) is not None and board.stage is Stage.ACTIVE,
        timeout=10_000,
    )


def test_the_mid_point_evaluation_is_a_button_away(unlocked_worker, qtbot):
    rid, _speak, _blog = _journal(unlocked_worker, qtbot)
    _window, tab = _reflection_tab(unlocked_worker, qtbot)
    qtbot.mouseClick(tab.midpoint_button, Qt.MouseButton.LeftButton)
    dialog = tab.midpoint_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    form = dialog.form
    form.party.setCurrentIndex(1)  # the partner's answers, typed in for them
    first = questionnaire().questions[0]
    button = form.buttons[first.id].button(2)
    assert button.accessibleName() == f"{first.text}: Disagree"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            _state(unlocked_worker, qtbot, rid).evaluation(EvaluationMoment.MIDPOINT, Party.PARTNER)
            is not None
        ),
        timeout=10_000,
    )
    stored = _state(unlocked_worker, qtbot, rid).evaluation(
        EvaluationMoment.MIDPOINT, Party.PARTNER
    )
    assert isinstance(stored, Evaluation)
    assert stored.scores == {first.id: 2}
    assert get(unlocked_worker, qtbot, rid).stage is Stage.ACTIVE  # answering is not closing
    form.party.setCurrentIndex(0)
    assert not any(b.isChecked() for b in form.buttons[first.id].buttons())
    dialog.reject()
    assert QApplication.activeModalWidget() is None


def test_the_closing_switches_to_polish_at_run_time(unlocked_worker, qtbot):
    _rid, speak, _blog = _journal(unlocked_worker, qtbot)
    _window, tab = _reflection_tab(unlocked_worker, qtbot)
    tab.go_to(FINAL)
    statement = questionnaire("pl").questions[0]
    use_language(Language.POLISH)
    try:
        language_changed()
        qtbot.waitUntil(lambda: tab.guided.step_label.text().startswith("Krok 2 z 4"))
        assert tab.final.groups[statement.id].title() == statement.text
        point = tab.final.buttons[statement.id].button(1)
        assert point.accessibleName() == f"{statement.text}: Zdecydowanie się nie zgadzam"
        assert tab.goals.rows[speak].buttons[GoalStatus.ACHIEVED].text() == "Osiągnięty"
        assert "2 cele nie mają jeszcze oceny" in tab.summary.text()
    finally:
        use_language(Language.ENGLISH)
        language_changed()
    qtbot.waitUntil(lambda: tab.guided.step_label.text().startswith("Step 2 of 4"))
