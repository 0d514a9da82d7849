"""The window in Polish: every text of its modules translated, and a switch at run time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from mentorjournal.domain import RecordKind
from mentorjournal.i18n import Language, load_translation, use_language
from tests.ui.window_helpers import IGNORE_OFFSCREEN, add, open_window, wait_loaded

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)

UI = Path(__file__).resolve().parents[2] / "mentorjournal" / "ui"
WINDOW_MODULES = ("names.py", "main_window.py", "overview.py", "search.py")
WINDOW_PACKAGES = ("relationships", "tabs", "editor")
SAME_IN_POLISH = {"online", "mentor", "mentee", "partner", " min", " %"}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def window_messages() -> list[tuple[str | None, tuple[str, ...]]]:
    found = []
    for _file, _line, message, _comments, context in extract_from_dir(
        str(UI), keywords=KEYWORDS, comment_tags=()
    ):
        if _file in WINDOW_MODULES or _file.split("/")[0] in WINDOW_PACKAGES:
            found.append((context, message if isinstance(message, tuple) else (message,)))
    return found


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_every_window_text_has_a_polish_translation_with_the_same_placeholders():
    polish = load_translation(Language.POLISH)
    messages = window_messages()
    assert len(messages) > 200
    for context, forms in messages:
        for count in (1, 2, 5):
            if len(forms) == 2:
                translated = (
                    polish.npgettext(context, *forms, count)
                    if context
                    else (polish.ngettext(*forms, count))
                )
                english = forms[0] if count == 1 else forms[1]
            else:
                translated = (
                    polish.pgettext(context, forms[0]) if context else polish.gettext(forms[0])
                )
                english = forms[0]
            assert placeholders(translated) == placeholders(english), forms
            if not english.startswith("{") and english not in SAME_IN_POLISH:
                assert translated != english, forms


def language_changed() -> None:
    """What installing a translator does: LanguageChange reaches every widget."""
    app = QApplication.instance()
    assert app is not None
    QApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))


def test_the_window_switches_to_polish_at_run_time(unlocked_worker, qtbot):
    add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    assert window.menu_view.title() == "&View"
    use_language(Language.POLISH)
    try:
        language_changed()
        qtbot.waitUntil(lambda: window.menu_view.title() == "&Widok", timeout=5_000)
        assert window.tabs.tabText(2) == "&Sesje"
        assert window.overview.names["stage"].text() == "Etap:"
        assert "w przygotowaniu" in window.relationships.view.currentIndex().data()
        assert window.sessions.model.headerData(0, Qt.Orientation.Horizontal) == "Kiedy"
    finally:
        use_language(Language.ENGLISH)
        language_changed()
    qtbot.waitUntil(lambda: window.menu_view.title() == "&View", timeout=5_000)
