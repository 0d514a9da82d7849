"""Typed errors of the core put into words for the window, in the user's language.

One function, :func:`describe_error`, so that every dialog says the same thing about the
same failure (the lead swaps in ``mentorjournal.i18n.describe`` when it lands).
"""

from __future__ import annotations

from mentorjournal.domain import errors
from mentorjournal.i18n import _


def describe_error(error: BaseException) -> str:
    """One or two plain sentences about ``error``; never a passphrase, key or record text."""
    match error:
        case errors.WrongPassphrase():
            return _("That passphrase does not open this journal. Nothing was changed.")
        case errors.InvalidRecoveryKey():
            return _("That is not a recovery key: check it for a typing mistake.")
        case errors.WrongRecoveryKey():
            return _("That recovery key belongs to another journal. Nothing was changed.")
        case errors.JournalInUse():
            return _(
                "This journal is already open in another MentorJournal window or program. "
                "Close it there first."
            )
        case errors.JournalNotFound():
            return _("There is no journal in {path}.").format(path=error.path)
        case errors.JournalExists():
            return _("{path} already holds a journal.").format(path=error.path)
        case errors.JournalDamaged():
            return _("The journal in {path} is damaged ({part}). Restore it from a backup.").format(
                path=error.path, part=error.part
            )
        case errors.JournalReadOnly():
            return _("The journal folder {path} cannot be written to.").format(path=error.path)
        case errors.DiskFull():
            return _("The disk is full: free some space and try again.")
        case errors.NewerJournalFormat():
            return _("This journal was written by a newer version of MentorJournal.")
        case errors.MigrationFailed():
            return _("The journal could not be upgraded; it was left as it was.")
        case errors.JournalLocked():
            return _("The journal is locked.")
        case PermissionError():
            return _("Permission denied: {path}").format(path=error.filename or "")
        case OSError():
            return _("The system reported an error: {reason}").format(
                reason=error.strerror or type(error).__name__
            )
    return _("Something went wrong ({kind}).").format(kind=type(error).__name__)
