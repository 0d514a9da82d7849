"""An agreement signed before signatures were verifiable still reads, and can be signed anew.

``tests/data/journal-v1`` (made by version 0.1) holds an agreement signed by both parties as
local marks; schema 6 added the signing device and the version signed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import Agreement, Party
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from tests.store.test_old_journals import AGREEMENT, DATA, PASSPHRASE


@pytest.fixture
def upgraded(tmp_path: Path, settings: Settings) -> Iterator[Workspace]:
    copy = tmp_path / "journal-v1"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("README.md"))
    with workspaces.unlock(copy, PASSPHRASE, settings) as workspace:
        yield workspace


def test_an_agreement_signed_before_the_migration_reads_as_signed_without_a_key(
    upgraded: Workspace,
) -> None:
    agreement = upgraded.records.get(AGREEMENT)
    assert isinstance(agreement, Agreement)

    assert [
        (s.name, s.valid, s.version, s.device_id, s.verified) for s in agreement.signatures
    ] == [
        ("Anna Kowalska", True, None, None, None),
        ("Jan Nowak", True, None, None, None),
    ]
    assert agreement.signed_by == ("Anna Kowalska", "Jan Nowak")


def test_signing_the_old_agreement_again_records_the_version(upgraded: Workspace) -> None:
    upgraded.records.update(AGREEMENT, {"notes": "Aneks: spotkania także w soboty."})
    signed = upgraded.records.sign_agreement(AGREEMENT, Party.ME)

    by_party = {s.party: s for s in signed.signatures}
    assert (by_party[Party.ME].version, by_party[Party.ME].valid) == (2, True)
    assert (by_party[Party.PARTNER].version, by_party[Party.PARTNER].valid) == (None, False)
    assert signed.signed_by == ("Anna Kowalska",)
