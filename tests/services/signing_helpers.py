"""Two real journals sharing one relationship through one folder, with the real merge side.

Anna (the mentor) starts the space, Jan (the mentee) joins and Anna approves after comparing
the safety phrase; :func:`exchange` runs ``sync now`` on both until both hold the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from mentorjournal.domain import Agreement, RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.tables import SignatureRow
from tests.conftest import PASSPHRASE

Change = Callable[[SignatureRow], None]


@dataclass
class Pair:
    anna: Workspace
    jan: Workspace
    relationship_id: str
    agreement_id: str
    folder: Path

    def exchange(self) -> None:
        """Sync both journals, in turn, often enough for a change to go there and back."""
        for _ in range(2):
            self.anna.sync.now()
            self.jan.sync.now()

    def agreement(self, workspace: Workspace) -> Agreement:
        found = workspace.records.get(self.agreement_id)
        assert isinstance(found, Agreement)
        return found

    def device(self, workspace: Workspace) -> str:
        (status,) = workspace.sync.status()
        return status.device_id


@contextmanager
def shared_pair(root: Path, settings: Settings) -> Iterator[Pair]:
    """Anna's relationship with Jan and its agreement, shared and synced to Jan's journal."""
    anna, _ = workspaces.create(root / "anna", PASSPHRASE, "Anna Kowalska", settings)
    jan, _ = workspaces.create(root / "jan", PASSPHRASE, "Jan Nowak", settings)
    try:
        relationship = anna.records.add(
            RecordKind.RELATIONSHIP, {"partner_names": "Jan Nowak", "my_role": "mentor"}
        )
        agreement = anna.records.add(
            RecordKind.AGREEMENT,
            {"relationship_id": relationship.id, "principles": "Szczerość, poufność"},
        )
        folder = root / "Dropbox" / "mentoring"
        folder.mkdir(parents=True)
        anna.sync.start(relationship.id, folder)
        joined = jan.sync.join(folder)
        (request,) = anna.sync.requests(relationship.id)
        assert request.safety_phrase == joined.safety_phrase
        anna.sync.approve(relationship.id, request.device_id)
        pair = Pair(anna, jan, relationship.id, agreement.id, folder)
        pair.exchange()
        yield pair
    finally:
        anna.close()
        jan.close()


def tamper(workspace: Workspace, agreement_id: str, party: str, change: Change | None) -> None:
    """Change (or with None delete) a stored signature row in the journal's database, as
    someone holding the database could, through the store's own table."""
    with Session(workspace.journal.engine) as session, session.begin():
        row = session.exec(
            select(SignatureRow).where(
                SignatureRow.agreement_id == agreement_id, SignatureRow.party == party
            )
        ).one()
        if change is None:
            session.delete(row)
        else:
            change(row)
            session.add(row)
