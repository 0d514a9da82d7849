"""Turn ORM rows into the immutable read models of the domain, as each declaration says."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from mentorjournal.domain import (
    RECORDS,
    FieldSpec,
    FieldType,
    Party,
    Record,
    RecordDeclaration,
    RecordKind,
    Scope,
    Signature,
)
from mentorjournal.store import agreement_signing
from mentorjournal.store.agreement_signing import DeviceKey
from mentorjournal.store.tables import RecordRow, SignatureRow

# What a signature covers: every field of the agreement but the relationship it belongs to.
AGREEMENT_CONTENT = tuple(
    spec.name for spec in RECORDS[RecordKind.AGREEMENT].fields if spec.name != "relationship_id"
)


def as_utc(moment: datetime | None) -> datetime | None:
    """Timestamps in read models are always in UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def agreement_hash(row: RecordRow) -> str:
    """SHA-256 over the agreement's content; any edit of its text changes it."""
    content = {name: getattr(row, name) for name in AGREEMENT_CONTENT}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


Converter = Callable[[Any], Any] | None


def _converter(spec: FieldSpec) -> Converter:
    """How a stored value becomes the read model's: enums from their values, lists as tuples."""
    if spec.field_type is FieldType.ENUM and spec.enum is not None:
        return spec.enum
    if spec.is_list:
        return tuple
    return None


def _plan(declaration: RecordDeclaration) -> tuple[tuple[str, Converter], ...]:
    return tuple((spec.name, _converter(spec)) for spec in declaration.columns)


# Worked out once per kind: listing 500 sessions converts 4,500 values.
_PLANS: dict[RecordKind, tuple[tuple[str, Converter], ...]] = {
    kind: _plan(declaration) for kind, declaration in RECORDS.items()
}


def to_read_model(
    kind: RecordKind,
    row: RecordRow,
    signatures: list[SignatureRow] | None = None,
    declaration: RecordDeclaration | None = None,
    keys: dict[str, DeviceKey] | None = None,
) -> Record:
    """The read model of ``row``; ``declaration`` only for a kind outside :data:`RECORDS`.

    ``keys`` are the signing keys of the devices that signed (see
    :func:`agreement_signing.device_keys`); a signature whose device is not among them does
    not verify.
    """
    declaration = declaration or RECORDS[kind]
    plan = _PLANS[kind] if declaration is RECORDS.get(kind) else _plan(declaration)
    values: dict[str, Any] = {
        "id": row.id,
        "created_at": as_utc(row.created_at),
        "updated_at": as_utc(row.updated_at),
        "deleted_at": as_utc(row.deleted_at),
        "scope": Scope(row.scope),
    }
    for name, convert in plan:
        stored = getattr(row, name)
        values[name] = stored if convert is None or stored is None else convert(stored)
    if kind is RecordKind.AGREEMENT:
        current = agreement_hash(row)
        values["signatures"] = tuple(
            Signature(
                party=Party(s.party),
                name=s.name,
                signed_at=as_utc(s.signed_at) or s.signed_at,
                text_hash=s.text_hash,
                valid=s.text_hash == current,
                version=s.agreement_version,
                device_id=s.signer_device,
                verified=agreement_signing.verified(s, keys or {}),
            )
            for s in signatures or []
        )
    return declaration.model(**values)
