"""A stand-in for the main window (ui/main_window.py) and helpers for the app's tests.

The stand-in offers exactly what the app controller uses of the real window: ``load``,
``flush``, ``clear``, ``lock_requested`` with a Ctrl+L action in ``menu_journal``, and
``language_requested``. It shows the journal owner's name once loaded, so a test can see
that locking clears it. No test lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QWidget
from pytestqt.qtbot import QtBot

from mentorjournal import crypto
from mentorjournal.i18n import Language, use_language
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.app import AppController, Translations
from mentorjournal.ui.settings import AppSettings
from mentorjournal.ui.start.dialog import StartDialog
from mentorjournal.ui.worker import Worker


class StandInWindow(QMainWindow):
    lock_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.worker = worker
        self.calls: list[str] = []
        self.content = QLabel()
        self.content.setObjectName("content")
        self.setCentralWidget(self.content)
        self.menu_journal = QMenu("Journal", self)
        self.menu_journal.setObjectName("menu_journal")
        self.menuBar().addMenu(self.menu_journal)
        self.action_lock = QAction("Lock now", self)
        self.action_lock.setObjectName("action_lock")
        self.action_lock.setShortcut(QKeySequence("Ctrl+L"))
        self.action_lock.triggered.connect(self.lock_requested)
        self.menu_journal.addAction(self.action_lock)
        self.addAction(self.action_lock)

    def load(self) -> None:
        self.calls.append("load")
        self.worker.submit(
            lambda holder: holder.workspace.records.owner_name(),
            self.content.setText,
            owner=self,
        )

    def flush(self, on_done: Callable[[], None]) -> None:
        self.calls.append("flush")
        self.worker.submit(lambda holder: holder.workspace.path, lambda _path: on_done())

    def clear(self) -> None:
        self.calls.append("clear")
        self.content.clear()


def make_controller(
    qtbot: QtBot, worker: Worker, settings: Settings, settings_file: Path, *, demo: bool = False
) -> tuple[AppController, list[StandInWindow]]:
    """A controller whose main window is the stand-in; the list receives the window."""
    windows: list[StandInWindow] = []

    def factory(worker: Worker) -> StandInWindow:
        window = StandInWindow(worker)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    app = qtbot_app()
    controller = AppController(
        worker, AppSettings(settings_file), settings, Translations(app), factory, demo=demo
    )
    qtbot.addWidget(controller.dialog)
    return controller, windows


def qtbot_app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


def english() -> None:
    use_language(Language.ENGLISH)


FAST = crypto.TEST_PROFILE


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, Polish letters included (QTest's keyClicks takes ASCII only)."""
    for character in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget,
            Qt.Key.Key_unknown,
            character,
            Qt.KeyboardModifier.NoModifier,
        )


# The offscreen platform of the tests cannot resize native windows and says so; harmless.
IGNORE_OFFSCREEN = (
    "This plugin does not support propagateSizeHints",
    r"This plugin does not support raise\(\)",
)


W = TypeVar("W", bound=QObject)


def child(parent: QObject, kind: type[W], name: str) -> W:
    """The widget of ``kind`` named ``name`` under ``parent`` (found by objectName)."""
    widget = parent.findChild(kind, name)
    assert widget is not None, name
    return widget


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def press(
    widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(widget, key, modifier)


def page_name(dialog: StartDialog) -> str:
    page = dialog.pages.currentWidget()
    assert page is not None
    return page.objectName()
