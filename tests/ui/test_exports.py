"""Export and import from the Journal menu, on a real journal in the real window: each form
says the export is not encrypted, the file lands where the person chose, and an import shows
its records at once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from mentorjournal.domain import RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.app import AppController
from mentorjournal.ui.exports.dialog import ExportDialog
from mentorjournal.ui.main_window import MainWindow
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.test_app_standin import IGNORE_OFFSCREEN, child, click, type_text
from tests.ui.test_journal_actions import app, choose, window_of

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)
__all__ = ["app"]  # the fixture, shared with the journal actions' tests


def _form(qtbot: QtBot, window: MainWindow, action: str) -> ExportDialog:
    choose(window, action)
    dialog = window.export_actions.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _box(qtbot: QtBot, window: MainWindow, name: str) -> QMessageBox:
    def shown() -> bool:
        box = window.export_actions.box
        return box is not None and box.objectName() == name and box.isVisible()

    qtbot.waitUntil(shown, timeout=20_000)
    box = window.export_actions.box
    assert box is not None
    return box


def test_json_export_says_it_is_not_encrypted_and_writes_where_asked(
    qtbot: QtBot, app: AppController, tmp_path: Path
):
    window = window_of(app)
    dialog = _form(qtbot, window, "action_export_json")
    assert "NOT encrypted" in child(dialog, QLabel, "export_warning").text()

    click(child(dialog, QPushButton, "export_buttons_ok"))  # nothing chosen yet
    assert "Choose the file" in child(dialog, QLabel, "export_error").text()

    out = tmp_path / "eksport.json"
    type_text(child(dialog, QLineEdit, "export_path"), str(out))
    click(child(dialog, QPushButton, "export_buttons_ok"))

    box = _box(qtbot, window, "export_done_box")
    assert str(out) in box.text()
    assert "not encrypted" in box.informativeText()
    document = json.loads(out.read_text("utf-8"))
    assert [r["partner_names"] for r in document["records"]["relationship"]] == [["Jan"]]
    if os.name != "nt":
        assert out.stat().st_mode & 0o777 == 0o600


def test_an_existing_file_is_replaced_only_when_asked(
    qtbot: QtBot, app: AppController, tmp_path: Path
):
    window = window_of(app)
    out = tmp_path / "kept.json"
    out.write_text("mine")
    dialog = _form(qtbot, window, "action_export_json")
    type_text(child(dialog, QLineEdit, "export_path"), str(out))
    click(child(dialog, QPushButton, "export_buttons_ok"))

    error = child(dialog, QLabel, "export_error")
    qtbot.waitUntil(lambda: "already exists" in error.text(), timeout=10_000)
    assert out.read_text() == "mine"

    child(dialog, QCheckBox, "export_replace").setChecked(True)
    click(child(dialog, QPushButton, "export_buttons_ok"))
    _box(qtbot, window, "export_done_box")
    assert json.loads(out.read_text())["format"] == "mentorjournal-export"


def test_markdown_and_calendar_of_the_chosen_relationship(
    qtbot: QtBot, app: AppController, tmp_path: Path
):
    window = window_of(app)
    window.relationships.view.setCurrentIndex(window.relationships.proxy.index(0, 0))
    qtbot.waitUntil(lambda: window.relationships.current() is not None)

    dialog = _form(qtbot, window, "action_export_markdown")
    assert child(dialog, QCheckBox, "export_only_relationship").isChecked()
    type_text(child(dialog, QLineEdit, "export_path"), str(tmp_path / "md"))
    click(child(dialog, QPushButton, "export_buttons_ok"))
    _box(qtbot, window, "export_done_box").done(0)
    assert (tmp_path / "md" / "Jan" / "index.md").read_text("utf-8").startswith("# Jan")

    dialog = _form(qtbot, window, "action_export_ics")
    type_text(child(dialog, QLineEdit, "export_path"), str(tmp_path / "jan.ics"))
    click(child(dialog, QPushButton, "export_buttons_ok"))
    _box(qtbot, window, "export_done_box")
    assert (tmp_path / "jan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_import_shows_the_records_at_once(
    qtbot: QtBot, app: AppController, tmp_path: Path, settings: Settings
):
    other = tmp_path / "other"
    with workspaces.create(other, PASSPHRASE, OWNER, settings)[0] as workspace:
        workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": ["Ola Wiśniewska"]})
        export = workspace.exports.export_json(tmp_path / "ola.json")
    window = window_of(app)

    choose(window, "action_import_json")
    file_dialog = window.export_actions.import_dialog
    assert file_dialog is not None
    qtbot.waitUntil(file_dialog.isVisible)
    file_dialog.selectFile(str(export))
    file_dialog.accept()

    box = _box(qtbot, window, "import_done_box")
    assert "1 record was imported" in box.text()
    qtbot.waitUntil(lambda: window.relationships.proxy.rowCount() == 2, timeout=10_000)


def test_a_damaged_import_is_refused_in_words(qtbot: QtBot, app: AppController, tmp_path: Path):
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    window = window_of(app)

    choose(window, "action_import_json")
    file_dialog = window.export_actions.import_dialog
    assert file_dialog is not None
    qtbot.waitUntil(file_dialog.isVisible)
    file_dialog.selectFile(str(broken))
    file_dialog.accept()

    box = _box(qtbot, window, "failure_box")
    assert "Nothing was imported" in box.text()
    assert window.relationships.proxy.rowCount() == 1
