"""The JSON export's content and its name and version: shared by the writer and the reader.

The file format is documented key by key in ``docs/export-json.md``. Records travel as the
domain's read models, so every kind of ``RECORDS`` and every field of its declaration comes
along without this package naming them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from mentorjournal.domain import HistoryEntry, Party, Record

FORMAT = "mentorjournal-export"
VERSION = 1  # raised whenever a reader of this version would misread a newer file


@dataclass(frozen=True, slots=True)
class JournalContent:
    """Everything a JSON export holds, in domain types.

    ``records`` are in an order where each kind comes after the kinds it links to (as the
    journal lists them); ``history`` is oldest first; ``seals`` are the Ed25519 signatures
    the sync puts on an agreement's signature, by (agreement id, party); ``attachments`` are
    the decrypted files of materials, by attachment id.
    """

    owner_name: str
    schema_version: int
    journal_created_at: str | None
    relationship_id: str | None  # the one relationship exported, or None for the journal
    records: tuple[Record, ...]
    history: tuple[HistoryEntry, ...]
    seals: Mapping[tuple[str, Party], bytes] = field(default_factory=dict)
    attachments: Mapping[str, bytes] = field(default_factory=dict)


def value_to_json(value: Any) -> Any:
    """A field's value as JSON: enums by value, dates and times in ISO 8601, lists as lists.

    Meeting times (``datetime`` fields) are wall-clock times without a zone and stay so;
    records' own timestamps are UTC and carry their offset.
    """
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
