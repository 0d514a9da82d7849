"""The relationships with their overview figures, one row each, flagged in words and by icon.

A relationship is flagged when no meeting happened within its interval (30 days by default)
or when homework is overdue. The flag is said in words in the row's text (never by colour
alone) and marked with a warning icon.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from mentorjournal.domain import Dashboard, Relationship, Stage
from mentorjournal.i18n import _, ngettext
from mentorjournal.ui import icons
from mentorjournal.ui.model_index import AnyIndex
from mentorjournal.ui.names import stage_name


class RelationshipRole(IntEnum):
    RELATIONSHIP = Qt.ItemDataRole.UserRole + 1
    DASHBOARD = Qt.ItemDataRole.UserRole + 2
    RECORD_ID = Qt.ItemDataRole.UserRole + 3
    FLAGGED = Qt.ItemDataRole.UserRole + 4
    FLAG_TEXT = Qt.ItemDataRole.UserRole + 5
    STAGE = Qt.ItemDataRole.UserRole + 6


def flag_words(dashboard: Dashboard | None) -> str:
    """Why a relationship needs attention, in words; empty when it does not."""
    if dashboard is None:
        return ""
    reasons: list[str] = []
    if dashboard.overdue:
        days = dashboard.days_since_last_session
        if days is None:
            reasons.append(
                ngettext(
                    "no session yet, {interval} day interval passed",
                    "no session yet, {interval} days interval passed",
                    dashboard.interval_days,
                ).format(interval=dashboard.interval_days)
            )
        else:
            reasons.append(
                ngettext(
                    "overdue: {days} day since the last session",
                    "overdue: {days} days since the last session",
                    days,
                ).format(days=days)
            )
    if dashboard.overdue_homework:
        reasons.append(
            ngettext(
                "{count} homework overdue", "{count} homework overdue", dashboard.overdue_homework
            ).format(count=dashboard.overdue_homework)
        )
    return "; ".join(reasons)


class RelationshipListModel(QAbstractListModel):
    """Every live relationship of the journal with its dashboard."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Relationship, Dashboard | None]] = []

    def set_rows(self, rows: Iterable[tuple[Relationship, Dashboard | None]]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda row: row[0].title.casefold())
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def upsert(self, relationship: Relationship, dashboard: Dashboard | None = None) -> int:
        row = self.row_of(relationship.id)
        if row is None:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append((relationship, dashboard))
            self.endInsertRows()
            return row
        self._rows[row] = (relationship, dashboard or self._rows[row][1])
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
        return row

    def set_dashboard(self, dashboard: Dashboard) -> None:
        row = self.row_of(dashboard.relationship_id)
        if row is not None:
            self._rows[row] = (self._rows[row][0], dashboard)
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def remove(self, relationship_id: str) -> None:
        row = self.row_of(relationship_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def refresh_words(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def row_of(self, relationship_id: str) -> int | None:
        return next((i for i, (r, _d) in enumerate(self._rows) if r.id == relationship_id), None)

    def relationships(self) -> list[Relationship]:
        return [relationship for relationship, _d in self._rows]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        relationship, dashboard = self._rows[index.row()]
        flag = flag_words(dashboard)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            second = stage_name(relationship.stage)
            if flag:
                second = _("{stage} · {flag}").format(stage=second, flag=flag)
            return f"{relationship.title}\n{second}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return flag or stage_name(relationship.stage)
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.warning() if flag else icons.blank()
        if role == RelationshipRole.RELATIONSHIP:
            return relationship
        if role == RelationshipRole.DASHBOARD:
            return dashboard
        if role == RelationshipRole.RECORD_ID:
            return relationship.id
        if role == RelationshipRole.FLAGGED:
            return bool(flag)
        if role == RelationshipRole.FLAG_TEXT:
            return flag
        if role == RelationshipRole.STAGE:
            return relationship.stage.value
        return None


class RelationshipFilter(QSortFilterProxyModel):
    """Hides archived (closed) relationships unless the user asks to see them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_closed = False

    @property
    def show_closed(self) -> bool:
        return self._show_closed

    def set_show_closed(self, shown: bool) -> None:
        self.beginFilterChange()
        self._show_closed = shown
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._show_closed:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(RelationshipRole.STAGE) != Stage.CLOSED.value)
