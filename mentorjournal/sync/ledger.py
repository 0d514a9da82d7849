"""The merge side of the sync for one open journal and this device (:class:`ChangeLedger`).

``outgoing`` first takes local edits in (:mod:`.merge_capture`), then walks the records
changed since the space's last durable send, in the order they changed, keeping only what
the space's allow-list lets through (:mod:`.merge`), in batches of at most
:data:`MAX_RECORDS` records and about :data:`MAX_BYTES` of JSON. ``apply`` takes local edits
in too (so a merge never overwrites an edit not yet captured), then merges the payload
(:mod:`.merge_apply`); both run in one transaction each.
"""

from __future__ import annotations

import gc
import secrets
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from mentorjournal.domain import RecordKind
from mentorjournal.domain.errors import ChangesRejected
from mentorjournal.store import sync_ledger
from mentorjournal.store.database import translate_errors
from mentorjournal.store.journal import OpenJournal
from mentorjournal.store.sync_ledger import MergeState
from mentorjournal.sync import changes, merge, merge_columns
from mentorjournal.sync.changes import Register, WireRecord
from mentorjournal.sync.clock import HybridClock
from mentorjournal.sync.contract import MergeReport, Outgoing, SpaceScope
from mentorjournal.sync.merge_apply import Applier
from mentorjournal.sync.merge_capture import CAPTURED, capture

MAX_RECORDS = 2_000
MAX_BYTES = 8 * 1024 * 1024
_SCAN = 2_000
_CLOCK = "clock"
_DEVICE = "merge_device"  # this journal's writer id in registers: random, made once
_OWNER_NAME_KEY = "owner_name"  # journal_meta, as the journal service stores it
_MARK = struct.Struct(">Q")

Wall = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a batch is built or merged.

    A batch makes hundreds of thousands of small dicts and lists that live until it ends,
    and each of them brought the collector nearer to a full pass over every object of the
    process: a quarter of a first sync's CPU time, for no garbage at all (reference
    counting frees what a batch drops). The collector runs again as soon as it ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class JournalLedger:
    """:class:`~mentorjournal.sync.contract.ChangeLedger` over one open journal."""

    def __init__(
        self, journal: OpenJournal, device: str | None = None, wall: Wall = _utc_now
    ) -> None:
        """``device`` names this journal as a writer; without it, the id the journal keeps
        (made in the first transaction that needs it, never on opening).

        The id only orders equal clocks and names the writer of a value in the merge state;
        the folder side's device keys, one per space, say who signed a file.
        """
        self._journal = journal
        self._device = device
        self._wall = wall

    def _writer(self, db: Connection) -> str:
        # Read in each transaction, not kept: a rolled-back first transaction leaves no id.
        if self._device is not None:
            return self._device
        number = sync_ledger.state(db, _DEVICE)
        if not number:
            number = secrets.randbits(63) | 1
            sync_ledger.set_state(db, _DEVICE, number)
        return f"{number:016x}"

    @contextmanager
    def _transaction(self) -> Iterator[tuple[Connection, HybridClock, dict[str, MergeState]]]:
        with (
            _cycle_collection_paused(),
            translate_errors(self._journal.paths.db),
            self._journal.engine.begin() as db,
        ):
            clock = HybridClock(self._wall, sync_ledger.state(db, _CLOCK))
            sync_ledger.ensure_tracking(db)
            taken = capture(db, clock, self._writer(db))
            yield db, clock, taken
            sync_ledger.set_state(db, _CLOCK, clock.last)

    # -- sending ------------------------------------------------------------------------

    def outgoing(self, scope: SpaceScope) -> Outgoing | None:
        with self._transaction() as (db, _, taken):
            owner = self._owner(db)
            cursor = sync_ledger.sent(db, scope.space_id)
            batch: list[WireRecord] = []
            size = 0
            while size < MAX_BYTES and len(batch) < MAX_RECORDS:
                found = sync_ledger.changes_after(db, cursor, _SCAN)
                if not found:
                    break
                # States just taken in are at hand; the others are read, without their base.
                states = sync_ledger.load(
                    db, [record_id for _, record_id, _ in found if record_id not in taken], False
                )
                states.update(taken)
                for seq, record_id, _ in found:
                    state = states.get(record_id)
                    wire = self._wire(state, scope, owner) if state is not None else None
                    if wire is not None:
                        batch.append(wire)
                        size += sum(len(s) for s in wire.texts.values()) + 200
                    cursor = seq
                    if size >= MAX_BYTES or len(batch) >= MAX_RECORDS:
                        break
                if not batch:  # nothing of this space in what was scanned: never scan it again
                    sync_ledger.set_sent(db, scope.space_id, cursor)
            if not batch:
                return None
            clocks = [reg.clock for record in batch for reg in record.registers.values()]
            blobs = sorted(
                {
                    str(record.registers["attachment_id"].value)
                    for record in batch
                    if "attachment_id" in record.registers
                    and record.registers["attachment_id"].value
                }
            )
            return Outgoing(
                payload=changes.encode(owner, batch),
                hlc_min=min(clocks, default=0),
                hlc_max=max(clocks, default=0),
                blob_ids=tuple(blobs),
                mark=_MARK.pack(cursor),
            )

    def commit_outgoing(self, scope: SpaceScope, outgoing: Outgoing) -> None:
        (seq,) = _MARK.unpack(outgoing.mark)
        with translate_errors(self._journal.paths.db), self._journal.engine.begin() as db:
            sync_ledger.set_sent(db, scope.space_id, seq)

    def _wire(self, state: MergeState, scope: SpaceScope, owner: str) -> WireRecord | None:
        registers = {
            name: reg if type(reg) is Register else Register(*reg)
            for name, reg in state.registers.items()
        }
        shared = registers.get(merge.SCOPE)
        is_shared = shared is not None and shared.value == "shared"
        if not merge.record_travels(
            state.kind, state.record_id, state.relationship_id, is_shared, scope
        ):
            return None
        kept_back = merge.kept_back(state.kind, scope)
        kept = {name: reg for name, reg in registers.items() if name not in kept_back}
        long_texts = merge_columns.markdown(state.kind)
        texts = {
            name: value
            for name, value in state.texts.items()
            if name in long_texts and name not in kept_back
        }
        seed = {}
        if merge.is_pair(scope) and state.kind is RecordKind.RELATIONSHIP:
            # The partner's journal names this relationship after this journal's owner.
            names = registers.get("partner_names")
            title = registers.get("title")
            default_title = ", ".join(names.value) if names and names.value else ""
            custom = title is not None and title.value and title.value != default_title
            seed = {
                "partner_names": [owner] if owner else [],
                "title": title.value if custom and title is not None else owner,
            }
        return WireRecord(
            state.record_id,
            state.kind,
            state.relationship_id,
            state.created_at,
            kept,
            texts,
            seed,
        )

    # -- receiving ----------------------------------------------------------------------

    def apply(self, scope: SpaceScope, payload: bytes, author_device: str) -> MergeReport:
        with _cycle_collection_paused():
            decoded = changes.decode(payload)
        clocks = decoded.clocks
        HybridClock(self._wall).check(max(clocks, default=0))  # before anything is written
        try:
            with self._transaction() as (db, clock, _):
                clock.receive(max(clocks, default=0))
                applier = Applier(
                    db, scope, clock.tick, self._writer(db), self._wall(), self._has_blob
                )
                outcome = applier.apply(decoded)
                # The rows just merged are no local edits: never take them in as such.
                sync_ledger.set_state(db, CAPTURED, sync_ledger.last_seq(db))
        except (IntegrityError, KeyError, TypeError, ValueError, AttributeError):
            raise ChangesRejected() from None
        return MergeReport(
            records_changed=outcome.changed,
            restored_after_delete=tuple(outcome.restored),
            values_kept_in_history=outcome.kept_in_history,
            blob_ids_needed=tuple(sorted(outcome.blobs)),
        )

    def forget_space(self, scope: SpaceScope) -> None:
        with translate_errors(self._journal.paths.db), self._journal.engine.begin() as db:
            sync_ledger.forget_space(db, scope.space_id)

    # -- helpers ------------------------------------------------------------------------

    def _owner(self, db: Connection) -> str:
        found = db.exec_driver_sql(
            "SELECT value FROM journal_meta WHERE key = ?", (_OWNER_NAME_KEY,)
        ).scalar()
        return str(found or "")

    def _has_blob(self, blob_id: str) -> bool:
        try:
            return (self._journal.paths.blobs / Path(blob_id).name).is_file()
        except OSError:
            return False
