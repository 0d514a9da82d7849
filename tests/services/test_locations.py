"""Journals placed inside a folder that a sync tool replicates are recognised."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.services.locations import replicating_tool


@pytest.mark.parametrize(
    ("parts", "tool"),
    [
        (("Dropbox", "mentoring"), "Dropbox"),
        (("Dropbox (Firma)", "journal"), "Dropbox"),
        (("OneDrive - Contoso", "Dokumenty", "journal"), "OneDrive"),
        (("Google Drive", "My Drive", "journal"), "Google Drive"),
        (("Nextcloud", "journal"), "Nextcloud"),
    ],
)
def test_default_folder_names_of_sync_tools_are_recognised(
    tmp_path: Path, parts: tuple[str, ...], tool: str
) -> None:
    folder = tmp_path.joinpath(*parts)
    folder.mkdir(parents=True)
    assert replicating_tool(folder) == tool


@pytest.mark.parametrize(
    ("marker", "tool"),
    [(".stfolder", "Syncthing"), (".dropbox", "Dropbox"), (".sync_1a2b3c.db", "Nextcloud")],
)
def test_marker_files_in_a_parent_are_recognised(tmp_path: Path, marker: str, tool: str) -> None:
    root = tmp_path / "shared-stuff"
    (root / "deep" / "journal").mkdir(parents=True)
    (root / marker).touch()
    assert replicating_tool(root / "deep" / "journal") == tool


def test_an_ordinary_folder_is_not_flagged(tmp_path: Path) -> None:
    folder = tmp_path / "Documents" / "journal"
    folder.mkdir(parents=True)
    assert replicating_tool(folder) is None
    assert replicating_tool(tmp_path / "not-created-yet") is None
