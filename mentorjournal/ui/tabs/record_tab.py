"""What every record tab shares: a sortable list, a form for the chosen record, autosave.

A subclass says its columns, builds its form with the ``add_*`` helpers (each input gets an
object name, a label with a mnemonic as its buddy, and is wired to the autosave) and fills it
from a record. Lists are read on the worker; an answer for an older request is ignored, so
switching relationships quickly never shows another relationship's records.

Signals:
    changed(): a record was added, changed or moved to the trash (the overview refreshes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import Record, RecordKind, Relationship
from mentorjournal.i18n import _
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.editor.autosave import RecordAutosave
from mentorjournal.ui.editor.history import HistoryDialog
from mentorjournal.ui.editor.markdown_editor import MarkdownField
from mentorjournal.ui.names import error_text
from mentorjournal.ui.tabs.form_fields import FormFields
from mentorjournal.ui.tabs.table_model import Column, RecordRole, RecordSorter, RecordTableModel
from mentorjournal.ui.worker import Holder, Worker


class RecordTab(FormFields, QWidget):
    changed = Signal()

    kind: RecordKind
    stretch_column = 0  # the column that takes the width left (the title)

    def __init__(self, worker: Worker, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_tab")
        self._name = name
        self._worker = worker
        self._relationship: Relationship | None = None
        self._load_token = 0
        self._stale = False  # the list of the relationship in view is still to be read
        self._wanted: str | None = None
        self._filling = False
        self.init_fields(name)
        self.history_dialog: HistoryDialog | None = None

        self.model: RecordTableModel[Any] = RecordTableModel(self.columns(), self)
        self.proxy = RecordSorter(self)
        self.proxy.setObjectName(f"{name}_proxy")
        self.proxy.setSourceModel(self.model)
        self.proxy.setDynamicSortFilter(False)  # rows never jump while the user types
        self.view = QTableView(self)
        self.view.setObjectName(f"{name}_list")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(0)  # fit columns to the rows in view, not thousands
        self.view.setWordWrap(False)
        # Tab leaves the list for the buttons and the form (a table moves between cells on
        # Tab by default: a trap); the arrow keys move between records.
        self.view.setTabKeyNavigation(False)
        self.list_label = QLabel(self)
        self.list_label.setBuddy(self.view)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName(f"{name}_new")
        self.trash_button = QPushButton(self)
        self.trash_button.setObjectName(f"{name}_trash")
        self.state_label = QLabel(self)
        self.state_label.setObjectName(f"{name}_save_state")

        self.autosave = RecordAutosave(worker, self)
        self.autosave.state_changed.connect(self.show_state)
        self.autosave.saved.connect(self._saved)

        self.form_host = QWidget(self)
        self.form_host.setObjectName(f"{name}_form")
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.build_form()
        self.form_host.setEnabled(False)
        scroll = QScrollArea(self)
        scroll.setObjectName(f"{name}_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        # Not a Tab stop of its own: focus moving into the form scrolls the field into view.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.trash_button)
        buttons.addStretch(1)
        self.button_row = buttons
        left = self.left_panel = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_label)
        left_layout.addWidget(self.view, 1)
        left_layout.addLayout(buttons)
        right = QWidget(self)
        right_layout = self.right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.state_label)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName(f"{name}_splitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([440, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.new_button.clicked.connect(self.new_record)
        self.trash_button.clicked.connect(self.trash_current)
        self.trash_button.setEnabled(False)
        self.retranslate()

    # -- what subclasses say ----------------------------------------------------------------

    def columns(self) -> Sequence[Column[Any]]:
        raise NotImplementedError

    def build_form(self) -> None:
        raise NotImplementedError

    def fill(self, record: Any) -> None:
        raise NotImplementedError

    def new_values(self) -> dict[str, Any]:
        """The values of a record made by the New button."""
        raise NotImplementedError

    def retranslate_tab(self) -> None:
        """Texts of the subclass's own widgets (labels made by helpers are done already)."""

    # -- form helpers ----------------------------------------------------------------------

    def _edited(self, field: str, read: Callable[[], Any]) -> None:
        if not self._filling:
            self.autosave.mark_dirty(field, read)

    def _set(self, field: str, value: Any) -> None:
        if not self._filling:
            self.autosave.set_value(field, value)

    # -- records ---------------------------------------------------------------------------

    @property
    def relationship(self) -> Relationship | None:
        return self._relationship

    def current_record(self) -> Any:
        index = self.view.currentIndex()
        return index.data(RecordRole.RECORD) if index.isValid() else None

    def load(self, relationship: Relationship | None) -> None:
        """Show the records of ``relationship`` (saving what is pending first).

        The list is read when the tab is shown: switching relationships reads only the tab
        in view, which keeps a switch fast in a big journal.
        """
        self.autosave.save_now()
        self.autosave.bind(None)
        self._relationship = relationship
        self._load_token += 1
        self.model.clear()
        self._show(None)
        self._stale = relationship is not None
        if self.isVisible():
            self._fetch()  # first in the worker's queue: the list is what the user waits for
        self.relationship_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._fetch()

    def _fetch(self) -> None:
        relationship = self._relationship
        self._stale = False
        if relationship is None:
            return
        token = self._load_token
        self._worker.submit(
            self.list_task(relationship),
            lambda records: self._loaded(token, records),
            lambda error: self._load_failed(token, error),
            owner=self,
        )

    def list_task(self, relationship: Relationship) -> Callable[[Holder], list[Record]]:
        """The worker task that reads this tab's records of ``relationship``."""
        kind, rid = self.kind, relationship.id
        return lambda holder: holder.workspace.records.list_records(kind, relationship_id=rid)

    def set_relationship(self, relationship: Relationship) -> None:
        """The same relationship, changed (title, kind): keep the records in view."""
        self._relationship = relationship
        self.relationship_changed()

    def relationship_changed(self) -> None:
        """Hook: the relationship in view changed (a subclass may load related lists)."""

    def _loaded(self, token: int, records: list[Record]) -> None:
        if token != self._load_token:
            return
        self.model.set_records(records)
        if self._wanted is not None:
            self.select_record(self._wanted)
        elif records:
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _load_failed(self, token: int, error: BaseException) -> None:
        if token == self._load_token:
            self.show_state(_("Could not read: {reason}").format(reason=error_text(error)))

    def select_record(self, record_id: str) -> bool:
        """Show the record with ``record_id`` (now, or when the list arrives)."""
        row = self.model.row_of(record_id)
        if row is None:
            self._wanted = record_id
            return False
        self._wanted = None
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def new_record(self) -> None:
        if self._relationship is None:
            return
        self.add_record({**self.new_values()})

    def add_record(self, values: dict[str, Any]) -> None:
        if self._relationship is None:
            return
        kind = self.kind
        full = {"relationship_id": self._relationship.id, **values}
        self.autosave.save_now()
        self._worker.submit(
            lambda holder: holder.workspace.records.add(kind, full),
            self._created,
            lambda error: self.show_state(
                _("Not added: {reason}").format(reason=error_text(error))
            ),
            owner=self,
        )

    def _created(self, record: Record) -> None:
        self.model.upsert(record)
        self.select_record(record.id)
        self.changed.emit()
        self.focus_first_field()

    def focus_first_field(self) -> None:
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole) or self.form.itemAt(
                row, QFormLayout.ItemRole.SpanningRole
            )
            widget = item.widget() if item is not None else None
            if isinstance(widget, MarkdownField):
                widget.editor.setFocus()
                return
            if widget is not None:
                widget.setFocus()
                return

    def trash_current(self) -> None:
        record = self.current_record()
        if record is None:
            return
        self.autosave.save_now()
        self._worker.submit(
            lambda holder: holder.workspace.records.delete(record.id),
            lambda _record: self._trashed(record.id),
            lambda error: self.show_state(error_text(error)),
            owner=self,
        )

    def _trashed(self, record_id: str) -> None:
        if self.autosave.record_id == record_id:
            self.autosave.bind(None)
            self._show(None)
        self.model.remove(record_id)
        self.show_state(_("Moved to the trash."))
        self.changed.emit()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(RecordRole.RECORD) if current.isValid() else None
        self._show(record)

    def _show(self, record: Any) -> None:
        self.autosave.bind(record.id if record is not None else None)
        self.form_host.setEnabled(record is not None)
        self.trash_button.setEnabled(record is not None)
        self._filling = True
        try:
            if record is None:
                self.clear_form()
            else:
                self.fill(record)
        finally:
            self._filling = False

    def clear_form(self) -> None:
        self.clear_fields()

    def show_state(self, text: str) -> None:
        """Say the autosave's state in the status line, named for screen readers too."""
        self.state_label.setText(text)
        self.state_label.setAccessibleName(
            _("Autosave: {state}").format(state=text) if text else _("Autosave")
        )

    def _saved(self, record: Record) -> None:
        self.model.upsert(record)
        self.changed.emit()

    def show_history(self, field: str, widget: MarkdownField) -> None:
        record_id = self.autosave.record_id
        if record_id is None:
            return
        self.autosave.save_now()  # the history then holds the text as it was before
        dialog = HistoryDialog(self._worker, record_id, field, self)
        dialog.restored.connect(self._restored)
        self.history_dialog = dialog
        dialog.open()

    def _restored(self, record: Record) -> None:
        self.model.upsert(record)
        if self.autosave.record_id == record.id:
            self._show(record)
        self.changed.emit()

    def clear(self) -> None:
        """Forget every record and text (lock): nothing of the journal stays in a widget."""
        self._load_token += 1
        self._stale = False
        self._wanted = None
        self._relationship = None
        self.autosave.clear()
        self.model.clear()
        self._show(None)
        self.relationship_changed()
        self.show_state("")
        if self.history_dialog is not None:
            self.history_dialog.reject()
            dispose(self.history_dialog)
            self.history_dialog = None

    # -- words -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.retranslate_fields()
        self.new_button.setText(_("&New"))
        self.trash_button.setText(_("Move to &trash"))
        self.trash_button.setToolTip(_("The trash keeps it; restore it from there"))
        self.model.refresh_words()
        self.show_state(self.autosave.state_text() if self.autosave.record_id else "")
        self.retranslate_tab()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
