"""What every command needs for one run: settings, language, inputs, output and the journal."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mentorjournal.cli import output
from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.cli.inputs import Inputs
from mentorjournal.domain import JournalExists, JournalNotFound, MentorJournalError
from mentorjournal.i18n import _
from mentorjournal.services.locations import is_journal

if TYPE_CHECKING:  # the services are imported when a journal is opened, not for --help
    from mentorjournal.services.workspace import Settings, Workspace


def shown_path(path: Path) -> str:
    """``path`` as text that can always be printed and put in JSON.

    A name whose bytes are not valid in the locale's encoding shows them as ``\\xff``
    escapes instead of failing to print.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def show_on(stream: TextIO, text: str) -> None:
    """Print ``text`` so that a character the stream's charset lacks never fails the command."""
    print(output.encodable(text, getattr(stream, "encoding", None)), file=stream)


def say_on_stderr(line: str) -> None:
    """One line on standard error; if nobody can read it, it is dropped, never an error."""
    if sys.stderr is None:  # started with standard error closed
        return
    try:
        show_on(sys.stderr, line)
        sys.stderr.flush()
    except OSError:
        discard_output(sys.stderr)


def discard_output(stream: TextIO) -> None:
    """Point ``stream`` at the null device: what is still buffered can go nowhere.

    Without this, Python flushes the buffer again at exit, prints "Exception ignored ..."
    and exits with 120 instead of the code the command chose.
    """
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture it)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


def _output_not_written() -> str:
    return _("The output could not be written (is the disk full?).")


@dataclass
class Context:
    settings: Settings
    inputs: Inputs
    out: TextIO
    as_json: bool = False
    # How error messages name fields: by the option the user typed (``--date``).
    labels: dict[str, str] = field(default_factory=dict)

    def print(self, text: str) -> None:
        """A line for people (controls made visible, in a form the terminal can show) on
        standard output; a reader that went away is left to ``main``."""
        try:
            show_on(self.out, output.visible(text))
        except BrokenPipeError:
            raise
        except OSError:  # a full disk, a device that takes nothing (/dev/full)
            raise CliError(_output_not_written(), ExitCode.FAILURE) from None

    def flush(self) -> None:
        """Hand everything printed so far to the reader, or fail as ``print`` does."""
        try:
            self.out.flush()
        except BrokenPipeError:
            raise
        except OSError:
            raise CliError(_output_not_written(), ExitCode.FAILURE) from None

    def warn(self, text: str) -> None:
        """A warning for people: one line on standard error, never mixed into JSON output."""
        # A warning nobody can see stops nothing.
        say_on_stderr("mentorjournal: " + output.visible(text, multiline=False))

    def show(self, value: Any, plain: Callable[[], str]) -> None:
        """``value`` as JSON with ``--json``, else the plain text for people."""
        if self.as_json:
            show_on(self.out, output.to_json(value, getattr(self.out, "encoding", None)))
        else:
            self.print(plain())

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
        from mentorjournal.services import workspace as workspaces  # see the import above

        with workspaces.unlock(root, self.inputs.passphrase(), self.settings) as workspace:
            yield workspace
            if before_change and not workspace.closed:
                try:
                    workspace.after_changes()
                except (MentorJournalError, KeyboardInterrupt):
                    # The change is committed: never report it as failed or "Interrupted."
                    self.warn(
                        _(
                            "Warning: the change is saved, but today's automatic backup could "
                            "not be taken; it is tried again after the next change."
                        )
                    )

    def refuse_existing_journal(self, root: Path) -> None:
        if is_journal(root):
            raise JournalExists(root)
