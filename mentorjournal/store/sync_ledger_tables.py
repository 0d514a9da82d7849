"""SQLModel classes of the merge side's tables (SQL in ``schema_sync_merge.py``).

They sit on the journal's ``metadata`` so that the schema tests check them against the SQL;
the ledger itself reads and writes them with plain statements (:mod:`.sync_ledger`), since
it moves thousands of rows at a time.
"""

from __future__ import annotations

from sqlmodel import Field

from mentorjournal.store.tables import Base


class SyncChangeRow(Base, table=True):
    __tablename__ = "sync_change"
    seq: int | None = Field(default=None, primary_key=True)
    record_id: str = Field(unique=True)
    kind: str


class SyncTrackedRow(Base, table=True):
    __tablename__ = "sync_tracked"
    kind: str = Field(primary_key=True)


class SyncRecordRow(Base, table=True):
    __tablename__ = "sync_record"
    record_id: str = Field(primary_key=True)
    kind: str
    relationship_id: str | None = None
    created_at: str
    registers: str
    base: str


class SyncTextRow(Base, table=True):
    __tablename__ = "sync_text"
    record_id: str = Field(primary_key=True)
    field: str = Field(primary_key=True)
    state: bytes


class SyncMergeSentRow(Base, table=True):
    __tablename__ = "sync_merge_sent"
    space_id: str = Field(primary_key=True)
    seq: int


class SyncWaitRow(Base, table=True):
    __tablename__ = "sync_wait"
    record_id: str = Field(primary_key=True)
    waits_for: str = Field(primary_key=True, index=True)


class SyncStateRow(Base, table=True):
    __tablename__ = "sync_state"
    key: str = Field(primary_key=True)
    value: int
