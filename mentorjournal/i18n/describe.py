"""One sentence, in the current language, for every typed error and problem of the core.

The core raises :class:`~mentorjournal.domain.errors.MentorJournalError` subclasses with
typed reasons, and ``verify`` returns typed :class:`~mentorjournal.domain.problems.Problem`
values; both front ends (the command line and the window) put them into words here.
A test walks every subclass, every :class:`Reason` and every :class:`ProblemKind`, so a new
one without a sentence fails.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from mentorjournal.domain.errors import (
    BackupInvalid,
    Cancelled,
    ClosingGap,
    ClosingIncomplete,
    DecryptionFailed,
    DiskFull,
    ExportFileInvalid,
    ExportMissingLink,
    ExportUnknownKind,
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
    NewerBackupFormat,
    NewerExportFormat,
    NewerJournalFormat,
    OverwritesJournal,
    Reason,
    RecordNotFound,
    RelationshipClosed,
    UserFileError,
    UserFileExists,
    UserFileNotFound,
    UserFileNotText,
    UserFileUnreadable,
    UserFileUnwritable,
    WrongPassphrase,
    WrongRecoveryKey,
    WrongThread,
)
from mentorjournal.domain.problems import Problem, ProblemKind
from mentorjournal.i18n import _, ngettext
from mentorjournal.i18n.names import name
from mentorjournal.i18n.sync_words import Describer, sync_describers


def _with_path(text: str, error: MentorJournalError) -> str:
    return text.format(path=getattr(error, "path", ""))


def _damaged(error: MentorJournalError) -> str:
    assert isinstance(error, JournalDamaged)
    if error.part == "key":
        text = _("The key file {path} is damaged or truncated; restore the journal from a backup.")
    elif error.part == "database":
        text = _("The journal database {path} is damaged; restore the journal from a backup.")
    elif error.part == "attachment":
        text = _("The attachment file {path} is damaged or missing.")
    else:
        text = _("Part of the journal ({path}) is damaged; restore the journal from a backup.")
    return text.format(path=error.path)


def _newer(error: MentorJournalError) -> str:
    assert isinstance(error, NewerJournalFormat)
    if isinstance(error, NewerExportFormat):
        text = _(
            "This export was written by a newer MentorJournal (format {found}; this version "
            "reads up to {supported}); update MentorJournal to import it. Nothing was imported."
        )
    elif isinstance(error, NewerBackupFormat):
        text = _(
            "This backup was written by a newer MentorJournal (format {found}; this version "
            "reads up to {supported}); update MentorJournal to restore it."
        )
    else:
        text = _(
            "This journal was written by a newer MentorJournal (format {found}; this version "
            "reads up to {supported}); update MentorJournal to open it."
        )
    return text.format(found=error.found, supported=error.supported)


def _export_file(error: MentorJournalError) -> str:
    """A JSON export that cannot be imported: what is wrong, and where in the file."""
    assert isinstance(error, ExportFileInvalid)
    if isinstance(error, ExportUnknownKind):
        text = _(
            "{path} cannot be imported: it holds records of a kind this version does not know "
            "(at {where}). Nothing was imported."
        )
    elif isinstance(error, ExportMissingLink):
        text = _(
            "{path} cannot be imported: a record points to one that is not in the file "
            "(at {where}). Nothing was imported."
        )
    else:
        text = _(
            "{path} is not a MentorJournal export, or it was damaged or altered (at {where}). "
            "Nothing was imported."
        )
    return text.format(path=error.path, where=error.where)


def _migration(error: MentorJournalError) -> str:
    assert isinstance(error, MigrationFailed)
    return _(
        "Upgrading the journal to format {version} failed; the journal was left as it was."
    ).format(version=error.version)


def _record(error: MentorJournalError) -> str:
    assert isinstance(error, RecordNotFound)
    return _(
        "No record has the id “{id}” (give the whole id or at least its first 4 characters)."
    ).format(id=error.record_id)


def _closing(error: MentorJournalError) -> str:
    assert isinstance(error, ClosingIncomplete)
    parts = []
    if ClosingGap.OPEN_GOALS in error.gaps:
        count = len(error.open_goal_ids)
        parts.append(
            ngettext(
                "{count} goal has no verdict yet ({ids})",
                "{count} goals have no verdict yet ({ids})",
                count,
            ).format(count=count, ids=", ".join(goal_id[:8] for goal_id in error.open_goal_ids))
        )
    if ClosingGap.OWN_REFLECTION in error.gaps:
        parts.append(_("your reflection is not written"))
    return _("The closing cannot be finished yet: {missing}. Nothing was changed.").format(
        missing="; ".join(parts)
    )


def _invalid(error: MentorJournalError) -> str:
    assert isinstance(error, InvalidValue)
    return describe_invalid_value(error)


def _describers() -> dict[type[MentorJournalError], Describer]:
    """Each error class with its sentence (built when shown, in the language of that moment)."""
    simple: dict[type[MentorJournalError], str] = {
        WrongPassphrase: _(
            "Wrong passphrase; the journal stays locked. If you forgot it, use "
            "`mentorjournal recover` with your recovery key."
        ),
        InvalidRecoveryKey: _(
            "The recovery key is mistyped: compare each group of four characters with your copy."
        ),
        WrongRecoveryKey: _("This recovery key does not belong to this journal."),
        JournalInUse: _(
            "The journal {path} is open in another MentorJournal window or command; "
            "close it and try again."
        ),
        JournalNotFound: _(
            "There is no journal in {path}; create one with `mentorjournal init` or point "
            "--journal at an existing one."
        ),
        JournalExists: _("There is already a journal in {path}; choose another folder."),
        DecryptionFailed: _(
            "Part of the journal could not be decrypted: it was altered or damaged."
        ),
        BackupInvalid: _("{path} is not a MentorJournal backup, or it is damaged."),
        JournalReadOnly: _("Cannot write to {path}: it is read-only. Nothing was changed."),
        DiskFull: _(
            "The disk holding {path} is full. Nothing was changed; free some space and try again."
        ),
        JournalLocked: _("The journal was locked; unlock it again with your passphrase to go on."),
        Cancelled: _("Cancelled; nothing was changed."),
        FolderNotEmpty: _(
            "{path} is not an empty folder; a new journal needs a new or empty folder."
        ),
        WrongThread: _(
            "Internal error: the journal was used from the wrong thread. Nothing was changed; "
            "please report it."
        ),
        UserFileError: _("The file {path} cannot be used."),
        UserFileNotFound: _("Cannot read {path}: there is no such file."),
        UserFileUnreadable: _("Cannot read {path}."),
        UserFileNotText: _("{path} is not UTF-8 text."),
        UserFileExists: _("{path} already exists; choose another name or add --force."),
        UserFileUnwritable: _("Cannot write {path}."),
        OverwritesJournal: _(
            "{path} is part of the open journal; nothing is ever saved there. Choose a place "
            "outside the journal folder."
        ),
        RelationshipClosed: _(
            "This relationship is closed; reopen it first to change its closing."
        ),
    }
    describers: dict[type[MentorJournalError], Describer] = {
        cls: functools.partial(_with_path, text) for cls, text in simple.items()
    }
    describers.update(
        {
            JournalDamaged: _damaged,
            NewerJournalFormat: _newer,
            NewerBackupFormat: _newer,
            NewerExportFormat: _newer,
            ExportFileInvalid: _export_file,
            ExportUnknownKind: _export_file,
            ExportMissingLink: _export_file,
            MigrationFailed: _migration,
            RecordNotFound: _record,
            InvalidValue: _invalid,
            ClosingIncomplete: _closing,
            **sync_describers(_with_path),
            # A subclass added later without a sentence of its own still says what it is.
            MentorJournalError: lambda error: _("The operation failed ({name}).").format(
                name=type(error).__name__
            ),
        }
    )
    return describers


def described_errors() -> frozenset[type[MentorJournalError]]:
    """The error classes that have a sentence of their own."""
    return frozenset(_describers())


def describe_error(error: MentorJournalError, labels: Mapping[str, str] | None = None) -> str:
    """The sentence for ``error``; ``labels`` name fields as the user called them."""
    if isinstance(error, InvalidValue):
        return describe_invalid_value(error, labels)
    describers = _describers()
    # The nearest class with a sentence: a subclass added later still gets its parent's.
    cls = next(cls for cls in type(error).__mro__ if cls in describers)
    return describers[cls](error)


def _reason_text(reason: Reason) -> str:
    """The sentence of ``reason``, with ``{field}`` and the reason's own placeholders."""
    texts: dict[Reason, str] = {
        Reason.REQUIRED: _("{field} is required."),
        Reason.NOT_TEXT: _("{field} must be text."),
        Reason.TOO_LONG: _("{field} is too long."),
        Reason.NOT_ALLOWED: _("{field} must be one of: {allowed}."),
        Reason.NOT_A_DATE: _("{field} must be a date like 2026-11-23 (ISO 8601)."),
        Reason.NOT_A_DATETIME: _(
            "{field} must be a date and time like 2026-11-23T18:30 (ISO 8601)."
        ),
        Reason.NOT_A_NUMBER: _("{field} must be a whole number."),
        Reason.OUT_OF_RANGE: _("{field} must be between {minimum} and {maximum}."),
        Reason.UNKNOWN_FIELD: _("{field} is not a field of this record."),
        Reason.NOT_SETTABLE: _("{field} cannot be changed."),
        Reason.OTHER_RELATIONSHIP: _("{field} points to a record of another relationship."),
        Reason.IN_TRASH: _("{field} points to a record in the trash; undelete it first."),
        Reason.AGREEMENT_EXISTS: _(
            "This relationship already has an agreement; change it with `mentorjournal set`."
        ),
        Reason.ENTRY_ALWAYS_PRIVATE: _("Diary entries are always private."),
        Reason.AMBIGUOUS: _("That id prefix matches several records; give more characters."),
        Reason.NO_HISTORY: _("{field} keeps no history; fields with history: {allowed}."),
        Reason.PARTNER_SIGNS_OWN: _(
            "This relationship is shared: your partner signs the agreement in their own"
            " journal, with their own device key."
        ),
        Reason.UNKNOWN_QUESTION: _(
            "{field} takes answers like question=score; the questions are: {allowed}."
        ),
        Reason.WHY_REQUIRED: _("A goal judged not achievable needs the why: write it in {field}."),
    }
    if reason.expected_kind is not None:
        return _("{field} must be the id of a record of the kind “{kind}”.")
    return texts[reason]


def describe_invalid_value(error: InvalidValue, labels: Mapping[str, str] | None = None) -> str:
    """The sentence for a value that does not fit a field."""
    field = (labels or {}).get(error.field, error.field)
    reason = error.reason
    values: dict[str, object] = {"field": field, "allowed": ", ".join(error.allowed)}
    if reason is Reason.OUT_OF_RANGE:
        if len(error.allowed) != 2:
            return _("{field} has an invalid value.").format(field=field)
        values.update(minimum=error.allowed[0], maximum=error.allowed[1])
    if reason is Reason.UNKNOWN_FIELD and error.allowed:
        return _("{field} is not a field of this record; fields you can set: {allowed}.").format(
            **values
        )
    if reason.expected_kind is not None:
        values["kind"] = name(reason.expected_kind)
    return _reason_text(reason).format(**values)


def describe_problem(problem: Problem) -> str:
    """One line for something ``verify`` found wrong with a journal."""
    texts: dict[ProblemKind, str] = {
        ProblemKind.KEY_FILE_DAMAGED: _("The key file {path} is damaged."),
        ProblemKind.DATABASE_PAGES: _(
            "Pages of the database {path} fail their integrity check: they were altered or damaged."
        ),
        ProblemKind.DATABASE_STRUCTURE: _("The structure of the database {path} is damaged."),
        ProblemKind.DATABASE_UNREADABLE: _("The database {path} could not be checked at all."),
        ProblemKind.ATTACHMENT_DAMAGED: _("The attachment file {path} does not decrypt."),
        ProblemKind.ATTACHMENT_MISSING: _("The attachment file {path} is missing."),
        ProblemKind.UNEXPECTED_FILE: _("{path} is not a file of this journal."),
        ProblemKind.LEFTOVER_STAGING: _(
            "{path} was left behind by an interrupted backup or passphrase change."
        ),
    }
    # problem.detail holds SQLite's own (English) words: JSON output carries them, people
    # get the sentence in their language.
    return texts[problem.kind].format(path=problem.path)
