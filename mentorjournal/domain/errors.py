"""Typed errors raised by the core. Only the UI and the command line turn them into words.

None of them ever carries a passphrase, a key or the content of a record.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from mentorjournal.domain.enums import RecordKind


class MentorJournalError(Exception):
    """Base of every error the core raises on purpose."""


class DecryptionFailed(MentorJournalError):
    """An authenticated ciphertext did not verify: wrong key or altered bytes."""


class WrongPassphrase(MentorJournalError):
    """The passphrase does not unlock this journal."""


class InvalidRecoveryKey(MentorJournalError):
    """The text is not a well-formed recovery key (a typo, most likely)."""


class WrongRecoveryKey(MentorJournalError):
    """A well-formed recovery key that belongs to another journal."""


class JournalNotFound(MentorJournalError):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class JournalExists(MentorJournalError):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class FolderNotEmpty(JournalExists):
    """A new journal was asked for where a file, or a folder with something in it, stands."""


class JournalDamaged(MentorJournalError):
    """A journal file is truncated, altered or unreadable; ``part`` names which."""

    def __init__(self, path: Path, part: str) -> None:
        super().__init__(f"{part}: {path}")
        self.path = path
        self.part = part


class JournalInUse(MentorJournalError):
    """Another running instance holds this journal open."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class JournalReadOnly(MentorJournalError):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class DiskFull(MentorJournalError):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class NewerJournalFormat(MentorJournalError):
    """The journal was written by a newer version of the app."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(f"format {found}, this version reads up to {supported}")
        self.found = found
        self.supported = supported


class NewerBackupFormat(NewerJournalFormat):
    """The backup file was written by a newer version of the app."""


class MigrationFailed(MentorJournalError):
    """An upgrade step failed; the journal was left as it was."""

    def __init__(self, version: int) -> None:
        super().__init__(f"upgrade to version {version}")
        self.version = version


class RecordNotFound(MentorJournalError):
    def __init__(self, record_id: str) -> None:
        super().__init__(record_id)
        self.record_id = record_id


class Reason(StrEnum):
    """Why a value does not fit a field: a typed code that the front ends put into words.

    The values are the short words the core used before this enum, so a raise site that
    still passes the word keeps working.
    """

    REQUIRED = "required"
    NOT_TEXT = "not_text"
    TOO_LONG = "too_long"
    NOT_ALLOWED = "not_allowed"
    NOT_A_DATE = "not_a_date"
    NOT_A_DATETIME = "not_a_datetime"
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    UNKNOWN_FIELD = "unknown_field"
    NOT_SETTABLE = "not_settable"
    OTHER_RELATIONSHIP = "other_relationship"
    IN_TRASH = "in_trash"
    AGREEMENT_EXISTS = "agreement_exists"
    ENTRY_ALWAYS_PRIVATE = "entry_always_private"
    AMBIGUOUS = "ambiguous"
    NO_HISTORY = "no_history"
    # The record an id points to is of another kind than the field needs.
    NOT_A_RELATIONSHIP = "not_a_relationship"
    NOT_AN_AGREEMENT = "not_an_agreement"
    NOT_A_GOAL = "not_a_goal"
    NOT_A_SESSION = "not_a_session"
    NOT_A_HOMEWORK = "not_a_homework"
    NOT_A_MATERIAL = "not_a_material"
    NOT_AN_ENTRY = "not_an_entry"
    NOT_A_REFLECTION = "not_a_reflection"
    NOT_AN_EVALUATION = "not_an_evaluation"
    UNKNOWN_QUESTION = "unknown_question"
    # A goal judged not achievable needs the why in its outcome note.
    WHY_REQUIRED = "why_required"
    # A shared relationship's partner signs the agreement in their own journal.
    PARTNER_SIGNS_OWN = "partner_signs_own"

    @classmethod
    def not_a(cls, kind: RecordKind) -> Reason:
        """The reason for an id that should name a record of ``kind`` but does not."""
        return next(reason for reason, wanted in _WRONG_KIND.items() if wanted is kind)

    @property
    def expected_kind(self) -> RecordKind | None:
        """For the ``not_a_*`` reasons, the kind of record the field needs."""
        return _WRONG_KIND.get(self)


_WRONG_KIND: dict[Reason, RecordKind] = {
    Reason.NOT_A_RELATIONSHIP: RecordKind.RELATIONSHIP,
    Reason.NOT_AN_AGREEMENT: RecordKind.AGREEMENT,
    Reason.NOT_A_GOAL: RecordKind.GOAL,
    Reason.NOT_A_SESSION: RecordKind.SESSION,
    Reason.NOT_A_HOMEWORK: RecordKind.HOMEWORK,
    Reason.NOT_A_MATERIAL: RecordKind.MATERIAL,
    Reason.NOT_AN_ENTRY: RecordKind.ENTRY,
    Reason.NOT_A_REFLECTION: RecordKind.REFLECTION,
    Reason.NOT_AN_EVALUATION: RecordKind.EVALUATION,
}


class InvalidValue(MentorJournalError):
    """A value the user gave does not fit a field; ``reason`` says why (a :class:`Reason`).

    ``allowed`` lists what would fit (the choices, or the minimum and maximum of a range).
    """

    def __init__(self, field: str, reason: Reason, allowed: tuple[str, ...] = ()) -> None:
        self.reason = reason
        super().__init__(f"{field}: {self.reason.value}")
        self.field = field
        self.allowed = allowed


class ClosingGap(StrEnum):
    """What is still missing before the closing of a relationship can be finished."""

    OPEN_GOALS = "open_goals"  # a goal has no verdict yet
    OWN_REFLECTION = "own_reflection"  # the journal owner's reflection is not written


class ClosingIncomplete(MentorJournalError):
    """Finishing a closing was refused: ``gaps`` says what is missing, nothing was changed.

    ``open_goal_ids`` names the goals still without a verdict (ids only, never their text).
    """

    def __init__(
        self, relationship_id: str, gaps: tuple[str, ...], open_goal_ids: tuple[str, ...]
    ) -> None:
        super().__init__(f"{relationship_id}: " + ", ".join(gaps))
        self.relationship_id = relationship_id
        self.gaps = tuple(ClosingGap(gap) for gap in gaps)
        self.open_goal_ids = open_goal_ids


class RelationshipClosed(MentorJournalError):
    """The relationship is closed: its closing cannot change until it is reopened."""

    def __init__(self, relationship_id: str) -> None:
        super().__init__(relationship_id)
        self.relationship_id = relationship_id


class BackupInvalid(MentorJournalError):
    """A backup file is not one of ours, or it was damaged."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class JournalLocked(MentorJournalError):
    """The workspace was closed (locked): it holds no key and no connection any more."""


class Cancelled(MentorJournalError):
    """The user cancelled a long operation; whatever it had begun was undone."""


class UserFileError(MentorJournalError):
    """A file the user named (to read from, or to write an export to) cannot be used."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class UserFileNotFound(UserFileError):
    """The file to read does not exist (or a part of its path is not a folder)."""


class UserFileUnreadable(UserFileError):
    """The file to read exists but cannot be read (permissions, a folder, an I/O error)."""


class UserFileNotText(UserFileError):
    """The file should hold UTF-8 text and does not."""


class UserFileExists(UserFileError):
    """The export would replace a file the user already has, and they did not say so."""


class UserFileUnwritable(UserFileError):
    """The export cannot be written there (not a folder, an I/O error)."""


class OverwritesJournal(UserFileError):
    """The export would land on the open journal's own files; never allowed, even forced."""


class WrongThread(MentorJournalError):
    """A workspace was called from a thread other than the one that owns it.

    One worker thread owns a workspace and makes every call on it (see
    :mod:`mentorjournal.services`); this is a programming error, never the user's.
    """


class ExportFileInvalid(BackupInvalid):
    """A JSON export cannot be imported: not JSON, not our format, or a value of the wrong
    type; ``where`` names the place in the file (``records.goal[2].status``), never a value.

    Nothing of it was imported. Like an invalid backup, the command line exits with 5.
    """

    def __init__(self, path: Path, where: str) -> None:
        super().__init__(path)
        self.where = where


class ExportUnknownKind(ExportFileInvalid):
    """The export holds records of a kind this version does not know."""


class ExportMissingLink(ExportFileInvalid):
    """A record of the export points to a record that is neither in the file nor (for an
    import into an existing journal) in the journal."""


class NewerExportFormat(NewerJournalFormat):
    """The JSON export was written by a newer version of the app."""


class ChangesRejected(MentorJournalError):
    """Changes from another device cannot be read; nothing of them was applied."""


class NewerChangesFormat(ChangesRejected):
    """Changes from another device come from a newer version (a format or a kind unknown here)."""


class PartnerClockAhead(MentorJournalError):
    """Changes from another device carry a clock too far ahead of this one; they wait."""

    def __init__(self, ahead_seconds: int) -> None:
        super().__init__(f"{ahead_seconds} s ahead")
        self.ahead_seconds = ahead_seconds
