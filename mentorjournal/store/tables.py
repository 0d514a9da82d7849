"""SQLModel table classes: each record kind's table is built from its declaration.

The tables of records are made by :func:`table_for` from the declarations in
:mod:`mentorjournal.domain.records` (their Python types, nullability, defaults and links);
the few tables that are not records are written out below. The SQL of each schema version is
frozen in ``schema_v1.py`` and later migrations, and ``tests/store/test_schema.py`` checks
that these classes match it. ORM rows never leave ``store/``:
:mod:`mentorjournal.store.conversion` turns them into the read models.
"""

from __future__ import annotations

import types
from datetime import date, datetime
from enum import Enum
from typing import Any, cast

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, MetaData
from sqlmodel import Field, SQLModel

from mentorjournal.domain import RECORDS, FieldSpec, FieldType, RecordDeclaration, RecordKind

metadata = MetaData()


class Base(SQLModel):
    metadata = metadata


class RecordRow(Base):
    """The columns every record has (:class:`mentorjournal.domain.Record`)."""

    id: str = Field(primary_key=True)
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None
    scope: str


class MetaRow(Base, table=True):
    __tablename__ = "journal_meta"
    key: str = Field(primary_key=True)
    value: str


class SignatureRow(Base, table=True):
    __tablename__ = "agreement_signature"
    id: int | None = Field(default=None, primary_key=True)
    agreement_id: str = Field(foreign_key="agreement.id")
    party: str
    name: str
    signed_at: datetime
    text_hash: str
    signature: bytes | None = None
    # Since schema 6: the device whose Ed25519 key made ``signature``, and what it signed.
    signer_device: str | None = None
    agreement_version: int | None = None


class SigningDeviceRow(Base, table=True):
    """A device's Ed25519 public key, kept for checking what it signed (schema 6)."""

    __tablename__ = "signing_device"
    device_id: str = Field(primary_key=True)
    signing: bytes
    own: bool


class HistoryRow(Base, table=True):
    __tablename__ = "field_history"
    id: int | None = Field(default=None, primary_key=True)
    record_id: str
    field: str
    value: str
    replaced_at: datetime


_PYTHON_TYPES: dict[FieldType, Any] = {
    FieldType.TEXT: str,
    FieldType.LINE: str,
    FieldType.ENUM: str,  # stored as its value
    FieldType.DATE: date,
    # Meeting times are wall-clock times where the meeting happens, stored without a zone.
    FieldType.DATETIME: NaiveDatetime,
    FieldType.INT: int,
    FieldType.REF: str,
}


def _column(spec: FieldSpec) -> tuple[Any, Any]:
    """The annotation and default (a ``Field``) of one declared field's column."""
    if spec.is_list:  # a JSON array, never null
        return list[str], Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    python_type: Any = _PYTHON_TYPES[spec.field_type]
    default = spec.default.value if isinstance(spec.default, Enum) else spec.default
    if spec.nullable:
        python_type = python_type | None
    elif spec.is_text and default is None:
        default = ""  # a text left out is empty, never missing
    options: dict[str, Any] = {}
    if spec.ref_kind is not None:
        options["foreign_key"] = f"{spec.ref_kind.value}.id"
    if default is not None or spec.nullable:
        options["default"] = default
    return python_type, Field(**options)


def table_for(
    declaration: RecordDeclaration, table_metadata: MetaData | None = None
) -> type[RecordRow]:
    """The SQLModel table class of a record kind, named after its read model (``GoalRow``).

    ``table_metadata`` is for tests that build a throwaway table beside the journal's.
    """
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__tablename__": declaration.kind.value, "__module__": __name__}
    if table_metadata is not None:
        namespace["metadata"] = table_metadata
    for spec in declaration.columns:
        annotations[spec.name], namespace[spec.name] = _column(spec)
    namespace["__annotations__"] = annotations
    row = types.new_class(
        f"{declaration.model.__name__}Row",
        (RecordRow,),
        {"table": True},
        lambda body: body.update(namespace),
    )
    return cast("type[RecordRow]", row)


TABLES: dict[RecordKind, type[RecordRow]] = {
    kind: table_for(declaration) for kind, declaration in RECORDS.items()
}
