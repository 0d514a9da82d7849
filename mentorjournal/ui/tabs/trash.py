"""The trash: records moved there from any tab, each restorable.

Nothing in the window deletes for good; a record in the trash keeps its text and comes back
with Restore. The list is read on the worker.

Signals of :class:`TrashDialog`:
    restored(object): a record came back from the trash (a read model).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import RECORDS, Record, RecordKind
from mentorjournal.i18n import _
from mentorjournal.ui.model_index import AnyIndex
from mentorjournal.ui.names import error_text, record_kind_name
from mentorjournal.ui.tabs.dates import show_datetime
from mentorjournal.ui.worker import Holder, Worker


class TrashRole(IntEnum):
    RECORD = Qt.ItemDataRole.UserRole + 1


def _title(record: Record) -> str:
    text = str(getattr(record, RECORDS[record.kind_of_record].title_field, "") or "")
    for line in text.splitlines():
        if line.strip(" -*#"):
            return line.strip(" -*#")
    return _("(untitled)")


def _trashed(holder: Holder) -> list[Record]:
    records = holder.workspace.records
    found = [r for kind in RecordKind for r in records.list_records(kind, trash=True)]
    return sorted(found, key=lambda r: r.deleted_at or r.updated_at, reverse=True)


class TrashModel(QAbstractListModel):
    """Records in the trash, most recently trashed first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[Record] = []

    def set_records(self, records: list[Record]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def remove(self, record_id: str) -> None:
        row = next((i for i, r in enumerate(self._records) if r.id == record_id), None)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._records[row]
            self.endRemoveRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = record.deleted_at or record.updated_at
            return _("{kind}: {title} (in the trash since {when})").format(
                kind=record_kind_name(record.kind_of_record),
                title=_title(record),
                when=show_datetime(when.astimezone().replace(tzinfo=None)),
            )
        if role == TrashRole.RECORD:
            return record
        return None


class TrashDialog(QDialog):
    restored = Signal(object)

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trash_dialog")
        self._worker = worker
        self.model = TrashModel(self)
        self.label = QLabel(self)
        self.records = QListView(self)
        self.records.setObjectName("trash_records")
        self.records.setModel(self.model)
        self.label.setBuddy(self.records)
        self.status = QLabel(self)
        self.status.setObjectName("trash_status")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.setObjectName("trash_buttons")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("trash_close")
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("trash_restore")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.records, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.records, self.restore_button)
        self.resize(560, 420)
        self.retranslate()
        worker.submit(_trashed, self._loaded, self._failed, owner=self)

    def _loaded(self, records: list[Record]) -> None:
        self.model.set_records(records)
        if records:
            self.records.setCurrentIndex(self.model.index(0, 0))
        else:
            self.status.setText(_("The trash is empty."))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_text(error))

    def restore(self) -> None:
        record = self.records.currentIndex().data(TrashRole.RECORD)
        if not isinstance(record, Record):
            return
        self._worker.submit(
            lambda holder: holder.workspace.records.undelete(record.id),
            self._restored,
            self._failed,
            owner=self,
        )

    def _restored(self, record: Record) -> None:
        self.model.remove(record.id)
        self.status.setText(_("Restored."))
        self.restored.emit(record)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Trash"))
        self.label.setText(_("&Records in the trash:"))
        self.restore_button.setText(_("&Restore"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
