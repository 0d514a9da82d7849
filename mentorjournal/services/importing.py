"""Import a JSON export into an unlocked journal, with nothing lost and nothing clobbered.

Records keep their ids, timestamps, scope, trash mark, history, signatures and attachments.
A record whose id the journal already has is left exactly as the journal holds it, and the
file's copy (with its history, signatures and attachment) is skipped: importing the same
file twice adds nothing the second time, and an import never overwrites. Everything else is
written in one transaction; a file that fails any check is refused whole and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mentorjournal.domain import (
    Agreement,
    CancelToken,
    InvalidValue,
    Progress,
    RecordKind,
    no_progress,
)
from mentorjournal.domain.errors import Reason
from mentorjournal.domain.progress import check_cancelled
from mentorjournal.export.json_format import JournalContent
from mentorjournal.export.json_import import read_export
from mentorjournal.services.user_files import read_bytes
from mentorjournal.store import transfer
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.journal import OpenJournal
from mentorjournal.store.records import RecordStore


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: records added, and records skipped because the journal had them."""

    added: int
    skipped: int
    attachments: int


def read_export_file(path: Path) -> JournalContent:
    """The checked content of an export file (typed errors for a missing or invalid one)."""
    return read_export(read_bytes(path), path)


def owner_name_in(path: Path) -> str:
    """Whose journal the export came from: a new journal made for it takes this name."""
    return read_export_file(path).owner_name


class ImportService:
    """Imports JSON exports into one unlocked journal."""

    def __init__(self, journal: OpenJournal, records: RecordStore, blobs: BlobStore) -> None:
        self._journal = journal
        self._records = records
        self._blobs = blobs

    def import_json(
        self,
        path: Path,
        *,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> ImportResult:
        """Import the export file ``path``; see the module's docstring for what is kept."""
        progress(0, 3)
        content = read_export_file(path)
        check_cancelled(cancel)
        progress(1, 3)
        present = transfer.existing_ids(self._journal, (r.id for r in content.records))
        new = [record for record in content.records if record.id not in present]
        new_ids = {record.id for record in new}
        self._refuse_second_agreement(content, new_ids)
        attachments = {
            blob_id: data
            for blob_id, data in content.attachments.items()
            if any(getattr(r, "attachment_id", None) == blob_id for r in new)
        }
        check_cancelled(cancel)
        written: list[str] = []
        try:
            for blob_id, data in attachments.items():
                check_cancelled(cancel)
                if not self._blobs.exists(blob_id):
                    written.append(self._blobs.put(data, blob_id))
            progress(2, 3)
            transfer.write_rows(
                self._journal,
                new,
                [entry for entry in content.history if entry.record_id in new_ids],
                {key: seal for key, seal in content.seals.items() if key[0] in new_ids},
            )
        except BaseException:
            for blob_id in written:  # nothing of a refused import stays behind
                self._blobs.discard(blob_id)
            raise
        progress(3, 3)
        return ImportResult(
            added=len(new), skipped=len(content.records) - len(new), attachments=len(attachments)
        )

    def _refuse_second_agreement(self, content: JournalContent, new_ids: set[str]) -> None:
        """A relationship has one agreement in force: one more from the file is refused."""
        live: dict[str, int] = {}
        for record in content.records:
            if isinstance(record, Agreement) and record.deleted_at is None and record.id in new_ids:
                live[record.relationship_id] = live.get(record.relationship_id, 0) + 1
        for relationship_id, count in live.items():
            held = [
                agreement
                for agreement in self._records_of(relationship_id)
                if agreement.id not in new_ids
            ]
            if count + len(held) > 1:
                raise InvalidValue("relationship_id", Reason.AGREEMENT_EXISTS)

    def _records_of(self, relationship_id: str) -> list[Agreement]:
        found = self._records.list_records(RecordKind.AGREEMENT, relationship_id=relationship_id)
        return [record for record in found if isinstance(record, Agreement)]
