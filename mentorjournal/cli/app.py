"""The entry point: parse, run one command, turn every failure into one line and an exit code."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from mentorjournal.cli import demo
from mentorjournal.cli.context import Context, default_journal_dir, default_lock_dir, show_on
from mentorjournal.cli.errors import CliError, ExitCode, describe, one_line
from mentorjournal.cli.inputs import Inputs
from mentorjournal.cli.output import visible
from mentorjournal.cli.parser import PROG, build_parser
from mentorjournal.domain import MentorJournalError
from mentorjournal.i18n import (
    CatalogueMissing,
    Language,
    language_from_environment,
    use_language,
)
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings

DEBUG_VARIABLE = "MENTORJOURNAL_DEBUG"


def main(
    argv: Sequence[str] | None = None,
    *,
    kdf: workspaces.KdfParams | None = None,
    clock: Callable[[], datetime] | None = None,
) -> int:
    """Run ``mentorjournal`` with ``argv`` (default: the process's arguments).

    ``kdf`` sets the Argon2id cost of new passphrases (None: calibrated on this machine) and
    ``clock`` the time; tests pass cheap and fixed ones.
    """
    environ = os.environ
    _choose_language(environ)
    _never_fail_on_a_character()
    settings = Settings(lock_dir=default_lock_dir(), kdf=kdf)
    if clock is not None:
        settings = dataclasses.replace(settings, clock=clock)
    ctx = Context(settings, Inputs(environ, sys.stdin), sys.stdout)
    try:
        args = build_parser(default_journal_dir()).parse_args(argv)
        ctx.as_json = bool(getattr(args, "json", False))
        handler = getattr(args, "handler", None)
        if handler is None:
            return demo.run_demo(ctx)
        return int(handler(args, ctx))
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else int(ExitCode.OK)
    except BrokenPipeError:  # the reader of our output went away (`| head`)
        return int(ExitCode.FAILURE)
    except (Exception, KeyboardInterrupt) as error:
        expected = isinstance(error, MentorJournalError | CliError | KeyboardInterrupt | EOFError)
        if environ.get(DEBUG_VARIABLE) and not expected:
            raise
        code, text = describe(error, ctx.labels)
        show_on(sys.stderr, f"{PROG}: {visible(one_line(text), multiline=False)}")
        return int(code)


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
