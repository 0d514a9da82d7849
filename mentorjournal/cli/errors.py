"""Exit codes, the command line's own errors, and one clear line for every error.

Exit codes (DESIGN.md section 8): 0 done, 1 anything else, 2 the command was wrong (including
a value that does not fit a field, and a passphrase that is needed but cannot be asked for),
3 access refused (wrong passphrase, wrong or mistyped recovery key, journal open elsewhere),
4 not found (journal folder, record, input file), 5 the journal cannot be read as it is
(damaged, an invalid backup, or a format from a newer version).

The sentences of the core's typed errors live in :mod:`mentorjournal.i18n.describe`, shared
with the window; only the exit codes are the command line's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum

from mentorjournal.domain import (
    BackupInvalid,
    DecryptionFailed,
    DiskFull,
    FolderNotEmpty,
    InvalidRecoveryKey,
    InvalidValue,
    JournalDamaged,
    JournalExists,
    JournalInUse,
    JournalLocked,
    JournalNotFound,
    JournalReadOnly,
    MentorJournalError,
    MigrationFailed,
    NewerJournalFormat,
    RecordNotFound,
    WrongPassphrase,
    WrongRecoveryKey,
)
from mentorjournal.domain.errors import (
    OverwritesJournal,
    UserFileExists,
    UserFileNotFound,
    UserFileNotText,
    UserFileUnreadable,
    UserFileUnwritable,
)
from mentorjournal.domain.sync import (
    DeviceNotFound,
    NewerSyncFormat,
    NoSpaceInFolder,
    SpaceNotFound,
    SyncFolderUnusable,
)
from mentorjournal.i18n import _
from mentorjournal.i18n.describe import describe_error


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2
    REFUSED = 3
    NOT_FOUND = 4
    DAMAGED = 5


class CliError(Exception):
    """A problem the command line found itself: its sentence (already in the user's language,
    as it is made after the language is chosen) and an exit code."""

    def __init__(self, text: str, exit_code: ExitCode) -> None:
        super().__init__(text)
        self.text = text
        self.exit_code = exit_code


class UsageError(CliError):
    """The command line was wrong; ``detail`` is argparse's message (translated by gettext)."""

    def __init__(self, detail: str, prog: str) -> None:
        text = _("{detail} (see `{prog} --help`)").format(detail=detail, prog=prog)
        super().__init__(text, ExitCode.USAGE)


_EXIT_CODES: dict[type[MentorJournalError], ExitCode] = {
    WrongPassphrase: ExitCode.REFUSED,
    InvalidRecoveryKey: ExitCode.REFUSED,
    WrongRecoveryKey: ExitCode.REFUSED,
    JournalInUse: ExitCode.REFUSED,
    JournalLocked: ExitCode.REFUSED,
    JournalNotFound: ExitCode.NOT_FOUND,
    RecordNotFound: ExitCode.NOT_FOUND,
    JournalDamaged: ExitCode.DAMAGED,
    DecryptionFailed: ExitCode.DAMAGED,
    BackupInvalid: ExitCode.DAMAGED,
    NewerJournalFormat: ExitCode.DAMAGED,
    InvalidValue: ExitCode.USAGE,
    JournalExists: ExitCode.FAILURE,
    FolderNotEmpty: ExitCode.FAILURE,
    JournalReadOnly: ExitCode.FAILURE,
    DiskFull: ExitCode.FAILURE,
    MigrationFailed: ExitCode.FAILURE,
    UserFileNotFound: ExitCode.NOT_FOUND,
    UserFileUnreadable: ExitCode.FAILURE,
    UserFileNotText: ExitCode.USAGE,
    UserFileExists: ExitCode.FAILURE,
    UserFileUnwritable: ExitCode.FAILURE,
    OverwritesJournal: ExitCode.FAILURE,
    SpaceNotFound: ExitCode.NOT_FOUND,
    DeviceNotFound: ExitCode.NOT_FOUND,
    SyncFolderUnusable: ExitCode.NOT_FOUND,
    NoSpaceInFolder: ExitCode.NOT_FOUND,
    NewerSyncFormat: ExitCode.DAMAGED,
}


def exit_code(error: MentorJournalError) -> ExitCode:
    return next(
        (_EXIT_CODES[cls] for cls in type(error).__mro__ if cls in _EXIT_CODES),
        ExitCode.FAILURE,
    )


def describe(error: BaseException, labels: Mapping[str, str] | None = None) -> tuple[ExitCode, str]:
    """The exit code and the one line to print for ``error``."""
    if isinstance(error, CliError):
        return error.exit_code, error.text
    if isinstance(error, MentorJournalError):
        return exit_code(error), describe_error(error, labels)
    if isinstance(error, KeyboardInterrupt | EOFError):  # Ctrl-C, or Ctrl-D at a prompt
        return ExitCode.FAILURE, _("Interrupted.")
    return ExitCode.FAILURE, _(
        "Unexpected internal error ({name}); please report it. "
        "Set MENTORJOURNAL_DEBUG=1 to see the details."
    ).format(name=type(error).__name__)


def one_line(text: str) -> str:
    """Errors are a single line on standard error, whatever a path or detail contains."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())
