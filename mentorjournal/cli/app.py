"""The entry point: parse, run one command, turn every failure into one line and an exit code."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from mentorjournal.cli import demo
from mentorjournal.cli.context import Context, default_journal_dir, default_lock_dir
from mentorjournal.cli.errors import CliError, ExitCode, describe, one_line
from mentorjournal.cli.inputs import Inputs
from mentorjournal.cli.messages import messages_for
from mentorjournal.cli.parser import PROG, build_parser
from mentorjournal.domain import MentorJournalError
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings

DEBUG_VARIABLE = "MENTORJOURNAL_DEBUG"


def main(
    argv: Sequence[str] | None = None,
    *,
    kdf: workspaces.KdfParams | None = None,
    clock: Callable[[], datetime] | None = None,
    open_app: Callable[[bool], int] | None = None,
) -> int:
    """Run ``mentorjournal`` with ``argv`` (default: the process's arguments).

    ``kdf`` sets the Argon2id cost of new passphrases (None: calibrated on this machine) and
    ``clock`` the time; tests pass cheap and fixed ones. Without a subcommand,
    ``open_app(demo)`` opens the desktop app (mentorjournal/launcher.py); callers without
    a window get the printed tour of the sample journal.
    """
    environ = os.environ
    say = messages_for(environ)
    settings = Settings(lock_dir=default_lock_dir(), kdf=kdf)
    if clock is not None:
        settings = dataclasses.replace(settings, clock=clock)
    ctx = Context(settings, say, Inputs(environ, sys.stdin, say), sys.stdout)
    try:
        args = build_parser(default_journal_dir()).parse_args(argv)
        ctx.as_json = bool(getattr(args, "json", False))
        handler = getattr(args, "handler", None)
        if handler is None:
            if open_app is not None:
                return open_app(bool(args.demo))
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
        code, text = describe(error, say, ctx.labels)
        print(f"{PROG}: {one_line(text)}", file=sys.stderr)
        return int(code)
