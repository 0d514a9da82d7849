"""The main window's actions and menus: which there are, their shortcuts and their words.

The actions are attributes of the window (``window.action_lock``, ``window.menu_journal``),
where the app, the views and the tests reach them; this module only makes and names them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from mentorjournal.i18n import _
from mentorjournal.ui.exports.actions import ExportActions
from mentorjournal.ui.help_boxes import show_about, show_shortcuts
from mentorjournal.ui.journal_actions.actions import JournalActions
from mentorjournal.ui.report_export import ReportExport
from mentorjournal.ui.worker import Worker

if TYPE_CHECKING:
    from mentorjournal.ui.main_window import MainWindow


def build(window: MainWindow, worker: Worker) -> None:
    """Make every action of ``window`` and its menu bar."""
    key = QKeySequence
    window.action_lock = _action(
        window, "action_lock", window.lock_requested.emit, (key("Ctrl+L"),)
    )
    window.action_search = _action(
        window, "action_search", window.search.start, (key("Ctrl+K"), key(key.StandardKey.Find))
    )
    window.action_undo = _action(
        window, "action_undo", lambda: _edit("undo"), (key(key.StandardKey.Undo),)
    )
    window.action_redo = _action(
        window, "action_redo", lambda: _edit("redo"), (key(key.StandardKey.Redo),)
    )
    window.action_trash = _action(window, "action_trash", window.show_trash)
    window.action_show_archived = _action(
        window,
        "action_show_archived",
        lambda: window.relationships.set_show_closed(window.action_show_archived.isChecked()),
    )
    window.action_show_archived.setCheckable(True)
    window.action_english = _action(
        window, "action_english", lambda: window.language_requested.emit("en")
    )
    window.action_polish = _action(
        window, "action_polish", lambda: window.language_requested.emit("pl")
    )
    window.action_new_relationship = _action(
        window, "action_new_relationship", window.relationships.new_relationship, (key("Ctrl+N"),)
    )
    window.action_edit_relationship = _action(
        window, "action_edit_relationship", window.relationships.edit_current, (key("Ctrl+E"),)
    )
    window.action_next_stage = _action(
        window, "action_next_stage", window.relationships.advance_stage
    )
    window.action_archive = _action(window, "action_archive", window.relationships.archive_current)
    window.action_new_session = _action(
        window, "action_new_session", window.new_session, (key("Ctrl+Shift+N"),)
    )
    window.journal_actions = JournalActions(worker, window, window.flush, window.clear)
    window.report_export = ReportExport(worker, window, window.relationships.current, window.flush)
    window.report_export.status.connect(window.status_text.setText)
    window.addAction(window.report_export.action)
    window.journal_actions.status.connect(window.status_text.setText)
    window.export_actions = ExportActions(
        worker, window, window.flush, window.relationships.current
    )
    window.export_actions.status.connect(window.status_text.setText)
    window.export_actions.imported.connect(window.relationships.load)
    window.action_shortcuts = _action(window, "action_shortcuts", lambda: show_shortcuts(window))
    window.action_about = _action(window, "action_about", lambda: show_about(window))
    window.tab_actions = [
        _action(
            window,
            f"action_tab_{i}",
            lambda i=i: window.tabs.setCurrentIndex(i),  # type: ignore[misc]
            (key(f"Alt+{i + 1}"),),
        )
        for i in range(window.tabs.count())
    ]

    window.menu_journal = _menu(window, "menu_journal", [window.action_search, None])
    _fill(
        window.menu_journal,
        [
            *window.journal_actions.actions,
            window.sync.action_join_own,
            None,
            *window.export_actions.actions,
            None,
            window.action_lock,
        ],
    )
    window.menu_edit = _menu(
        window, "menu_edit", [window.action_undo, window.action_redo, None, window.action_trash]
    )
    window.menu_view = _menu(
        window, "menu_view", [window.action_show_archived, None, *window.tab_actions, None]
    )
    window.menu_language = _menu(
        window.menu_view, "menu_language", [window.action_english, window.action_polish]
    )
    window.menu_view.addMenu(window.menu_language)
    window.menu_relationship = _menu(
        window,
        "menu_relationship",
        [
            window.action_new_relationship,
            window.action_edit_relationship,
            window.action_next_stage,
            window.action_archive,
            None,
            window.action_new_session,
            None,
            window.report_export.action,
            None,
            window.sync.action_sync_now,
            window.sync.action_join,
        ],
    )
    window.menu_help = _menu(window, "menu_help", [window.action_shortcuts, window.action_about])
    for menu in (
        window.menu_journal,
        window.menu_edit,
        window.menu_view,
        window.menu_relationship,
        window.menu_help,
    ):
        window.menuBar().addMenu(menu)


def retranslate(window: MainWindow) -> None:
    window.menu_journal.setTitle(_("&Journal"))
    window.menu_edit.setTitle(_("&Edit"))
    window.menu_view.setTitle(_("&View"))
    window.menu_relationship.setTitle(_("&Relationship"))
    window.menu_help.setTitle(_("&Help"))
    window.menu_language.setTitle(_("&Language"))
    window.action_lock.setText(_("&Lock now"))
    window.journal_actions.retranslate()
    window.report_export.retranslate()
    window.sync.retranslate()
    window.export_actions.retranslate()
    window.action_search.setText(_("&Search…"))
    window.action_undo.setText(_("&Undo"))
    window.action_redo.setText(_("&Redo"))
    window.action_trash.setText(_("&Trash…"))
    window.action_show_archived.setText(_("Show &archived relationships"))
    window.action_english.setText("&English")
    window.action_polish.setText("&Polski")
    window.action_new_relationship.setText(_("&New relationship…"))
    window.action_edit_relationship.setText(_("&Edit relationship…"))
    window.action_next_stage.setText(_("Move to the ne&xt stage"))
    window.action_archive.setText(_("&Archive (close) relationship"))
    window.action_new_session.setText(_("New &session"))
    window.action_shortcuts.setText(_("&Keyboard shortcuts"))
    window.action_about.setText(_("&About MentorJournal"))
    names = [
        _("&Agreement"),
        _("&Goals"),
        _("&Sessions"),
        _("Homewor&k"),
        _("&Materials"),
        _("&Diary"),
        _("Re&flection"),
        _("S&ync"),
    ]
    for index, name in enumerate(names):
        window.tabs.setTabText(index, name)
    window.tabs.setAccessibleName(_("The relationship's records"))
    for index, action in enumerate(window.tab_actions):
        action.setText(
            _("Show tab {number}: {name}").format(
                number=index + 1, name=names[index].replace("&", "")
            )
        )


def _action(
    window: QWidget, name: str, slot: Callable[[], object], keys: tuple[QKeySequence, ...] = ()
) -> QAction:
    action = QAction(window)
    action.setObjectName(name)
    if keys:
        action.setShortcuts(list(keys))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work wherever the focus is in the window
    return action


def _edit(what: str) -> None:
    """Undo or redo in the text field that has the focus."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QPlainTextEdit | QTextEdit | QLineEdit):
        getattr(widget, what)()


def _fill(menu: QMenu, items: list[QAction | None]) -> None:
    """Add ``items`` to ``menu``; None stands for a separator."""
    for item in items:
        if item is None:
            menu.addSeparator()
        else:
            menu.addAction(item)


def _menu(parent: QWidget, name: str, items: list[QAction | None]) -> QMenu:
    menu = QMenu(parent)
    menu.setObjectName(name)
    _fill(menu, items)
    return menu
