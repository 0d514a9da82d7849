"""Read and change the sync's own tables: spaces, keys, members, what was noted.

Each method is one transaction. The read models are frozen dataclasses; the private keys of
a device are handed to the sync layer only as bytes, and only from here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from mentorjournal.domain.sync import SpaceNotFound
from mentorjournal.store.database import translate_errors
from mentorjournal.store.journal import OpenJournal
from mentorjournal.store.sync_spaces import (
    SyncKeyRow,
    SyncMemberRow,
    SyncNotedRow,
    SyncSentRow,
    SyncSpaceRow,
)


@dataclass(frozen=True, slots=True)
class StoredSpace:
    space_id: str
    folder: str
    relationship_id: str | None
    include_private: bool
    role: str
    state: str
    device_id: str
    device_name: str
    signing_key: bytes
    exchange_key: bytes
    owner_device: str
    owner_signing: bytes
    members_seq: int
    epoch: int
    last_seq: int
    created_at: datetime
    last_hash: bytes | None = None
    pending_seq: int | None = None
    pending_hash: bytes | None = None
    last_sync: datetime | None = None

    def __repr__(self) -> str:  # never the keys
        return f"StoredSpace({self.space_id!r}, {self.state!r})"


@dataclass(frozen=True, slots=True)
class StoredMember:
    device_id: str
    name: str
    signing: bytes
    exchange: bytes
    role: str
    joined_epoch: int
    removed_epoch: int | None = None
    removed_after_seq: int | None = None
    last_seq: int = 0
    last_hash: bytes | None = None
    last_activity: datetime | None = None


@dataclass(frozen=True, slots=True)
class StoredNote:
    fingerprint: str
    reason: str
    path: str
    device: str
    count: int
    noted_at: datetime


def _names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


class SyncSpaces:
    """The sync tables of one unlocked journal."""

    def __init__(self, journal: OpenJournal) -> None:
        self._journal = journal

    @contextmanager
    def _session(self, engine: Engine | None = None) -> Iterator[Session]:
        with (
            translate_errors(self._journal.paths.db),
            Session(engine or self._journal.engine) as session,
            session.begin(),
        ):
            yield session

    def _row(self, session: Session, space_id: str) -> SyncSpaceRow:
        row = session.get(SyncSpaceRow, space_id)
        if row is None:
            raise SpaceNotFound(space_id)
        return row

    # -- spaces --------------------------------------------------------------------------

    def add(
        self, space: StoredSpace, keys: dict[int, bytes], members: Sequence[StoredMember]
    ) -> None:
        with self._session() as session:
            session.add(SyncSpaceRow(**{n: getattr(space, n) for n in _names(StoredSpace)}))
            session.flush()
            for epoch, key in keys.items():
                session.add(SyncKeyRow(space_id=space.space_id, epoch=epoch, key=key))
            for member in members:
                session.add(self._member_row(space.space_id, member))

    def spaces(self) -> list[StoredSpace]:
        with self._session(self._journal.read_engine) as session:
            rows = session.exec(select(SyncSpaceRow).order_by(col(SyncSpaceRow.created_at)))
            return [_space(row) for row in rows]

    def get(self, space_id: str) -> StoredSpace:
        with self._session(self._journal.read_engine) as session:
            return _space(self._row(session, space_id))

    def update(self, space_id: str, **changes: object) -> None:
        """Change columns of a space (state, epoch, members_seq, last_sync, owner...)."""
        with self._session() as session:
            row = self._row(session, space_id)
            for name, value in changes.items():
                setattr(row, name, value)

    def remove(self, space_id: str) -> None:
        with self._session() as session:
            for table in (SyncKeyRow, SyncMemberRow, SyncNotedRow, SyncSentRow):
                session.exec(delete(table).where(col(table.space_id) == space_id))
            session.exec(delete(SyncSpaceRow).where(col(SyncSpaceRow.space_id) == space_id))

    # -- what this device wrote ----------------------------------------------------------

    def record_pending(self, space_id: str, seq: int, digest: bytes, data: bytes) -> None:
        """The file about to be written, kept whole: it may have to be put back later."""
        with self._session() as session:
            row = self._row(session, space_id)
            row.pending_seq, row.pending_hash = seq, digest
            sent = session.get(SyncSentRow, (space_id, seq))
            if sent is None:
                session.add(SyncSentRow(space_id=space_id, seq=seq, data=data))
            else:  # never published (a crash before the rename): the number is free again
                sent.data = data

    def sent(self, space_id: str, seqs: Sequence[int]) -> dict[int, bytes]:
        """Files this device wrote, by sequence number (to put back what the folder lost)."""
        with self._session(self._journal.read_engine) as session:
            rows = session.exec(
                select(SyncSentRow).where(
                    col(SyncSentRow.space_id) == space_id, col(SyncSentRow.seq).in_(seqs)
                )
            )
            return {row.seq: row.data for row in rows}

    def record_written(self, space_id: str, seq: int, digest: bytes) -> None:
        self.update(space_id, last_seq=seq, last_hash=digest, pending_seq=None, pending_hash=None)

    # -- keys and members ----------------------------------------------------------------

    def keys(self, space_id: str) -> dict[int, bytes]:
        with self._session(self._journal.read_engine) as session:
            rows = session.exec(select(SyncKeyRow).where(col(SyncKeyRow.space_id) == space_id))
            return {row.epoch: row.key for row in rows}

    def add_keys(self, space_id: str, keys: dict[int, bytes]) -> None:
        with self._session() as session:
            for epoch, key in keys.items():
                if session.get(SyncKeyRow, (space_id, epoch)) is None:
                    session.add(SyncKeyRow(space_id=space_id, epoch=epoch, key=key))

    def members(self, space_id: str) -> list[StoredMember]:
        with self._session(self._journal.read_engine) as session:
            rows = session.exec(
                select(SyncMemberRow).where(col(SyncMemberRow.space_id) == space_id)
            )
            return [
                StoredMember(**{n: getattr(row, n) for n in _names(StoredMember)}) for row in rows
            ]

    def set_members(
        self, space_id: str, members: Sequence[StoredMember], members_seq: int, epoch: int
    ) -> None:
        """Take a newer membership list; what was accepted from each device is kept."""
        with self._session() as session:
            space = self._row(session, space_id)
            space.members_seq, space.epoch = members_seq, epoch
            for member in members:
                row = session.get(SyncMemberRow, (space_id, member.device_id))
                if row is None:
                    session.add(self._member_row(space_id, member))
                else:
                    row.name, row.role = member.name, member.role
                    row.signing, row.exchange = member.signing, member.exchange
                    row.joined_epoch, row.removed_epoch = member.joined_epoch, member.removed_epoch
                    row.removed_after_seq = member.removed_after_seq

    def accept(self, space_id: str, device_id: str, seq: int, digest: bytes, at: datetime) -> None:
        """Record the last file applied from a device."""
        with self._session() as session:
            row = session.get(SyncMemberRow, (space_id, device_id))
            if row is None:
                raise SpaceNotFound(f"{space_id}/{device_id}")
            row.last_seq, row.last_hash, row.last_activity = seq, digest, at

    @staticmethod
    def _member_row(space_id: str, member: StoredMember) -> SyncMemberRow:
        return SyncMemberRow(
            space_id=space_id, **{n: getattr(member, n) for n in _names(StoredMember)}
        )

    # -- what was reported ---------------------------------------------------------------

    def note(self, space_id: str, noted: Sequence[StoredNote]) -> list[StoredNote]:
        """Keep what was found; return only what had not been noted before."""
        new = []
        with self._session() as session:
            known = set(
                session.exec(
                    select(SyncNotedRow.fingerprint).where(col(SyncNotedRow.space_id) == space_id)
                )
            )
            for item in noted:
                if item.fingerprint in known:
                    continue
                known.add(item.fingerprint)
                session.add(
                    SyncNotedRow(
                        space_id=space_id, **{n: getattr(item, n) for n in _names(StoredNote)}
                    )
                )
                new.append(item)
        return new

    def resolve(self, space_id: str, fingerprints: Sequence[str]) -> None:
        """Forget notes that no longer hold (an attachment that has now arrived)."""
        if not fingerprints:
            return
        with self._session() as session:
            session.exec(
                delete(SyncNotedRow).where(
                    col(SyncNotedRow.space_id) == space_id,
                    col(SyncNotedRow.fingerprint).in_(fingerprints),
                )
            )

    def noted(self, space_id: str) -> list[StoredNote]:
        with self._session(self._journal.read_engine) as session:
            rows = session.exec(
                select(SyncNotedRow)
                .where(col(SyncNotedRow.space_id) == space_id)
                .order_by(col(SyncNotedRow.id))
            )
            return [StoredNote(**{n: getattr(row, n) for n in _names(StoredNote)}) for row in rows]


def _space(row: SyncSpaceRow) -> StoredSpace:
    return StoredSpace(**{n: getattr(row, n) for n in _names(StoredSpace)})
