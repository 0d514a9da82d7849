"""Open exports of an unlocked journal: JSON (complete), Markdown and ICS (for reading).

Exports are the only plaintext the app writes, and only where the user asked: each goes
through :mod:`mentorjournal.services.user_files` (owner-only, crash-safe, never over the
journal's own files, an existing file replaced only when forced). The front ends tell the
user that an export is not encrypted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from mentorjournal.domain import (
    CancelToken,
    InvalidValue,
    Material,
    Progress,
    RecordKind,
    no_progress,
)
from mentorjournal.domain.errors import Reason
from mentorjournal.domain.progress import check_cancelled
from mentorjournal.export.json_export import to_json
from mentorjournal.export.json_format import JournalContent
from mentorjournal.services.journal import CREATED_AT_KEY, OWNER_NAME_KEY
from mentorjournal.services.user_files import check_output, write_private_file
from mentorjournal.store import transfer
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.journal import OpenJournal
from mentorjournal.store.records import RecordStore

Clock = Callable[[], datetime]


class ExportService:
    """Writes the exports of one unlocked journal."""

    def __init__(
        self, journal: OpenJournal, records: RecordStore, blobs: BlobStore, clock: Clock
    ) -> None:
        self._journal = journal
        self._records = records
        self._blobs = blobs
        self._clock = clock

    def content(
        self, relationship_id: str | None = None, *, cancel: CancelToken | None = None
    ) -> JournalContent:
        """Everything of the journal, or of one relationship, attachments decrypted."""
        if relationship_id is not None:
            self._require_relationship(relationship_id)
        rows = transfer.read_rows(self._journal, relationship_id)
        attachments: dict[str, bytes] = {}
        for record in rows.records:
            if isinstance(record, Material) and record.attachment_id is not None:
                check_cancelled(cancel)
                attachments[record.attachment_id] = self._blobs.get(record.attachment_id)
        return JournalContent(
            owner_name=rows.meta.get(OWNER_NAME_KEY, ""),
            schema_version=rows.schema_version,
            journal_created_at=rows.meta.get(CREATED_AT_KEY),
            relationship_id=relationship_id,
            records=rows.records,
            history=rows.history,
            seals=rows.seals,
            attachments=attachments,
        )

    def export_json(
        self,
        out: Path,
        *,
        relationship_id: str | None = None,
        force: bool = False,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> Path:
        """Write the JSON export to the file ``out``; return it."""
        check_output(out, self._journal.paths.root, force=force)
        progress(0, 2)
        content = self.content(relationship_id, cancel=cancel)
        data = to_json(content, self._clock())
        check_cancelled(cancel)
        progress(1, 2)
        write_private_file(out, data, self._journal.paths.root, force=force)
        progress(2, 2)
        return out

    def _require_relationship(self, relationship_id: str) -> None:
        if self._records.kind_of(relationship_id) is not RecordKind.RELATIONSHIP:
            raise InvalidValue("relationship_id", Reason.not_a(RecordKind.RELATIONSHIP))
