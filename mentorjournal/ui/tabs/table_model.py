"""A table model over immutable read models, one record a row; each tab says its columns.

Rows are replaced whole when the services return a newer read model of a record, so the view
never holds an ORM row or a half-changed record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon

from mentorjournal.domain import Record
from mentorjournal.ui.model_index import AnyIndex

R = TypeVar("R", bound=Record)


class RecordRole(IntEnum):
    RECORD = Qt.ItemDataRole.UserRole + 1
    RECORD_ID = Qt.ItemDataRole.UserRole + 2
    SORT = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header and what a record shows in it (all translated when called)."""

    header: Callable[[], str]
    display: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    icon: Callable[[R], QIcon | None] | None = None


class RecordSorter(QSortFilterProxyModel):
    """Filters like any proxy, but hands sorting to the source model, which sorts fast."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """The records of one kind in one relationship."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[R] = []
        # Shown texts and sort keys, made once per record: dates through QLocale cost ~0.1 ms
        # each, and sorting asks for every row's key many times.
        self._cells: dict[tuple[str, int, int], Any] = {}
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    # -- changes ------------------------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._cells.clear()
        if self._sorted_by is not None:
            self._order(*self._sorted_by)
        self.endResetModel()

    def clear(self) -> None:
        self.set_records([])

    def upsert(self, record: R) -> int:
        """Show ``record``: replace the row with its id, or add it; returns its row."""
        row = self.row_of(record.id)
        if row is None:
            row = len(self._records)
            self.beginInsertRows(QModelIndex(), row, row)
            self._records.append(record)
            self.endInsertRows()
            return row
        self._records[row] = record
        self._forget(record.id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return row

    def remove(self, record_id: str) -> None:
        row = self.row_of(record_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._records[row]
            self._forget(record_id)
            self.endRemoveRows()

    def refresh_words(self) -> None:
        """The language changed: every header and cell is said again."""
        self._cells.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._records:
            last = self.index(len(self._records) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _forget(self, record_id: str) -> None:
        for key in [key for key in self._cells if key[0] == record_id]:
            del self._cells[key]

    # -- reading ------------------------------------------------------------------------

    def records(self) -> list[R]:
        return list(self._records)

    def row_of(self, record_id: str) -> int | None:
        return next((i for i, r in enumerate(self._records) if r.id == record_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            role = Qt.ItemDataRole.DisplayRole
        if role in (Qt.ItemDataRole.DisplayRole, RecordRole.SORT):
            key = (record.id, index.column(), int(role))
            if key not in self._cells:
                self._cells[key] = self._cell(record, index.column(), role)
            return self._cells[key]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DecorationRole and column.icon is not None:
            return column.icon(record)
        if role == RecordRole.RECORD:
            return record
        if role == RecordRole.RECORD_ID:
            return record.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python on cached keys: a proxy would call data() thousands of times."""
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        kept_ids = [self._records[index.row()].id for index in kept]
        self._order(column, order)
        rows = {record.id: row for row, record in enumerate(self._records)}
        moved = [
            self.index(rows[i], index.column()) for i, index in zip(kept_ids, kept, strict=True)
        ]
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        self._sorted_by = (column, order)

        def key(record: R) -> tuple[int, Any]:
            cell = (record.id, column, int(RecordRole.SORT))
            if cell not in self._cells:
                self._cells[cell] = self._cell(record, column, RecordRole.SORT)
            found = self._cells[cell]
            return (0, found) if isinstance(found, int | float) else (1, str(found).casefold())

        self._records.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def _cell(self, record: R, column_number: int, role: int) -> Any:
        column = self._columns[column_number]
        if role == RecordRole.SORT:
            key = column.sort_key(record) if column.sort_key else column.display(record)
            return key if isinstance(key, int | float | str) else str(key)
        return column.display(record)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header()
        return None
