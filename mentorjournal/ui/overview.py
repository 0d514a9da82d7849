"""The overview of the chosen relationship: stage, meetings, homework, goals, agreement.

Figures come from the services' dashboard, read on the worker; an answer for a relationship
that is no longer chosen is ignored.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from mentorjournal.domain import Dashboard, GoalStatus
from mentorjournal.i18n import _, ngettext
from mentorjournal.ui import icons
from mentorjournal.ui.names import error_text, goal_status_name, stage_name
from mentorjournal.ui.relationships.model import flag_words
from mentorjournal.ui.tabs.dates import show_datetime
from mentorjournal.ui.worker import Worker

_ROWS = ("stage", "days", "last", "next", "homework", "goals", "agreement")


class OverviewPanel(QGroupBox):
    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overview")
        self._worker = worker
        self._dashboard: Dashboard | None = None
        self._wanted: str | None = None
        self.names = {row: QLabel(self) for row in _ROWS}
        self.values = {row: QLabel(self) for row in _ROWS}
        self.flag_icon = QLabel(self)
        self.flag_icon.setObjectName("overview_flag_icon")
        # Two columns of figures keep the overview short, leaving the height to the tabs.
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(12)
        for position, row in enumerate(_ROWS):
            self.values[row].setObjectName(f"overview_{row}")
            self.values[row].setWordWrap(True)
            self.values[row].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.names[row].setObjectName(f"overview_{row}_label")
            self.names[row].setBuddy(self.values[row])
            line, column = position % 4, (position // 4) * 2
            grid.addWidget(self.names[row], line, column)
            if row == "days":
                cell = QHBoxLayout()
                cell.addWidget(self.flag_icon)
                cell.addWidget(self.values[row], 1)
                grid.addLayout(cell, line, column + 1)
            else:
                grid.addWidget(self.values[row], line, column + 1)
        self.setLayout(grid)
        # One Tab stop for the whole overview: a screen reader says its title and, as the
        # description, every figure in words (the overdue flag too, never the icon alone).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setStyleSheet("QGroupBox#overview:focus { border: 2px solid palette(highlight); }")
        self.retranslate()

    def load(self, relationship_id: str | None, known: Dashboard | None = None) -> None:
        """Show the relationship's figures: ``known`` ones at once, else read on the worker.

        The relationships list holds every relationship's dashboard, kept fresh after each
        change; showing it spares a switch a round trip to the worker. The relationship in
        view asked again (it changed) is always read afresh.
        """
        switched = relationship_id != self._wanted
        self._wanted = relationship_id
        if relationship_id is None:
            self.show_dashboard(None)
            return
        if switched and known is not None and known.relationship_id == relationship_id:
            self.show_dashboard(known)
            return
        self._worker.submit(
            lambda holder: holder.workspace.dashboard.for_relationship(relationship_id),
            self._loaded,
            self._failed,
            owner=self,
        )

    def _loaded(self, dashboard: Dashboard) -> None:
        if dashboard.relationship_id == self._wanted:
            self.show_dashboard(dashboard)

    def _failed(self, error: BaseException) -> None:
        self.values["stage"].setText(_("Could not read: {reason}").format(reason=error_text(error)))

    def clear(self) -> None:
        self._wanted = None
        self.show_dashboard(None)

    @property
    def dashboard(self) -> Dashboard | None:
        return self._dashboard

    def show_dashboard(self, dashboard: Dashboard | None) -> None:
        self._dashboard = dashboard
        self.setTitle(
            _("Overview: {title}").format(title=dashboard.title) if dashboard else _("Overview")
        )
        if dashboard is None:
            for label in self.values.values():
                label.clear()
                label.setAccessibleName("")
            self.flag_icon.clear()
            self.setAccessibleName(self.title())
            self.setAccessibleDescription("")
            return
        value = self.values
        value["stage"].setText(stage_name(dashboard.stage))
        value["last"].setText(show_datetime(dashboard.last_session_at) or _("none yet"))
        value["next"].setText(show_datetime(dashboard.next_session_at) or _("not planned"))
        value["days"].setText(self._days_text(dashboard))
        flagged = bool(flag_words(dashboard)) and dashboard.overdue
        self.flag_icon.setVisible(flagged)
        if flagged:
            self.flag_icon.setPixmap(icons.warning().pixmap(16, 16))
            self.flag_icon.setAccessibleName(_("Overdue"))
        else:
            self.flag_icon.clear()
        value["homework"].setText(
            _("{open} open, {overdue} overdue").format(
                open=dashboard.open_homework, overdue=dashboard.overdue_homework
            )
        )
        goals = [
            _("{status}: {count}").format(
                status=goal_status_name(status), count=dashboard.goals_by_status.get(status, 0)
            )
            for status in GoalStatus
        ]
        value["goals"].setText(", ".join(goals))
        signed = dashboard.agreement_signed_by
        value["agreement"].setText(
            _("signed by {names}").format(names=", ".join(signed)) if signed else _("not signed")
        )
        for row in _ROWS:
            self.values[row].setAccessibleName(f"{self.names[row].text()} {value[row].text()}")
        self.setAccessibleName(self.title())
        self.setAccessibleDescription(
            "; ".join(f"{self.names[row].text()} {self.values[row].text()}" for row in _ROWS)
        )

    def _days_text(self, dashboard: Dashboard) -> str:
        days = dashboard.days_since_last_session
        if days is None:
            text = _("no session yet")
        else:
            text = ngettext("{days} day", "{days} days", days).format(days=days)
        if dashboard.overdue:
            text = ngettext(
                "{text} — overdue: more than {interval} day without a session",
                "{text} — overdue: more than {interval} days without a session",
                dashboard.interval_days,
            ).format(text=text, interval=dashboard.interval_days)
        return text

    def retranslate(self) -> None:
        words = {
            "stage": _("Stage:"),
            "last": _("Last session:"),
            "next": _("Next session:"),
            "days": _("Days since the last session:"),
            "homework": _("Homework:"),
            "goals": _("Goals:"),
            "agreement": _("Agreement:"),
        }
        for row, text in words.items():
            self.names[row].setText(text)
        self.show_dashboard(self._dashboard)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
