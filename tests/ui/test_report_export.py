"""Relationship › Export closing report… in the real window, on a real journal: the options
filled by code as a person would choose them, a save dialog, the work on the worker, and the
result said in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from mentorjournal.domain import RecordKind
from mentorjournal.ui.main_window import MainWindow
from mentorjournal.ui.report_export import ReportDialog
from mentorjournal.ui.worker import Worker
from tests.ui.window_helpers import IGNORE_OFFSCREEN, add, open_window, wait_loaded

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


@pytest.fixture
def window(unlocked_worker: Worker, qtbot: QtBot) -> MainWindow:
    relationship = add(
        unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola Wiśniewska"]
    )
    for held_at, agenda in (("2026-08-06T17:00", "Sierpniowa"), ("2026-10-01T17:00", "Jesienna")):
        add(
            unlocked_worker,
            qtbot,
            RecordKind.SESSION,
            relationship_id=relationship.id,
            held_at=held_at,
            agenda=agenda,
            notes="**Żółw** idzie powoli.",
            private_notes="tajne-5521",
        )
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    return window


def _open_dialog(qtbot: QtBot, window: MainWindow) -> ReportDialog:
    actions = {action.objectName(): action for action in window.menu_relationship.actions()}
    action = actions["action_export_report"]
    assert action.isEnabled()
    assert action.text().replace("&", "") == "Export closing report…"
    action.trigger()
    dialog = window.report_export.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _toggle(qtbot: QtBot, box: QCheckBox) -> None:
    """Tick or untick ``box`` from the keyboard (Space), as a person tabbing through does."""
    before = box.isChecked()
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() is not before


def _press(qtbot: QtBot, button: QPushButton) -> None:
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)


def _written_box(qtbot: QtBot, window: MainWindow, name: str) -> QMessageBox:
    def shown() -> bool:
        box = window.report_export.box
        return box is not None and box.objectName() == name and box.isVisible()

    qtbot.waitUntil(shown, timeout=20_000)
    box = window.report_export.box
    assert box is not None
    return box


def test_the_dialog_exports_pdf_and_html_with_the_chosen_options(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
):
    dialog = _open_dialog(qtbot, window)
    assert "not encrypted" in dialog.notice.text()
    _toggle(qtbot, dialog.include_private)
    _toggle(qtbot, dialog.limit_from)
    assert dialog.date_from.isEnabled()
    dialog.date_from.setDate(QDate(2026, 9, 1))
    dialog.language.setCurrentIndex(dialog.language.findData("pl"))
    _toggle(qtbot, dialog.html)
    _press(qtbot, dialog.ok)

    save = window.report_export.save_dialog
    assert save is not None
    qtbot.waitUntil(save.isVisible)
    target = tmp_path / "raport.pdf"
    save.selectFile(str(target))
    save.accept()

    box = _written_box(qtbot, window, "report_written_box")
    html = target.with_suffix(".html")
    assert str(target) in box.text()
    assert str(html) in box.text()
    assert "not encrypted" in box.informativeText()
    assert str(target) in window.status_text.text()
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Jesienna" in text
    assert "Sierpniowa" not in text  # before the first day chosen
    assert "tajne-5521" in text  # private notes were asked for
    assert "Żółw" in text
    assert '<html lang="pl">' in html.read_text(encoding="utf-8")


def test_the_dialog_refuses_no_form_and_a_reversed_period_in_words(
    qtbot: QtBot, window: MainWindow
):
    dialog = _open_dialog(qtbot, window)
    _toggle(qtbot, dialog.pdf)  # neither PDF nor HTML now
    _press(qtbot, dialog.ok)
    assert dialog.isVisible()
    assert dialog.error.text() == "Choose PDF, HTML or both."

    _toggle(qtbot, dialog.pdf)
    for check in (dialog.limit_from, dialog.limit_to):
        _toggle(qtbot, check)
    dialog.date_from.setDate(QDate(2026, 10, 1))
    dialog.date_to.setDate(QDate(2026, 9, 1))
    _press(qtbot, dialog.ok)
    assert dialog.isVisible()
    assert "after its last day" in dialog.error.text()
    assert window.report_export.save_dialog is None


def test_a_file_beside_the_chosen_one_is_never_replaced(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
):
    beside = tmp_path / "raport.html"
    beside.write_text("mine", encoding="utf-8")
    dialog = _open_dialog(qtbot, window)
    _toggle(qtbot, dialog.html)
    _press(qtbot, dialog.ok)
    save = window.report_export.save_dialog
    assert save is not None
    qtbot.waitUntil(save.isVisible)
    save.selectFile(str(tmp_path / "raport.pdf"))
    save.accept()

    box = _written_box(qtbot, window, "report_failed_box")
    assert "raport.html" in box.text()
    assert beside.read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "raport.pdf").exists()


def test_cancel_stops_the_export_and_writes_nothing(
    qtbot: QtBot, unlocked_worker: Worker, tmp_path: Path
):
    relationship = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Jan"])
    notes = "\n\n".join(["- **Żółw** idzie powoli, ale do celu; _krok po kroku_."] * 12)
    for day in range(1, 29):  # enough pages that the export outlasts the click on Cancel
        add(
            unlocked_worker,
            qtbot,
            RecordKind.SESSION,
            relationship_id=relationship.id,
            held_at=f"2026-02-{day:02d}T17:00",
            notes=notes,
        )
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    dialog = _open_dialog(qtbot, window)
    _press(qtbot, dialog.ok)
    save = window.report_export.save_dialog
    assert save is not None
    qtbot.waitUntil(save.isVisible)
    target = tmp_path / "raport.pdf"
    save.selectFile(str(target))
    save.accept()

    qtbot.waitUntil(lambda: window.report_export.run is not None, timeout=10_000)
    run = window.report_export.run
    assert run is not None
    run.cancel()  # what the progress dialog's Cancel button does

    qtbot.waitUntil(
        lambda: window.status_text.text() == "Cancelled; no report was written.", timeout=20_000
    )
    assert not target.exists()
    assert list(tmp_path.glob(".raport.pdf.*")) == []
