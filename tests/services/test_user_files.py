"""Files the user names, as both front ends meet them: each failure is one typed error."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorjournal.domain.errors import (
    OverwritesJournal,
    UserFileError,
    UserFileExists,
    UserFileNotFound,
    UserFileNotText,
    UserFileUnreadable,
    UserFileUnwritable,
)
from mentorjournal.services import user_files
from mentorjournal.services.workspace import Workspace


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda folder: folder / "brak.md", UserFileNotFound),
        (lambda folder: folder, UserFileUnreadable),
        (lambda folder: folder / "plik.bin", UserFileNotText),
    ],
    ids=["missing", "a folder", "not UTF-8"],
)
def test_reading_fails_with_a_typed_error(
    tmp_path: Path, make: Callable[[Path], Path], error: type[UserFileError]
):
    (tmp_path / "plik.bin").write_bytes(b"\xff\xfe\x00 nie tekst \xc3")
    path = make(tmp_path)

    with pytest.raises(error) as raised:
        user_files.read_text(path)

    assert raised.value.path == path


def test_an_export_is_private_and_replaces_only_when_forced(tmp_path: Path, workspace: Workspace):
    target = tmp_path / "eksport.md"

    user_files.write_private_file(target, b"pierwszy", workspace.path)
    with pytest.raises(UserFileExists):
        user_files.write_private_file(target, b"drugi", workspace.path)
    user_files.write_private_file(target, b"trzeci", workspace.path, force=True)

    assert target.read_bytes() == b"trzeci"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_no_export_lands_in_the_journal_folder(tmp_path: Path, workspace: Workspace):
    journal = workspace.path
    new_folder = journal / "nowy" / "głęboko" / "eksport.md"

    for target in (journal, journal / "journal.key", journal / "nowy.md", new_folder):
        with pytest.raises(OverwritesJournal):
            user_files.write_private_file(target, b"x", journal, force=True)

    assert not (journal / "nowy.md").exists()
    assert not (journal / "nowy").exists()


def test_an_export_under_a_file_is_unwritable(tmp_path: Path, workspace: Workspace):
    a_file = tmp_path / "plik.txt"
    a_file.write_text("x", encoding="utf-8")

    with pytest.raises(UserFileUnwritable):
        user_files.write_private_file(a_file / "eksport.md", b"x", workspace.path)
