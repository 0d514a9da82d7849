"""``passwd --rekey``, Ctrl-C during ``passwd``, typed ``verify`` output and the daily backup,
from the command line."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mentorjournal.domain import DiskFull
from mentorjournal.services.workspace import Workspace
from mentorjournal.store.rekey import STOP_VARIABLE
from tests.acceptance.conftest import Cli
from tests.conftest import PASSPHRASE
from tests.sample_journal import corrupt
from tests.services.crash_helpers import posix_only

RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){5,}\b")
NEW = "Nowe hasło po zmianie klucza"


def test_passwd_rekey_prints_a_new_recovery_key_and_only_the_new_passphrase_opens(
    cli: Cli, relationship: str, recovery_key: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", NEW)
    result = cli.ok("passwd", "--rekey")

    keys = RECOVERY_KEY.findall(result.out)
    assert len(keys) == 1
    assert keys[0] != recovery_key
    assert NEW not in result.out
    assert cli("list", "relationships").code == 3  # the old passphrase
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", NEW)
    assert [r["id"] for r in cli.ok("list", "relationships", "--json").json()] == [relationship]
    assert cli.ok("verify", "--json").json()["sound"] is True

    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", "trzecie hasło")
    again = cli.ok("passwd", "--rekey", "--json").json()
    assert again["rekeyed"] is True
    assert RECOVERY_KEY.fullmatch(again["recovery_key"])


def test_verify_names_each_problem_in_words_and_in_json(cli: Cli, relationship: str, tmp_path):
    attachment = tmp_path / "plan.txt"
    attachment.write_text("plan", encoding="utf-8")
    cli.add(
        "material", "--relationship", relationship, "--title", "Plan", "--file", str(attachment)
    )
    blob = next((cli.journal / "blobs").iterdir())
    corrupt(blob, 8)

    text = cli("verify")
    listed = cli("verify", "--json")

    assert text.code == 5
    assert text.out.strip() == f"The attachment file {blob} does not decrypt."
    assert listed.json()["problems"] == [
        {"kind": "attachment_damaged", "path": str(blob), "detail": ""}
    ]


def test_a_changing_command_takes_the_daily_backup_after_its_change(
    cli: Cli, relationship: str, tmp_path: Path
):
    backups = cli.journal / "backups"
    daily = backups / "daily-2026-11-23.mjbackup"
    assert daily.is_file()  # `add relationship` took it, after its change
    daily.unlink()
    cli.ok("list", "relationships")
    assert not daily.exists()  # reading changes nothing
    refused = cli("add", "goal", "--relationship", relationship, "--title", "")
    assert refused.code == 2
    assert not daily.exists()  # a refused change takes no backup

    goal = cli.add("goal", "--relationship", relationship, "--title", "Nowy cel")
    assert daily.is_file()
    cli.ok("restore", str(daily), journal=tmp_path / "restored")
    restored = cli.ok("list", "goals", "--json", journal=tmp_path / "restored").json()
    assert [g["id"] for g in restored] == [goal]


def _interrupted_passwd(
    journal: Path, step: str, *options: str
) -> subprocess.CompletedProcess[str]:
    """Run ``passwd`` as a real process, stop it at ``step``, press Ctrl-C, let it go on."""
    env = {
        **os.environ,
        "PYTHONIOENCODING": "utf-8",
        "MENTORJOURNAL_PASSPHRASE": PASSPHRASE,
        "MENTORJOURNAL_NEW_PASSPHRASE": NEW,
        STOP_VARIABLE: step,
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "mentorjournal", "passwd", "--journal", str(journal), *options],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert child.stderr is not None
    for line in child.stderr:  # until it announces the step
        if line.strip() == f"stopped at {step}":
            break
    else:
        pytest.fail(f"passwd never reached {step}")
    _, status = os.waitpid(child.pid, os.WUNTRACED)  # until it has really stopped
    assert os.WIFSTOPPED(status)
    child.send_signal(signal.SIGINT)  # held while stopped, handled once it goes on
    child.send_signal(signal.SIGCONT)
    try:
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


@posix_only
@pytest.mark.parametrize("options", [(), ("--rekey",)], ids=["passwd", "passwd --rekey"])
def test_ctrl_c_before_the_switch_changes_nothing_and_says_so(
    cli: Cli, relationship: str, options: tuple[str, ...]
):
    step = "rekey:staged-key" if options else "passwd:prepared"
    done = _interrupted_passwd(cli.journal, step, *options)

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "mentorjournal: Cancelled: nothing was changed; the old passphrase still opens the journal."
    )
    assert cli.ok("list", "relationships", "--json").json()[0]["id"] == relationship
    assert not [p for p in cli.journal.iterdir() if p.name.startswith(".")]


@posix_only
@pytest.mark.parametrize("options", [(), ("--rekey",)], ids=["passwd", "passwd --rekey"])
def test_ctrl_c_after_the_switch_finishes_and_says_what_changed(
    cli: Cli, relationship: str, monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...]
):
    step = "rekey:switched" if options else "passwd:switched"
    done = _interrupted_passwd(cli.journal, step, *options)

    assert (done.returncode, done.stderr) == (0, "")
    assert "Interrupted" not in done.stdout
    if options:
        assert "re-encrypted" in done.stdout
        assert len(RECOVERY_KEY.findall(done.stdout)) == 1
    else:
        assert done.stdout.startswith("Passphrase changed.")
    assert cli("list", "relationships").code == 3
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", NEW)
    assert cli.ok("list", "relationships", "--json").json()[0]["id"] == relationship


@pytest.mark.parametrize("failure", [KeyboardInterrupt, DiskFull], ids=["ctrl-c", "disk full"])
def test_a_failed_daily_backup_after_a_change_is_a_warning_not_a_failure(
    cli: Cli, relationship: str, monkeypatch: pytest.MonkeyPatch, failure: type[BaseException]
):
    def fails(self: Workspace) -> None:
        if failure is DiskFull:
            raise DiskFull(self.path / "backups")
        raise failure

    (cli.journal / "backups" / "daily-2026-11-23.mjbackup").unlink()
    monkeypatch.setattr(Workspace, "after_changes", fails)

    result = cli("add", "goal", "--relationship", relationship, "--title", "Cel")

    assert result.code == 0
    assert result.error_line == (
        "mentorjournal: Warning: the change is saved, but today's automatic backup could "
        "not be taken; it is tried again after the next change."
    )
    goals = cli.ok("list", "goals", "--json").json()
    assert [g["id"] for g in goals] == [result.out.strip()]
