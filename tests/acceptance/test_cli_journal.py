"""The journal as a whole from the command line: create, passphrase, recovery, attachments,
integrity, backup and restore, and the demonstration."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from mentorjournal.store.database import SQLITE_PLAINTEXT_HEADER
from tests.acceptance.conftest import Cli
from tests.conftest import OWNER, files_under

# Groups of four base32 characters, as the recovery key is printed.
RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){5,}\b")
CANARY = "CANARY-żółw-7f3a"


def test_init_prints_the_recovery_key_once_and_the_journal_is_encrypted(
    cli: Cli, passphrase: str, journal_dir: Path
):
    result = cli.ok("init", "--name", OWNER)

    keys = RECOVERY_KEY.findall(result.out)
    assert len(keys) == 1
    assert result.out.count(keys[0]) == 1
    assert passphrase not in result.out
    assert (journal_dir / "journal.db").read_bytes()[:16] != SQLITE_PLAINTEXT_HEADER
    assert cli.ok("list", "relationships", "--json").json() == []


def test_init_json_names_the_folder_and_the_key(cli: Cli, passphrase: str, journal_dir: Path):
    created = cli.ok("init", "--name", OWNER, "--json").json()

    assert set(created) == {"journal", "recovery_key"}
    assert Path(created["journal"]) == journal_dir.resolve()
    assert RECOVERY_KEY.fullmatch(created["recovery_key"])


def test_init_refuses_a_folder_that_holds_a_journal(cli: Cli, recovery_key: str):
    before = (cli.journal / "journal.key").read_bytes()

    result = cli("init", "--name", "Someone Else")

    assert result.code == 1
    assert str(cli.journal) in result.error_line
    assert (cli.journal / "journal.key").read_bytes() == before


def test_passwd_sets_a_new_passphrase_and_refuses_the_old_one(
    cli: Cli, relationship: str, passphrase: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", "Nowe hasło, całkiem długie")
    cli.ok("passwd")

    old = cli("list", "relationships")
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "Nowe hasło, całkiem długie")
    listed = cli.ok("list", "relationships", "--json").json()

    assert old.code == 3
    assert [item["id"] for item in listed] == [relationship]


def _piped(text: str) -> io.TextIOWrapper:
    """Standard input as a pipe carrying UTF-8 bytes (`cat key.txt | mentorjournal ...`)."""
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")


def test_recovery_key_from_standard_input_sets_a_new_passphrase(
    cli: Cli, passphrase: str, monkeypatch: pytest.MonkeyPatch
):
    printed = cli.ok("init", "--name", OWNER).out
    (key,) = RECOVERY_KEY.findall(printed)
    relationship = cli.add("relationship", "--partner", "Jan Nowak")
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", "po odzyskaniu")
    monkeypatch.setattr("sys.stdin", _piped(key.lower().replace("-", " ") + "\n"))

    recovered = cli("recover", "--recovery-key-file", "-")
    with_old = cli("list", "relationships")
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "po odzyskaniu")
    listed = cli.ok("list", "relationships", "--json").json()

    assert (recovered.code, recovered.err) == (0, "")
    assert key not in recovered.out
    assert with_old.code == 3
    assert [item["id"] for item in listed] == [relationship]


def test_recovery_key_read_from_a_file(
    cli: Cli, recovery_key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    key_file = tmp_path / "key.txt"
    key_file.write_text(recovery_key + "\n", encoding="utf-8")
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", "z pliku")

    cli.ok("recover", "--recovery-key-file", str(key_file))
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "z pliku")

    assert cli.ok("list", "goals", "--json").json() == []


def test_a_recovery_key_on_the_command_line_is_refused_and_never_used(
    cli: Cli, recovery_key: str, monkeypatch: pytest.MonkeyPatch
):
    """Defect 3: argv is visible to every local user in `ps` and kept in shell history."""
    before = (cli.journal / "journal.key").read_bytes()
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", "z wiersza poleceń")

    given = cli("recover", "--recovery-key", recovery_key)

    assert given.code == 2
    assert "--recovery-key-file" in given.error_line
    assert recovery_key not in given.err + given.out
    assert (cli.journal / "journal.key").read_bytes() == before


def test_mistyped_and_foreign_recovery_keys_are_told_apart(
    cli: Cli, recovery_key: str, tmp_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
):
    other = cli.ok("init", "--name", OWNER, "--json", journal=tmp_path / "other").json()
    before = (cli.journal / "journal.key").read_bytes()
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", "nieważne")
    position = recovery_key.index("-") - 1
    replacement = "A" if recovery_key[position] != "A" else "B"
    typo = recovery_key[:position] + replacement + recovery_key[position + 1 :]
    (tmp_path / "typo.txt").write_text(typo, encoding="utf-8")
    (tmp_path / "foreign.txt").write_text(other["recovery_key"], encoding="utf-8")

    mistyped = cli("recover", "--recovery-key-file", str(tmp_path / "typo.txt"))
    foreign = cli("recover", "--recovery-key-file", str(tmp_path / "foreign.txt"))

    assert mistyped.code == foreign.code == 3
    assert mistyped.error_line != foreign.error_line
    assert typo not in mistyped.err
    assert other["recovery_key"] not in foreign.err
    assert (cli.journal / "journal.key").read_bytes() == before


def test_attachment_is_stored_encrypted_and_saved_where_asked(
    cli: Cli, relationship: str, tmp_path: Path, journal_dir: Path
):
    source = tmp_path / "plan rozwoju.md"
    source.write_bytes(f"# Plan\n{CANARY}\n".encode())
    material = cli.ok(
        "add", "material", "--relationship", relationship, "--title", "Plan", "--file",
        str(source), "--json",
    ).json()  # fmt: skip
    out_file = tmp_path / "saved.md"
    out_dir = tmp_path / "downloads"
    out_dir.mkdir()

    cli.ok("attachment", material["id"][:6], "--out", str(out_file))
    cli.ok("attachment", material["id"][:6], "--out", str(out_dir))
    again = cli("attachment", material["id"], "--out", str(out_file))

    assert (material["attachment_name"], material["attachment_size"]) == (
        source.name,
        source.stat().st_size,
    )
    assert out_file.read_bytes() == source.read_bytes()
    assert (out_dir / source.name).read_bytes() == source.read_bytes()
    assert again.code == 1
    assert str(out_file) in again.error_line
    canary = CANARY.encode()
    assert not [path for path in files_under(journal_dir) if canary in path.read_bytes()]


def test_a_refused_material_leaves_no_attachment_behind(
    cli: Cli, relationship: str, tmp_path: Path, journal_dir: Path
):
    source = tmp_path / "umowa.pdf"
    source.write_bytes(b"%PDF-1.7 " + CANARY.encode())
    blobs_before = sorted((journal_dir / "blobs").iterdir())

    result = cli(
        "add", "material", "--relationship", relationship, "--title", "Umowa",
        "--file", str(source), "--scope", "public",
    )  # fmt: skip

    assert result.code == 2
    assert cli.ok("list", "materials", "--json").json() == []
    assert sorted((journal_dir / "blobs").iterdir()) == blobs_before


def test_material_without_a_file_has_no_attachment_to_save(
    cli: Cli, relationship: str, tmp_path: Path
):
    material = cli.add("material", "--relationship", relationship, "--title", "Link")
    goal = cli.add("goal", "--relationship", relationship, "--title", "Cel")

    no_file = cli("attachment", material, "--out", str(tmp_path / "x"))
    not_material = cli("attachment", goal, "--out", str(tmp_path / "x"))

    assert no_file.code == 4
    assert no_file.error_line
    assert not_material.code == 2
    assert not_material.error_line
    assert not (tmp_path / "x").exists()


def test_verify_backup_and_restore_into_a_new_folder(cli: Cli, relationship: str, tmp_path: Path):
    goal = cli.add("goal", "--relationship", relationship, "--title", "Blog po polsku")
    backup_file = tmp_path / "kopia.mjbackup"
    restored_dir = tmp_path / "restored"

    verified = cli.ok("verify", "--json").json()
    written = cli.ok("backup", "--out", str(backup_file), "--json").json()
    cli.ok("restore", str(backup_file), journal=restored_dir)

    assert (verified["sound"], verified["problems"]) == (True, [])
    assert Path(written["backup"]) == backup_file
    assert backup_file.is_file()
    goals = cli.ok("list", "goals", "--json", journal=restored_dir).json()
    assert [item["id"] for item in goals] == [goal]
    assert cli.ok("search", "polsku", "--json", journal=restored_dir).json()[0]["record_id"] == goal


def test_backup_never_overwrites_without_force(cli: Cli, recovery_key: str, tmp_path: Path):
    existing = tmp_path / "keep.txt"
    existing.write_text("mine", encoding="utf-8")

    refused = cli("backup", "--out", str(existing))
    forced = cli("backup", "--out", str(existing), "--force")

    assert refused.code == 1
    assert str(existing) in refused.error_line
    assert forced.code == 0
    assert existing.read_bytes() != b"mine"


def test_restore_refuses_a_folder_in_use_and_an_invalid_backup(
    cli: Cli, recovery_key: str, tmp_path: Path
):
    not_a_backup = tmp_path / "notes.mjbackup"
    not_a_backup.write_bytes(b"just some bytes, not a backup")
    backup_file = tmp_path / "good.mjbackup"
    cli.ok("backup", "--out", str(backup_file))

    over_journal = cli("restore", str(backup_file))
    invalid = cli("restore", str(not_a_backup), journal=tmp_path / "new")
    missing = cli("restore", str(tmp_path / "nowhere.mjbackup"), journal=tmp_path / "new2")

    assert over_journal.code == 1
    assert over_journal.error_line
    assert invalid.code == 5
    assert invalid.error_line
    assert not (tmp_path / "new").exists()
    assert missing.code == 4
    assert missing.error_line


def test_without_a_command_or_a_window_the_help_is_shown(cli: Cli):
    result = cli.ok(with_journal=False)

    assert result.out.startswith("usage: mentorjournal")
    assert " init " in result.out


def test_init_inside_a_synced_folder_warns_but_creates_the_journal(
    cli: Cli, passphrase: str, tmp_path: Path
) -> None:
    journal = tmp_path / "Dropbox" / "mentoring"

    result = cli("init", "--name", OWNER, journal=journal)

    assert result.code == 0
    assert (journal / "journal.key").exists()
    assert "Dropbox" in result.error_line
