"""What every command needs for one run: settings, language, inputs, output and the journal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import platformdirs

from mentorjournal.cli import output
from mentorjournal.cli.inputs import Inputs
from mentorjournal.domain import JournalExists, JournalNotFound
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


def show_on(stream: TextIO, text: str) -> None:
    """Print ``text`` so that a character the stream's charset lacks never fails the command."""
    print(output.encodable(text, getattr(stream, "encoding", None)), file=stream)


def is_journal(root: Path) -> bool:
    return root.is_dir() and any((root / name).exists() for name in _JOURNAL_FILES)


@dataclass
class Context:
    settings: Settings
    inputs: Inputs
    out: TextIO
    as_json: bool = False
    # How error messages name fields: by the option the user typed (``--date``).
    labels: dict[str, str] = field(default_factory=dict)

    def print(self, text: str) -> None:
        """A line for people: controls made visible, in a form the terminal can show."""
        show_on(self.out, output.visible(text))

    def warn(self, text: str) -> None:
        """A warning for people: one line on standard error, never mixed into JSON output."""
        show_on(sys.stderr, "mentorjournal: " + output.visible(text, multiline=False))

    def show(self, value: Any, plain: Callable[[], str]) -> None:
        """``value`` as JSON with ``--json``, else the plain text for people."""
        if self.as_json:
            show_on(self.out, output.to_json(value, getattr(self.out, "encoding", None)))
        else:
            self.print(plain())

    def unlock(self, root: Path, *, before_change: bool = False) -> Workspace:
        """Open the journal in ``root``; it is looked for before the passphrase is asked.

        ``before_change``: the command will change records, so today's automatic backup
        is taken first (once a day, as the app does).
        """
        if not is_journal(root):
            raise JournalNotFound(root)
        workspace = workspaces.unlock(root, self.inputs.passphrase(), self.settings)
        if before_change:
            try:
                workspace.ensure_daily_backup()
            except BaseException:
                workspace.close()
                raise
        return workspace

    def refuse_existing_journal(self, root: Path) -> None:
        if is_journal(root):
            raise JournalExists(root)
