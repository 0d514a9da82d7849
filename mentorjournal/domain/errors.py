"""Typed errors raised by the core. Only the UI and the command line turn them into words.

None of them ever carries a passphrase, a key or the content of a record.
"""

from __future__ import annotations

from pathlib import Path


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


class InvalidValue(MentorJournalError):
    """A value the user gave does not fit a field; ``reason`` is a short machine word."""

    def __init__(self, field: str, reason: str, allowed: tuple[str, ...] = ()) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.allowed = allowed


class BackupInvalid(MentorJournalError):
    """A backup file is not one of ours, or it was damaged."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class JournalLocked(MentorJournalError):
    """The workspace was closed (locked): it holds no key and no connection any more."""


class Cancelled(MentorJournalError):
    """The user cancelled a long operation; whatever it had begun was undone."""


class WrongThread(MentorJournalError):
    """A workspace was called from a thread other than the one that owns it.

    One worker thread owns a workspace and makes every call on it (see
    :mod:`mentorjournal.services`); this is a programming error, never the user's.
    """
