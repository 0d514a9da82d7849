"""The Reflection tab: the guided closing of the relationship in view, then its result.

Four steps: 1. a verdict for each goal, 2. the final evaluation, 3. the reflection, 4. review
and close. Every edit is saved through the worker as the user goes (a choice at once, text
when typing pauses, everything pending on switching relationships, locking and closing), so
nothing is lost midway; the tab comes back at the step the user left (or, in a new window,
at the first step with something missing). Once closed, the tab shows the finished closing
read-only, with Reopen and Export the closing report…. The mid-point evaluation is a
button away at any time.

Signals:
    changed(): the closing saved something (the overview refreshes).
    relationship_changed(object): the closing changed the relationship's stage (a read model).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import EvaluationMoment, Party, Relationship
from mentorjournal.domain.errors import ClosingGap
from mentorjournal.i18n import _
from mentorjournal.services.closing import ClosingState
from mentorjournal.ui.closing.midpoint_dialog import MidpointDialog
from mentorjournal.ui.closing.requests import ClosingRequests
from mentorjournal.ui.closing.result import ClosingResult
from mentorjournal.ui.closing.review import closing_html, summary_text
from mentorjournal.ui.closing.steps import FINAL, GOALS, REFLECTION, REVIEW, GuidedSteps
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.editor.history import HistoryDialog
from mentorjournal.ui.worker import Worker

DELAY_MS = 1000


class ReflectionTab(QWidget):
    changed = Signal()
    relationship_changed = Signal(object)

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflection_tab")
        self._worker = worker
        self._relationship: Relationship | None = None
        self._state: ClosingState | None = None
        self._stale = False
        self._steps_seen: dict[str, int] = {}  # where the user was, per relationship
        self.midpoint_dialog: MidpointDialog | None = None
        self.history_dialog: HistoryDialog | None = None

        # Created in reading order: Tab follows creation order.
        self.summary = QLabel(self)
        self.summary.setObjectName("closing_summary")
        self.summary.setWordWrap(True)
        self.midpoint_button = QPushButton(self)
        self.midpoint_button.setObjectName("closing_midpoint")
        self.guided = GuidedSteps(self)
        self.result = ClosingResult(self)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("closing_save_state")
        self.state_label.setWordWrap(True)
        # The parts tests and the window reach for, named where they live.
        self.steps = self.guided.stack
        self.goals, self.final = self.guided.goals, self.guided.final
        self.reflection, self.review = self.guided.reflection, self.guided.review
        self.next_button, self.finish_button = self.guided.next_button, self.guided.finish_button
        self.closed_view = self.result.view
        self.reopen_button, self.export_button = (
            self.result.reopen_button,
            self.result.export_button,
        )
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.midpoint_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.guided, 1)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.state_label)
        self.result.setVisible(False)

        self.requests = ClosingRequests(worker, self)
        self.requests.read.connect(self._loaded)
        self.requests.saved.connect(self._saved)
        self.requests.answered.connect(self._answered)
        self.requests.stage_changed.connect(self._stage_changed)
        self.requests.save_failed.connect(self._save_failed)
        self.requests.failed.connect(self.show_message)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self.goals.edited.connect(self._edited)
        self.reflection.edited.connect(self._edited)
        self.reflection.party_changed.connect(self._party_changed)
        self.reflection.history_requested.connect(self._show_history)
        self.final.answered.connect(
            lambda party, answers: self._answer(EvaluationMoment.FINAL, party, answers)
        )
        self.guided.step_changed.connect(self._step_changed)
        self.finish_button.clicked.connect(self.finish)
        self.result.reopen_requested.connect(self.reopen)
        self.midpoint_button.clicked.connect(self.show_midpoint)
        self.retranslate()

    # -- loading ---------------------------------------------------------------------------

    @property
    def relationship(self) -> Relationship | None:
        return self._relationship

    @property
    def state(self) -> ClosingState | None:
        return self._state

    def load(self, relationship: Relationship | None) -> None:
        """Show the closing of ``relationship`` (saving what is pending first)."""
        self.save_now()
        self._relationship = relationship
        self.requests.use(relationship.id if relationship is not None else None)
        self._state = None
        self._clear_forms()
        self._stale = relationship is not None
        if self._stale and self.isVisible():
            self._fetch()

    def set_relationship(self, relationship: Relationship) -> None:
        """The same relationship, changed elsewhere (a stage, a title): read it again."""
        self._relationship = relationship
        self.refresh()

    def refresh(self) -> None:
        """Read the closing again (goals changed in their tab): now if shown, else when shown."""
        if self._relationship is None:
            return
        self.save_now()
        self._stale = True
        if self.isVisible():
            self._fetch()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._fetch()

    def _fetch(self) -> None:
        self._stale = False
        self.requests.read_state()

    def _loaded(self, state: ClosingState) -> None:
        self.goals.set_goals(state.goals)
        self.final.set_evaluations({p: state.evaluation(EvaluationMoment.FINAL, p) for p in Party})
        self.reflection.show_reflection(state.reflections.get(self.reflection.current_party))
        self._show_state(state)
        self._show_midpoint_answers()
        step = self._steps_seen.get(state.relationship.id)
        self.go_to(step if step is not None else _first_step_missing(state))

    def _show_state(self, state: ClosingState) -> None:
        """The summary, the review and which view (guided or closed) fit ``state``."""
        self._state = state
        self.summary.setText(summary_text(state))
        self.guided.setVisible(not state.closed)
        self.result.setVisible(state.closed)
        html = closing_html(state)
        self.review.setHtml(html)
        self.finish_button.setEnabled(state.ready)
        if state.closed:
            self.closed_view.setHtml(html)

    # -- steps ---------------------------------------------------------------------------

    def go_to(self, step: int) -> None:
        self.guided.go_to(step)

    def _step_changed(self, step: int) -> None:
        self.save_now()
        if self._relationship is not None:
            self._steps_seen[self._relationship.id] = step

    # -- saving ----------------------------------------------------------------------------

    def _edited(self) -> None:
        self.show_message(_("Saving…"))
        self._timer.start()

    def save_now(self) -> None:
        """Send every pending verdict and reflection text to the worker now."""
        self._timer.stop()
        if self._relationship is None:
            return
        verdicts = self.goals.pending()
        reflections = self.reflection.take_pending()
        if not verdicts and not reflections:
            return
        self.show_message(_("Saving…"))
        self.requests.save(verdicts, reflections)

    def _saved(self, state: ClosingState, newest: bool) -> None:
        stage_before = self._state.relationship.stage if self._state else None
        if newest:  # an older answer never overwrites what a newer save shows
            self.goals.set_goals(state.goals, keep_edits=True)
            self._show_state(state)
            self.show_message(_("Saved"))
        if state.relationship.stage is not stage_before:
            self.relationship_changed.emit(state.relationship)
        self.changed.emit()

    def _save_failed(self, reflections: dict[Party, dict[str, Any]], reason: str) -> None:
        self.reflection.put_back(reflections)  # tried again with the next edit
        self.show_message(reason)

    def _party_changed(self) -> None:
        self.save_now()
        if self._state is not None:
            party = self.reflection.current_party
            self.reflection.show_reflection(self._state.reflections.get(party))

    def _answer(self, moment: EvaluationMoment, party: Party, answers: dict[str, int]) -> None:
        self.show_message(_("Saving…"))
        self.requests.answer(moment, party, answers)

    def _answered(self, state: ClosingState) -> None:
        self._show_state(state)
        self.show_message(_("Saved"))
        self.changed.emit()

    # -- finishing, reopening, exporting ---------------------------------------------------

    def finish(self) -> None:
        self.save_now()  # queued first: the closing sees every word typed
        self.requests.finish()

    def reopen(self) -> None:
        self.requests.reopen()

    def _stage_changed(self, state: ClosingState) -> None:
        self._show_state(state)
        if not state.closed:
            self.reflection.show_reflection(state.reflections.get(self.reflection.current_party))
            self.go_to(REVIEW)
        self.show_message("")
        self.relationship_changed.emit(state.relationship)
        self.changed.emit()  # after: the overview then reads the figures of the new stage

    # -- the mid-point evaluation and a field's history --------------------------------------

    def show_midpoint(self) -> None:
        if self.midpoint_dialog is None:
            self.midpoint_dialog = MidpointDialog(self)
            self.midpoint_dialog.form.answered.connect(
                lambda party, answers: self._answer(EvaluationMoment.MIDPOINT, party, answers)
            )
        self._show_midpoint_answers()
        self.midpoint_dialog.open()

    def _show_midpoint_answers(self) -> None:
        if self.midpoint_dialog is None:
            return
        state = self._state
        self.midpoint_dialog.form.set_evaluations(
            {p: state.evaluation(EvaluationMoment.MIDPOINT, p) if state else None for p in Party}
        )
        self.midpoint_dialog.setEnabled(state is not None)

    def _show_history(self, field: str) -> None:
        own = self._state.reflections.get(self.reflection.current_party) if self._state else None
        if own is None:
            return
        self.save_now()
        self.history_dialog = HistoryDialog(self._worker, own.id, field, self)
        self.history_dialog.restored.connect(lambda _record: self._restored())
        self.history_dialog.open()

    def _restored(self) -> None:
        if self._relationship is not None:
            self.load(self._relationship)

    # -- clearing and words ----------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.state_label.setText(text)
        self.state_label.setAccessibleName(
            _("Autosave: {state}").format(state=text) if text else _("Autosave")
        )

    def _clear_forms(self) -> None:
        self._timer.stop()
        self.guided.clear()
        self.closed_view.clear()
        self.summary.clear()
        self.guided.setVisible(True)
        self.result.setVisible(False)
        self.show_message("")
        if self.midpoint_dialog is not None:
            self.midpoint_dialog.form.clear()

    def clear(self) -> None:
        """Forget everything (lock): no word of the journal stays in a widget."""
        self.requests.use(None)
        self._relationship = None
        self._state = None
        self._stale = False
        self._steps_seen.clear()
        self._clear_forms()
        for dialog in (self.midpoint_dialog, self.history_dialog):
            if dialog is not None:
                dialog.reject()
        if self.history_dialog is not None:
            dispose(self.history_dialog)
            self.history_dialog = None

    def retranslate(self) -> None:
        self.midpoint_button.setText(_("Mid-point eval&uation…"))
        self.midpoint_button.setToolTip(_("Answer the mid-point questionnaire, at any time"))
        if self._state is not None:
            self._show_state(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _first_step_missing(state: ClosingState) -> int:
    """Where a closing is picked up when the user's last step is not known."""
    if state.open_goals:
        return GOALS
    if state.evaluation(EvaluationMoment.FINAL, Party.ME) is None:
        return FINAL
    if ClosingGap.OWN_REFLECTION in state.gaps:
        return REFLECTION
    return REVIEW
