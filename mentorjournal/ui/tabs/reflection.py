"""The Reflection tab: a placeholder until the closing issue brings the closing reflection."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from mentorjournal.i18n import _


class ReflectionTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflection_tab")
        self.note = QLabel(self)
        self.note.setObjectName("reflection_placeholder")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.note.setText(
            _(
                "The closing reflection comes here: per-goal outcomes, what worked and what "
                "did not, lessons, next steps and feedback to your partner."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
