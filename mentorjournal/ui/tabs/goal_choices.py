"""The goals a session can be linked to, each with a check box."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from mentorjournal.domain import Goal
from mentorjournal.ui.model_index import AnyIndex


class GoalChoiceRole(IntEnum):
    GOAL_ID = Qt.ItemDataRole.UserRole + 1


class GoalChoiceModel(QAbstractListModel):
    """Goals of the relationship; checked ones are linked to the session in view.

    Signals:
        toggled(): the user checked or unchecked a goal.
    """

    toggled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._goals: list[Goal] = []
        self._checked: set[str] = set()

    def set_goals(self, goals: Iterable[Goal]) -> None:
        self.beginResetModel()
        self._goals = list(goals)
        self.endResetModel()

    def set_checked(self, goal_ids: Iterable[str]) -> None:
        self._checked = set(goal_ids)
        if self._goals:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._goals) - 1, 0))

    def checked_ids(self) -> list[str]:
        return [g.id for g in self._goals if g.id in self._checked]

    def clear(self) -> None:
        self._checked = set()
        self.set_goals([])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._goals)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._goals):
            return None
        goal = self._goals[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return goal.title
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = goal.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == GoalChoiceRole.GOAL_ID:
            return goal.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        goal_id = self._goals[index.row()].id
        state = value.value if hasattr(value, "value") else value
        if state == Qt.CheckState.Checked.value:
            self._checked.add(goal_id)
        else:
            self._checked.discard(goal_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.toggled.emit()
        return True
