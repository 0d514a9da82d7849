"""The options of ``mentorjournal close``, kept apart from its handler.

The parser imports this module for every run (``--help`` included), so it holds only words
and options; :mod:`mentorjournal.cli.close_command` does the work.
"""

from __future__ import annotations

import argparse

from mentorjournal.domain import Party, RecordKind
from mentorjournal.i18n import _
from mentorjournal.i18n.names import field_label


def help_text() -> str:
    return _(
        "close a relationship: judge each goal, write your reflection; with --draft, save "
        "and go on later"
    )


def register(close: argparse.ArgumentParser) -> None:
    """Add the options of ``close`` to its parser."""
    close.add_argument(
        "--relationship", required=True, metavar="ID", help=_("the relationship to close")
    )
    close.add_argument(
        "--goal",
        action="append",
        metavar=_("ID=VERDICT"),
        help=_(
            "a goal's verdict: achieved, not_achievable or dropped (open takes it back); "
            "repeat for each goal"
        ),
    )
    close.add_argument(
        "--why",
        "--outcome",
        action="append",
        metavar=_("ID=TEXT"),
        help=_(
            "a goal's outcome note, and for not_achievable the why (required); "
            "ID=@FILE reads it from a file"
        ),
    )
    close.add_argument(
        "--party",
        default=Party.ME.value,
        metavar="{" + ",".join(p.value for p in Party) + "}",
        help=_("whose reflection the texts below are: me (the default) or partner"),
    )
    for field in (
        "goal_outcomes",
        "what_worked",
        "what_did_not",
        "lessons",
        "next_steps",
        "feedback",
    ):
        close.add_argument(
            "--" + field.replace("_", "-"),
            metavar=_("TEXT"),
            help=_("{label}: Markdown text, @FILE or @- (standard input)").format(
                label=field_label(field, RecordKind.REFLECTION)
            ),
        )
    close.add_argument("--rating", metavar="N", help=_("your overall rating, 1 to 5"))
    when = close.add_mutually_exclusive_group()
    when.add_argument(
        "--draft",
        action="store_true",
        help=_("save what is given without closing; the closing goes on later"),
    )
    when.add_argument(
        "--reopen",
        action="store_true",
        help=_("make a closed relationship active again (everything written is kept)"),
    )
