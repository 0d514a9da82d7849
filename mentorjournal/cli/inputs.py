"""What the user gives besides options: passphrases, recovery keys and text from files.

Passphrases come from an environment variable or a prompt that does not echo; nothing here
ever prints them. ``@PATH`` reads a text option from a UTF-8 file and ``@-`` from standard
input; ``@@text`` stands for the literal ``@text``.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.cli.user_files import read_text_file
from mentorjournal.i18n import _

# Names of environment variables, not secrets.
PASSPHRASE_VARIABLE = "MENTORJOURNAL_PASSPHRASE"  # noqa: S105
NEW_PASSPHRASE_VARIABLE = "MENTORJOURNAL_NEW_PASSPHRASE"  # noqa: S105
STDIN_MARK = "@-"


class Inputs:
    """Reads passphrases and @-text for one run of the command line."""

    def __init__(self, environ: Mapping[str, str], stdin: TextIO) -> None:
        self._environ = environ
        self._stdin = stdin
        self._stdin_used = False

    # -- passphrases ----------------------------------------------------------------------

    def passphrase(self) -> str:
        """The passphrase of an existing journal."""
        given = self._environ.get(PASSPHRASE_VARIABLE)
        if given is not None:
            return given
        return self._prompt(PASSPHRASE_VARIABLE, _("Passphrase: "))

    def chosen_passphrase(self, *, new: bool) -> str:
        """A passphrase the user chooses (``init``: the first; ``passwd``: a new one).

        From the environment as given; from a prompt, asked twice and compared. Never empty.
        """
        variable = NEW_PASSPHRASE_VARIABLE if new else PASSPHRASE_VARIABLE
        given = self._environ.get(variable)
        if given is None:
            prompt = (
                _("New passphrase: ") if new else _("Choose a passphrase for the new journal: ")
            )
            given = self._prompt(variable, prompt)
            if given and getpass.getpass(_("Repeat it: ")) != given:
                raise CliError(
                    _("The two passphrases differ; nothing was changed."), ExitCode.USAGE
                )
        if not given.strip():
            raise CliError(
                _("An empty passphrase is not allowed; choose a long one."), ExitCode.USAGE
            )
        return given

    def recovery_key(self, given: str | None) -> str:
        if given is not None:
            return self.text(given)
        if not self._is_terminal():
            raise CliError(
                _(
                    "A recovery key is needed: give --recovery-key KEY (or @FILE) or run the "
                    "command in a terminal to be asked."
                ),
                ExitCode.USAGE,
            )
        return getpass.getpass(_("Recovery key: "))

    def _prompt(self, variable: str, prompt: str) -> str:
        if not self._is_terminal():
            text = _(
                "A passphrase is needed: set {variable} or run the command in a terminal to be "
                "asked."
            )
            raise CliError(text.format(variable=variable), ExitCode.USAGE)
        return getpass.getpass(prompt)

    def _is_terminal(self) -> bool:
        try:
            return self._stdin.isatty()
        except (AttributeError, ValueError):  # closed or replaced streams
            return False

    # -- text -------------------------------------------------------------------------------

    def text(self, value: str) -> str:
        """The text an option stands for: itself, a file's content, or standard input."""
        if value.startswith("@@"):
            return value[1:]
        if value == STDIN_MARK:
            return self._read_stdin()
        if value.startswith("@") and len(value) > 1:
            return _strip_final_newline(read_text_file(Path(value[1:]).expanduser()))
        return value

    def _read_stdin(self) -> str:
        if self._stdin_used:
            raise CliError(
                _("Standard input (@-) can be read only once per command."), ExitCode.USAGE
            )
        self._stdin_used = True
        buffer = getattr(self._stdin, "buffer", None)
        if buffer is None:
            return _strip_final_newline(self._stdin.read())
        try:
            return _strip_final_newline(buffer.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            text = _("{path} is not UTF-8 text.").format(path="stdin")
            raise CliError(text, ExitCode.USAGE) from None


def _strip_final_newline(text: str) -> str:
    """Files and pipes end with a line break that is not part of the text."""
    return text.removesuffix("\n").removesuffix("\r")
