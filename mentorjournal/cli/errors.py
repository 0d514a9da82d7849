"""Exit codes, the command line's own errors, and one clear sentence for every error.

Exit codes (DESIGN.md section 8): 0 done, 1 anything else, 2 the command was wrong (including
a value that does not fit a field, and a passphrase that is needed but cannot be asked for),
3 access refused (wrong passphrase, wrong or mistyped recovery key, journal open elsewhere),
4 not found (journal folder, record, input file), 5 the journal cannot be read as it is
(damaged, an invalid backup, or a format from a newer version).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import IntEnum

from mentorjournal.cli.messages import Messages
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
    JournalNotFound,
    JournalReadOnly,
    MentorJournalError,
    MigrationFailed,
    NewerBackupFormat,
    NewerJournalFormat,
    RecordKind,
    RecordNotFound,
    WrongPassphrase,
    WrongRecoveryKey,
)


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2
    REFUSED = 3
    NOT_FOUND = 4
    DAMAGED = 5


class CliError(Exception):
    """A problem the command line found itself: a message key, its values and an exit code."""

    def __init__(self, key: str, exit_code: ExitCode, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.exit_code = exit_code
        self.values = values


class UsageError(CliError):
    """The command line was wrong; ``detail`` comes from argparse (in English)."""

    def __init__(self, detail: str, prog: str) -> None:
        super().__init__("error.usage", ExitCode.USAGE, detail=detail, prog=prog)


Describe = Callable[[MentorJournalError, Messages], str]


def _path(error: MentorJournalError) -> object:
    return getattr(error, "path", "")


def _damaged(error: MentorJournalError, say: Messages) -> str:
    assert isinstance(error, JournalDamaged)
    key = f"error.damaged.{error.part}"
    return say(key if say.has(key) else "error.damaged.other", path=error.path)


def _newer(error: MentorJournalError, say: Messages) -> str:
    assert isinstance(error, NewerJournalFormat)
    key = (
        "error.newer_backup_format"
        if isinstance(error, NewerBackupFormat)
        else "error.newer_format"
    )
    return say(key, found=error.found, supported=error.supported)


def _migration(error: MentorJournalError, say: Messages) -> str:
    assert isinstance(error, MigrationFailed)
    return say("error.migration_failed", version=error.version)


def _record(error: MentorJournalError, say: Messages) -> str:
    assert isinstance(error, RecordNotFound)
    return say("error.record_not_found", id=error.record_id)


def _simple(key: str) -> Describe:
    return lambda error, say: say(key, path=_path(error))


_CORE_ERRORS: dict[type[MentorJournalError], tuple[ExitCode, Describe]] = {
    WrongPassphrase: (ExitCode.REFUSED, _simple("error.wrong_passphrase")),
    InvalidRecoveryKey: (ExitCode.REFUSED, _simple("error.invalid_recovery_key")),
    WrongRecoveryKey: (ExitCode.REFUSED, _simple("error.wrong_recovery_key")),
    JournalInUse: (ExitCode.REFUSED, _simple("error.journal_in_use")),
    JournalNotFound: (ExitCode.NOT_FOUND, _simple("error.journal_not_found")),
    RecordNotFound: (ExitCode.NOT_FOUND, _record),
    JournalDamaged: (ExitCode.DAMAGED, _damaged),
    DecryptionFailed: (ExitCode.DAMAGED, _simple("error.decryption_failed")),
    BackupInvalid: (ExitCode.DAMAGED, _simple("error.backup_invalid")),
    NewerJournalFormat: (ExitCode.DAMAGED, _newer),
    JournalExists: (ExitCode.FAILURE, _simple("error.journal_exists")),
    FolderNotEmpty: (ExitCode.FAILURE, _simple("error.init_folder_not_empty")),
    JournalReadOnly: (ExitCode.FAILURE, _simple("error.read_only")),
    DiskFull: (ExitCode.FAILURE, _simple("error.disk_full")),
    MigrationFailed: (ExitCode.FAILURE, _migration),
}


def describe_invalid_value(
    error: InvalidValue, say: Messages, labels: Mapping[str, str] | None = None
) -> str:
    """The sentence for a value that does not fit; ``labels`` name fields as the user did."""
    field = (labels or {}).get(error.field, error.field)
    reason = error.reason
    values: dict[str, object] = {"field": field, "allowed": ", ".join(error.allowed)}
    if reason == "out_of_range" and len(error.allowed) == 2:
        values.update(minimum=error.allowed[0], maximum=error.allowed[1])
    elif reason == "unknown_field" and error.allowed:
        reason = "unknown_field_allowed"
    for prefix in ("not_a_", "not_an_"):
        kind_value = reason.removeprefix(prefix)
        if reason.startswith(prefix) and kind_value in {kind.value for kind in RecordKind}:
            values["kind"] = say.kind_name(RecordKind(kind_value))
            reason = "not_a_kind"
    key = f"reason.{reason}"
    if not say.has(key) or (reason == "out_of_range" and "minimum" not in values):
        key = "reason.other"
    return say(key, **values)


def describe(
    error: BaseException, say: Messages, labels: Mapping[str, str] | None = None
) -> tuple[ExitCode, str]:
    """The exit code and the one line to print for ``error``."""
    if isinstance(error, CliError):
        return error.exit_code, say(error.key, **error.values)
    if isinstance(error, InvalidValue):
        return ExitCode.USAGE, describe_invalid_value(error, say, labels)
    if isinstance(error, MentorJournalError):
        for cls in type(error).__mro__:
            if cls in _CORE_ERRORS:
                code, text = _CORE_ERRORS[cls]
                return code, text(error, say)
        return ExitCode.FAILURE, say("error.core_other", name=type(error).__name__)
    if isinstance(error, KeyboardInterrupt | EOFError):  # Ctrl-C, or Ctrl-D at a prompt
        return ExitCode.FAILURE, say("error.interrupted")
    return ExitCode.FAILURE, say("error.unexpected", name=type(error).__name__)


def one_line(text: str) -> str:
    """Errors are a single line on standard error, whatever a path or detail contains."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())
