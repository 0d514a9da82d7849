"""The Markdown export: one folder per relationship, readable without the app, private notes
and the diary only when asked, owner-only files, never over a folder the user has filled."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorjournal.domain.errors import OverwritesJournal, UserFileExists
from mentorjournal.export.markdown_export import safe_name
from mentorjournal.services.exports import MarkdownOptions
from mentorjournal.services.workspace import Workspace
from tests.conftest import MovableClock, files_under
from tests.export.journal_builder import ATTACHMENT, PRIVATE_NOTE, build_journal


def _texts(root: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in files_under(root) if p.suffix == ".md")


def test_one_folder_per_relationship_with_its_records(
    workspace: Workspace, clock: MovableClock, tmp_path: Path
):
    build_journal(workspace, clock)
    out = workspace.exports.export_markdown(tmp_path / "eksport")

    assert sorted(p.name for p in out.iterdir()) == ["Jan Nowak, Zoë Łęcka", "Ola Wiśniewska"]
    jan = out / "Jan Nowak, Zoë Łęcka"
    assert sorted(str(p.relative_to(jan)) for p in files_under(jan)) == [
        "homework.md",
        "index.md",
        "materials.md",
        "materials/plan żółwia.pdf",
        "reflection.md",
        "sessions/2026-11-20 17-30.md",
    ]
    index = (jan / "index.md").read_text("utf-8")
    assert index.startswith("# Jan Nowak, Zoë Łęcka\n")
    assert "Szczerość" in index
    assert "co dwa tygodnie" in index
    assert "Signed by Anna Kowalska" in index
    assert "### Prowadzić bloga" in index
    assert "Nauczyć się Rusta" not in index  # in the trash
    assert "[November 20, 2026, 5:30\u202fPM](<sessions/2026-11-20 17-30.md>)" in index
    session = (jan / "sessions" / "2026-11-20 17-30.md").read_text("utf-8")
    assert "Rozmawialiśmy o **blogu** i o czasie." in session
    assert "Prowadzić bloga" in session  # the linked goal, by its title
    assert (jan / "materials" / "plan żółwia.pdf").read_bytes() == ATTACHMENT


def test_private_notes_and_the_diary_only_when_asked(
    workspace: Workspace, clock: MovableClock, tmp_path: Path
):
    build_journal(workspace, clock)
    plain = workspace.exports.export_markdown(tmp_path / "plain")
    full = workspace.exports.export_markdown(
        tmp_path / "full", options=MarkdownOptions(include_private=True, include_diary=True)
    )

    assert PRIVATE_NOTE not in _texts(plain)
    assert "Dobrze poszło." not in _texts(plain)
    assert PRIVATE_NOTE in _texts(full)
    assert "Dobrze poszło." in (full / "Jan Nowak, Zoë Łęcka" / "diary.md").read_text("utf-8")
    assert "Wpis bez relacji" in (full / "diary.md").read_text("utf-8")


def test_files_are_private_and_an_existing_folder_is_kept(
    workspace: Workspace, clock: MovableClock, tmp_path: Path
):
    built = build_journal(workspace, clock)
    previous = os.umask(0)
    try:
        out = workspace.exports.export_markdown(
            tmp_path / "eksport", relationship_id=built.relationship_id
        )
    finally:
        os.umask(previous)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*")}
    assert modes == {0o700, 0o600}
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert [p.name for p in out.iterdir()] == ["Jan Nowak, Zoë Łęcka"]

    with pytest.raises(UserFileExists):
        workspace.exports.export_markdown(out)
    workspace.exports.export_markdown(out, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["Jan Nowak, Zoë Łęcka", "Ola Wiśniewska"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with pytest.raises(OverwritesJournal):
        workspace.exports.export_markdown(workspace.path / "blobs", force=True)


@given(st.text(max_size=300))
def test_every_name_is_safe_on_every_system(text: str):
    name = safe_name(text)
    assert name
    assert len(name.encode("utf-8")) <= 120
    assert not set(name) & set('<>:"/\\|?*')
    assert all(ord(c) >= 32 for c in name)
    assert name[-1] not in ". "
    assert name[0] not in ". "
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert name not in (".", "..")


def test_names_keep_polish_letters():
    assert safe_name("Żółta: łódź/ćma?") == "Żółta_ łódź_ćma_"
    assert safe_name("con.txt") == "_con.txt"
    assert safe_name(" ..\n ") == "_"
