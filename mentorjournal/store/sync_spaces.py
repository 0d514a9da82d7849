"""The tables of the shared-folder sync (on the journal's ``metadata``; SQL frozen in
``schema_sync_spaces.py``). Rows never leave ``store/``: :mod:`sync_spaces_state` hands out
read models.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from mentorjournal.store.tables import Base


class SyncSpaceRow(Base, table=True):
    __tablename__ = "sync_space"
    space_id: str = Field(primary_key=True)
    folder: str
    relationship_id: str | None = None
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
    last_hash: bytes | None = None
    pending_seq: int | None = None
    pending_hash: bytes | None = None
    last_sync: datetime | None = None
    created_at: datetime


class SyncKeyRow(Base, table=True):
    __tablename__ = "sync_key"
    space_id: str = Field(primary_key=True, foreign_key="sync_space.space_id")
    epoch: int = Field(primary_key=True)
    key: bytes


class SyncSentRow(Base, table=True):
    __tablename__ = "sync_sent"
    space_id: str = Field(primary_key=True, foreign_key="sync_space.space_id")
    seq: int = Field(primary_key=True)
    data: bytes


class SyncMemberRow(Base, table=True):
    __tablename__ = "sync_member"
    space_id: str = Field(primary_key=True, foreign_key="sync_space.space_id")
    device_id: str = Field(primary_key=True)
    name: str
    signing: bytes
    exchange: bytes
    role: str
    joined_epoch: int
    removed_epoch: int | None = None
    removed_after_seq: int | None = None
    last_seq: int
    last_hash: bytes | None = None
    last_activity: datetime | None = None


class SyncNotedRow(Base, table=True):
    __tablename__ = "sync_noted"
    __table_args__ = (UniqueConstraint("space_id", "fingerprint"),)
    id: int | None = Field(default=None, primary_key=True)
    space_id: str = Field(foreign_key="sync_space.space_id")
    fingerprint: str
    reason: str
    path: str
    device: str
    count: int
    noted_at: datetime
