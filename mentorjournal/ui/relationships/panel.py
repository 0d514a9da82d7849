"""The left side of the main window: the relationships, and what can be done to one.

Archiving a relationship closes it (stage "closed", ended today) the way a mentor closes a
finished mentoring: it stays in the journal with all its notes, ready for the closing report,
and is hidden from the list until View › Show archived relationships is checked. Nothing goes
to the trash.

Signals:
    current_changed(object): the chosen relationship (a read model), or None.
    status(str): a short message for the status bar (a failure, in words).
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from mentorjournal.domain import Dashboard, RecordKind, Relationship, Stage
from mentorjournal.i18n import _
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.names import error_text, stage_name
from mentorjournal.ui.relationships.dialog import RelationshipDialog
from mentorjournal.ui.relationships.model import (
    RelationshipFilter,
    RelationshipListModel,
    RelationshipRole,
)
from mentorjournal.ui.worker import Holder, Worker

STAGES = list(Stage)


def next_stage(stage: Stage) -> Stage | None:
    position = STAGES.index(stage)
    return STAGES[position + 1] if position + 1 < len(STAGES) else None


def _load_all(holder: Holder) -> list[tuple[Relationship, Dashboard | None]]:
    workspace = holder.workspace
    dashboards = {d.relationship_id: d for d in workspace.dashboard.all()}
    relationships = workspace.records.list_records(RecordKind.RELATIONSHIP)
    return [(r, dashboards.get(r.id)) for r in relationships if isinstance(r, Relationship)]


class RelationshipsPanel(QWidget):
    current_changed = Signal(object)
    status = Signal(str)

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relationships_panel")
        self._worker = worker
        self._token = 0
        self._wanted: str | None = None
        self._current_id: str | None = None
        self.dialog: RelationshipDialog | None = None
        self.model = RelationshipListModel(self)
        self.proxy = RelationshipFilter(self)
        self.proxy.setSourceModel(self.model)
        self.label = QLabel(self)
        self.view = QListView(self)
        self.view.setObjectName("relationships_list")
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.setSpacing(2)
        self.label.setBuddy(self.view)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("relationships_new")
        self.new_button.clicked.connect(self.new_relationship)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.new_button)
        self.view.selectionModel().currentChanged.connect(self._chosen)
        self.retranslate()

    # -- reading -------------------------------------------------------------------------

    def load(self, select: str | None = None) -> None:
        self._token += 1
        token = self._token
        self._wanted = select or self._current_id
        self._worker.submit(
            _load_all, lambda rows: self._loaded(token, rows), self._failed, owner=self
        )

    def _loaded(self, token: int, rows: list[tuple[Relationship, Dashboard | None]]) -> None:
        if token != self._token:
            return
        wanted = self._wanted
        self.model.set_rows(rows)
        if wanted is None or not self.select(wanted):
            if self.proxy.rowCount() > 0:
                self.view.setCurrentIndex(self.proxy.index(0, 0))
            else:
                self._chosen(QModelIndex(), QModelIndex())

    def _failed(self, error: BaseException) -> None:
        self.status.emit(
            _("Could not read the relationships: {reason}").format(reason=error_text(error))
        )

    def current(self) -> Relationship | None:
        value = self.view.currentIndex().data(RelationshipRole.RELATIONSHIP)
        return value if isinstance(value, Relationship) else None

    def current_dashboard(self) -> Dashboard | None:
        value = self.view.currentIndex().data(RelationshipRole.DASHBOARD)
        return value if isinstance(value, Dashboard) else None

    def select(self, relationship_id: str) -> bool:
        """Choose the relationship (showing archived ones if it is archived)."""
        row = self.model.row_of(relationship_id)
        if row is None:
            return False
        source = self.model.index(row, 0)
        if not self.proxy.mapFromSource(source).isValid():
            self.set_show_closed(True)
        self.view.setCurrentIndex(self.proxy.mapFromSource(source))
        return True

    def set_show_closed(self, shown: bool) -> None:
        current = self._current_id
        self.proxy.set_show_closed(shown)
        if current is not None and self.model.row_of(current) is not None:
            index = self.proxy.mapFromSource(self.model.index(self.model.row_of(current) or 0, 0))
            if index.isValid():
                self.view.setCurrentIndex(index)

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        relationship = current.data(RelationshipRole.RELATIONSHIP) if current.isValid() else None
        new_id = relationship.id if isinstance(relationship, Relationship) else None
        if new_id == self._current_id:
            return
        self._current_id = new_id
        self.current_changed.emit(relationship)

    def refresh_dashboard(self, relationship_id: str) -> None:
        self._worker.submit(
            lambda holder: holder.workspace.dashboard.for_relationship(relationship_id),
            self.model.set_dashboard,
            owner=self,
        )

    # -- changes -------------------------------------------------------------------------

    def new_relationship(self) -> None:
        self._open_dialog(None)

    def edit_current(self) -> None:
        relationship = self.current()
        if relationship is not None:
            self._open_dialog(relationship)

    def _open_dialog(self, relationship: Relationship | None) -> None:
        dialog = RelationshipDialog(relationship, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._dialog_done(dialog, relationship))
        dialog.open()

    def _dialog_done(self, dialog: RelationshipDialog, relationship: Relationship | None) -> None:
        values = dialog.values()
        self.dialog = None
        dispose(dialog)
        if relationship is None:
            task: Any = lambda holder: holder.workspace.records.add(  # noqa: E731
                RecordKind.RELATIONSHIP, values
            )
        else:
            rid = relationship.id
            task = lambda holder: holder.workspace.records.update(rid, values)  # noqa: E731
        self._worker.submit(task, self._stored, self._failed_change, owner=self)

    def _stored(self, relationship: Relationship, choose: bool = True) -> None:
        """A relationship was added or changed: show it with fresh figures."""
        self.model.upsert(relationship)
        if choose:
            self.select(relationship.id)
        if relationship.id == self._current_id:
            self.current_changed.emit(relationship)
        self.refresh_dashboard(relationship.id)

    def _failed_change(self, error: BaseException) -> None:
        self.status.emit(_("Not saved: {reason}").format(reason=error_text(error)))

    def advance_stage(self) -> None:
        relationship = self.current()
        if relationship is None:
            return
        stage = next_stage(relationship.stage)
        if stage is None:
            return
        self._set_stage(relationship, stage)
        self.status.emit(_("Moved to the stage “{stage}”.").format(stage=stage_name(stage)))

    def archive_current(self) -> None:
        relationship = self.current()
        if relationship is None or relationship.stage is Stage.CLOSED:
            return
        self._set_stage(relationship, Stage.CLOSED, choose=self.proxy.show_closed)
        self.status.emit(
            _(
                "“{title}” is archived: closed, kept with all its notes. "
                "View › Show archived relationships shows it."
            ).format(title=relationship.title)
        )

    def _set_stage(self, relationship: Relationship, stage: Stage, choose: bool = True) -> None:
        changes: dict[str, Any] = {"stage": stage}
        if stage is Stage.ACTIVE and relationship.started_on is None:
            changes["started_on"] = date.today()
        if stage is Stage.CLOSED and relationship.ended_on is None:
            changes["ended_on"] = date.today()
        rid = relationship.id
        self._worker.submit(
            lambda holder: holder.workspace.records.update(rid, changes),
            lambda stored: self._stored(cast(Relationship, stored), choose),
            self._failed_change,
            owner=self,
        )

    def clear(self) -> None:
        self._token += 1
        self._wanted = None
        if self.dialog is not None:
            self.dialog.reject()
            dispose(self.dialog)
            self.dialog = None
        self.model.clear()
        self._current_id = None

    def retranslate(self) -> None:
        self.label.setText(_("Relationshi&ps:"))
        self.new_button.setText(_("Ne&w relationship…"))
        self.view.setAccessibleName(_("Relationships"))
        self.model.refresh_words()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
