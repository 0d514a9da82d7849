"""Rows a merge writes, gathered and written together: parents first, one statement per kind.

Writing a thousand merged records one statement at a time cost most of a first sync; here
each kind's new rows go in one ``executemany`` (in the order of ``RECORDS``, so that a
relationship is in before its sessions and a session before its homework), then the changed
ones, then the signatures of agreements.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from mentorjournal.domain import RECORDS, Party, RecordKind
from mentorjournal.store import sync_ledger_rows
from mentorjournal.store.sync_ledger import MergeState
from mentorjournal.sync import merge_columns
from mentorjournal.sync.changes import DELETED, SIGNATURE
from mentorjournal.sync.merge import SCOPE

SIGNATURES = tuple(SIGNATURE + party.value for party in Party)


def utc(moment: str) -> datetime:
    """A moment the merge keeps as naive UTC ISO text, for a column that stores it in UTC."""
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


def _signature_row(name: str, value: dict[str, Any]) -> dict[str, Any]:
    signature = value.get("signature")
    return {
        "party": name[len(SIGNATURE) :],
        "name": str(value["name"]),
        "signed_at": utc(str(value["signed_at"])),
        "text_hash": str(value["text_hash"]),
        "signature": bytes.fromhex(signature) if signature else None,
        "signer_device": str(value["device"]) if value.get("device") else None,
        "agreement_version": value["version"] if isinstance(value.get("version"), int) else None,
    }


class RowWriter:
    """Collects the rows of one apply; :meth:`flush` writes them."""

    def __init__(self, connection: Connection, now: datetime) -> None:
        self._db = connection
        self._now = now
        self._inserts: dict[RecordKind, list[dict[str, Any]]] = defaultdict(list)
        self._updates: dict[RecordKind, dict[str, dict[str, Any]]] = defaultdict(dict)
        self._signatures: dict[str, list[dict[str, Any]]] = {}

    def queue(self, state: MergeState, values: dict[str, Any], exists: bool) -> None:
        """Write ``values`` (JSON values, as the merge state keeps them) to the record's row."""
        row: dict[str, Any] = {
            column.name: column.to_row(values[column.name])
            for column in merge_columns.columns(state.kind)
        }
        row["id"] = state.record_id
        row["scope"] = values[SCOPE]
        deleted = values[DELETED]
        row["deleted_at"] = utc(deleted) if deleted else None
        row["updated_at"] = self._now
        if exists:  # a row inserted earlier in this apply too: updates follow the inserts
            self._updates[state.kind][state.record_id] = row
        else:
            row["created_at"] = utc(state.created_at)
            self._inserts[state.kind].append(row)
        if state.kind is RecordKind.AGREEMENT and any(
            state.base.get(name) != values[name] for name in SIGNATURES
        ):
            self._signatures[state.record_id] = [
                _signature_row(name, values[name]) for name in SIGNATURES if values[name]
            ]

    def flush(self) -> None:
        for kind in RECORDS:
            sync_ledger_rows.insert_many(self._db, kind, self._inserts.pop(kind, []))
        for kind in RECORDS:
            rows = list(self._updates.pop(kind, {}).values())
            sync_ledger_rows.update_many(self._db, kind, rows)
        for agreement_id, rows in self._signatures.items():
            sync_ledger_rows.write_signatures(self._db, agreement_id, rows)
        self._signatures.clear()
