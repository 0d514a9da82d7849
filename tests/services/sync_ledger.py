"""A small merge side for the transport tests: it carries payloads verbatim.

It stands in for the real :class:`ChangeLedger` (the lead wires that in at merge time): its
outbox is a folder of files beside the journal, so that it survives a killed process like
the real one does (a batch is sent until it is committed), and what it applied is kept in
order. A payload ``b"blob:<id>"`` names an attachment the batch refers to.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.journal import OpenJournal
from mentorjournal.sync.contract import MergeReport, Outgoing, SpaceScope
from tests.conftest import PASSPHRASE

BLOB = b"blob:"


class VerbatimLedger:
    def __init__(self, outbox: Path, journal: OpenJournal) -> None:
        self.outbox = outbox
        self.outbox.mkdir(parents=True, exist_ok=True)
        self.blobs = BlobStore(journal)
        self.applied: list[tuple[str, bytes]] = []
        self.forgotten: list[str] = []

    def send(self, *payloads: bytes) -> None:
        """Queue payloads, each its own batch, in order."""
        start = len(list(self.outbox.iterdir()))
        for number, payload in enumerate(payloads, start + 1):
            (self.outbox / f"{number:06d}").write_bytes(payload)

    def _queued(self) -> list[Path]:
        return sorted(self.outbox.iterdir())

    def outgoing(self, scope: SpaceScope) -> Outgoing | None:
        queued = self._queued()
        if not queued:
            return None
        payload = queued[0].read_bytes()
        blobs = (payload[len(BLOB) :].decode(),) if payload.startswith(BLOB) else ()
        number = int(queued[0].name)
        return Outgoing(payload, number * 10, number * 10 + 1, blobs, queued[0].name.encode())

    def commit_outgoing(self, scope: SpaceScope, outgoing: Outgoing) -> None:
        (self.outbox / outgoing.mark.decode()).unlink()

    def apply(self, scope: SpaceScope, payload: bytes, author_device: str) -> MergeReport:
        self.applied.append((author_device, payload))
        needed: tuple[str, ...] = ()
        if payload.startswith(BLOB):
            blob_id = payload[len(BLOB) :].decode()
            needed = () if self.blobs.has(blob_id) else (blob_id,)
        return MergeReport(1, (), 0, needed)

    def forget_space(self, scope: SpaceScope) -> None:
        self.forgotten.append(scope.space_id)

    @property
    def payloads(self) -> list[bytes]:
        return [payload for _, payload in self.applied]


@dataclasses.dataclass
class Journal:
    """An open journal with its verbatim ledger."""

    workspace: Workspace
    ledger: VerbatimLedger


@contextmanager
def opened(root: Path, settings: Settings) -> Iterator[Journal]:
    """Unlock the journal in ``root`` with a verbatim ledger whose outbox lies beside it."""
    made: list[VerbatimLedger] = []

    def factory(journal: OpenJournal, clock: object) -> VerbatimLedger:
        made.append(VerbatimLedger(root.parent / f"{root.name}-outbox", journal))
        return made[0]

    with workspaces.unlock(root, PASSPHRASE, dataclasses.replace(settings, ledger=factory)) as ws:
        yield Journal(ws, made[0])


def create(root: Path, owner: str, settings: Settings) -> None:
    workspace, _ = workspaces.create(root, PASSPHRASE, owner, settings)
    workspace.close()
