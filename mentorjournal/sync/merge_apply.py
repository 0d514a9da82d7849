"""Apply one payload from another device to the journal, inside the caller's transaction.

For each record: its registers are merged with this journal's (:mod:`.merge` says who
wins), its long texts merged as CRDTs, and the row is then written from the merged state
(materialised) only if it differs from what the row holds. Losing values of concurrent
writes, and the local text a merge replaced, go into ``field_history``. A record whose
parent (a session's relationship) has not arrived is kept in the merge state and written
when the parent arrives; a link to a record that never arrives (a homework tied to a private
session) stays empty in the row.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from mentorjournal.domain import RECORDS, Party, RecordKind, Scope
from mentorjournal.domain.errors import ChangesRejected, NewerChangesFormat
from mentorjournal.store import sync_ledger, sync_ledger_rows
from mentorjournal.store.sync_ledger import MergeState
from mentorjournal.sync import merge, merge_columns, text_merge
from mentorjournal.sync.changes import DELETED, SIGNATURE, Payload, Register, WireRecord
from mentorjournal.sync.contract import SpaceScope
from mentorjournal.sync.merge import SCOPE
from mentorjournal.sync.merge_capture import fingerprint
from mentorjournal.sync.merge_rows import SIGNATURES, RowWriter

_KIND_ORDER = {kind: index for index, kind in enumerate(RECORDS)}  # parents first


@dataclass
class Outcome:
    changed: int = 0
    restored: list[str] = field(default_factory=list)
    kept_in_history: int = 0
    blobs: set[str] = field(default_factory=set)


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _is_markdown(kind: RecordKind, name: str) -> bool:
    return name in merge_columns.markdown(kind)


def _check(kind: RecordKind, name: str, value: Any) -> None:
    """Refuse a register this version cannot hold, before it reaches a row."""
    if name in merge_columns.by_name(kind):
        return  # the value is checked when it is written (from_wire), if it ever wins
    if name == SCOPE:
        if value not in {s.value for s in Scope}:
            raise ChangesRejected()
    elif name == DELETED:
        if not isinstance(value, dict) or not isinstance(value.get("seen", {}), dict):
            raise ChangesRejected()
    elif name.startswith(SIGNATURE) and kind is RecordKind.AGREEMENT:
        if name[len(SIGNATURE) :] not in {p.value for p in Party}:
            raise NewerChangesFormat()
        if value is not None and not isinstance(value, dict):
            raise ChangesRejected()
    else:
        raise NewerChangesFormat()  # a field a newer version added


class Applier:
    """Applies payloads for one space; one instance per transaction."""

    def __init__(
        self,
        connection: Connection,
        scope: SpaceScope,
        tick: Callable[[], int],
        device: str,
        now: datetime,
        has_blob: Callable[[str], bool],
    ) -> None:
        self._db = connection
        self._scope = scope
        self._tick = tick
        self._device = device
        self._now = now
        self._has_blob = has_blob
        self._states: dict[str, MergeState] = {}
        self._known: set[str] = set()
        self._waits: dict[str, set[str]] = {}
        self._touched: dict[str, MergeState] = {}
        self._arrived: list[str] = []
        self._rows = RowWriter(connection, now)
        self.outcome = Outcome()

    def apply(self, payload: Payload) -> Outcome:
        records = sorted(payload.records, key=lambda r: _KIND_ORDER[r.kind])
        self._states = self._load([r.record_id for r in records])
        targets = {r.record_id for r in records}
        for record in records:
            for column in merge_columns.columns(record.kind):
                reg = record.registers.get(column.name)
                if column.link and reg is not None and reg.value:
                    targets.update(reg.value if isinstance(reg.value, list) else [reg.value])
        self._known = sync_ledger_rows.existing(self._db, targets)
        for record in records:
            self._merge(record, payload.owner)
        self._settle()
        return self.outcome

    def _load(self, ids: list[str]) -> dict[str, MergeState]:
        """Stored states, their registers as :class:`Register` for the merge."""
        states = sync_ledger.load(self._db, ids)
        for state in states.values():
            state.registers = {name: Register(*reg) for name, reg in state.registers.items()}
        return states

    # -- one record ---------------------------------------------------------------------

    def _merge(self, record: WireRecord, owner: str) -> None:
        kind, pair = record.kind, merge.is_pair(self._scope)
        kept_back = merge.kept_back(kind, self._scope)
        incoming = {name: reg for name, reg in record.registers.items() if name not in kept_back}
        columns = merge_columns.by_name(kind)
        for name, reg in incoming.items():
            if name not in columns:
                _check(kind, name, reg.value)
        if pair:
            incoming = merge.translate(kind, incoming)
        parent = incoming.get("relationship_id")
        relationship = (
            record.record_id
            if kind is RecordKind.RELATIONSHIP
            else parent.value
            if parent
            else None
        )
        if not merge.record_travels(kind, record.record_id, relationship, True, self._scope):
            return  # not this space's to give: ignored, never applied
        state = self._states.get(record.record_id)
        if state is None:
            state = MergeState(record.record_id, kind, relationship, record.created_at)
            self._states[record.record_id] = state
        elif state.kind is not kind:
            raise ChangesRejected()
        elif pair and state.relationship_id != relationship:
            return  # an id of another relationship of this journal: never this space's to change
        registers: dict[str, Register] = dict(state.registers)
        was_deleted = state.base.get(DELETED) is not None
        changed = self._merge_registers(state, registers, incoming)
        changed |= self._merge_texts(state, record)
        if not state.stored:
            self._seed(state, registers, record, owner, pair)
        state.registers = registers
        if (
            changed
            and merge.is_tombstone(registers.get(DELETED))
            and not merge.tombstone_holds(kind, registers)
            and (was_deleted or merge.is_tombstone(incoming.get(DELETED)))
        ):
            self.outcome.restored.append(record.record_id)
        self._materialise(state)

    def _merge_registers(
        self, state: MergeState, registers: dict[str, Register], incoming: dict[str, Register]
    ) -> bool:
        if not registers:  # new here: nothing to compare, nothing lost
            registers.update(incoming)
            return bool(incoming)
        changed = False
        for name, theirs in incoming.items():
            ours = registers.get(name)
            if ours == theirs:
                continue
            small = not name.startswith("_") and not _is_markdown(state.kind, name)
            if merge.wins(theirs, ours):
                registers[name] = theirs
                changed = True
                if (
                    small
                    and ours is not None
                    and merge.concurrent(theirs, ours)
                    and ours.value != theirs.value
                ):
                    self._keep(state.record_id, name, state.base.get(name, ours.value))
            elif (
                small
                and ours is not None
                and merge.concurrent(ours, theirs)
                and theirs.value != ours.value
            ):
                self._keep(state.record_id, name, theirs.value)
        return changed

    def _merge_texts(self, state: MergeState, record: WireRecord) -> bool:
        changed = False
        for name, remote in record.texts.items():
            if not _is_markdown(state.kind, name):
                raise ChangesRejected()
            if not merge.travels(state.kind, name, self._scope):
                continue
            before = state.texts.get(name)
            try:
                merged, text = text_merge.merge(before, remote)
            except Exception:  # pycrdt raises plain exceptions for a malformed update
                raise ChangesRejected() from None
            if merged == before:
                continue
            state.texts[name] = merged
            # What the row holds: local edits were taken in, so the document's text.
            old = text_merge.text_of(before) if before else None
            if old is not None and old != text:
                self._keep(state.record_id, name, old)
            changed |= old != text
        return changed

    def _seed(
        self,
        state: MergeState,
        registers: dict[str, Register],
        record: WireRecord,
        owner: str,
        pair: bool,
    ) -> None:
        """A record's first arrival: what this journal keeps for itself gets a local value."""
        local: dict[str, Any] = {}
        if SCOPE not in registers:
            local[SCOPE] = Scope.SHARED.value
        if pair and state.kind is RecordKind.RELATIONSHIP:
            seed = record.seed
            names = seed.get("partner_names")
            if not (isinstance(names, list) and names and all(isinstance(n, str) for n in names)):
                names = [owner] if owner else []
            title = seed.get("title")
            local["partner_names"] = names
            local["title"] = title if isinstance(title, str) and title else ", ".join(names)
        if local:
            tick = self._tick()
            for name, value in local.items():
                registers[name] = Register(tick, self._device, value, 0)

    def _keep(self, record_id: str, name: str, value: Any) -> None:
        if value is None:
            return
        if sync_ledger_rows.keep_in_history(self._db, record_id, name, _as_text(value), self._now):
            self.outcome.kept_in_history += 1

    # -- writing the row ----------------------------------------------------------------

    def _materialise(self, state: MergeState) -> None:
        """Queue the row the merged state describes, if it differs from what the row holds."""
        registers: dict[str, Register] = state.registers
        values: dict[str, Any] = {}
        waits: set[str] = set()
        blocked = False
        for column in merge_columns.columns(state.kind):
            wire: Any
            if column.markdown:
                wire = text_merge.text_of(state.texts.get(column.name))
            else:
                reg = registers.get(column.name)
                wire = reg.value if reg is not None else merge_columns.default(column)
            if column.link and wire:
                targets = wire if column.links else [wire]
                missing = [t for t in targets if t not in self._known]
                if missing:
                    waits.update(missing)
                    blocked |= column.required
                    wire = [t for t in targets if t not in missing] if column.links else None
            values[column.name] = wire
        scope = registers.get(SCOPE)
        values[SCOPE] = scope.value if scope is not None else Scope.SHARED.value
        tombstone = registers.get(DELETED)
        holds = tombstone is not None and merge.tombstone_holds(state.kind, registers)
        values[DELETED] = tombstone.value["at"] if holds and tombstone is not None else None
        if state.kind is RecordKind.AGREEMENT:
            for name in SIGNATURES:
                reg = registers.get(name)
                values[name] = reg.value if reg is not None else None
        self._waits[state.record_id] = waits
        self._touched[state.record_id] = state
        exists = state.record_id in self._known
        seen = fingerprint(state.kind, values)
        if blocked or (exists and all(state.base.get(k, ...) == v for k, v in seen.items())):
            return
        self._rows.queue(state, values, exists)
        state.base = seen
        self.outcome.changed += 1
        attachment = values.get("attachment_id")
        if isinstance(attachment, str) and not self._has_blob(attachment):
            self.outcome.blobs.add(attachment)
        if not exists:
            self._known.add(state.record_id)
            self._arrived.append(state.record_id)

    def _settle(self) -> None:
        """Write what waited for a record that has now arrived, then every queued row."""
        while self._arrived:
            arrived, self._arrived = set(self._arrived), []
            waiting = sync_ledger.waiting_for(self._db, sorted(arrived))
            waiting |= {r for r, targets in self._waits.items() if targets & arrived}
            unknown = [r for r in waiting if r not in self._states]
            self._states.update(self._load(unknown))
            for record_id in sorted(waiting):
                if record_id in self._states:
                    self._materialise(self._states[record_id])
        self._rows.flush()
        sync_ledger.save(self._db, self._touched.values())
        sync_ledger.replace_waits(self._db, self._waits)
