"""Exports (a backup, a decrypted attachment) land only where the user asked: private to the
user, and never over the open journal's own files, not even with ``--force`` (defects 4, 11)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.acceptance.conftest import Cli
from tests.conftest import snapshot_bytes

ATTACHMENT = b"# Plan rozwoju\nTajne: \xc5\xbc\xc3\xb3\xc5\x82w\n"


@pytest.fixture
def material(cli: Cli, relationship: str, tmp_path: Path) -> str:
    source = tmp_path / "plan.md"
    source.write_bytes(ATTACHMENT)
    return cli.add(
        "material", "--relationship", relationship, "--title", "Plan", "--file", str(source)
    )


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that hides nothing, as some desktops set it: the app must narrow modes itself."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_exported_backup_and_attachment_are_private_to_the_user(
    cli: Cli, material: str, tmp_path: Path
):
    backup_file = tmp_path / "kopia.mjbackup"
    attachment_file = tmp_path / "plan-zapisany.md"
    downloads = tmp_path / "pobrane"
    downloads.mkdir()

    cli.ok("backup", "--out", str(backup_file))
    cli.ok("attachment", material, "--out", str(attachment_file))
    cli.ok("attachment", material, "--out", str(downloads))
    forced = tmp_path / "stary.md"
    forced.write_bytes(b"old")
    forced.chmod(0o644)
    cli.ok("attachment", material, "--out", str(forced), "--force")

    for written in (backup_file, attachment_file, downloads / "plan.md", forced):
        assert _mode(written) == 0o600, written
    assert forced.read_bytes() == ATTACHMENT
    # Written beside and renamed: no temporary file is left next to an export.
    assert sorted(path.name for path in tmp_path.glob(".*")) == []


def _journal_files(journal: Path) -> list[Path]:
    """journal.db, journal.key, one attachment blob and one automatic backup."""
    blobs = sorted((journal / "blobs").rglob("*"))
    backups = [path for path in sorted((journal / "backups").rglob("*")) if path.is_file()]
    assert blobs, "the journal should hold an attachment"
    assert backups, "the journal should hold an automatic backup"
    return [journal / "journal.db", journal / "journal.key", blobs[0], backups[0]]


@pytest.mark.parametrize("command", ["attachment", "backup"])
def test_force_never_overwrites_the_journals_own_files(
    cli: Cli, material: str, command: str, tmp_path: Path
):
    before = snapshot_bytes(cli.journal)
    link = tmp_path / "skrót"
    link.symlink_to(cli.journal, target_is_directory=True)

    targets = [*_journal_files(cli.journal), cli.journal, link / "journal.db", link]
    results = []
    for target in targets:
        args = [material] if command == "attachment" else []
        results.append(cli(command, *args, "--out", str(target), "--force"))

    assert [result.code for result in results] == [1] * len(targets)
    assert all("journal" in result.error_line for result in results)
    assert snapshot_bytes(cli.journal) == before
    assert cli.ok("list", "materials", "--json").json()[0]["id"] == material


def test_an_export_through_a_hard_link_to_the_journal_is_refused(
    cli: Cli, material: str, tmp_path: Path
):
    alias = tmp_path / "nie-dziennik.key"
    os.link(cli.journal / "journal.key", alias)
    before = (cli.journal / "journal.key").read_bytes()

    refused = cli("backup", "--out", str(alias), "--force")

    assert refused.code == 1
    assert (cli.journal / "journal.key").read_bytes() == before


def test_an_export_under_a_file_is_one_clear_line(cli: Cli, material: str, tmp_path: Path):
    a_file = tmp_path / "notatki.txt"
    a_file.write_text("nie folder", encoding="utf-8")

    backup = cli("backup", "--out", str(a_file / "kopia.mjbackup"))
    attachment = cli("attachment", material, "--out", str(a_file / "plan.md"))

    assert backup.code == attachment.code == 1
    assert str(a_file / "kopia.mjbackup") in backup.error_line
    assert "Unexpected" not in backup.err + attachment.err
