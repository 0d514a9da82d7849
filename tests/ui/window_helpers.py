"""Helpers for the main window's tests: a window on a real journal, and records in it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mentorjournal.domain import RecordKind
from mentorjournal.ui.main_window import MainWindow
from mentorjournal.ui.worker import Worker
from tests.ui.conftest import run_on

# Under the offscreen platform Qt warns that it cannot pass size hints on or raise a window;
# nothing else is ignored.
IGNORE_OFFSCREEN = (
    "This plugin does not support propagateSizeHints",
    r"This plugin does not support raise\(\)",
)


def add(worker: Worker, qtbot: QtBot, kind: RecordKind, **values: Any) -> Any:
    return run_on(worker, qtbot, lambda h: h.workspace.records.add(kind, values))


def get(worker: Worker, qtbot: QtBot, record_id: str) -> Any:
    return run_on(worker, qtbot, lambda h: h.workspace.records.get(record_id))


def open_window(worker: Worker, qtbot: QtBot) -> MainWindow:
    window = MainWindow(worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)  # shortcuts need an active window
    window.load()
    return window


def wait_loaded(qtbot: QtBot, window: MainWindow, rows: int = 1) -> None:
    qtbot.waitUntil(lambda: window.relationships.proxy.rowCount() >= rows, timeout=10_000)
    qtbot.waitUntil(lambda: window.overview.dashboard is not None, timeout=10_000)


def texts_in(root: QWidget) -> Iterator[str]:
    """Every text a widget tree shows or holds: fields, labels, titles and item models."""
    yield root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        yield widget.windowTitle()
        yield widget.toolTip()
        yield widget.accessibleName()
        if isinstance(widget, QLineEdit):
            yield widget.text()
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            yield widget.toPlainText()
        elif isinstance(widget, QLabel):
            yield widget.text()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    yield str(model.index(row, column).data() or "")
