"""The agreement signed for real: two journals, one folder, the real merge side.

Each party signs with its device key of the pair's space; the partner's journal verifies the
signature after a real sync; an edit voids both on both sides; a signature row altered in a
journal's database reads as "not verified" and never as signed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import Agreement, InvalidValue, Party, RecordKind
from mentorjournal.domain.errors import Reason
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.tables import SignatureRow
from tests.services.signing_helpers import Change, Pair, shared_pair, tamper


@pytest.fixture
def pair(tmp_path: Path, settings: Settings) -> Iterator[Pair]:
    with shared_pair(tmp_path, settings) as made:
        yield made


@pytest.fixture
def both_signed(pair: Pair) -> Pair:
    pair.anna.records.sign_agreement(pair.agreement_id, Party.ME)
    pair.exchange()
    pair.jan.records.sign_agreement(pair.agreement_id, Party.ME)
    pair.exchange()
    return pair


def _by_name(agreement: Agreement) -> dict[str, tuple[Party, int | None, str | None, bool | None]]:
    return {s.name: (s.party, s.version, s.device_id, s.verified) for s in agreement.signatures}


def test_each_signature_verifies_in_its_own_journal_and_in_the_partners(
    both_signed: Pair,
) -> None:
    pair = both_signed
    anna_device, jan_device = pair.device(pair.anna), pair.device(pair.jan)

    mine = pair.agreement(pair.anna)
    theirs = pair.agreement(pair.jan)

    assert _by_name(mine) == {
        "Anna Kowalska": (Party.ME, 1, anna_device, True),
        "Jan Nowak": (Party.PARTNER, 1, jan_device, True),
    }
    assert _by_name(theirs) == {
        "Anna Kowalska": (Party.PARTNER, 1, anna_device, True),
        "Jan Nowak": (Party.ME, 1, jan_device, True),
    }
    for agreement in (mine, theirs):
        assert all(s.valid for s in agreement.signatures)
        assert set(agreement.signed_by) == {"Anna Kowalska", "Jan Nowak"}


def test_an_edit_on_one_side_voids_both_signatures_on_both_sides(both_signed: Pair) -> None:
    pair = both_signed
    pair.jan.records.update(pair.agreement_id, {"principles": "Szczerość i punktualność"})
    pair.exchange()

    for workspace in (pair.anna, pair.jan):
        agreement = pair.agreement(workspace)
        assert agreement.principles == "Szczerość i punktualność"
        assert agreement.version == 2
        assert [(s.valid, s.version, s.verified) for s in agreement.signatures] == [
            (False, 1, True),
            (False, 1, True),
        ]
        assert agreement.signed_by == ()


def _flip(row: SignatureRow) -> None:
    assert row.signature is not None
    row.signature = bytes([row.signature[0] ^ 0x01]) + row.signature[1:]


def _rename(row: SignatureRow) -> None:
    row.name = "Anna K."


def _other_version(row: SignatureRow) -> None:
    row.agreement_version = 2


def _unknown_device(row: SignatureRow) -> None:
    row.signer_device = "f" * 32


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_flip, id="signature-bytes-flipped"),
        pytest.param(_rename, id="signer-name-altered"),
        pytest.param(_other_version, id="version-altered"),
        pytest.param(_unknown_device, id="device-with-no-known-key"),
    ],
)
def test_a_tampered_signature_row_reads_as_not_verified_and_never_as_signed(
    both_signed: Pair, change: Change
) -> None:
    pair = both_signed
    tamper(pair.jan, pair.agreement_id, Party.PARTNER.value, change)

    agreement = pair.agreement(pair.jan)
    annas = next(s for s in agreement.signatures if s.party is Party.PARTNER)
    assert annas.verified is False
    assert annas.valid  # the text did not change: only the check fails
    assert agreement.signed_by == ("Jan Nowak",)


def test_a_partners_signature_moved_to_this_journals_party_does_not_verify(
    both_signed: Pair,
) -> None:
    """Anna's genuine signature, relabelled as Jan's own, is not Jan's device's."""
    pair = both_signed
    tamper(pair.jan, pair.agreement_id, Party.ME.value, None)
    tamper(
        pair.jan, pair.agreement_id, Party.PARTNER.value, lambda row: setattr(row, "party", "me")
    )

    agreement = pair.agreement(pair.jan)
    (moved,) = [s for s in agreement.signatures if s.party is Party.ME]
    assert moved.name == "Anna Kowalska"
    assert moved.verified is False
    assert "Anna Kowalska" not in agreement.signed_by


def test_a_signature_of_a_removed_device_still_verifies(both_signed: Pair) -> None:
    pair = both_signed
    pair.anna.sync.remove(pair.relationship_id, pair.device(pair.jan))

    agreement = pair.agreement(pair.anna)
    jans = next(s for s in agreement.signatures if s.party is Party.PARTNER)
    assert jans.verified is True
    assert "Jan Nowak" in agreement.signed_by


def test_in_a_shared_relationship_the_partner_signs_in_their_own_journal(pair: Pair) -> None:
    with pytest.raises(InvalidValue) as raised:
        pair.anna.records.sign_agreement(pair.agreement_id, Party.PARTNER)
    assert raised.value.reason is Reason.PARTNER_SIGNS_OWN
    assert pair.agreement(pair.anna).signatures == ()


def test_without_a_space_signing_is_a_local_mark_that_says_so(workspace: Workspace) -> None:
    relationship = workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "Jan"})
    agreement = workspace.records.add(
        RecordKind.AGREEMENT, {"relationship_id": relationship.id, "notes": "Umowa"}
    )
    workspace.records.sign_agreement(agreement.id, Party.ME)
    signed = workspace.records.sign_agreement(agreement.id, Party.PARTNER)

    assert [(s.party, s.version, s.device_id, s.verified) for s in signed.signatures] == [
        (Party.ME, 1, None, None),
        (Party.PARTNER, 1, None, None),
    ]
    assert signed.signed_by == ("Anna Kowalska", "Jan")


def test_signatures_stay_verified_after_leaving_the_space(both_signed: Pair) -> None:
    """Leaving forgets the membership; the keys that signed are kept for checking."""
    pair = both_signed
    pair.anna.sync.leave(pair.relationship_id)
    pair.jan.sync.leave(pair.relationship_id)

    for workspace in (pair.anna, pair.jan):
        agreement = pair.agreement(workspace)
        assert [s.verified for s in agreement.signatures] == [True, True]
        assert set(agreement.signed_by) == {"Anna Kowalska", "Jan Nowak"}
