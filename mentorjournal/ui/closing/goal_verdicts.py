"""Step 1 of the closing: each goal with its verdict as a radio group and its outcome.

A verdict is saved as soon as it is chosen; the outcome text after typing pauses. A goal
judged not achievable is saved only once its why is written: until then the row says, in
words beside it, that the why is needed (the services refuse it without one).

Signals:
    edited(): a verdict or an outcome changed (the tab saves the pending ones).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import Goal, GoalStatus
from mentorjournal.i18n import _
from mentorjournal.services.closing import Verdict
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.names import goal_status_name

VERDICTS = (GoalStatus.ACHIEVED, GoalStatus.NOT_ACHIEVABLE, GoalStatus.DROPPED)


class GoalRow(QGroupBox):
    """One goal: its verdict (three radio buttons) and its outcome note."""

    def __init__(self, goal: Goal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goal = goal
        short = goal.id[:8]
        self.setObjectName(f"closing_goal_{short}")
        self.group = QButtonGroup(self)
        line = QHBoxLayout()
        self.buttons: dict[GoalStatus, QRadioButton] = {}
        for number, status in enumerate(VERDICTS):
            button = QRadioButton(self)
            button.setObjectName(f"closing_goal_{short}_{status.value}")
            self.group.addButton(button, number)
            self.buttons[status] = button
            line.addWidget(button)
        line.addStretch(1)
        self.note_label = QLabel(self)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName(f"closing_goal_{short}_note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.note_label.setBuddy(self.note)
        self.hint = QLabel(self)
        self.hint.setObjectName(f"closing_goal_{short}_hint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.hint)
        self.show_goal(goal)

    def show_goal(self, goal: Goal) -> None:
        self.goal = goal
        chosen = self.buttons.get(goal.status)
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(button is chosen)
        self.group.setExclusive(True)
        if self.note.toPlainText() != goal.outcome_note:
            self.note.setPlainText(goal.outcome_note)
        self.retranslate()

    @property
    def status(self) -> GoalStatus:
        for status, button in self.buttons.items():
            if button.isChecked():
                return status
        return GoalStatus.OPEN

    def verdict(self) -> Verdict | None:
        """The verdict to save, or None while a not-achievable goal lacks its why."""
        note = self.note.toPlainText()
        if self.status is GoalStatus.NOT_ACHIEVABLE and not note.strip():
            return None
        return Verdict(self.goal.id, self.status, note)

    def retranslate(self) -> None:
        self.setTitle(self.goal.title)
        words = {
            GoalStatus.ACHIEVED: _("Achieved"),
            GoalStatus.NOT_ACHIEVABLE: _("Not achievable"),
            GoalStatus.DROPPED: _("Dropped"),
        }
        for status, button in self.buttons.items():
            button.setText(words[status])
            button.setAccessibleName(
                _("{goal}: {verdict}").format(
                    goal=self.goal.title, verdict=goal_status_name(status)
                )
            )
        why = self.status is GoalStatus.NOT_ACHIEVABLE
        self.note_label.setText(_("Why is it not achievable?") if why else _("Outcome:"))
        self.note.setAccessibleName(_("Outcome of {goal}").format(goal=self.goal.title))
        if why and not self.note.toPlainText().strip():
            self.hint.setText(_("Required: write why before this verdict is saved."))
        elif self.status is GoalStatus.OPEN:
            self.hint.setText(_("No verdict yet."))
        else:
            self.hint.setText("")


class GoalVerdicts(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closing_goals")
        self.rows: dict[str, GoalRow] = {}
        self.empty = QLabel(self)
        self.empty.setObjectName("closing_no_goals")
        self.empty.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        self.retranslate()

    def set_goals(self, goals: tuple[Goal, ...], *, keep_edits: bool = False) -> None:
        """Show ``goals``; with ``keep_edits`` (an answer to a save), rows of the same goals
        only learn what is stored and keep what is being chosen and typed in them."""
        wanted = [goal.id for goal in goals]
        if wanted != list(self.rows):
            for row in self.rows.values():
                dispose(row)
            self.rows = {}
            for goal in goals:
                row = GoalRow(goal, self)
                row.group.idClicked.connect(lambda _id, r=row: self._changed(r))
                row.note.textChanged.connect(lambda r=row: self._typed(r))
                self.rows[goal.id] = row
                self._layout.insertWidget(self._layout.count() - 1, row)
                row.show()  # now, not on the layout's next turn: Tab finds it at once
        else:
            for goal in goals:
                row = self.rows[goal.id]
                if keep_edits:
                    row.goal = goal
                    row.retranslate()
                else:
                    row.show_goal(goal)
        self.empty.setVisible(not goals)

    def _changed(self, row: GoalRow) -> None:
        row.retranslate()
        self.edited.emit()

    def _typed(self, row: GoalRow) -> None:
        if row.note.toPlainText() != row.goal.outcome_note:
            row.retranslate()
            self.edited.emit()

    def pending(self) -> list[Verdict]:
        """The verdicts and outcomes that differ from what is stored."""
        found = []
        for row in self.rows.values():
            verdict = row.verdict()
            stored = (row.goal.status, row.goal.outcome_note)
            if verdict is not None and (verdict.status, verdict.note) != stored:
                found.append(verdict)
        return found

    def clear(self) -> None:
        self.set_goals(())

    def retranslate(self) -> None:
        self.empty.setText(_("This relationship has no goals to judge."))
        for row in self.rows.values():
            row.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
