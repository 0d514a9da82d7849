"""What ``verify`` finds wrong with a journal: typed problems the front ends put into words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ProblemKind(StrEnum):
    KEY_FILE_DAMAGED = "key_file_damaged"  # journal.key does not parse
    DATABASE_PAGES = "database_pages"  # SQLCipher's page check (HMAC) failed
    DATABASE_STRUCTURE = "database_structure"  # SQLite's structure check failed
    DATABASE_UNREADABLE = "database_unreadable"  # the checks could not even run
    ATTACHMENT_DAMAGED = "attachment_damaged"  # an attachment file does not decrypt
    ATTACHMENT_MISSING = "attachment_missing"  # a record names an attachment that is gone
    UNEXPECTED_FILE = "unexpected_file"  # a file in blobs/ that is not ours
    LEFTOVER_STAGING = "leftover_staging"  # an interrupted backup or re-key left files behind


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong; ``path`` is the file concerned, ``detail`` SQLite's own words if any."""

    kind: ProblemKind
    path: str
    detail: str = ""
