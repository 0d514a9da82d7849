"""The entry point: parse, run one command, turn every failure into one line and an exit code.

``--help`` and ``--version`` are answered from the parser alone; the services (SQLAlchemy,
SQLModel, SQLCipher, cryptography: about 0.5 s of imports) are imported only once a command
runs, by the command's own module (see :class:`~mentorjournal.cli.parser.HandlerRef`).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from mentorjournal.cli.context import Context, discard_output, say_on_stderr
from mentorjournal.cli.errors import CliError, ExitCode, describe, one_line
from mentorjournal.cli.inputs import Inputs
from mentorjournal.cli.output import visible
from mentorjournal.cli.parser import PROG, HandlerRef, build_parser
from mentorjournal.domain import MentorJournalError
from mentorjournal.i18n import (
    CatalogueMissing,
    Language,
    _,
    language_from_environment,
    use_language,
)
from mentorjournal.services.locations import default_journal_dir, default_lock_dir
from mentorjournal.services.passphrases import is_text
from mentorjournal.services.user_files import keep_new_files_private

if TYPE_CHECKING:
    from mentorjournal.services.workspace import KdfParams, Settings

DEBUG_VARIABLE = "MENTORJOURNAL_DEBUG"
# Options whose values are never repeated in a message (``recover`` refuses this one).
_SECRET_OPTIONS = frozenset({"recovery_key"})
# Options that name a file, whatever bytes its name holds.
_FILE_OPTIONS = frozenset({"recovery_key_file"})


def main(
    argv: Sequence[str] | None = None,
    *,
    kdf: KdfParams | None = None,
    clock: Callable[[], datetime] | None = None,
    open_app: Callable[[bool], int] | None = None,
) -> int:
    """Run ``mentorjournal`` with ``argv`` (default: the process's arguments).

    ``kdf`` sets the Argon2id cost of new passphrases (None: calibrated on this machine) and
    ``clock`` the time; tests pass cheap and fixed ones. Everything the run creates is
    private to the user (umask 077), exports included. Without a subcommand,
    ``open_app(demo)`` opens the desktop app (mentorjournal/launcher.py); callers without
    a window get the help.
    """
    previous_umask = keep_new_files_private()
    try:
        return _run(argv, kdf, clock, open_app)
    finally:
        os.umask(previous_umask)


def _run(
    argv: Sequence[str] | None,
    kdf: KdfParams | None,
    clock: Callable[[], datetime] | None,
    open_app: Callable[[bool], int] | None,
) -> int:
    environ = os.environ
    _choose_language(environ)
    _never_fail_on_a_character()
    out = sys.stdout
    labels: dict[str, str] = {}  # how errors name fields; the command fills it in
    try:
        parser = build_parser(default_journal_dir())
        args = parser.parse_args(argv)
        _refuse_undecodable_arguments(args)
        ctx = Context(_settings(kdf, clock), Inputs(environ, sys.stdin), out, labels=labels)
        ctx.as_json = bool(getattr(args, "json", False))
        if getattr(args, "handler", None) is None:  # no command: the window, or the help
            if open_app is not None:
                return open_app(bool(args.demo))
            parser.print_help(out)
            return int(ExitCode.OK)
        code = _dispatch(args, ctx)
        ctx.flush()  # a failure to write is this command's, not the interpreter's at exit
        return code
    except SystemExit as done:  # --help and --version
        if not _finish_output(out):
            return int(ExitCode.FAILURE)
        return done.code if isinstance(done.code, int) else int(ExitCode.OK)
    except BrokenPipeError:  # the reader of our output went away (`| head`): end quietly
        discard_output(out)
        return int(ExitCode.FAILURE)
    except (Exception, KeyboardInterrupt) as error:
        expected = isinstance(error, MentorJournalError | CliError | KeyboardInterrupt | EOFError)
        if environ.get(DEBUG_VARIABLE) and not expected:
            raise
        code, text = describe(error, labels)
        say_on_stderr(f"{PROG}: {visible(one_line(text), multiline=False)}")
        _finish_output(out)
        return int(code)


def _settings(kdf: KdfParams | None, clock: Callable[[], datetime] | None) -> Settings:
    """The services' settings; importing them is what a command pays, never ``--help``."""
    from mentorjournal.services.workspace import Settings

    settings = Settings(lock_dir=default_lock_dir(), kdf=kdf)
    return settings if clock is None else dataclasses.replace(settings, clock=clock)


def _dispatch(args: argparse.Namespace, ctx: Context) -> int:
    """Run the command's handler, whose module is imported only now."""
    handler: HandlerRef = args.handler
    return int(handler.load()(args, ctx))


def _choose_language(environ: Mapping[str, str]) -> None:
    """The user's language for every message of this run, argparse's included."""
    try:
        use_language(language_from_environment(environ))
    except CatalogueMissing:  # an install without compiled catalogues still speaks English
        use_language(Language.ENGLISH)


def _never_fail_on_a_character() -> None:
    """Text the terminal's charset lacks is replaced, never an error (argparse writes its
    help straight to the stream; our own output is made encodable before it is written)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="replace")


def _refuse_undecodable_arguments(args: argparse.Namespace) -> None:
    """Text given on the command line must be text: bytes invalid in the locale are refused.

    Python hands such bytes over as lone surrogates, which no database, search or output can
    take. Paths may hold them (a folder name in another encoding is still a folder), and so
    may ``@FILE`` references, which name files.
    """
    for name, value in vars(args).items():
        if name in _SECRET_OPTIONS | _FILE_OPTIONS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str) or is_text(item):
                continue
            if not _names_a_file(item.partition("=")[2] if name == "assignments" else item):
                shown = os.fsencode(item).decode("utf-8", "backslashreplace")
                raise CliError(
                    _(
                        "The argument “{text}” is not valid text in your character set "
                        "(UTF-8 expected)."
                    ).format(text=shown),
                    ExitCode.USAGE,
                )


def _names_a_file(value: str) -> bool:
    """``@FILE`` (``@@text`` is the literal text ``@text``)."""
    return value.startswith("@") and not value.startswith("@@")


def _finish_output(out: TextIO) -> bool:
    """Flush standard output now, so that nothing fails again when the interpreter exits.

    False when what was printed could not be written.
    """
    try:
        out.flush()
    except OSError:
        discard_output(out)
        return False
    return True
