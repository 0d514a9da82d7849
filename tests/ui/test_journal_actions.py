"""Stay safe from the Journal menu, on a real journal in the real window: change passphrase,
re-key, back up, restore and check the journal."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QMessageBox, QPushButton, QStackedWidget
from pytestqt.qtbot import QtBot

from mentorjournal.domain import JournalLocked, RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.app import AppController
from mentorjournal.ui.main_window import MainWindow
from mentorjournal.ui.worker import Worker
from tests.conftest import OWNER, PASSPHRASE
from tests.ui.conftest import run_on
from tests.ui.test_app_standin import IGNORE_OFFSCREEN, child, click, make_controller, type_text

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)

NEW_PASSPHRASE = "Nowe hasło do dziennika 2027"


@pytest.fixture
def app(
    qtbot: QtBot, worker: Worker, settings: Settings, journal_dir: Path, tmp_path: Path
) -> AppController:
    """The app after a person unlocked a journal holding one relationship."""
    with workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)[0] as workspace:
        workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": ["Jan"]})
    controller, _windows = make_controller(qtbot, worker, settings, tmp_path / "window.ini")
    controller._window_factory = lambda w: _window(qtbot, w)
    controller.start(journal_dir)
    assert unlock(qtbot, controller, PASSPHRASE)
    return controller


def _window(qtbot: QtBot, worker: Worker) -> MainWindow:
    window = MainWindow(worker)
    qtbot.addWidget(window)
    return window


def window_of(app: AppController) -> MainWindow:
    assert isinstance(app.window, MainWindow)
    return app.window


def unlock(qtbot: QtBot, app: AppController, passphrase: str) -> bool:
    """Type ``passphrase`` on the unlock page; True if the journal opened."""
    field = child(app.dialog, QLineEdit, "unlock_passphrase")
    field.clear()
    type_text(field, passphrase)
    error = child(app.dialog, QLabel, "unlock_error")
    opened: list[object] = []
    app.dialog.unlocked.connect(opened.append)
    pages = child(app.dialog, QStackedWidget, "start_pages")
    click(child(app.dialog, QPushButton, "unlock_button"))
    assert not pages.isEnabled()  # busy until the worker answers
    qtbot.waitUntil(
        lambda: bool(opened) or (error.isVisible() and pages.isEnabled()), timeout=10_000
    )
    app.dialog.unlocked.disconnect(opened.append)
    if opened:
        qtbot.waitUntil(lambda: window_of(app).relationships.proxy.rowCount() == 1)
    return bool(opened)


def choose(window: MainWindow, name: str) -> None:
    """Pick the entry ``name`` of the Journal menu, as a person would."""
    actions = {action.objectName(): action for action in window.menu_journal.actions()}
    actions[name].trigger()


def lock(qtbot: QtBot, app: AppController) -> None:
    choose(window_of(app), "action_lock")
    qtbot.waitUntil(app.dialog.isVisible, timeout=10_000)


def new_passphrase(qtbot: QtBot, window: MainWindow, passphrase: str, *, rekey: bool) -> None:
    choose(window, "action_change_passphrase")
    dialog = window.journal_actions.change_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert "Strength:" in child(dialog, QLabel, "change_strength").text()
    type_text(child(dialog, QLineEdit, "change_passphrase"), passphrase)
    type_text(child(dialog, QLineEdit, "change_repeat"), passphrase)
    child(dialog, QCheckBox, "change_rekey").setChecked(rekey)
    click(child(dialog, QPushButton, "change_buttons_ok"))


def message(qtbot: QtBot, window: MainWindow, name: str) -> QMessageBox:
    qtbot.waitUntil(
        lambda: (
            (box := window.journal_actions.box) is not None
            and box.objectName() == name
            and box.isVisible()
        ),
        timeout=20_000,
    )
    box = window.journal_actions.box
    assert box is not None
    return box


def test_a_changed_passphrase_opens_the_journal_and_the_old_one_no_longer_does(
    qtbot: QtBot, app: AppController
):
    window = window_of(app)
    new_passphrase(qtbot, window, NEW_PASSPHRASE, rekey=False)
    qtbot.waitUntil(lambda: "passphrase was changed" in window.status_text.text(), timeout=10_000)

    lock(qtbot, app)

    assert not unlock(qtbot, app, PASSPHRASE)
    assert "does not open" in child(app.dialog, QLabel, "unlock_error").text()
    assert unlock(qtbot, app, NEW_PASSPHRASE)


def test_the_two_new_passphrases_must_match(qtbot: QtBot, app: AppController):
    window = window_of(app)
    choose(window, "action_change_passphrase")
    dialog = window.journal_actions.change_dialog
    assert dialog is not None
    type_text(child(dialog, QLineEdit, "change_passphrase"), NEW_PASSPHRASE)
    type_text(child(dialog, QLineEdit, "change_repeat"), NEW_PASSPHRASE + "x")
    click(child(dialog, QPushButton, "change_buttons_ok"))
    assert dialog.isVisible()
    assert "not the same" in child(dialog, QLabel, "change_error").text()


def test_rekey_shows_a_new_recovery_key_locks_and_only_the_new_passphrase_opens(
    qtbot: QtBot, app: AppController, journal_dir: Path, settings: Settings
):
    window = window_of(app)
    new_passphrase(qtbot, window, NEW_PASSPHRASE, rekey=True)

    qtbot.waitUntil(lambda: window.journal_actions.key_dialog is not None, timeout=30_000)
    dialog = window.journal_actions.key_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    key = child(dialog, QLineEdit, "recovery_key").text()
    assert len(key) > 20
    # The page says the key is new and the old one is void, not just "your recovery key".
    assert child(dialog, QLabel, "recovery_heading").text() == "Your new recovery key"
    assert "opens nothing any more" in child(dialog, QLabel, "recovery_intro").text()
    assert window.relationships.proxy.rowCount() == 0  # locked: nothing of it stays shown
    done = child(dialog, QPushButton, "recovery_done")
    assert not done.isEnabled()  # the new key must be kept first
    click(child(dialog, QPushButton, "recovery_copy"))
    click(done)

    qtbot.waitUntil(app.dialog.isVisible, timeout=10_000)
    assert not window.isVisible()
    assert not unlock(qtbot, app, PASSPHRASE)
    assert unlock(qtbot, app, NEW_PASSPHRASE)
    # The new recovery key is the one that opens the journal now.
    locked: list[object] = []
    app.worker.lock(locked.append)
    qtbot.waitUntil(lambda: bool(locked))  # the worker has let the journal go
    with workspaces.recover(journal_dir, key, "Jeszcze inne hasło 99", settings) as reopened:
        assert reopened.records.owner_name() == OWNER


def test_a_cancelled_rekey_changes_nothing(qtbot: QtBot, app: AppController, journal_dir: Path):
    window = window_of(app)
    key_file = (journal_dir / "journal.key").read_bytes()
    first, second = threading.Event(), threading.Event()
    # The worker waits, so that Cancel is pressed before the re-key has begun.
    app.worker.submit(lambda _h: first.wait(10))
    new_passphrase(qtbot, window, NEW_PASSPHRASE, rekey=True)
    app.worker.submit(lambda _h: second.wait(10))  # after the save, before the re-key
    first.set()
    qtbot.waitUntil(lambda: window.journal_actions.run is not None, timeout=10_000)
    run = window.journal_actions.run
    assert run is not None
    run.cancel_button.click()
    second.set()

    qtbot.waitUntil(lambda: "nothing was changed" in window.status_text.text(), timeout=20_000)
    assert window.journal_actions.key_dialog is None
    assert run_on(app.worker, qtbot, lambda h: h.workspace.records.owner_name()) == OWNER
    assert (journal_dir / "journal.key").read_bytes() == key_file
    lock(qtbot, app)
    assert not unlock(qtbot, app, NEW_PASSPHRASE)
    assert unlock(qtbot, app, PASSPHRASE)


def test_backup_writes_an_encrypted_file_that_restore_opens(
    qtbot: QtBot, app: AppController, tmp_path: Path, settings: Settings
):
    window = window_of(app)
    folder = tmp_path / "backups"
    folder.mkdir()
    choose(window, "action_backup")
    dialog = window.journal_actions.backup_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.selectFile(str(folder))
    dialog.accept()

    box = message(qtbot, window, "backup_box")
    (written,) = list(folder.iterdir())
    assert str(written) in box.text()
    assert "encrypted" in box.informativeText()
    assert str(written) in window.status_text.text()
    if os.name != "nt":
        assert written.stat().st_mode & 0o777 == 0o600
    with workspaces.restore(written, tmp_path / "restored", PASSPHRASE, settings) as restored:
        assert restored.records.owner_name() == OWNER
        assert len(restored.records.list_records(RecordKind.RELATIONSHIP)) == 1


def test_restore_refuses_in_words_then_restores_into_a_new_folder_and_opens_it(
    qtbot: QtBot, app: AppController, tmp_path: Path, journal_dir: Path
):
    window = window_of(app)
    backup = run_on(app.worker, qtbot, lambda h: h.workspace.backup(tmp_path / "b.mjbackup"))
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    target = tmp_path / "restored"

    choose(window, "action_restore")
    dialog = window.journal_actions.restore_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    error = child(dialog, QLabel, "restore_error")
    ok = child(dialog, QPushButton, "restore_buttons_ok")
    fields = {
        name: child(dialog, QLineEdit, name)
        for name in ("restore_file", "restore_folder", "restore_passphrase")
    }

    def attempt(backup_file: Path, folder: Path, passphrase: str) -> None:
        for field, text in zip(
            fields.values(), (str(backup_file), str(folder), passphrase), strict=True
        ):
            field.clear()
            type_text(field, text)
        error.clear()
        click(ok)

    attempt(backup, busy, PASSPHRASE)
    qtbot.waitUntil(lambda: bool(error.text()) and ok.isEnabled(), timeout=10_000)
    assert "not an empty folder" in error.text()
    attempt(journal_dir / "journal.key", target, PASSPHRASE)
    qtbot.waitUntil(lambda: bool(error.text()) and ok.isEnabled(), timeout=10_000)
    assert "backup" in error.text()
    attempt(backup, target, "Not the passphrase 1")
    qtbot.waitUntil(lambda: bool(error.text()) and ok.isEnabled(), timeout=10_000)
    assert "does not open" in error.text()
    assert not target.exists() or not any(target.iterdir())

    attempt(backup, target, PASSPHRASE)
    box = message(qtbot, window, "restored_box")
    assert str(target) in box.text()
    click(child(box, QPushButton, "restored_open"))

    qtbot.waitUntil(
        lambda: run_on(app.worker, qtbot, lambda h: h.workspace.path) == target, timeout=10_000
    )
    qtbot.waitUntil(lambda: window.relationships.proxy.rowCount() == 1, timeout=10_000)
    assert window.isVisible()
    lock(qtbot, app)
    assert app.dialog.folder == target  # the unlock page now asks for the restored journal
    assert unlock(qtbot, app, PASSPHRASE)


def test_check_says_sound_then_names_a_damaged_attachment(
    qtbot: QtBot, app: AppController, journal_dir: Path
):
    window = window_of(app)
    choose(window, "action_verify")
    box = message(qtbot, window, "verify_box")
    assert "sound" in box.text()
    box.close()

    def attach(h: object) -> str:
        records = h.workspace.records  # type: ignore[attr-defined]
        relationship = records.list_records(RecordKind.RELATIONSHIP)[0]
        material = records.add_material_file(
            {"relationship_id": relationship.id, "title": "Notatki"}, "n.txt", b"notes"
        )
        return str(material.attachment_id)

    blob = journal_dir / "blobs" / run_on(app.worker, qtbot, attach)
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0xFF
    blob.write_bytes(bytes(data))

    choose(window, "action_verify")
    box = message(qtbot, window, "verify_box")
    assert "1 problem" in box.text()
    assert "does not decrypt" in box.text()
    assert blob.name in box.text()
    assert "Restore" in box.informativeText()


def test_an_idle_lock_waits_until_the_new_recovery_key_was_kept(qtbot: QtBot, app: AppController):
    window = window_of(app)
    new_passphrase(qtbot, window, NEW_PASSPHRASE, rekey=True)
    qtbot.waitUntil(lambda: window.journal_actions.key_dialog is not None, timeout=30_000)
    dialog = window.journal_actions.key_dialog
    assert dialog is not None
    with pytest.raises(JournalLocked):  # the re-key closed the journal
        run_on(app.worker, qtbot, lambda h: h.workspace.records.owner_name())

    app.idle_lock.idle.emit()  # the user sat still while the key was shown
    for _round in range(2):  # a lock would save (one task), then lock (a second)
        run_on(app.worker, qtbot, lambda _h: None)

    assert dialog.isVisible()
    assert not app.dialog.isVisible()
    assert not child(dialog, QPushButton, "recovery_done").isEnabled()
    click(child(dialog, QPushButton, "recovery_copy"))
    click(child(dialog, QPushButton, "recovery_done"))
    qtbot.waitUntil(app.dialog.isVisible, timeout=10_000)
    assert unlock(qtbot, app, NEW_PASSPHRASE)
