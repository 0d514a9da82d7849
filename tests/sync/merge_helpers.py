"""Devices for the merge tests: real journals, each with its ledger, exchanging payloads.

The folder side is left out: payloads go from one ledger's ``outgoing`` straight into
another's ``apply``, in whatever order and as many times as a test says.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorjournal import crypto
from mentorjournal.domain import RECORDS, Record, RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.sync import changes, text_merge
from mentorjournal.sync.contract import MergeReport, SpaceScope
from mentorjournal.sync.ledger import JournalLedger
from tests.conftest import PASSPHRASE, MovableClock

OWN = SpaceScope("own-devices", None, True)


def pair(relationship_id: str) -> SpaceScope:
    return SpaceScope("pair-space", relationship_id, False)


@dataclass
class Device:
    name: str
    workspace: Workspace
    ledger: JournalLedger
    clock: MovableClock
    sent: list[bytes] = field(default_factory=list)

    @property
    def device_id(self) -> str:
        return f"device-{self.name}"

    def close(self) -> None:
        self.workspace.close()

    def send(self, scope: SpaceScope) -> list[bytes]:
        """Every batch not yet sent, committed as written; also kept in ``sent``."""
        batches = []
        while (outgoing := self.ledger.outgoing(scope)) is not None:
            batches.append(outgoing.payload)
            self.ledger.commit_outgoing(scope, outgoing)
        self.sent += batches
        return batches

    def receive(self, scope: SpaceScope, payloads: list[bytes], author: str) -> list[MergeReport]:
        return [self.ledger.apply(scope, payload, author) for payload in payloads]


def make_device(root: Path, name: str, owner: str, clock: MovableClock) -> Device:
    settings = Settings(lock_dir=root / "locks", kdf=crypto.TEST_PROFILE, clock=clock)
    workspace, _ = workspaces.create(root / name, PASSPHRASE, owner, settings)
    return Device(name, workspace, JournalLedger(workspace.journal, f"device-{name}", clock), clock)


def sync(a: Device, b: Device, scope: SpaceScope, rounds: int = 3) -> list[MergeReport]:
    """Exchange until neither side has anything new (merged rows are sent on, once)."""
    reports: list[MergeReport] = []
    for _ in range(rounds):
        reports += b.receive(scope, a.send(scope), a.device_id)
        reports += a.receive(scope, b.send(scope), b.device_id)
    return reports


def everything(workspace: Workspace) -> dict[str, dict[str, Any]]:
    """Every record of the journal, live or in the trash, as comparable values.

    ``updated_at`` is left out: it says when each journal last wrote the row.
    """
    found: dict[str, dict[str, Any]] = {}
    for kind in RECORDS:
        for trash in (False, True):
            for record in workspace.records.list_records(kind, trash=trash):
                values = dataclasses.asdict(record)
                values.pop("updated_at")
                found[record.id] = values
    return found


def history_values(workspace: Workspace, record: Record, name: str) -> list[str]:
    return [entry.value for entry in workspace.records.history(record.id, name)]


def payload_texts(payload: bytes) -> str:
    """All a payload says, with every long text's CRDT state decoded, as one string."""
    decoded = changes.decode(payload)
    parts = [repr(decoded)]
    for record in decoded.records:
        for state in record.texts.values():
            parts.append(text_merge.text_of(state))
            parts.append(state.decode("utf-8", "replace"))
    return "\n".join(parts)


def kinds_in(payload: bytes) -> set[RecordKind]:
    return {record.kind for record in changes.decode(payload).records}
