"""The finished closing, read-only, with Reopen and Export the closing report….

Export triggers the main window's action named ``action_export_report`` (the report's own
code adds it); without it the button is disabled and says why in its tooltip.

Signals:
    reopen_requested(): the user chose Reopen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from mentorjournal.i18n import _
from mentorjournal.ui.editor.preview import SafePreview

EXPORT_ACTION = "action_export_report"


class ClosingResult(QWidget):
    reopen_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closing_result_page")
        self.view = SafePreview(self)
        self.view.setObjectName("closing_result")
        self.reopen_button = QPushButton(self)
        self.reopen_button.setObjectName("closing_reopen")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("closing_export")
        actions = QHBoxLayout()
        actions.addWidget(self.reopen_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        self.reopen_button.clicked.connect(self.reopen_requested)
        self.export_button.clicked.connect(self._export)
        self.retranslate()

    def _export_action(self) -> QAction | None:
        return self.window().findChild(QAction, EXPORT_ACTION)

    def _export(self) -> None:
        action = self._export_action()
        if action is not None:
            action.trigger()

    def offer_export(self) -> None:
        available = self._export_action() is not None
        self.export_button.setEnabled(available)
        self.export_button.setToolTip(
            _("A PDF or HTML report of the whole relationship")
            if available
            else _("This version of MentorJournal cannot export the closing report yet")
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.offer_export()

    def retranslate(self) -> None:
        self.reopen_button.setText(_("Re&open"))
        self.reopen_button.setToolTip(_("Make the relationship active again; nothing is lost"))
        self.export_button.setText(_("E&xport the closing report…"))
        self.view.setAccessibleName(_("The finished closing"))
        self.offer_export()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
