"""Two real journals sharing one folder: Anna's in the window's worker, Ben's in the test.

Anna's journal has a small merge side of the test's own (:class:`ApplyingLedger`, the
verbatim ledger of the transport tests that also applies record changes it is sent), so
that a sync in the window really changes records; the real merge side is wired in by the
lead. Ben's journal is driven through the services, as the partner's app would.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from mentorjournal.domain import RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.store.journal import OpenJournal, utc_now
from mentorjournal.store.records import RecordStore
from mentorjournal.sync.contract import MergeReport, SpaceScope
from mentorjournal.ui.main_window import MainWindow
from mentorjournal.ui.worker import Holder, Worker
from tests.conftest import PASSPHRASE
from tests.services.sync_ledger import Journal, VerbatimLedger, create
from tests.ui.conftest import run_on
from tests.ui.window_helpers import open_window, wait_loaded


class ApplyingLedger(VerbatimLedger):
    """Carries payloads verbatim; one of the form ``{"id": ..., "changes": {...}}`` is applied
    to the journal as the merge side would (in the sync's own call, on the worker)."""

    def __init__(self, outbox: Path, journal: OpenJournal) -> None:
        super().__init__(outbox, journal)
        self.records = RecordStore(journal, utc_now)

    def apply(self, scope: SpaceScope, payload: bytes, author_device: str) -> MergeReport:
        report = super().apply(scope, payload, author_device)
        if payload.startswith(b"{"):
            change = json.loads(payload)
            self.records.update(change["id"], change["changes"])
        return report


def change(record_id: str, **changes: Any) -> bytes:
    return json.dumps({"id": record_id, "changes": changes}).encode()


def unlock_in_worker(
    worker: Worker, qtbot: QtBot, root: Path, owner: str, settings: Settings
) -> ApplyingLedger:
    """Create a journal in ``root`` and unlock it on the worker with an applying ledger."""
    create(root, owner, settings)
    made: list[ApplyingLedger] = []

    def factory(journal: OpenJournal, clock: object) -> ApplyingLedger:
        made.append(ApplyingLedger(root.parent / f"{root.name}-outbox", journal))
        return made[0]

    def unlock(holder: Holder) -> None:
        holder.workspace = workspaces.unlock(
            root, PASSPHRASE, dataclasses.replace(settings, ledger=factory)
        )

    run_on(worker, qtbot, unlock)
    return made[0]


def add_relationship(worker: Worker, qtbot: QtBot, partner: str = "Ben") -> str:
    record = run_on(
        worker,
        qtbot,
        lambda h: h.workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": [partner]}),
    )
    return str(record.id)


def share(worker: Worker, qtbot: QtBot, relationship_id: str, folder: Path) -> str:
    """Anna shares through the services (set-up); returns her safety phrase."""
    enrolment = run_on(worker, qtbot, lambda h: h.workspace.sync.start(relationship_id, folder))
    return str(enrolment.safety_phrase)


def pair(worker: Worker, qtbot: QtBot, relationship_id: str, folder: Path, ben: Journal) -> str:
    """Share, Ben joins, Anna approves (all through the services); returns Ben's device."""
    share(worker, qtbot, relationship_id, folder)
    joined = ben.workspace.sync.join(folder)
    run_on(worker, qtbot, lambda h: h.workspace.sync.approve(relationship_id, joined.device_id))
    ben.workspace.sync.now()
    return joined.device_id


def window_on_sync_tab(worker: Worker, qtbot: QtBot) -> MainWindow:
    window = open_window(worker, qtbot)
    wait_loaded(qtbot, window)
    window.tabs.setCurrentWidget(window.sync.panel)
    qtbot.waitUntil(lambda: window.sync.controller.watcher is not None, timeout=5_000)
    return window


def watching(window: MainWindow, folder: Path) -> bool:
    return str(folder) in window.sync.controller.watched()
