"""The main window: relationships on the left; the chosen one's overview and tabs on the right.

It only assembles the views and their actions; each view reads and saves through the worker.

Signals:
    lock_requested(): the user chose Lock now (Ctrl+L); the app flushes, locks and clears.
    language_requested(str): the user chose a language ("en" or "pl") from View › Language;
        the app installs it (which sends LanguageChange to every widget).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import Record, RecordKind, Relationship, SearchHit, Stage
from mentorjournal.i18n import _
from mentorjournal.ui import window_menus
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.exports.actions import ExportActions
from mentorjournal.ui.journal_actions.actions import JournalActions
from mentorjournal.ui.overview import OverviewPanel
from mentorjournal.ui.relationships.panel import RelationshipsPanel
from mentorjournal.ui.report_export import ReportExport
from mentorjournal.ui.search import QuickSearch
from mentorjournal.ui.sync.window_sync import WindowSync
from mentorjournal.ui.tabs.agreement import AgreementTab
from mentorjournal.ui.tabs.diary import DiaryTab
from mentorjournal.ui.tabs.goals import GoalsTab
from mentorjournal.ui.tabs.homework import HomeworkTab
from mentorjournal.ui.tabs.materials import MaterialsTab
from mentorjournal.ui.tabs.record_tab import RecordTab
from mentorjournal.ui.tabs.reflection import ReflectionTab
from mentorjournal.ui.tabs.sessions import SessionsTab
from mentorjournal.ui.tabs.trash import TrashDialog
from mentorjournal.ui.worker import Worker


class MainWindow(QMainWindow):
    lock_requested = Signal()
    language_requested = Signal(str)

    # Made by window_menus.build: the window's actions, menus and action groups.
    action_lock: QAction
    action_search: QAction
    action_undo: QAction
    action_redo: QAction
    action_trash: QAction
    action_show_archived: QAction
    action_english: QAction
    action_polish: QAction
    action_new_relationship: QAction
    action_edit_relationship: QAction
    action_next_stage: QAction
    action_archive: QAction
    action_new_session: QAction
    action_shortcuts: QAction
    action_about: QAction
    tab_actions: list[QAction]
    journal_actions: JournalActions
    report_export: ReportExport
    export_actions: ExportActions
    menu_journal: QMenu
    menu_edit: QMenu
    menu_view: QMenu
    menu_language: QMenu
    menu_relationship: QMenu
    menu_help: QMenu

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self._worker = worker
        self.relationships = RelationshipsPanel(worker, self)
        self.overview = OverviewPanel(worker, self)
        # Made before its pages: Tab follows creation order, and the tab bar comes first.
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.agreement = AgreementTab(worker, self)
        self.goals = GoalsTab(worker, self)
        self.sessions = SessionsTab(worker, self)
        self.homework = HomeworkTab(worker, self)
        self.materials = MaterialsTab(worker, self)
        self.diary = DiaryTab(worker, self)
        self.reflection = ReflectionTab(worker, self)
        self.record_tabs: dict[RecordKind, RecordTab] = {
            RecordKind.AGREEMENT: self.agreement,
            RecordKind.GOAL: self.goals,
            RecordKind.SESSION: self.sessions,
            RecordKind.HOMEWORK: self.homework,
            RecordKind.MATERIAL: self.materials,
            RecordKind.ENTRY: self.diary,
        }
        self.sync = WindowSync(
            worker, self, self.relationships, self.overview, self.record_tabs.values
        )
        for page in (*self.record_tabs.values(), self.reflection, self.sync.panel):
            self.tabs.addTab(page, "")
        self.search = QuickSearch(worker, self._relationship_title, self)
        self.trash_dialog: TrashDialog | None = None

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.overview)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("main_splitter")
        splitter.addWidget(self.relationships)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([250, 1030])
        self.setCentralWidget(splitter)
        self.status_text = QLabel(self)
        self.status_text.setObjectName("status_text")
        self.statusBar().addWidget(self.status_text, 1)
        self.busy_text = QLabel(self)
        self.busy_text.setObjectName("busy_text")
        self.statusBar().addPermanentWidget(self.busy_text)
        # Work that takes over a second is said in the status bar (never a blocking dialog).
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(1000)
        self._busy_timer.timeout.connect(lambda: self.busy_text.setText(_("Working…")))
        worker.busy_changed.connect(self._busy_changed)

        window_menus.build(self, worker)
        self.relationships.current_changed.connect(self._relationship_chosen)
        self.relationships.status.connect(self.status_text.setText)
        self.sync.status.connect(self.status_text.setText)
        self.search.open_requested.connect(self.open_hit)
        for tab in self.record_tabs.values():
            tab.changed.connect(self._records_changed)
        self.goals.changed.connect(self.sessions.reload_goals)
        self.goals.changed.connect(self.reflection.refresh)
        self.reflection.changed.connect(self._closing_saved)
        self.reflection.relationship_changed.connect(self._closing_changed)
        self._relationship_chosen(None)
        self._tab_order()
        self.resize(1200, 780)
        self.retranslate()

    def _tab_order(self) -> None:
        """Tab goes as the eye reads: the list, the overview, the tab bar, the tab's contents."""
        QWidget.setTabOrder(self.relationships.new_button, self.overview)
        QWidget.setTabOrder(self.overview, self.tabs)

    def show_trash(self) -> None:
        """The records moved to the trash, each restorable (a non-blocking dialog)."""
        self.flush(lambda: None)  # a record trashed a moment ago is listed
        dialog = TrashDialog(self._worker, self)
        dialog.restored.connect(self._restored_from_trash)
        dialog.finished.connect(self._trash_closed)
        self.trash_dialog = dialog
        dialog.open()

    def _trash_closed(self) -> None:
        if self.trash_dialog is not None:
            dispose(self.trash_dialog)
            self.trash_dialog = None

    def _restored_from_trash(self, record: Record) -> None:
        relationship = self.relationships.current()
        self.relationships.load()
        if relationship is not None:
            for tab in self.record_tabs.values():
                tab.load(relationship)
            self.overview.load(relationship.id)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy_text.clear()

    def new_session(self) -> None:
        self.tabs.setCurrentWidget(self.sessions)
        self.sessions.new_record()

    # -- what the app calls -----------------------------------------------------------------

    def load(self) -> None:
        """Fill the window from the journal just unlocked."""
        self.relationships.load()
        self.sync.start()

    def flush(self, on_done: Callable[[], None]) -> None:
        """Save every pending edit through the worker, then call ``on_done``."""
        for tab in self.record_tabs.values():
            tab.autosave.save_now()
        self.reflection.save_now()
        # The worker runs tasks in order: this one ends after every save queued above.
        self._worker.submit(lambda _holder: None, lambda _result: on_done())

    def clear(self) -> None:
        """Drop all content and models: nothing of the journal stays in any widget."""
        self.sync.stop()
        self.search.clear()
        if self.trash_dialog is not None:
            self.trash_dialog.reject()  # its list of trashed records goes with it
        self.relationships.clear()
        self.overview.clear()
        for tab in self.record_tabs.values():
            tab.clear()
        self.reflection.clear()
        self.status_text.clear()
        self._relationship_chosen(None)

    def closeEvent(self, event: QCloseEvent) -> None:
        for tab in self.record_tabs.values():
            tab.autosave.save_now()  # queued before the worker's shutdown locks the journal
        self.reflection.save_now()
        super().closeEvent(event)

    # -- wiring -----------------------------------------------------------------------------

    def _relationship_chosen(self, relationship: Relationship | None) -> None:
        for tab in self.record_tabs.values():
            if (
                tab.relationship is None
                or relationship is None
                or (tab.relationship.id != relationship.id)
            ):
                tab.load(relationship)
            else:
                tab.set_relationship(relationship)
        shown = self.reflection.relationship
        if relationship is None or shown is None or shown.id != relationship.id:
            self.reflection.load(relationship)
        else:
            self.reflection.set_relationship(relationship)
        self.overview.load(
            relationship.id if relationship else None, self.relationships.current_dashboard()
        )
        self.sync.panel.load(relationship)
        chosen = relationship is not None
        for action in (
            self.action_edit_relationship,
            self.action_next_stage,
            self.action_archive,
            self.action_new_session,
            self.report_export.action,
        ):
            action.setEnabled(chosen)
        self.tabs.setEnabled(chosen)
        self.setWindowTitle(
            _("{title} — MentorJournal").format(title=relationship.title)
            if relationship
            else "MentorJournal"
        )

    def _records_changed(self) -> None:
        relationship = self.relationships.current()
        if relationship is not None:
            self.overview.load(relationship.id)
            self.relationships.refresh_dashboard(relationship.id)

    def _closing_saved(self) -> None:
        """The closing judged goals or saved a reflection: the lists and figures follow."""
        relationship = self.relationships.current()
        if relationship is not None:
            self.goals.load(relationship)
        self._records_changed()

    def _closing_changed(self, relationship: Relationship) -> None:
        """The closing moved the relationship to another stage; a closed one stays in view."""
        if relationship.stage is Stage.CLOSED and not self.relationships.proxy.show_closed:
            self.action_show_archived.setChecked(True)
            self.relationships.set_show_closed(True)
        self.relationships.model.upsert(relationship)
        self.relationships.select(relationship.id)
        self._relationship_chosen(relationship)

    def _relationship_title(self, relationship_id: str) -> str:
        row = self.relationships.model.row_of(relationship_id)
        if row is None:
            return ""
        return str(self.relationships.model.relationships()[row].title)

    def open_hit(self, hit: SearchHit) -> None:
        """Show the record of a search result in its tab."""
        if hit.kind is RecordKind.RELATIONSHIP:
            self.relationships.select(hit.record_id)
        elif hit.relationship_id is not None:
            self.relationships.select(hit.relationship_id)
        # An archived relationship is shown by turning its list on: say so in the menu too.
        self.action_show_archived.setChecked(self.relationships.proxy.show_closed)
        if hit.kind is RecordKind.RELATIONSHIP or self.relationships.current() is None:
            return  # a diary entry of no relationship shows beside any chosen one
        tab = self.record_tabs.get(hit.kind)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
            tab.select_record(hit.record_id)

    # -- words ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        window_menus.retranslate(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
