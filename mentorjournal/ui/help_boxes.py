"""The Help menu's boxes: the keyboard shortcuts of a window, and what the app is."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from mentorjournal.i18n import _


def _show(parent: QWidget, name: str, title: str, text: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent
    )
    box.setObjectName(name)
    box.open()


def show_shortcuts(window: QWidget) -> None:
    """Every action of ``window`` that has a shortcut, with its shortcut as the system writes it."""
    lines = [
        f"{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t"
        f"{action.text().replace('&', '')}"
        for action in window.actions()
        if not action.shortcut().isEmpty()
    ]
    _show(window, "shortcuts_box", _("Keyboard shortcuts"), "\n".join(lines))


def show_about(window: QWidget) -> None:
    _show(
        window,
        "about_box",
        _("About MentorJournal"),
        _("MentorJournal: an offline, encrypted journal for mentoring."),
    )
