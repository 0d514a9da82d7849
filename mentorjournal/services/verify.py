"""``verify``: everything found wrong with an unlocked journal, as typed problems.

Checks that ``journal.key`` parses, SQLCipher's page check and SQLite's structure check,
that every attachment decrypts, that every attachment a record names exists, and that no
interrupted operation left staging files behind. The front ends put each problem into words.
"""

from __future__ import annotations

from pathlib import Path

from mentorjournal.domain import (
    CancelToken,
    JournalDamaged,
    Material,
    MentorJournalError,
    Progress,
    RecordKind,
    no_progress,
)
from mentorjournal.domain.problems import Problem, ProblemKind
from mentorjournal.services.backups import is_blob_name
from mentorjournal.store import integrity, keyfile, leftovers
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.journal import OpenJournal, utc_now
from mentorjournal.store.records import RecordStore

# The part of the journal each kind of problem concerns, as JournalDamaged names it.
PART = {
    ProblemKind.KEY_FILE_DAMAGED: "key",
    ProblemKind.DATABASE_PAGES: "database",
    ProblemKind.DATABASE_STRUCTURE: "database",
    ProblemKind.DATABASE_UNREADABLE: "database",
    ProblemKind.ATTACHMENT_DAMAGED: "attachment",
    ProblemKind.ATTACHMENT_MISSING: "attachment",
    ProblemKind.UNEXPECTED_FILE: "attachment",
}


def verify(
    journal: OpenJournal, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> list[Problem]:
    """Everything wrong with ``journal``; empty when sound. Reads only, so a cancel is clean."""
    paths = journal.paths
    blob_paths = sorted(paths.blobs.iterdir()) if paths.blobs.is_dir() else []
    total = 4 + len(blob_paths)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        progress(done, total)
        if cancel is not None:
            cancel.raise_if_cancelled()

    found: list[Problem] = []
    try:
        keyfile.load(paths.key)
    except MentorJournalError as error:
        found.append(_problem(ProblemKind.KEY_FILE_DAMAGED, paths.key, type(error).__name__))
    step()
    found += integrity.database_problems(journal.engine, paths.db)
    step()
    blobs = BlobStore(journal)
    present: set[str] = set()
    for path in blob_paths:
        if path.name.startswith("."):
            pass  # an interrupted write's temporary file: reported with the leftovers below
        elif not is_blob_name(path.name):
            found.append(_problem(ProblemKind.UNEXPECTED_FILE, path))
        else:
            present.add(path.name)
            try:
                blobs.get(path.name)
            except JournalDamaged:
                found.append(_problem(ProblemKind.ATTACHMENT_DAMAGED, path))
        step()
    for blob_id in sorted(_referenced_blobs(journal) - present):
        found.append(_problem(ProblemKind.ATTACHMENT_MISSING, paths.blobs / blob_id))
    step()
    found += [
        _problem(ProblemKind.LEFTOVER_STAGING, path) for path in leftovers.leftovers(paths.root)
    ]
    step()
    return found


def first_damage(journal: OpenJournal) -> JournalDamaged | None:
    """The first problem that makes a journal damaged (leftovers do not), as an error."""
    for problem in verify(journal):
        if problem.kind in PART:
            return JournalDamaged(_path_of(problem), PART[problem.kind])
    return None


def _path_of(problem: Problem) -> Path:
    return Path(problem.path)


def _problem(kind: ProblemKind, path: Path, detail: str = "") -> Problem:
    return Problem(kind=kind, path=str(path), detail=detail)


def _referenced_blobs(journal: OpenJournal) -> set[str]:
    records = RecordStore(journal, utc_now)
    try:
        materials = records.list_records(RecordKind.MATERIAL) + records.list_records(
            RecordKind.MATERIAL, trash=True
        )
    except MentorJournalError:
        return set()  # the database check above already says what is wrong
    return {m.attachment_id for m in materials if isinstance(m, Material) and m.attachment_id}
