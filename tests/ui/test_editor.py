"""The Markdown field: a preview that shows raw HTML as text and fetches nothing; autosave."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from mentorjournal.domain import RecordKind
from mentorjournal.ui.editor.autosave import RecordAutosave, SaveState
from mentorjournal.ui.editor.markdown_editor import MarkdownField
from mentorjournal.ui.editor.preview import SafePreview
from tests.ui.conftest import run_on


def test_raw_html_in_a_note_is_shown_as_text_and_nothing_is_fetched(qtbot, tmp_path, monkeypatch):
    picture = tmp_path / "picture.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0)
    assert image.save(str(picture))
    picture_url = QUrl.fromLocalFile(str(picture)).toString()
    asked: list[str] = []
    original = SafePreview.loadResource

    def spy(self, kind, url):
        asked.append(QUrl(url).toString())
        answer = original(self, kind, url)
        assert answer.isEmpty()
        return answer

    monkeypatch.setattr(SafePreview, "loadResource", spy)
    field = MarkdownField("notes", "Notes")
    qtbot.addWidget(field)
    note = (
        "# Plan\n\n<img src=http://example.invalid/track.png>\n\n"
        "<script>alert('x')</script>\n\n"
        f"![local]({picture_url}) and [a link](http://example.invalid/page)\n"
    )
    field.set_text(note)
    with qtbot.waitSignal(field.preview_updated, timeout=10_000):
        field.preview_button.setChecked(True)
    shown = field.preview.toPlainText()
    assert "<img src=http://example.invalid/track.png>" in shown
    assert "<script>alert('x')</script>" in shown
    assert "Plan" in shown
    assert "# Plan" not in shown  # the Markdown itself is rendered
    document = field.preview.document()
    loaded = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture_url))
    assert isinstance(loaded, QByteArray)
    assert loaded.isEmpty(), "the picture's bytes were never read"
    assert picture_url in asked, "the image was asked for, and refused"
    assert not field.preview.openLinks()
    assert not field.preview.openExternalLinks()


def test_an_answer_for_an_older_revision_is_ignored(unlocked_worker, qtbot):
    rel = run_on(
        unlocked_worker,
        qtbot,
        lambda h: h.workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": ["Jan"]}),
    )
    goal = run_on(
        unlocked_worker,
        qtbot,
        lambda h: h.workspace.records.add(
            RecordKind.GOAL, {"relationship_id": rel.id, "title": "Speak"}
        ),
    )
    autosave = RecordAutosave(unlocked_worker)
    autosave.bind(goal.id)
    saved: list[object] = []
    states: list[str] = []
    autosave.saved.connect(saved.append)
    autosave.state_changed.connect(states.append)
    autosave.mark_dirty("description", lambda: "first")
    autosave.save_now()
    autosave.mark_dirty("description", lambda: "second")
    autosave.save_now()
    qtbot.waitUntil(lambda: autosave.state is SaveState.SAVED, timeout=10_000)
    assert [getattr(record, "description", None) for record in saved] == ["second"]
    assert states[-1] == "Saved"
    assert "Saved" not in states[:-1], "the older answer did not claim the text was saved"


def test_edits_are_saved_once_after_typing_pauses(unlocked_worker, qtbot):
    rel = run_on(
        unlocked_worker,
        qtbot,
        lambda h: h.workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": ["Jan"]}),
    )
    goal = run_on(
        unlocked_worker,
        qtbot,
        lambda h: h.workspace.records.add(
            RecordKind.GOAL, {"relationship_id": rel.id, "title": "Speak"}
        ),
    )
    field = MarkdownField("description", "Description")
    qtbot.addWidget(field)
    autosave = RecordAutosave(unlocked_worker)
    autosave.bind(goal.id)
    field.edited.connect(lambda: autosave.mark_dirty("description", field.text))
    saved: list[object] = []
    autosave.saved.connect(saved.append)
    qtbot.keyClicks(field.editor, "one two three")
    assert autosave.state_text() == "Saving…"
    qtbot.waitUntil(lambda: autosave.state is SaveState.SAVED, timeout=10_000)
    assert len(saved) == 1, "one save for the whole burst of typing"
    stored = run_on(unlocked_worker, qtbot, lambda h: h.workspace.records.get(goal.id))
    assert getattr(stored, "description", None) == "one two three"


def test_the_preview_renders_only_when_shown(qtbot):
    field = MarkdownField("notes", "Notes")
    qtbot.addWidget(field)
    field.set_text("**bold**")
    assert field.preview.toPlainText() == ""
    with qtbot.waitSignal(field.preview_updated, timeout=10_000):
        field.preview_button.setChecked(True)
    assert field.preview.toPlainText().strip() == "bold"


def test_a_rendering_of_older_text_is_dropped(qtbot):
    field = MarkdownField("notes", "Notes")
    qtbot.addWidget(field)
    field.preview_button.setChecked(True)
    shown: list[str] = []
    field.preview_updated.connect(lambda: shown.append(field.preview.toPlainText().strip()))
    field.set_text("first")
    field.set_text("second")
    qtbot.waitUntil(lambda: shown == ["second"], timeout=10_000)


def test_templates_exist_in_both_languages():
    from mentorjournal.i18n import Language
    from mentorjournal.ui.tabs.session_templates import GENERAL, REVERSE_TOPICS, load_template

    for key in GENERAL + REVERSE_TOPICS:
        english = load_template(key, Language.ENGLISH)
        polish = load_template(key, Language.POLISH)
        assert english.name != polish.name
        for template in (english, polish):
            assert template.name
            assert template.agenda.strip()
            assert template.notes.strip()
    assert "Reality" in load_template("regular_grow", Language.ENGLISH).notes


def test_undo_takes_back_typing_and_the_journal_follows(unlocked_worker, qtbot):
    rel = run_on(
        unlocked_worker,
        qtbot,
        lambda h: h.workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": ["Jan"]}),
    )
    goal = run_on(
        unlocked_worker,
        qtbot,
        lambda h: h.workspace.records.add(
            RecordKind.GOAL, {"relationship_id": rel.id, "title": "Speak"}
        ),
    )
    field = MarkdownField("description", "Description")
    qtbot.addWidget(field)
    autosave = RecordAutosave(unlocked_worker)
    autosave.bind(goal.id)
    field.edited.connect(lambda: autosave.mark_dirty("description", field.text))
    qtbot.keyClicks(field.editor, "keep this")
    qtbot.waitUntil(lambda: autosave.state is SaveState.SAVED, timeout=10_000)
    qtbot.keyClick(field.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.editor, "not this")  # typed over the whole text
    assert field.text() == "not this"
    qtbot.keyClick(field.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "keep this"
    qtbot.waitUntil(lambda: autosave.state is SaveState.SAVED, timeout=10_000)
    stored = run_on(unlocked_worker, qtbot, lambda h: h.workspace.records.get(goal.id))
    assert getattr(stored, "description", None) == "keep this"
