"""The evaluation questionnaire as a form: each statement a group of five radio buttons.

Each button's accessible name says the statement and the point of the scale in words, so a
screen reader announces "Our goals are clear…: Agree", never a bare "4". The statements come
from ``resources/evaluations`` in the language shown; a language change rewrites them.
Whose answers are shown (the owner's or the partner's, typed in for them) is chosen above.

Signals:
    answered(object, object): the party (``Party``) and all its answers so far, as
        ``{question_id: score}``, after the user chose a point.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import Evaluation, Party
from mentorjournal.domain.questionnaire import HIGHEST, LOWEST, questionnaire
from mentorjournal.i18n import _, current_language

POINTS = range(LOWEST, HIGHEST + 1)


class QuestionnaireForm(QWidget):
    answered = Signal(object, object)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._answers: dict[Party, dict[str, int]] = {party: {} for party in Party}
        self.party_label = QLabel(self)
        self.party = QComboBox(self)
        self.party.setObjectName(f"{name}_party")
        for party in Party:
            self.party.addItem("", party.value)  # Qt keeps a StrEnum as a plain str
        self.party_label.setBuddy(self.party)
        self.party.currentIndexChanged.connect(lambda _row: self._show_answers())
        top = QFormLayout()
        top.addRow(self.party_label, self.party)
        # The scale's words once, above the statements: five long labels per statement do
        # not fit a window's width in Polish. Each button still says its words to a screen
        # reader and in its tooltip.
        self.scale = QLabel(self)
        self.scale.setObjectName(f"{name}_scale")
        self.scale.setWordWrap(True)
        top.addRow(self.scale)
        self.groups: dict[str, QGroupBox] = {}
        self.buttons: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for question in questionnaire().questions:
            box = QGroupBox(self)
            box.setObjectName(f"{name}_{question.id}")
            row = QHBoxLayout(box)
            group = QButtonGroup(box)
            group.setObjectName(f"{name}_{question.id}_points")
            for point in POINTS:
                button = QRadioButton(box)
                button.setObjectName(f"{name}_{question.id}_{point}")
                group.addButton(button, point)
                row.addWidget(button)
            row.addStretch(1)
            group.idClicked.connect(lambda point, q=question.id: self._chosen(q, point))
            self.groups[question.id] = box
            self.buttons[question.id] = group
            layout.addWidget(box)
        layout.addStretch(1)
        self.retranslate()

    @property
    def current_party(self) -> Party:
        return Party(self.party.currentData() or Party.ME.value)

    def answers(self, party: Party) -> dict[str, int]:
        return dict(self._answers[party])

    def set_evaluations(self, evaluations: Mapping[Party, Evaluation | None]) -> None:
        """Show the stored answers of each party (None: not answered yet)."""
        for party in Party:
            evaluation = evaluations.get(party)
            self._answers[party] = dict(evaluation.scores) if evaluation is not None else {}
        self._show_answers()

    def clear(self) -> None:
        self.set_evaluations({})

    def _chosen(self, question: str, point: int) -> None:
        party = self.current_party
        self._answers[party][question] = point
        self.answered.emit(party, dict(self._answers[party]))

    def _show_answers(self) -> None:
        chosen = self._answers[self.current_party]
        for question, group in self.buttons.items():
            # An exclusive group cannot show "no answer": lift exclusivity to clear it.
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(group.id(button) == chosen.get(question))
            group.setExclusive(True)

    def retranslate(self) -> None:
        language = current_language().value
        asked = questionnaire(language)
        texts = {question.id: question.text for question in asked.questions}
        self.party_label.setText(_("Whose answers:"))
        for row, party in enumerate(Party):
            self.party.setItemText(
                row, _("My answers") if party is Party.ME else _("My partner's answers")
            )
        self.scale.setText(
            _("Answer from 1 to 5: {scale}").format(
                scale="; ".join(f"{point} – {asked.scale.get(point, '')}" for point in POINTS)
            )
        )
        for question, box in self.groups.items():
            statement = texts.get(question, question)
            box.setTitle(statement)
            for button in self.buttons[question].buttons():
                point = self.buttons[question].id(button)
                words = asked.scale.get(point, str(point))
                button.setText(str(point))
                button.setToolTip(words)
                button.setAccessibleName(
                    _("{statement}: {point}").format(statement=statement, point=words)
                )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
