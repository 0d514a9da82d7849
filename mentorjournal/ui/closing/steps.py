"""The four steps of the closing, one at a time, with Back and Next above them.

1. a verdict for each goal, 2. the final evaluation, 3. the reflection, 4. the review with
the button that closes the relationship. Navigation sits above the step, so Tab reaches it
before the step's own fields and the order Tab follows is the order the eye reads.

Signals:
    step_changed(int): the user moved to another step (the tab saves what is pending).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.i18n import _
from mentorjournal.ui.closing.goal_verdicts import GoalVerdicts
from mentorjournal.ui.closing.questionnaire import QuestionnaireForm
from mentorjournal.ui.closing.reflection_form import ReflectionForm
from mentorjournal.ui.editor.preview import SafePreview

GOALS, FINAL, REFLECTION, REVIEW = range(4)


def _scrolled(widget: QWidget, name: str, parent: QWidget) -> QScrollArea:
    scroll = QScrollArea(parent)
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setWidget(widget)  # takes ownership of the widget
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus moving in scrolls the field to view
    return scroll


class GuidedSteps(QWidget):
    step_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closing_guided")
        # Created in reading order: Tab follows creation order.
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("closing_back")
        self.step_label = QLabel(self)
        self.step_label.setObjectName("closing_step")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("closing_next")
        # Every part is made with its parent: none is ever owned by Python alone, so none
        # can be deleted twice (by its parent, then by the garbage collector).
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("closing_steps")
        self.goals = GoalVerdicts(self.stack)
        self.final = QuestionnaireForm("closing_final", self.stack)
        self.reflection = ReflectionForm(self.stack)
        for widget, name in (
            (self.goals, "closing_goals_scroll"),
            (self.final, "closing_final_scroll"),
            (self.reflection, "closing_reflection_scroll"),
        ):
            self.stack.addWidget(_scrolled(widget, name, self.stack))
        review_page = QWidget(self.stack)
        self.review = SafePreview(review_page)
        self.review.setObjectName("closing_review")
        self.finish_button = QPushButton(review_page)
        self.finish_button.setObjectName("closing_finish")
        review_layout = QVBoxLayout(review_page)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.review, 1)
        review_layout.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(review_page)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.step_label, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(nav)
        layout.addWidget(self.stack, 1)
        self.back_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() + 1))
        self.retranslate()

    def go_to(self, step: int) -> None:
        step = max(GOALS, min(REVIEW, step))
        self.step_changed.emit(step)
        self.stack.setCurrentIndex(step)
        self.back_button.setEnabled(step > GOALS)
        self.next_button.setEnabled(step < REVIEW)
        self._name_step()

    def _name_step(self) -> None:
        names = [_("Goals"), _("Final evaluation"), _("Reflection"), _("Review and close")]
        step = self.stack.currentIndex()
        self.step_label.setText(
            _("Step {number} of {count}: {name}").format(
                number=step + 1, count=len(names), name=names[step]
            )
        )

    def clear(self) -> None:
        self.goals.clear()
        self.final.clear()
        self.reflection.clear()
        self.review.clear()

    def retranslate(self) -> None:
        self.back_button.setText(_("&Back"))
        self.next_button.setText(_("Ne&xt"))
        self.finish_button.setText(_("&Close the relationship"))
        self.review.setAccessibleName(_("Review of the closing"))
        self.stack.setAccessibleName(_("Steps of the closing"))
        self._name_step()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
