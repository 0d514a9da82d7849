"""Quick search: type, and matching records of the whole journal appear with snippets.

The search runs on the worker, a moment after typing pauses; an answer for an older query is
ignored. Up and Down move through the results, Enter opens the chosen one in its tab.

Signals of :class:`QuickSearch`:
    open_requested(object): the user chose a result (a ``SearchHit``).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from mentorjournal.domain import SearchHit
from mentorjournal.i18n import _, ngettext
from mentorjournal.ui.model_index import AnyIndex
from mentorjournal.ui.names import error_text, record_kind_name
from mentorjournal.ui.worker import Worker

DELAY_MS = 40  # results within about 100 ms of the last key, not a search per key


class SearchRole(IntEnum):
    HIT = Qt.ItemDataRole.UserRole + 1
    RECORD_ID = Qt.ItemDataRole.UserRole + 2


def plain_snippet(snippet: str) -> str:
    """The snippet without the services' Markdown emphasis marks around matches."""
    return snippet.replace("**", "")


def first_line(text: str) -> str:
    """The first line with words of a title (a session's agenda is a whole list)."""
    for line in text.splitlines():
        words = line.strip().lstrip("-*#> ").strip()
        if words:
            return words
    return ""


class SearchResultModel(QAbstractListModel):
    """Search hits: kind and relationship on the first line, the snippet on the second."""

    def __init__(
        self, relationship_title: Callable[[str], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._relationship_title = relationship_title

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            where = self._relationship_title(hit.relationship_id) if hit.relationship_id else ""
            head = record_kind_name(hit.kind)
            if where:
                head = _("{kind} · {relationship}").format(kind=head, relationship=where)
            title = first_line(hit.title) or _("(untitled)")
            return f"{head}: {title}\n{plain_snippet(hit.snippet)}"
        if role == SearchRole.HIT:
            return hit
        if role == SearchRole.RECORD_ID:
            return hit.record_id
        return None


class QuickSearch(QDialog):
    open_requested = Signal(object)

    def __init__(
        self,
        worker: Worker,
        relationship_title: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quick_search")
        self._worker = worker
        self._query_number = 0
        self._open_first = False  # Enter came before the answer: open the first result
        self.label = QLabel(self)
        self.query = QLineEdit(self)
        self.query.setObjectName("search_query")
        self.query.setClearButtonEnabled(True)
        self.label.setBuddy(self.query)
        self.model = SearchResultModel(relationship_title, self)
        self.results = QListView(self)
        self.results.setObjectName("search_results")
        self.results.setModel(self.model)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.status = QLabel(self)
        self.status.setObjectName("search_status")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        QWidget.setTabOrder(self.query, self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.installEventFilter(self)
        self.results.activated.connect(self._open)
        self.resize(640, 420)
        self.retranslate()

    def start(self) -> None:
        """Show the search with the query selected, ready to type over."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.query.setFocus()
        self.query.selectAll()

    def _search(self) -> None:
        text = self.query.text().strip()
        self._query_number += 1
        number = self._query_number
        if not text:
            self.model.clear()
            self.status.clear()
            return
        self._worker.submit(
            lambda holder: holder.workspace.search.search(text),
            lambda hits: self._answered(number, hits),
            lambda error: self._failed(number, error),
            owner=self,
        )

    def _answered(self, number: int, hits: list[SearchHit]) -> None:
        if number != self._query_number:
            return  # the user typed on; a newer answer is on its way
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        if self._open_first:
            self._open_first = False
            self._open(self.results.currentIndex())
        self.status.setText(
            ngettext("{count} record found", "{count} records found", len(hits)).format(
                count=len(hits)
            )
            if hits
            else _("Nothing found.")
        )

    def _failed(self, number: int, error: BaseException) -> None:
        if number == self._query_number:
            self.status.setText(_("Search failed: {reason}").format(reason=error_text(error)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if event.key() == Qt.Key.Key_Down else -1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self._timer.stop()
                    self._open_first = True
                    self._search()
                else:
                    self._open(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows:
            row = min(max(self.results.currentIndex().row() + step, 0), rows - 1)
            self.results.setCurrentIndex(self.model.index(row, 0))

    def _open(self, index: QModelIndex | QPersistentModelIndex) -> None:
        hit = index.data(SearchRole.HIT) if index.isValid() else None
        if isinstance(hit, SearchHit):
            self.open_requested.emit(hit)
            self.hide()

    def clear(self) -> None:
        """Forget the query and its results (lock)."""
        self._timer.stop()
        self._query_number += 1
        self._open_first = False
        self.query.blockSignals(True)
        self.query.clear()
        self.query.blockSignals(False)
        self.model.clear()
        self.status.clear()
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on the results opens; the dialog must not close itself as accepted.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.results.currentIndex())
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Search the journal"))
        self.label.setText(_("&Search for:"))
        self.query.setPlaceholderText(_("Words from any note, goal or homework"))
        self.results.setAccessibleName(_("Search results"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
