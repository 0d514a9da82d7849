"""Take local edits in: give each field the user changed since the merge last looked a clock.

The window and the command line just save records; the triggers of
:mod:`mentorjournal.store.sync_ledger` note which ones. Here each noted record is compared,
field by field, with what its row held when the merge last wrote or looked at it (``base``):
a field that differs was edited here, and gets a new register (this device, a new clock, the
clock it replaced); a long text gets the edit as a CRDT change; a deletion gets a tombstone
with the clocks the deleter had seen.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from mentorjournal.domain import Party, RecordKind
from mentorjournal.store import sync_ledger, sync_ledger_rows
from mentorjournal.store.sync_ledger import MergeState
from mentorjournal.sync import text_merge
from mentorjournal.sync.changes import DELETED, SIGNATURE, Register
from mentorjournal.sync.clock import HybridClock, wall_ms
from mentorjournal.sync.merge import SCOPE, seen_clocks
from mentorjournal.sync.merge_columns import columns, markdown

CAPTURED = "captured"
_BATCH = 2_000


def moment(value: datetime | None) -> str | None:
    """A stored moment as a naive UTC ISO string (what the database gives back)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat()


def signature_value(row: dict[str, Any]) -> dict[str, Any]:
    signature = row.get("signature")
    value = {
        "name": row["name"],
        "signed_at": moment(row["signed_at"]),
        "text_hash": row["text_hash"],
        "signature": signature.hex() if signature else None,
    }
    # Since schema 6; left out when empty, so a signature made before reads as it did.
    if row.get("signer_device"):
        value["device"] = row["signer_device"]
    if row.get("agreement_version") is not None:
        value["version"] = row["agreement_version"]
    return value


def row_values(
    kind: RecordKind, row: dict[str, Any], signatures: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """Everything the merge tracks of one row, as JSON values."""
    values = {column.name: column.to_json(row[column.name]) for column in columns(kind)}
    values[SCOPE] = row["scope"]
    values[DELETED] = moment(row["deleted_at"])
    if kind is RecordKind.AGREEMENT:
        by_party = {s["party"]: signature_value(s) for s in signatures or []}
        for party in Party:
            values[SIGNATURE + party.value] = by_party.get(party.value)
    return values


def fingerprint(kind: RecordKind, values: dict[str, Any]) -> dict[str, Any]:
    """Values as the merge state's ``base`` keeps them: long texts by their digest only."""
    held = dict(values)
    for name in markdown(kind):
        value = held.get(name)
        if value is not None:
            held[name] = text_merge.digest(value)
    return held


def relationship_of(kind: RecordKind, record_id: str, row: dict[str, Any]) -> str | None:
    return record_id if kind is RecordKind.RELATIONSHIP else row.get("relationship_id")


def capture(connection: Connection, clock: HybridClock, device: str) -> dict[str, MergeState]:
    """Give every local edit since the last capture its registers (in the caller's txn).

    Returns the states it changed, as saved: an outgoing batch takes them from here instead
    of reading them back.
    """
    taken: dict[str, MergeState] = {}
    start = sync_ledger.state(connection, CAPTURED)
    while changes := sync_ledger.changes_after(connection, start, _BATCH):
        by_kind: dict[RecordKind, list[str]] = defaultdict(list)
        for _, record_id, kind in changes:
            by_kind[RecordKind(kind)].append(record_id)
        states = sync_ledger.load(connection, [record_id for _, record_id, _ in changes])
        touched: list[MergeState] = []
        for kind, ids in by_kind.items():
            rows = sync_ledger_rows.read(connection, kind, ids)
            signatures = (
                sync_ledger_rows.signatures(connection, ids) if kind is RecordKind.AGREEMENT else {}
            )
            for record_id, row in rows.items():
                state = states.get(record_id) or MergeState(
                    record_id,
                    kind,
                    relationship_of(kind, record_id, row),
                    moment(row["created_at"]) or "",
                )
                if _take_in(
                    state, row_values(kind, row, signatures.get(record_id)), row, clock, device
                ):
                    touched.append(state)
        sync_ledger.save(connection, touched)
        taken.update((state.record_id, state) for state in touched)
        start = changes[-1][0]
    sync_ledger.set_state(connection, CAPTURED, start)
    return taken


def _take_in(
    state: MergeState, local: dict[str, Any], row: dict[str, Any], clock: HybridClock, device: str
) -> bool:
    now_held = fingerprint(state.kind, local)
    changed = [name for name, value in now_held.items() if state.base.get(name, ...) != value]
    if not changed:
        return False
    long_texts = markdown(state.kind)
    updated = row["updated_at"]
    tick = clock.tick(wall_ms(updated.replace(tzinfo=UTC) if updated.tzinfo is None else updated))
    registers = {name: Register(*reg) for name, reg in state.registers.items()}
    for name in changed:
        old = registers.get(name)
        value = local[name]
        if name in long_texts:
            if value or name in state.texts:
                state.texts[name] = text_merge.record_edit(state.texts.get(name), device, value)
            value = None
        elif name == DELETED:
            seen = seen_clocks(state.kind, registers)
            value = {"at": value, "seen": seen} if value is not None else {"at": None, "seen": {}}
        registers[name] = Register(tick, device, value, old.clock if old else 0)
        state.base[name] = now_held[name]
    state.registers = registers
    state.relationship_id = relationship_of(state.kind, state.record_id, row)
    return True
