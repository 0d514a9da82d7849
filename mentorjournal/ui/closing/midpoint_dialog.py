"""The mid-point evaluation, answered at any time from the Reflection tab (not modal).

Each answer is saved as soon as it is chosen, through the tab, like the final evaluation.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from mentorjournal.i18n import _
from mentorjournal.ui.closing.questionnaire import QuestionnaireForm


class MidpointDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("midpoint_dialog")
        self.form = QuestionnaireForm("midpoint", self)
        scroll = QScrollArea(self)
        scroll.setObjectName("midpoint_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("midpoint_buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Mid-point evaluation"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
