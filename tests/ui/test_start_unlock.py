"""Later runs: unlock, a wrong passphrase, recovery with the key, other and recent folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from mentorjournal.domain import JournalLocked
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.ui.settings import AppSettings
from mentorjournal.ui.start.dialog import StartDialog
from mentorjournal.ui.worker import Worker
from tests.conftest import OWNER, PASSPHRASE, snapshot_bytes
from tests.ui.conftest import run_on
from tests.ui.test_app_standin import IGNORE_OFFSCREEN, child, click, page_name, press, type_text

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "window.ini"


@pytest.fixture
def dialog(qtbot: QtBot, worker: Worker, settings: Settings, settings_file: Path) -> StartDialog:
    dialog = StartDialog(worker, AppSettings(settings_file), settings)
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def existing(journal_dir: Path, settings: Settings) -> str:
    """A journal made earlier and closed again; its recovery key."""
    workspace, recovery_key = workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)
    workspace.close()
    return recovery_key


def owner(worker: Worker, qtbot: QtBot) -> str:
    return run_on(worker, qtbot, lambda h: h.workspace.records.owner_name())


def test_a_wrong_passphrase_keeps_the_text_says_so_and_changes_nothing(
    qtbot: QtBot, dialog: StartDialog, worker: Worker, journal_dir: Path, existing: str
):
    before = snapshot_bytes(journal_dir)
    dialog.show_for(journal_dir)
    dialog.show()
    assert page_name(dialog) == "unlock_page"
    field = child(dialog, QLineEdit, "unlock_passphrase")
    error = child(dialog, QLabel, "unlock_error")

    type_text(field, "Zazolc gesla jazn 42")
    press(field, Qt.Key.Key_Return)
    assert not child(dialog, QPushButton, "unlock_button").isEnabled()  # busy meanwhile
    qtbot.waitUntil(error.isVisible)

    assert "does not open this journal" in error.text()
    assert field.text() == "Zazolc gesla jazn 42"
    assert child(dialog, QPushButton, "unlock_button").isEnabled()
    assert dialog.isVisible()
    assert snapshot_bytes(journal_dir) == before
    with pytest.raises(JournalLocked):
        owner(worker, qtbot)

    field.clear()
    type_text(field, PASSPHRASE)
    with qtbot.waitSignal(dialog.unlocked):
        click(child(dialog, QPushButton, "unlock_button"))
    assert owner(worker, qtbot) == OWNER
    assert field.text() == ""


def test_the_recovery_key_opens_the_journal_with_a_new_passphrase(
    qtbot: QtBot,
    dialog: StartDialog,
    worker: Worker,
    journal_dir: Path,
    existing: str,
    settings: Settings,
):
    dialog.show_for(journal_dir)
    dialog.show()
    click(child(dialog, QPushButton, "unlock_recover"))
    assert page_name(dialog) == "recover_page"
    key_field = child(dialog, QLineEdit, "recover_key")
    type_text(key_field, "ABCD-nonsense")
    type_text(child(dialog, QLineEdit, "recover_passphrase"), "nowe hasło do dziennika")
    type_text(child(dialog, QLineEdit, "recover_repeat"), "nowe hasło do dziennika")
    click(child(dialog, QPushButton, "recover_button"))
    error = child(dialog, QLabel, "recover_error")
    qtbot.waitUntil(error.isVisible)
    assert "mistyped" in error.text()

    key_field.clear()
    type_text(key_field, existing)
    with qtbot.waitSignal(dialog.unlocked):
        click(child(dialog, QPushButton, "recover_button"))

    assert owner(worker, qtbot) == OWNER
    run_on(worker, qtbot, lambda h: h.close())
    with workspaces.unlock(journal_dir, "nowe hasło do dziennika", settings) as reopened:
        assert reopened.records.owner_name() == OWNER


def test_a_journal_open_elsewhere_is_refused_in_plain_words(
    qtbot: QtBot, dialog: StartDialog, journal_dir: Path, workspace: Workspace
):
    dialog.show_for(journal_dir)
    dialog.show()
    type_text(child(dialog, QLineEdit, "unlock_passphrase"), PASSPHRASE)
    click(child(dialog, QPushButton, "unlock_button"))

    error = child(dialog, QLabel, "unlock_error")
    qtbot.waitUntil(error.isVisible)
    assert "open in another MentorJournal window" in error.text()


def test_other_folders_are_opened_and_remembered_by_path_only(
    qtbot: QtBot,
    dialog: StartDialog,
    worker: Worker,
    journal_dir: Path,
    existing: str,
    settings: Settings,
    settings_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    other = tmp_path / "other journal"
    workspaces.create(other, "inne hasło, inny dziennik", "Ewa Nowak", settings)[0].close()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(other))
    dialog.show_for(journal_dir)
    dialog.show()

    click(child(dialog, QPushButton, "unlock_other_folder"))
    type_text(child(dialog, QLineEdit, "unlock_passphrase"), "inne hasło, inny dziennik")
    with qtbot.waitSignal(dialog.unlocked):
        click(child(dialog, QPushButton, "unlock_button"))
    assert owner(worker, qtbot) == "Ewa Nowak"
    run_on(worker, qtbot, lambda h: h.close())

    dialog.show_for(journal_dir)
    dialog.show()
    type_text(child(dialog, QLineEdit, "unlock_passphrase"), PASSPHRASE)
    with qtbot.waitSignal(dialog.unlocked):
        click(child(dialog, QPushButton, "unlock_button"))

    remembered = AppSettings(settings_file).recent_journals
    assert remembered == [journal_dir.resolve(), other.resolve()]
    dialog.show_for(journal_dir)
    combo = child(dialog, QComboBox, "unlock_folder")
    assert [combo.itemText(i) for i in range(combo.count())] == [str(p) for p in remembered]
    stored = settings_file.read_text(encoding="utf-8")
    for secret in (PASSPHRASE, "inne hasło", OWNER, "Ewa Nowak", existing):
        assert secret not in stored
    assert settings_file.stat().st_mode & 0o077 == 0
