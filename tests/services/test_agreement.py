"""The agreement: versions, who signed it, and signatures that any later edit invalidates."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.domain import Agreement, InvalidValue, MeetingFormat, Party
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.conftest import OWNER, PASSPHRASE, MovableClock
from tests.services.records_helpers import add, add_relationship, update

PARTNER = "Jan Nowak"


@pytest.fixture
def relationship_id(workspace: Workspace) -> str:
    return add_relationship(workspace, PARTNER)


@pytest.fixture
def agreement(workspace: Workspace, relationship_id: str) -> Agreement:
    return add(
        workspace,
        Agreement,
        {
            "relationship_id": relationship_id,
            "meeting_format": "hybrid",
            "frequency": "co dwa tygodnie",
            "confidentiality": "Wszystko zostaje między nami.",
            "principles": "Szczerość, punktualność.",
        },
    )


def _sign(workspace: Workspace, agreement: Agreement, party: Party) -> Agreement:
    return workspace.records.sign_agreement(agreement.id, party)


def test_a_new_agreement_is_version_one_and_unsigned(
    workspace: Workspace, relationship_id: str, agreement: Agreement
) -> None:
    assert (agreement.version, agreement.signatures, agreement.signed_by) == (1, (), ())
    assert agreement.meeting_format is MeetingFormat.HYBRID
    board = workspace.dashboard.for_relationship(relationship_id)
    assert board.agreement_signed_by == ()


def test_each_party_signs_with_their_name_and_the_time(
    workspace: Workspace, clock: MovableClock, relationship_id: str, agreement: Agreement
) -> None:
    mine = _sign(workspace, agreement, Party.ME)
    assert mine.signed_by == (OWNER,)
    [signature] = mine.signatures
    assert (signature.party, signature.name, signature.signed_at) == (Party.ME, OWNER, clock.now)
    assert signature.valid
    assert len(signature.text_hash) == 64

    clock.advance(days=1)
    both = _sign(workspace, agreement, Party.PARTNER)

    assert both.signed_by == (OWNER, PARTNER)
    assert both.signatures[1].signed_at == clock.now
    assert both.version == 1
    assert workspace.records.get(agreement.id) == both
    board = workspace.dashboard.for_relationship(relationship_id)
    assert board.agreement_signed_by == (OWNER, PARTNER)


@pytest.mark.parametrize(
    "change",
    [
        {"principles": "Szczerość."},
        {"confidentiality": ""},
        {"meeting_format": "online"},
        {"frequency": "co tydzień"},
        {"notes": "Dopisek"},
    ],
)
def test_any_edit_of_the_text_invalidates_the_signatures(
    workspace: Workspace,
    relationship_id: str,
    agreement: Agreement,
    change: dict[str, str],
) -> None:
    _sign(workspace, agreement, Party.ME)
    _sign(workspace, agreement, Party.PARTNER)

    edited = update(workspace, agreement, change)

    assert edited.version == 2
    assert edited.signed_by == ()
    assert [s.valid for s in edited.signatures] == [False, False]
    assert [s.name for s in edited.signatures] == [OWNER, PARTNER]  # who signed the old text
    assert workspace.dashboard.for_relationship(relationship_id).agreement_signed_by == ()


def test_saving_the_same_text_keeps_version_and_signatures(
    workspace: Workspace, agreement: Agreement
) -> None:
    signed = _sign(workspace, agreement, Party.ME)
    saved = update(workspace, signed, {"principles": agreement.principles, "scope": "shared"})
    assert (saved.version, saved.signed_by) == (1, (OWNER,))


def test_signing_again_after_an_edit_replaces_the_stale_signature(
    workspace: Workspace, clock: MovableClock, relationship_id: str, agreement: Agreement
) -> None:
    _sign(workspace, agreement, Party.ME)
    _sign(workspace, agreement, Party.PARTNER)
    update(workspace, agreement, {"principles": "Nowe zasady."})
    clock.advance(hours=2)

    resigned = _sign(workspace, agreement, Party.ME)

    assert resigned.signed_by == (OWNER,)
    assert [(s.party, s.valid) for s in resigned.signatures] == [
        (Party.PARTNER, False),
        (Party.ME, True),
    ]
    assert resigned.signatures[1].signed_at == clock.now
    assert workspace.dashboard.for_relationship(relationship_id).agreement_signed_by == (OWNER,)


def test_restoring_an_earlier_text_bumps_the_version(
    workspace: Workspace, agreement: Agreement
) -> None:
    update(workspace, agreement, {"principles": "Wersja druga."})
    signed = _sign(workspace, agreement, Party.PARTNER)
    assert signed.signed_by == (PARTNER,)
    [earlier] = workspace.records.history(agreement.id, "principles")

    restored = workspace.records.restore_history(agreement.id, earlier.id)

    assert isinstance(restored, Agreement)
    assert restored.principles == "Szczerość, punktualność."
    assert (restored.version, restored.signed_by) == (3, ())


def test_partner_signature_names_every_partner(workspace: Workspace) -> None:
    relationship_id = add_relationship(workspace, "Jan Nowak, Ola Wiśniewska")
    agreement = add(workspace, Agreement, {"relationship_id": relationship_id})
    signed = _sign(workspace, agreement, Party.PARTNER)
    assert signed.signed_by == ("Jan Nowak, Ola Wiśniewska",)


def test_only_an_agreement_can_be_signed(workspace: Workspace, relationship_id: str) -> None:
    with pytest.raises(InvalidValue) as error:
        workspace.records.sign_agreement(relationship_id, Party.ME)
    assert (error.value.field, error.value.reason) == ("id", "not_an_agreement")


def test_signatures_survive_locking_and_unlocking(
    workspace: Workspace,
    agreement: Agreement,
    journal_dir: Path,
    settings: Settings,
) -> None:
    signed = _sign(workspace, agreement, Party.ME)
    workspace.close()
    with workspaces.unlock(journal_dir, PASSPHRASE, settings) as again:
        reopened = again.records.get(agreement.id)
        assert reopened == signed
        assert isinstance(reopened, Agreement)
        assert reopened.signed_by == (OWNER,)
