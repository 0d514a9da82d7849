"""What the user gives besides options: passphrases, recovery keys and text from files.

Passphrases come from an environment variable or a prompt that does not echo; nothing here
ever prints them. The recovery key comes from a prompt, a file or standard input, never from
the command line, where every local user's ``ps`` and the shell history would show it.
``@PATH`` reads a text option from a UTF-8 file and ``@-`` from standard input; ``@@text``
stands for the literal ``@text``.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.i18n import _
from mentorjournal.services import passphrases
from mentorjournal.services.passphrases import PassphraseProblem
from mentorjournal.services.user_files import read_text

# Names of environment variables, not secrets.
PASSPHRASE_VARIABLE = "MENTORJOURNAL_PASSPHRASE"  # noqa: S105
NEW_PASSPHRASE_VARIABLE = "MENTORJOURNAL_NEW_PASSPHRASE"  # noqa: S105
STDIN_MARK = "@-"
STDIN_PATH = "-"


def _problem_text(problem: PassphraseProblem) -> str:
    if problem is PassphraseProblem.EMPTY:
        return _("An empty passphrase is not allowed; choose a long one.")
    return _(
        "A passphrase cannot contain a line break or another control character: it could "
        "never be typed at the prompt. Choose another."
    )


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
        if given is None:
            given = self._prompt(PASSPHRASE_VARIABLE, _("Passphrase: "))
        _require_text(given, PASSPHRASE_VARIABLE)
        return given

    def chosen_passphrase(self, *, new: bool) -> str:
        """A passphrase the user chooses (``init``: the first; ``passwd``, ``recover``: a new one).

        From the environment as given; from a prompt, asked twice and compared. It must be
        text that can be typed at the prompt later: never empty, no line break or other
        control character.
        """
        variable = NEW_PASSPHRASE_VARIABLE if new else PASSPHRASE_VARIABLE
        given = self._environ.get(variable)
        if given is None:
            prompt = (
                _("New passphrase: ") if new else _("Choose a passphrase for the new journal: ")
            )
            given = self._prompt(variable, prompt)
            if given and self._getpass(_("Repeat it: ")) != given:
                raise CliError(
                    _("The two passphrases differ; nothing was changed."), ExitCode.USAGE
                )
        _require_text(given, variable)
        problem = passphrases.problem_with(given)
        if problem is not None:
            raise CliError(_problem_text(problem), ExitCode.USAGE)
        return given

    def recovery_key(self, source: str | None) -> str:
        """The recovery key: asked for at a terminal, or read from ``source``.

        ``source`` is a file's path, or ``-`` for standard input.
        """
        if source is None or (source == STDIN_PATH and self._is_terminal()):
            # Typed at a terminal, the key is asked for without echo, never read as it shows.
            if not self._is_terminal():
                raise CliError(
                    _(
                        "A recovery key is needed: give --recovery-key-file FILE (- for "
                        "standard input) or run the command in a terminal to be asked."
                    ),
                    ExitCode.USAGE,
                )
            return self._getpass(_("Recovery key: "))
        if source == STDIN_PATH:
            return self._read_stdin().strip()
        return read_text(Path(source).expanduser()).strip()

    def _prompt(self, variable: str, prompt: str) -> str:
        if not self._is_terminal():
            text = _(
                "A passphrase is needed: set {variable} or run the command in a terminal to be "
                "asked."
            )
            raise CliError(text.format(variable=variable), ExitCode.USAGE)
        return self._getpass(prompt)

    def _getpass(self, prompt: str) -> str:
        try:
            return getpass.getpass(prompt)
        except UnicodeDecodeError:  # bytes the terminal's character set does not allow
            raise CliError(
                _("What was typed is not valid text in the terminal's character set."),
                ExitCode.USAGE,
            ) from None

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
            return _strip_final_newline(read_text(Path(value[1:]).expanduser()))
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
            raise CliError(
                _("{path} is not UTF-8 text.").format(path="stdin"), ExitCode.USAGE
            ) from None


def _require_text(passphrase: str, variable: str) -> None:
    """A passphrase holding bytes that are not text (from the environment) is refused."""
    if not passphrases.is_text(passphrase):
        text = _(
            "The passphrase in {variable} is not valid text in your character set (UTF-8 expected)."
        )
        raise CliError(text.format(variable=variable), ExitCode.USAGE)


def _strip_final_newline(text: str) -> str:
    """Files and pipes end with a line break that is not part of the text."""
    return text.removesuffix("\n").removesuffix("\r")
