"""The earlier versions of one text field, with restore.

The versions are read on the worker; restoring puts the chosen value back through the
services (the value it replaces goes into the history in turn, so nothing is lost).

Signals of :class:`HistoryDialog`:
    restored(object): the record after the restore (a read model).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import HistoryEntry
from mentorjournal.i18n import _
from mentorjournal.ui.model_index import AnyIndex
from mentorjournal.ui.names import error_text
from mentorjournal.ui.worker import Worker


class HistoryRole(IntEnum):
    ENTRY = Qt.ItemDataRole.UserRole + 1
    VALUE = Qt.ItemDataRole.UserRole + 2


class HistoryModel(QAbstractListModel):
    """Earlier values of one field, newest first, each shown by when it was replaced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: (e.replaced_at, e.id), reverse=True)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = QLocale().toString(
                QDateTime(entry.replaced_at.astimezone()), QLocale.FormatType.ShortFormat
            )
            first_line = entry.value.strip().splitlines()[0] if entry.value.strip() else ""
            return _("{when}: {start}").format(when=when, start=first_line[:60])
        if role == HistoryRole.ENTRY:
            return entry
        if role == HistoryRole.VALUE:
            return entry.value
        return None


class HistoryDialog(QDialog):
    """Lists a field's earlier versions and restores the chosen one."""

    restored = Signal(object)

    def __init__(
        self, worker: Worker, record_id: str, field: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self._worker = worker
        self._record_id = record_id
        self._field = field
        self.model = HistoryModel(self)
        self.versions_label = QLabel(self)
        self.versions = QListView(self)
        self.versions.setObjectName("history_versions")
        self.versions.setModel(self.model)
        self.versions_label.setBuddy(self.versions)
        self.value = QPlainTextEdit(self)
        self.value.setObjectName("history_value")
        self.value.setReadOnly(True)
        self.status = QLabel(self)
        self.status.setObjectName("history_status")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.setObjectName("history_buttons")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("history_close")
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("history_restore")
        self.restore_button.setEnabled(False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore)
        self.versions.selectionModel().currentChanged.connect(self._chosen)

        layout = QVBoxLayout(self)
        layout.addWidget(self.versions_label)
        layout.addWidget(self.versions, 1)
        layout.addWidget(self.value, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.versions, self.value)
        QWidget.setTabOrder(self.value, self.restore_button)
        self.resize(640, 480)
        self.retranslate()
        worker.submit(
            lambda holder: holder.workspace.records.history(record_id, field),
            self._loaded,
            self._failed,
            owner=self,
        )

    def _loaded(self, entries: list[HistoryEntry]) -> None:
        self.model.set_entries(entries)
        if not entries:
            self.status.setText(_("No earlier versions of this text yet."))
        else:
            self.versions.setCurrentIndex(self.model.index(0, 0))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(
            _("Could not read the history: {reason}").format(reason=error_text(error))
        )

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.value.setPlainText(current.data(HistoryRole.VALUE) or "")
        self.restore_button.setEnabled(current.isValid())

    def restore(self) -> None:
        entry = self.versions.currentIndex().data(HistoryRole.ENTRY)
        if not isinstance(entry, HistoryEntry):
            return
        self.restore_button.setEnabled(False)
        self._worker.submit(
            lambda holder: holder.workspace.records.restore_history(self._record_id, entry.id),
            self._done,
            self._failed,
            owner=self,
        )

    def _done(self, record: object) -> None:
        self.restored.emit(record)
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Earlier versions"))
        self.versions_label.setText(_("&Versions, newest first:"))
        self.value.setAccessibleName(_("Text of the chosen version"))
        self.restore_button.setText(_("&Restore this version"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
