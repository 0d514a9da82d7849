"""Write a journal's content as the versioned JSON export (``docs/export-json.md``).

The file is complete: every record of every kind with every field (the trash too, with its
``deleted_at``), the earlier values of text fields, agreement signatures, and attachments
inside as base64 (one self-contained file: nothing beside it can go missing).
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime
from typing import Any

from mentorjournal import __version__
from mentorjournal.domain import RECORDS, Agreement, Record
from mentorjournal.export.json_format import FORMAT, VERSION, JournalContent, value_to_json


def to_json(content: JournalContent, exported_at: datetime) -> bytes:
    """The export file's bytes (UTF-8, indented so that people can read and diff it)."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "exported_at": exported_at.isoformat(),
        "journal": {
            "owner_name": content.owner_name,
            "created_at": content.journal_created_at,
            "schema_version": content.schema_version,
        },
        "relationship_id": content.relationship_id,
        "records": _records(content),
        "history": [
            {
                "record_id": entry.record_id,
                "field": entry.field,
                "value": entry.value,
                "replaced_at": entry.replaced_at.isoformat(),
            }
            for entry in content.history
        ],
        "attachments": {
            blob_id: {
                "sha256": hashlib.sha256(data).hexdigest(),
                "data": base64.b64encode(data).decode("ascii"),
            }
            for blob_id, data in content.attachments.items()
        },
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _records(content: JournalContent) -> dict[str, list[dict[str, Any]]]:
    """Every kind is a key, even with no records, so a reader sees what the file covers."""
    by_kind: dict[str, list[dict[str, Any]]] = {kind.value: [] for kind in RECORDS}
    for record in content.records:
        by_kind[record.kind_of_record.value].append(_record(record, content))
    return by_kind


def _record(record: Record, content: JournalContent) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": record.id,
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
        "deleted_at": None if record.deleted_at is None else record.deleted_at.isoformat(),
        "scope": record.scope.value,
    }
    for spec in RECORDS[record.kind_of_record].columns:
        out[spec.name] = value_to_json(getattr(record, spec.name))
    if isinstance(record, Agreement):
        out["signatures"] = [
            {
                "party": signature.party.value,
                "name": signature.name,
                "signed_at": signature.signed_at.isoformat(),
                "text_hash": signature.text_hash,
                "valid": signature.valid,
                "version": signature.version,
                "device": signature.device_id,
                "verified": signature.verified,
                "seal": _seal(content, record.id, signature.party),
            }
            for signature in record.signatures
        ]
    return out


def _seal(content: JournalContent, agreement_id: str, party: Any) -> str | None:
    seal = content.seals.get((agreement_id, party))
    return None if seal is None else base64.b64encode(seal).decode("ascii")
