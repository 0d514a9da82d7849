"""What every command needs for one run: settings, language, inputs, output and the journal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import platformdirs

from mentorjournal.cli import output
from mentorjournal.cli.inputs import Inputs
from mentorjournal.cli.messages import Messages
from mentorjournal.domain import JournalExists, JournalNotFound, MentorJournalError
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings, Workspace

APP_NAME = "MentorJournal"
# The files that make a folder a journal (DESIGN.md section 3).
_JOURNAL_FILES = ("journal.key", "journal.db")


def default_journal_dir() -> Path:
    """``MentorJournal/journal`` in the platform's user data folder."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "journal"


def default_lock_dir() -> Path:
    """Instance locks live in the user cache folder, which no sync tool replicates."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "locks"


def is_journal(root: Path) -> bool:
    return root.is_dir() and any((root / name).exists() for name in _JOURNAL_FILES)


@dataclass
class Context:
    settings: Settings
    say: Messages
    inputs: Inputs
    out: TextIO
    as_json: bool = False
    # How error messages name fields: by the option the user typed (``--date``).
    labels: dict[str, str] = field(default_factory=dict)

    def print(self, text: str) -> None:
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        """A warning for people: one line on standard error, never mixed into JSON output."""
        print(f"mentorjournal: {text}", file=sys.stderr)

    def show(self, value: Any, plain: Callable[[], str]) -> None:
        """``value`` as JSON with ``--json``, else the plain text for people."""
        self.print(output.to_json(value) if self.as_json else plain())

    @contextlib.contextmanager
    def unlock(self, root: Path, *, before_change: bool = False) -> Iterator[Workspace]:
        """Open the journal in ``root`` for the block; it is looked for before the
        passphrase is asked, and closed when the block ends.

        ``before_change``: the command changes records, so when it has succeeded the
        services' daily-backup rule runs (:meth:`Workspace.after_changes`). A failed
        backup is a warning: the change itself is saved.
        """
        if not is_journal(root):
            raise JournalNotFound(root)
        with workspaces.unlock(root, self.inputs.passphrase(), self.settings) as workspace:
            yield workspace
            if before_change and not workspace.journal.closed:
                try:
                    workspace.after_changes()
                except (MentorJournalError, KeyboardInterrupt):
                    # The change is committed: never report it as failed or "Interrupted."
                    self.warn(self.say("backup.daily_failed"))

    def refuse_existing_journal(self, root: Path) -> None:
        if is_journal(root):
            raise JournalExists(root)
