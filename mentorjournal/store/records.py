"""Create, read, update, soft-delete and restore records; keep field history and the index.

Every public method is one transaction. Values arrive already validated and converted by the
services; read models go out. ORM rows stay inside this module.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from mentorjournal import crypto
from mentorjournal.domain import (
    RECORDS,
    HistoryEntry,
    InvalidValue,
    Party,
    Record,
    RecordKind,
    RecordNotFound,
)
from mentorjournal.domain.errors import Reason
from mentorjournal.store import agreement_signing, overview, search_index
from mentorjournal.store.conversion import (
    AGREEMENT_CONTENT,
    agreement_hash,
    as_utc,
    to_read_model,
)
from mentorjournal.store.database import translate_errors
from mentorjournal.store.journal import OpenJournal
from mentorjournal.store.tables import (
    TABLES,
    HistoryRow,
    MetaRow,
    RecordRow,
    SignatureRow,
)

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Insert:
    """A new record of ``kind``, one step of :meth:`RecordStore.apply`."""

    kind: RecordKind
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Update:
    """Changed fields of a record, one step of :meth:`RecordStore.apply`."""

    record_id: str
    changes: Mapping[str, Any]


_ORDER: dict[RecordKind, tuple[str, bool]] = {
    RecordKind.SESSION: ("held_at", True),
    RecordKind.ENTRY: ("created_at", True),
    RecordKind.HOMEWORK: ("due_date", False),
}


def _stored(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# List columns left out of an insert. Pydantic would call their ``default_factory`` through
# ``inspect.signature`` on every new row: about 0.4 ms of the 2 ms a record took to add.
_EMPTY_LISTS: dict[RecordKind, tuple[str, ...]] = {
    kind: tuple(name for name, info in table.model_fields.items() if info.default_factory is list)
    for kind, table in TABLES.items()
}

# Which table holds an id: each branch is one primary-key probe. Names come from TABLES.
_KIND_OF_ID = text(
    " UNION ALL ".join(  # noqa: S608
        f"SELECT '{kind.value}' FROM {table.__tablename__} WHERE id = :id"  # noqa: S608
        for kind, table in TABLES.items()
    )
    + " LIMIT 1"
)


class RecordStore:
    """The records of one unlocked journal."""

    def __init__(self, journal: OpenJournal, clock: Clock) -> None:
        self._journal = journal
        # The engines are taken from the journal for each transaction, never kept here: once
        # the journal is closed, every call raises JournalLocked.
        self._clock = clock

    def _transaction(self) -> AbstractContextManager[Session]:
        """A transaction that may write: it holds the write lock from its start."""
        return self._session_on(self._journal.engine)

    def _reading(self) -> AbstractContextManager[Session]:
        """A read-only transaction: a consistent snapshot that does not block writers."""
        return self._session_on(self._journal.read_engine)

    @contextmanager
    def _session_on(self, engine: Engine) -> Iterator[Session]:
        with (
            translate_errors(self._journal.paths.db),
            Session(engine) as session,
            session.begin(),
        ):
            yield session

    def _now(self) -> datetime:
        return self._clock().astimezone(UTC)

    # -- reading ------------------------------------------------------------------------

    def kind_of(self, record_id: str) -> RecordKind:
        with self._reading() as session:
            return self._locate(session, record_id)[0]

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of the one record whose id starts with ``id_or_prefix``."""
        prefix = id_or_prefix.strip().lower()
        if len(prefix) < 4:
            raise RecordNotFound(id_or_prefix)
        found: list[str] = []
        with self._reading() as session:
            for table in TABLES.values():
                statement = (
                    select(table.id)
                    .where(col(table.id).startswith(prefix, autoescape=True))
                    .limit(2)
                )
                found.extend(session.exec(statement).all())
        if not found:
            raise RecordNotFound(id_or_prefix)
        if len(found) > 1:
            raise InvalidValue("id", Reason.AMBIGUOUS)
        return found[0]

    def get(self, record_id: str) -> Record:
        with self._reading() as session:
            kind, row = self._locate(session, record_id)
            return self._read(session, kind, row)

    def list_records(
        self,
        kind: RecordKind,
        *,
        relationship_id: str | None = None,
        trash: bool = False,
    ) -> list[Record]:
        """Live records of a kind (or, with ``trash``, only the deleted ones)."""
        table = TABLES[kind]
        statement = select(table)
        if trash:
            statement = statement.where(col(table.deleted_at).is_not(None))
        else:
            statement = statement.where(col(table.deleted_at).is_(None))
        if relationship_id is not None and kind is not RecordKind.RELATIONSHIP:
            statement = statement.where(col(getattr(table, "relationship_id")) == relationship_id)  # noqa: B009
        field, descending = _ORDER.get(kind, ("created_at", False))
        column = col(getattr(table, field))
        if kind is RecordKind.HOMEWORK:
            statement = statement.order_by(column.is_(None), column, col(table.created_at))
        else:
            statement = statement.order_by(column.desc() if descending else column)
        with self._reading() as session:
            return [self._read(session, kind, row) for row in session.exec(statement).all()]

    def history(self, record_id: str, field: str) -> list[HistoryEntry]:
        """Earlier values of a text field, newest first."""
        text_fields = RECORDS[self.kind_of(record_id)].text_fields
        if field not in text_fields:
            raise InvalidValue(field, Reason.NO_HISTORY, text_fields)
        statement = (
            select(HistoryRow)
            .where(HistoryRow.record_id == record_id, HistoryRow.field == field)
            .order_by(col(HistoryRow.id).desc())
        )
        with self._reading() as session:
            return [
                HistoryEntry(
                    id=row.id or 0,
                    record_id=row.record_id,
                    field=row.field,
                    value=row.value,
                    replaced_at=as_utc(row.replaced_at) or row.replaced_at,
                )
                for row in session.exec(statement).all()
            ]

    def history_value(self, record_id: str, history_id: int) -> tuple[str, str]:
        with self._reading() as session:
            row = session.get(HistoryRow, history_id)
            if row is None or row.record_id != record_id:
                raise RecordNotFound(f"{record_id}#{history_id}")
            return row.field, row.value

    # -- writing ------------------------------------------------------------------------

    def insert(self, kind: RecordKind, values: Mapping[str, Any]) -> Record:
        with self._transaction() as session:
            return self._insert_in(session, kind, values, self._now())

    def update(self, record_id: str, changes: Mapping[str, Any]) -> Record:
        """Change fields; the old value of each changed text field goes into its history."""
        with self._transaction() as session:
            return self._update_in(session, record_id, changes, self._now())

    def apply(self, steps: Sequence[Insert | Update]) -> list[Record]:
        """Several inserts and updates in one transaction: all of them are kept, or none.

        Returns the records as stored, in the order of ``steps``.
        """
        now = self._now()
        with self._transaction() as session:
            return [
                self._insert_in(session, step.kind, step.values, now)
                if isinstance(step, Insert)
                else self._update_in(session, step.record_id, step.changes, now)
                for step in steps
            ]

    def _insert_in(
        self, session: Session, kind: RecordKind, values: Mapping[str, Any], now: datetime
    ) -> Record:
        record_id = str(uuid.uuid4())
        stored = {name: _stored(value) for name, value in values.items()}
        for name in _EMPTY_LISTS[kind]:
            stored.setdefault(name, [])
        row = TABLES[kind](id=record_id, created_at=now, updated_at=now, **stored)
        session.add(row)
        session.flush()
        self._index(session, kind, row)
        return self._read(session, kind, row)

    def _update_in(
        self, session: Session, record_id: str, changes: Mapping[str, Any], now: datetime
    ) -> Record:
        kind, row = self._locate(session, record_id)
        history_fields = set(RECORDS[kind].text_fields)
        content_changed = False
        for name, value in changes.items():
            new = _stored(value)
            old = getattr(row, name)
            if old == new:
                continue
            if name in history_fields and old:
                session.add(HistoryRow(record_id=record_id, field=name, value=old, replaced_at=now))
            setattr(row, name, new)
            content_changed |= name in AGREEMENT_CONTENT
        if kind is RecordKind.AGREEMENT and content_changed:
            row.version += 1  # type: ignore[attr-defined]  # agreements have one
        row.updated_at = now
        session.add(row)
        session.flush()
        if row.deleted_at is None:
            self._index(session, kind, row)
        return self._read(session, kind, row)

    def set_deleted(self, record_id: str, deleted: bool) -> Record:
        """Move a record to the trash, or back out of it."""
        now = self._now()
        with self._transaction() as session:
            kind, row = self._locate(session, record_id)
            row.deleted_at = now if deleted else None
            row.updated_at = now
            session.add(row)
            session.flush()
            if deleted:
                search_index.remove(session.connection(), record_id)
            else:
                self._index(session, kind, row)
            return self._read(session, kind, row)

    def sign_agreement(self, agreement_id: str, party: Party, name: str) -> Record:
        """Record that ``party`` signed the agreement's current text.

        When the relationship is shared through a space, this journal's device key of that
        space signs the statement (:mod:`.agreement_signing`); the partner then signs in
        their own journal, never here. Without a space the row is a local mark.
        """
        now = self._now().replace(microsecond=0)
        with self._transaction() as session:
            kind, row = self._locate(session, agreement_id)
            if kind is not RecordKind.AGREEMENT:
                raise InvalidValue("id", Reason.NOT_AN_AGREEMENT)
            relationship_id: str = row.relationship_id  # type: ignore[attr-defined]
            version: int = row.version  # type: ignore[attr-defined]
            content_hash = agreement_hash(row)
            signer = agreement_signing.signer_for(session, relationship_id)
            if party is Party.PARTNER and agreement_signing.pair_shared(session, relationship_id):
                raise InvalidValue("party", Reason.PARTNER_SIGNS_OWN)
            signed: dict[str, Any] = {}
            if party is Party.ME and signer is not None:
                message = agreement_signing.statement(
                    agreement_id, version, content_hash, signer.device_id, name, now
                )
                agreement_signing.remember(session, signer)
                signed = {
                    "signature": crypto.sign(signer.signing_key, message),
                    "signer_device": signer.device_id,
                }
            stale = select(SignatureRow).where(
                SignatureRow.agreement_id == agreement_id, SignatureRow.party == party.value
            )
            for old in session.exec(stale).all():
                session.delete(old)
            session.add(
                SignatureRow(
                    agreement_id=agreement_id,
                    party=party.value,
                    name=name,
                    signed_at=now,
                    text_hash=content_hash,
                    agreement_version=version,
                    **signed,
                )
            )
            session.flush()
            return self._read(session, kind, row)

    def overview(self, relationship_id: str, now: datetime, today: date) -> overview.Figures:
        with self._reading() as session:
            return overview.figures(session.connection(), relationship_id, now, today)

    def search(
        self,
        query: str,
        *,
        relationship_id: str | None = None,
        kinds: Sequence[RecordKind] = (),
        limit: int = 50,
    ) -> list[tuple[search_index.IndexHit, str, list[str]]]:
        """Index hits, best first, each with its record's title and other text."""
        with self._reading() as session:
            connection = session.connection()
            hits = search_index.query(
                connection, query, relationship_id=relationship_id, kinds=kinds, limit=limit
            )
            texts = search_index.texts(connection, hits)
        return [(hit, *texts.get(hit.record_id, ("", []))) for hit in hits]

    # -- journal metadata ---------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self._reading() as session:
            row = session.get(MetaRow, key)
            return None if row is None else row.value

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as session:
            session.merge(MetaRow(key=key, value=value))

    # -- internals ----------------------------------------------------------------------

    def _locate(self, session: Session, record_id: str) -> tuple[RecordKind, RecordRow]:
        # One statement finds the table, then one ORM load: trying each table in turn cost
        # up to eight ORM loads (0.15 ms each) for the kinds at the end of the list.
        found = session.connection().execute(_KIND_OF_ID, {"id": record_id}).scalar()
        if found is not None:
            kind = RecordKind(found)
            row = session.get(TABLES[kind], record_id)
            if row is not None:
                return kind, row
        raise RecordNotFound(record_id)

    def _read(self, session: Session, kind: RecordKind, row: RecordRow) -> Record:
        signatures = None
        if kind is RecordKind.AGREEMENT:
            statement = (
                select(SignatureRow)
                .where(SignatureRow.agreement_id == row.id)
                .order_by(col(SignatureRow.id))
            )
            signatures = list(session.exec(statement).all())
            signers = [s.signer_device for s in signatures if s.signature is not None]
            keys = agreement_signing.device_keys(session, [d for d in signers if d])
            return to_read_model(kind, row, signatures, keys=keys)
        return to_read_model(kind, row)

    def _index(self, session: Session, kind: RecordKind, row: RecordRow) -> None:
        search_index.put_row(session.connection(), kind, row)
