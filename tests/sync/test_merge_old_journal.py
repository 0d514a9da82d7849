"""Records that existed before the sync (an old journal, upgraded) are sent like new ones."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import Agreement, Party, RecordKind, Relationship, Role
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.sync import changes
from mentorjournal.sync.ledger import JournalLedger
from tests.conftest import MovableClock
from tests.store.test_old_journals import AGREEMENT, DATA, ENTRY, PASSPHRASE, RELATIONSHIP
from tests.sync.merge_helpers import OWN, Device, make_device, pair


@pytest.fixture
def old_journal(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    copy = tmp_path / "old"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("README.md"))
    workspace = workspaces.unlock(copy, PASSPHRASE, settings)
    yield workspace
    workspace.close()


@pytest.fixture
def partner(tmp_path: Path, clock: MovableClock) -> Iterator[Device]:
    device = make_device(tmp_path, "partner", "Jan Nowak", clock)
    yield device
    device.close()


def test_an_upgraded_old_journal_shares_its_records(
    old_journal: Workspace, partner: Device, clock: MovableClock
) -> None:
    ledger = JournalLedger(old_journal.journal, "device-old", clock)
    scope = pair(RELATIONSHIP)
    payloads = []
    while (outgoing := ledger.outgoing(scope)) is not None:
        payloads.append(outgoing.payload)
        ledger.commit_outgoing(scope, outgoing)
    sent = {record.record_id for p in payloads for record in changes.decode(p).records}
    partner.receive(scope, payloads, "device-old")

    assert {RELATIONSHIP, AGREEMENT} <= sent
    assert ENTRY not in sent  # a diary entry never leaves
    relationship = partner.workspace.records.get(RELATIONSHIP)
    assert isinstance(relationship, Relationship)
    mine = old_journal.records.get(RELATIONSHIP)
    assert isinstance(mine, Relationship)
    counterpart = {Role.MENTOR: Role.MENTEE, Role.MENTEE: Role.MENTOR, Role.PEER: Role.PEER}
    assert relationship.my_role is counterpart[mine.my_role]
    agreement = partner.workspace.records.get(AGREEMENT)
    original = old_journal.records.get(AGREEMENT)
    assert isinstance(agreement, Agreement)
    assert isinstance(original, Agreement)
    assert agreement.principles == original.principles
    swapped = {Party.ME: Party.PARTNER, Party.PARTNER: Party.ME}
    assert {(swapped[s.party], s.valid) for s in agreement.signatures} == {
        (s.party, s.valid) for s in original.signatures
    }


def test_a_space_left_and_joined_again_sends_everything_again(
    partner: Device, tmp_path: Path, clock: MovableClock
) -> None:
    laptop = make_device(tmp_path, "laptop", "Jan Nowak", clock)
    try:
        partner.workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "Anna"})
        first = partner.send(OWN)
        assert partner.ledger.outgoing(OWN) is None
        partner.ledger.forget_space(OWN)
        again = partner.send(OWN)

        assert [changes.decode(p).records[0].record_id for p in again] == [
            changes.decode(p).records[0].record_id for p in first
        ]
        laptop.receive(OWN, again, partner.device_id)
        assert len(laptop.workspace.records.list_records(RecordKind.RELATIONSHIP)) == 1
    finally:
        laptop.close()
