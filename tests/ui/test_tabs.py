"""The Agreement, Materials and Diary tabs, driven as a person would."""

from __future__ import annotations

import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from mentorjournal.domain import Agreement, Entry, Material, RecordKind
from mentorjournal.ui.tabs.trash import TrashDialog
from tests.ui.conftest import run_on
from tests.ui.window_helpers import IGNORE_OFFSCREEN, add, get, open_window, wait_loaded

pytestmark = pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)


def test_an_agreement_is_written_signed_and_its_signature_voided_by_an_edit(unlocked_worker, qtbot):
    add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola Nowak"])
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    tab = window.agreement
    window.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.current_record() is not None, timeout=10_000)
    assert tab.new_button.isHidden(), "one agreement per relationship"
    qtbot.keyClicks(tab.frequency, "every two weeks")
    tab.principle_boxes["respect"].click()
    tab.principle_boxes["patience"].click()
    qtbot.mouseClick(tab.sign_me, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.sign_partner, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.signatures.text().count("Signed by") == 2, timeout=10_000)
    assert "Anna Kowalska" in tab.signatures.text()
    assert "Ola Nowak" in tab.signatures.text()
    record_id = tab.current_record().id
    stored = get(unlocked_worker, qtbot, record_id)
    assert isinstance(stored, Agreement)
    assert stored.frequency == "every two weeks"
    assert stored.principles == "- respect\n- patience\n"
    assert len(stored.signed_by) == 2

    qtbot.keyClicks(tab.notes.editor, "We also meet in person once a quarter.")
    qtbot.waitUntil(lambda: "is void" in tab.signatures.text(), timeout=10_000)
    assert tab.signatures.text().count("is void") == 2
    assert get(unlocked_worker, qtbot, record_id).signed_by == ()
    qtbot.waitUntil(
        lambda: "not signed" in window.overview.values["agreement"].text(), timeout=10_000
    )


def test_a_file_is_attached_and_saved_only_where_chosen(
    unlocked_worker, qtbot, tmp_path, monkeypatch
):
    add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    source = tmp_path / "plan.txt"
    source.write_bytes(b"Plan na kwartal")
    target = tmp_path / "out" / "copy.txt"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    tab = window.materials
    window.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.current_record() is not None, timeout=10_000)
    material = get(unlocked_worker, qtbot, tab.current_record().id)
    assert isinstance(material, Material)
    assert material.attachment_name == "plan.txt"
    assert tab.file_name.text() == "plan.txt"
    qtbot.mouseClick(tab.save_file, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert target.read_bytes() == b"Plan na kwartal"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.txt"]


def test_diary_entries_with_or_without_the_relationship(unlocked_worker, qtbot):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    other = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Piotr"])
    add(unlocked_worker, qtbot, RecordKind.ENTRY, text="loose thought")
    add(unlocked_worker, qtbot, RecordKind.ENTRY, relationship_id=other.id, text="about Piotr")
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window, rows=2)
    window.relationships.select(rel.id)
    tab = window.diary
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    qtbot.waitUntil(
        lambda: tab.current_record() is not None and tab.tied.isChecked(), timeout=10_000
    )
    entry_id = tab.current_record().id
    assert tab.private_mark.text().startswith("Private")
    tab.tied.click()
    qtbot.waitUntil(
        lambda: get(unlocked_worker, qtbot, entry_id).relationship_id is None, timeout=10_000
    )
    stored = get(unlocked_worker, qtbot, entry_id)
    assert isinstance(stored, Entry)
    assert stored.scope == "private"
    texts = [r.text for r in tab.model.records()]
    assert "about Piotr" not in texts


def test_a_record_moved_to_the_trash_comes_back_with_restore(unlocked_worker, qtbot):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    goal = add(unlocked_worker, qtbot, RecordKind.GOAL, relationship_id=rel.id, title="Speak")
    window = open_window(unlocked_worker, qtbot)
    wait_loaded(qtbot, window)
    tab = window.goals
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.current_record() is not None, timeout=10_000)
    qtbot.mouseClick(tab.trash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=10_000)
    assert get(unlocked_worker, qtbot, goal.id).deleted_at is not None

    window.action_trash.trigger()
    dialog = window.trash_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert "Goal: Speak" in dialog.model.index(0, 0).data()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert get(unlocked_worker, qtbot, goal.id).deleted_at is None
    assert dialog.model.rowCount() == 0


def test_the_trash_model(unlocked_worker, qtbot, qtmodeltester):
    rel = add(unlocked_worker, qtbot, RecordKind.RELATIONSHIP, partner_names=["Ola"])
    goal = add(unlocked_worker, qtbot, RecordKind.GOAL, relationship_id=rel.id, title="Speak")
    run_on(unlocked_worker, qtbot, lambda h: h.workspace.records.delete(goal.id))
    dialog = TrashDialog(unlocked_worker)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(dialog.model)
