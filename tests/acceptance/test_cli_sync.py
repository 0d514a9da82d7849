"""``mentorjournal sync ...`` as a user runs it: two journals, one folder, the whole pairing.

The merge side is a verbatim ledger here (``tests/services/sync_ledger.py``); the lead wires
the real one in and adds the end-to-end tests of records.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.services import sync as sync_services
from mentorjournal.store.journal import OpenJournal
from tests.acceptance.conftest import Cli
from tests.services.sync_ledger import VerbatimLedger

LEDGERS: dict[Path, VerbatimLedger] = {}


@pytest.fixture(autouse=True)
def verbatim_ledger(monkeypatch: pytest.MonkeyPatch) -> None:
    def factory(journal: OpenJournal, clock: object) -> VerbatimLedger:
        root = journal.paths.root
        ledger = VerbatimLedger(root.parent / f"{root.name}-outbox", journal)
        ledger.applied = LEDGERS[root].applied if root in LEDGERS else []
        LEDGERS[root] = ledger
        return ledger

    LEDGERS.clear()
    monkeypatch.setattr(sync_services, "default_ledger", factory)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "Syncthing" / "mentoring"
    shared.mkdir(parents=True)
    return shared


@pytest.fixture
def partner(cli: Cli, tmp_path: Path, passphrase: str) -> Path:
    journal = tmp_path / "partner-journal"
    cli.ok("init", "--name", "Jan Nowak", journal=journal)
    return journal


def test_pairing_and_sync_from_the_command_line(
    cli: Cli, relationship: str, partner: Path, folder: Path
) -> None:
    started = cli.ok(
        "sync", "start", "--relationship", relationship, "--folder", str(folder), "--json"
    ).json()
    joined = cli.ok("sync", "join", "--folder", str(folder), "--json", journal=partner).json()
    waiting = cli.ok("sync", "requests", "--relationship", relationship, "--json").json()
    plain = cli.ok("sync", "requests", "--relationship", relationship).out
    cli.ok("sync", "approve", "--relationship", relationship, "--device", joined["device_id"][:6])
    (outbox := cli.journal.parent / f"{cli.journal.name}-outbox").mkdir(exist_ok=True)
    (outbox / "000001").write_bytes(b"the relationship, shared")
    written = cli.ok("sync", "now", "--json").json()
    received = cli.ok("sync", "now", "--json", journal=partner).json()
    status = cli.ok("sync", "status", "--json", journal=partner).json()
    devices = cli.ok("sync", "devices", "--json").json()

    assert len(started["safety_phrase"].split()) == 6
    assert joined["owner_phrase"] == started["safety_phrase"]
    assert [w["safety_phrase"] for w in waiting] == [joined["safety_phrase"]]
    assert joined["safety_phrase"] in plain
    assert joined["device_id"] in plain
    assert [(r["written"], r["applied"]) for r in written] == [(1, 0)]
    assert [(r["state"], r["written"], r["applied"]) for r in received] == [("active", 0, 1)]
    assert LEDGERS[partner].payloads == [b"the relationship, shared"]
    assert [(s["relationship_id"], s["role"], s["state"]) for s in status] == [
        (relationship, "member", "active")
    ]
    assert sorted((d["name"], d["role"], d["this_device"]) for d in devices) == [
        ("Anna Kowalska", "owner", True),
        ("Jan Nowak", "member", False),
    ]


def test_sync_start_prints_the_device_and_the_safety_phrase(
    cli: Cli, relationship: str, folder: Path
) -> None:
    result = cli.ok("sync", "start", "--relationship", relationship, "--folder", str(folder))

    device = next(folder.glob("devices/*")).name
    assert device in result.out
    assert "Safety phrase:" in result.out


def test_errors_are_one_line_with_their_exit_codes(
    cli: Cli, relationship: str, partner: Path, folder: Path, tmp_path: Path
) -> None:
    cli.ok("sync", "start", "--relationship", relationship, "--folder", str(folder))
    empty = tmp_path / "empty"
    empty.mkdir()

    unknown = cli("sync", "approve", "--relationship", relationship, "--device", "abcdef")
    not_a_space = cli("sync", "join", "--folder", str(empty), journal=partner)
    not_a_folder = cli("sync", "join", "--folder", str(tmp_path / "nowhere"), journal=partner)
    twice = cli("sync", "start", "--relationship", relationship, "--folder", str(empty))
    not_shared = cli("sync", "requests", "--relationship", relationship, journal=partner)

    assert (unknown.code, "abcdef" in unknown.error_line) == (4, True)
    assert (not_a_space.code, str(empty) in not_a_space.error_line) == (4, True)
    assert not_a_folder.code == 4
    assert twice.code == 1
    assert "already shared" in twice.error_line
    assert not_shared.code == 4


def test_errors_in_polish(
    cli: Cli, relationship: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("sync", "start", "--relationship", relationship, "--folder", str(folder))
    monkeypatch.setenv("LANG", "pl_PL.UTF-8")

    result = cli("sync", "approve", "--relationship", relationship, "--device", "abcdef")

    assert result.code == 4
    assert result.error_line.startswith("mentorjournal: Żadne urządzenie")


def test_nothing_shared_yet_is_said(cli: Cli, recovery_key: str) -> None:
    assert "sync start" in cli.ok("sync", "status").out
    assert cli.ok("sync", "now", "--json").json() == []


def test_own_devices_space_from_the_command_line(
    cli: Cli, recovery_key: str, partner: Path, folder: Path
) -> None:
    started = cli.ok("sync", "join-own", "--folder", str(folder), "--json").json()
    joined = cli.ok("sync", "join-own", "--folder", str(folder), "--json", journal=partner).json()
    (request,) = cli.ok("sync", "requests", "--json").json()
    cli.ok("sync", "approve", "--device", request["device_id"])
    status = cli.ok("sync", "status", "--json", journal=partner)
    cli.ok("sync", "now", journal=partner)
    after = cli.ok("sync", "status", "--json", journal=partner).json()
    removed = cli.ok("sync", "remove", "--device", request["device_id"][:8])

    assert joined["owner_phrase"] == started["safety_phrase"]
    assert request["safety_phrase"] == joined["safety_phrase"]
    assert [s["state"] for s in status.json()] == ["awaiting"]
    assert [(s["include_private"], s["relationship_id"], s["state"]) for s in after] == [
        (True, None, "active")
    ]
    assert "cannot be recalled" in removed.out
