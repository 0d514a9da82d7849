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
    Relationship,
    Session,
    no_progress,
)
from mentorjournal.domain.errors import Reason
from mentorjournal.domain.progress import check_cancelled
from mentorjournal.export.ics_export import to_ics
from mentorjournal.export.json_export import to_json
from mentorjournal.export.json_format import JournalContent
from mentorjournal.export.markdown_export import MarkdownOptions, render
from mentorjournal.export.wording import UNTRANSLATED, Wording
from mentorjournal.services.export_folders import check_output_folder, write_private_folder
from mentorjournal.services.journal import CREATED_AT_KEY, OWNER_NAME_KEY
from mentorjournal.services.user_files import check_output, write_private_file
from mentorjournal.store import transfer
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.journal import OpenJournal
from mentorjournal.store.records import RecordStore

Clock = Callable[[], datetime]

# What the front ends pass to the readable exports (they do not import the export package).
__all__ = ["ExportService", "MarkdownOptions", "Wording"]


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

    def export_markdown(
        self,
        out: Path,
        *,
        wording: Wording = UNTRANSLATED,
        relationship_id: str | None = None,
        options: MarkdownOptions = MarkdownOptions(),  # noqa: B008  # frozen: shared safely
        force: bool = False,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> Path:
        """Write Markdown into the folder ``out`` (new or empty, or replaced with ``force``)."""
        check_output_folder(out, self._journal.paths.root, force=force)
        progress(0, 2)
        files = render(self.content(relationship_id, cancel=cancel), wording, options)
        check_cancelled(cancel)
        progress(1, 2)
        write_private_folder(out, files, self._journal.paths.root, force=force, cancel=cancel)
        progress(2, 2)
        return out

    def export_ics(
        self,
        out: Path,
        relationship_id: str,
        *,
        wording: Wording = UNTRANSLATED,
        force: bool = False,
    ) -> tuple[Path, int]:
        """Write the relationship's sessions to the calendar file ``out``; return it and how
        many events it holds."""
        check_output(out, self._journal.paths.root, force=force)
        relationship = self._require_relationship(relationship_id)
        sessions = [
            record
            for record in self._records.list_records(
                RecordKind.SESSION, relationship_id=relationship_id
            )
            if isinstance(record, Session)
        ]
        data = to_ics(relationship, sessions, wording)
        write_private_file(out, data, self._journal.paths.root, force=force)
        return out, len(sessions)

    def _require_relationship(self, relationship_id: str) -> Relationship:
        record = self._records.get(relationship_id)
        if not isinstance(record, Relationship):
            raise InvalidValue("relationship_id", Reason.not_a(RecordKind.RELATIONSHIP))
        return record
