"""Every stored row of a journal (or of one relationship) out as read models, and back in.

The JSON export and import use this: unlike :class:`~mentorjournal.store.records.RecordStore`,
which makes new records with fresh ids and the clock's time, :func:`write_rows` keeps each
record's id, timestamps, trash mark, history and signatures exactly as given. Rows are read
and written generically over ``RECORDS``, so a new record kind comes along unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import Session, col, select

from mentorjournal.domain import (
    RECORDS,
    Agreement,
    HistoryEntry,
    Party,
    Record,
    RecordKind,
)
from mentorjournal.store import agreement_signing, creation, search_index
from mentorjournal.store.conversion import as_utc, to_read_model
from mentorjournal.store.database import translate_errors
from mentorjournal.store.journal import OpenJournal
from mentorjournal.store.tables import TABLES, Base, HistoryRow, MetaRow, SignatureRow, metadata

# An agreement's signature by one party, as the sync will seal it (Ed25519), if it is.
Seals = Mapping[tuple[str, Party], bytes]


@dataclass(frozen=True, slots=True)
class StoredRows:
    """What :func:`read_rows` found: records of every kind (the trash too), oldest first
    within each kind, kinds in ``RECORDS`` order; history oldest first; meta by key."""

    records: tuple[Record, ...]
    history: tuple[HistoryEntry, ...]
    seals: Seals
    meta: Mapping[str, str]
    schema_version: int


def read_rows(journal: OpenJournal, relationship_id: str | None = None) -> StoredRows:
    """The whole journal, or one relationship with everything tied to it, in one snapshot."""
    with (
        translate_errors(journal.paths.db),
        Session(journal.read_engine) as session,
        session.begin(),
    ):
        # Every signature in one query (not one per agreement), in the order they were made.
        signed: dict[str, list[SignatureRow]] = {}
        all_signatures = session.exec(select(SignatureRow).order_by(col(SignatureRow.id))).all()
        for signature in all_signatures:
            signed.setdefault(signature.agreement_id, []).append(signature)
        keys = agreement_signing.device_keys(
            session, [s.signer_device for s in all_signatures if s.signer_device]
        )
        records: list[Record] = []
        for kind, table in TABLES.items():
            statement = select(table)
            if relationship_id is not None:
                if kind is RecordKind.RELATIONSHIP:
                    statement = statement.where(table.id == relationship_id)
                elif "relationship_id" in table.model_fields:
                    owner = col(getattr(table, "relationship_id"))  # noqa: B009
                    statement = statement.where(owner == relationship_id)
                else:  # a kind that belongs to no relationship is not part of one
                    continue
            statement = statement.order_by(col(table.created_at), col(table.id))
            for row in session.exec(statement).all():
                records.append(to_read_model(kind, row, signed.get(row.id, []), keys=keys))
        ids = {record.id for record in records}
        history = tuple(
            HistoryEntry(
                id=row.id or 0,
                record_id=row.record_id,
                field=row.field,
                value=row.value,
                replaced_at=as_utc(row.replaced_at) or row.replaced_at,
            )
            for row in session.exec(select(HistoryRow).order_by(col(HistoryRow.id))).all()
            if row.record_id in ids
        )
        seals = {
            (row.agreement_id, Party(row.party)): row.signature
            for row in all_signatures
            if row.agreement_id in ids and row.signature is not None
        }
        meta = {row.key: row.value for row in session.exec(select(MetaRow)).all()}
        version = int(session.connection().exec_driver_sql("PRAGMA user_version").scalar_one())
    return StoredRows(tuple(records), history, seals, meta, version)


def existing_ids(journal: OpenJournal, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` a record of this journal already has (of any kind)."""
    wanted = list(ids)
    found: set[str] = set()
    with (
        translate_errors(journal.paths.db),
        Session(journal.read_engine) as session,
        session.begin(),
    ):
        for table in TABLES.values():
            for start in range(0, len(wanted), 500):  # SQLite bounds the parameters
                chunk = wanted[start : start + 500]
                found.update(session.exec(select(table.id).where(col(table.id).in_(chunk))).all())
    return found


def write_rows(
    journal: OpenJournal,
    records: Sequence[Record],
    history: Sequence[HistoryEntry],
    seals: Seals,
) -> None:
    """Insert ``records`` with their own ids and timestamps, their history and signatures,
    in one transaction: on any failure nothing is written.

    Links are checked when the transaction commits (foreign keys deferred), so the order of
    ``records`` does not matter; the caller makes sure none of the ids exists yet. Rows go
    in with one statement per table (executemany), not one ORM object each: an import of
    35,000 records spent most of its time in the ORM's unit of work.
    """
    by_kind: dict[RecordKind, list[dict[str, Any]]] = {}
    signatures: list[dict[str, Any]] = []
    for record in records:
        by_kind.setdefault(record.kind_of_record, []).append(_row_values(record))
        if isinstance(record, Agreement):
            signatures += _signature_values(record, seals)
    earlier = [
        {
            "record_id": entry.record_id,
            "field": entry.field,
            "value": entry.value,
            "replaced_at": entry.replaced_at,
        }
        for entry in history
    ]
    with translate_errors(journal.paths.db), journal.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for kind, rows in by_kind.items():
            connection.execute(insert(_table(TABLES[kind])), rows)
        for table, rows in ((SignatureRow, signatures), (HistoryRow, earlier)):
            if rows:
                connection.execute(insert(_table(table)), rows)
        for record in records:  # live records are found by search, as the record store does
            if record.deleted_at is None:
                search_index.put_row(connection, record.kind_of_record, record)
        creation.checkpoint("import-before-commit")  # tests kill -9 the import here


def _table(model: type[Base]) -> Table:
    table: Table = metadata.tables[str(model.__tablename__)]
    return table


def _row_values(record: Record) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": record.id,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "deleted_at": record.deleted_at,
        "scope": record.scope.value,
    }
    for spec in RECORDS[record.kind_of_record].columns:
        value = getattr(record, spec.name)
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        values[spec.name] = value
    return values


def _signature_values(agreement: Agreement, seals: Seals) -> list[dict[str, Any]]:
    return [
        {
            "agreement_id": agreement.id,
            "party": signature.party.value,
            "name": signature.name,
            "signed_at": signature.signed_at,
            "text_hash": signature.text_hash,
            "signature": seals.get((agreement.id, signature.party)),
            "signer_device": signature.device_id,
            "agreement_version": signature.version,
        }
        for signature in agreement.signatures
    ]
