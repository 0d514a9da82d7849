"""First run: a person creates a journal through the start dialog and keeps the recovery key."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QProgressBar, QPushButton
from pytestqt.qtbot import QtBot

from mentorjournal.i18n import Language, use_language
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.settings import AppSettings
from mentorjournal.ui.start.dialog import StartDialog
from mentorjournal.ui.worker import Worker
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.conftest import run_on
from tests.ui.test_app_standin import IGNORE_OFFSCREEN, child, click, page_name, press, type_text

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)

RECOVERY_KEY = re.compile(r"^[A-Z0-9]{4}(-[A-Z0-9]{4})+$")


@pytest.fixture
def dialog(qtbot: QtBot, worker: Worker, settings: Settings, tmp_path: Path) -> StartDialog:
    dialog = StartDialog(worker, AppSettings(tmp_path / "window.ini"), settings)
    qtbot.addWidget(dialog)
    return dialog


def type_new_journal(qtbot: QtBot, dialog: StartDialog, journal_dir: Path) -> None:
    dialog.show_for(journal_dir)
    dialog.show()
    type_text(child(dialog, QLineEdit, "create_name"), OWNER)
    type_text(child(dialog, QLineEdit, "create_passphrase"), PASSPHRASE)
    type_text(child(dialog, QLineEdit, "create_repeat"), PASSPHRASE)


def create(qtbot: QtBot, dialog: StartDialog, journal_dir: Path) -> str:
    type_new_journal(qtbot, dialog, journal_dir)
    click(child(dialog, QPushButton, "create_button"))
    key = child(dialog, QLineEdit, "recovery_key")
    qtbot.waitUntil(lambda: page_name(dialog) == "recovery_page")
    return str(key.text())


def test_a_new_journal_is_created_as_a_person_types_it(
    qtbot: QtBot, dialog: StartDialog, worker: Worker, journal_dir: Path, settings: Settings
):
    dialog.show_for(journal_dir)
    dialog.show()
    assert page_name(dialog) == "create_page"
    strength = child(dialog, QLabel, "create_strength")
    type_text(child(dialog, QLineEdit, "create_name"), OWNER)
    type_text(child(dialog, QLineEdit, "create_passphrase"), "kot")
    assert "too short" in strength.text()
    type_text(child(dialog, QLineEdit, "create_passphrase"), " i pies, 2 żółwie")
    assert "strong" in strength.text()
    type_text(child(dialog, QLineEdit, "create_repeat"), "kot i pies")
    button = child(dialog, QPushButton, "create_button")

    click(button)

    error = child(dialog, QLabel, "create_error")
    assert error.isVisible()
    assert "not the same" in error.text()
    assert not journal_dir.exists()

    child(dialog, QLineEdit, "create_repeat").clear()
    type_text(child(dialog, QLineEdit, "create_repeat"), "kot i pies, 2 żółwie")
    click(button)

    # Busy until the worker answers: controls disabled, a bar, a status in words.
    assert not button.isEnabled()
    assert child(dialog, QProgressBar, "start_busy").isVisible()
    assert child(dialog, QLabel, "start_status").text()
    qtbot.waitUntil(lambda: page_name(dialog) == "recovery_page")
    key = child(dialog, QLineEdit, "recovery_key").text()
    assert RECOVERY_KEY.match(key)
    assert not child(dialog, QLineEdit, "create_passphrase").text()  # not kept around

    click(child(dialog, QPushButton, "recovery_copy"))
    assert QGuiApplication.clipboard().text() == key
    assert child(dialog, QLabel, "recovery_state").text()
    with qtbot.waitSignal(dialog.unlocked) as unlocked:
        click(child(dialog, QPushButton, "recovery_done"))

    assert unlocked.args == [journal_dir]
    assert not dialog.isVisible()
    assert child(dialog, QLineEdit, "recovery_key").text() == ""
    assert run_on(worker, qtbot, lambda h: h.workspace.records.owner_name()) == OWNER
    run_on(worker, qtbot, lambda h: h.close())
    with workspaces.unlock(journal_dir, "kot i pies, 2 żółwie", settings) as reopened:
        assert reopened.records.owner_name() == OWNER


def test_leaving_the_key_unkept_asks_once_more(
    qtbot: QtBot, dialog: StartDialog, journal_dir: Path
):
    create(qtbot, dialog, journal_dir)

    click(child(dialog, QPushButton, "recovery_done"))
    question = child(dialog, QMessageBox, "recovery_not_kept")
    assert question.isVisible()
    click(child(question, QPushButton, "recovery_go_back"))
    qtbot.waitUntil(lambda: not question.isVisible())
    assert dialog.isVisible()
    assert page_name(dialog) == "recovery_page"

    press(dialog, Qt.Key.Key_Escape)  # closing the page asks again
    question = child(dialog, QMessageBox, "recovery_not_kept")
    qtbot.waitUntil(question.isVisible)
    with qtbot.waitSignal(dialog.unlocked):
        click(child(question, QPushButton, "recovery_leave"))
    assert not dialog.isVisible()


def test_the_key_saved_as_a_text_file_is_private_and_the_question_is_spared(
    qtbot: QtBot, dialog: StartDialog, journal_dir: Path, tmp_path: Path, monkeypatch
):
    target = tmp_path / "kept" / "key.txt"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    key = create(qtbot, dialog, journal_dir)

    click(child(dialog, QPushButton, "recovery_save"))

    assert key in target.read_text(encoding="utf-8")
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with qtbot.waitSignal(dialog.unlocked):
        click(child(dialog, QPushButton, "recovery_done"))
    assert dialog.findChild(QMessageBox, "recovery_not_kept") is None


def test_every_control_of_the_start_pages_has_a_name_for_assistive_technology(
    dialog: StartDialog,
):
    for widget in dialog.findChildren(QLineEdit):
        labelled = (
            any(label.buddy() is widget for label in dialog.findChildren(QLabel))
            or widget.accessibleName()
        )
        assert labelled, widget.objectName()
    for button in dialog.findChildren(QPushButton):
        assert button.objectName()
        assert button.text(), button.objectName()


@pytest.mark.parametrize("language", list(Language))
def test_no_two_controls_of_a_page_share_a_mnemonic(dialog: StartDialog, language: Language):
    use_language(language)
    try:
        pages = (dialog.create_page, dialog.unlock_page, dialog.recover_page, dialog.recovery_page)
        for page in pages:
            page.retranslate()
            texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QPushButton)]
            keys = [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]
            assert len(keys) == len(set(keys)), (page.objectName(), language, texts)
    finally:
        use_language(Language.ENGLISH)
