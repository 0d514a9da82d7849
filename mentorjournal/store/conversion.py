"""Turn ORM rows into the immutable read models of the domain."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from mentorjournal.domain import (
    FIELDS,
    READ_MODELS,
    FieldSpec,
    FieldType,
    Party,
    Record,
    RecordKind,
    Scope,
    Signature,
)
from mentorjournal.store.tables import AgreementRow, RecordRow, SignatureRow

AGREEMENT_CONTENT = tuple(
    spec.name for spec in FIELDS[RecordKind.AGREEMENT] if spec.name != "relationship_id"
)


def as_utc(moment: datetime | None) -> datetime | None:
    """Timestamps in read models are always in UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def agreement_hash(row: AgreementRow) -> str:
    """SHA-256 over the agreement's content; any edit of its text changes it."""
    content = {name: getattr(row, name) for name in AGREEMENT_CONTENT}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_SPECS: dict[RecordKind, dict[str, FieldSpec]] = {
    kind: {spec.name: spec for spec in specs} for kind, specs in FIELDS.items()
}


def _convert_field(kind: RecordKind, name: str, value: Any) -> Any:
    spec = _SPECS[kind].get(name)
    if spec is None or value is None:
        return value
    if spec.field_type is FieldType.ENUM and spec.enum is not None:
        return spec.enum(value)
    if spec.field_type in (FieldType.LIST, FieldType.REFS):
        return tuple(value)
    return value


def to_read_model(
    kind: RecordKind, row: RecordRow, signatures: list[SignatureRow] | None = None
) -> Record:
    model = READ_MODELS[kind]
    values: dict[str, Any] = {
        "id": row.id,
        "created_at": as_utc(row.created_at),
        "updated_at": as_utc(row.updated_at),
        "deleted_at": as_utc(row.deleted_at),
        "scope": Scope(row.scope),
    }
    for field in dataclasses.fields(model):
        if field.name in values or field.name == "signatures":
            continue
        values[field.name] = _convert_field(kind, field.name, getattr(row, field.name))
    if kind is RecordKind.AGREEMENT:
        assert isinstance(row, AgreementRow)
        current = agreement_hash(row)
        values["signatures"] = tuple(
            Signature(
                party=Party(s.party),
                name=s.name,
                signed_at=as_utc(s.signed_at) or s.signed_at,
                text_hash=s.text_hash,
                valid=s.text_hash == current,
            )
            for s in signatures or []
        )
    return model(**values)
