"""Typed errors of the core put into words for the window, in the user's language.

One function, :func:`describe_error`, so that every dialog says the same thing about the
same failure. The sentences are the ones both front ends share
(:mod:`mentorjournal.i18n.describe`); only where the command line's wording names a command
does the window say it its own way.
"""

from __future__ import annotations

from mentorjournal.domain import MentorJournalError, errors
from mentorjournal.i18n import _
from mentorjournal.i18n.describe import describe_error as shared_description


def describe_error(error: BaseException) -> str:
    """One or two plain sentences about ``error``; never a passphrase, key or record text."""
    match error:
        case errors.WrongPassphrase():
            return _("That passphrase does not open this journal. Nothing was changed.")
        case errors.JournalNotFound():
            return _("There is no journal in {path}.").format(path=error.path)
        case MentorJournalError():
            return shared_description(error)
        case PermissionError():
            return _("Permission denied: {path}").format(path=error.filename or "")
        case OSError():
            return _("The system reported an error: {reason}").format(
                reason=error.strerror or type(error).__name__
            )
    return _("Something went wrong ({kind}).").format(kind=type(error).__name__)
