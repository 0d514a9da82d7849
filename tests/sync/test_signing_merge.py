"""The version signed and the signing device travel with a signature through the merge; a
signature register written by a version that kept neither still arrives, as a local mark."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import Agreement, Party, Relationship
from mentorjournal.sync import changes
from tests.conftest import MovableClock
from tests.services.records_helpers import add, update
from tests.services.signing_helpers import tamper
from tests.sync.merge_helpers import Device, make_device, pair, sync


@pytest.fixture
def mentor(tmp_path: Path, clock: MovableClock) -> Iterator[Device]:
    device = make_device(tmp_path, "anna", "Anna Kowalska", clock)
    yield device
    device.close()


@pytest.fixture
def mentee(tmp_path: Path, clock: MovableClock) -> Iterator[Device]:
    device = make_device(tmp_path, "jan", "Jan Nowak", clock)
    yield device
    device.close()


@pytest.fixture
def agreement(mentor: Device) -> Agreement:
    relationship = add(
        mentor.workspace, Relationship, {"partner_names": "Jan Nowak", "my_role": "mentor"}
    )
    made = add(mentor.workspace, Agreement, {"relationship_id": relationship.id, "notes": "Umowa"})
    assert isinstance(made, Agreement)
    return update(mentor.workspace, made, {"notes": "Umowa, wersja druga"})


def _theirs(device: Device, agreement: Agreement) -> Agreement:
    found = device.workspace.records.get(agreement.id)
    assert isinstance(found, Agreement)
    return found


def test_the_version_signed_travels_with_the_signature(
    mentor: Device, mentee: Device, agreement: Agreement
) -> None:
    mentor.workspace.records.sign_agreement(agreement.id, Party.ME)
    sync(mentor, mentee, pair(agreement.relationship_id))

    (arrived,) = _theirs(mentee, agreement).signatures
    assert (arrived.party, arrived.name, arrived.version, arrived.valid) == (
        Party.PARTNER,
        "Anna Kowalska",
        2,
        True,
    )
    assert arrived.verified is None  # no space here: a local mark, and it says so


def test_a_signature_register_without_version_or_device_still_arrives(
    mentor: Device, mentee: Device, agreement: Agreement
) -> None:
    mentor.workspace.records.sign_agreement(agreement.id, Party.ME)
    # As a journal from before schema 6 holds it: neither the version nor the device.
    tamper(
        mentor.workspace,
        agreement.id,
        Party.ME.value,
        lambda row: setattr(row, "agreement_version", None),
    )
    sent = mentor.send(pair(agreement.relationship_id))
    (register,) = [
        reg.value
        for record in changes.decode(sent[-1]).records
        for name, reg in record.registers.items()
        if name == changes.SIGNATURE + Party.ME.value
    ]
    assert set(register) == {"name", "signed_at", "text_hash", "signature"}

    mentee.receive(pair(agreement.relationship_id), sent, mentor.device_id)

    (arrived,) = _theirs(mentee, agreement).signatures
    assert (arrived.name, arrived.version, arrived.device_id, arrived.valid) == (
        "Anna Kowalska",
        None,
        None,
        True,
    )
    assert _theirs(mentee, agreement).signed_by == ("Anna Kowalska",)
