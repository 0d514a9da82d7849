"""The command line's grammar: subcommands, their options and help.

Errors of the grammar become :class:`UsageError` (exit 2, one line) instead of argparse's
usage dump; ``--help`` still prints the full help and exits 0. The parser is built after the
language is chosen, so every help text and metavar is in the user's language; argparse's own
texts ("usage:", its errors) come from the same catalogue through gettext's text domain.
Command and option names, and the values typed after them, stay as they are.

Building the parser must stay cheap: ``--help`` and ``--version`` answer from it alone, so it
names each command's handler by module and function (:class:`HandlerRef`) and the handler's
module, with the services, SQLAlchemy and SQLCipher behind it, is imported only when that
command runs (tests/acceptance/test_startup.py holds this).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

from mentorjournal import __version__
from mentorjournal.cli import (
    close_options,
    export_parser,
    record_options,
    report_commands,
    sync_parser,
)
from mentorjournal.cli.errors import UsageError
from mentorjournal.cli.inputs import NEW_PASSPHRASE_VARIABLE, PASSPHRASE_VARIABLE
from mentorjournal.domain import Party, RecordKind
from mentorjournal.i18n import _
from mentorjournal.i18n.names import member_named

if TYPE_CHECKING:
    from mentorjournal.cli.context import Context

PROG = "mentorjournal"

Handler = Callable[[argparse.Namespace, "Context"], int]

# What `list` accepts, plural as the issue writes it, and the kind each stands for.
LIST_CHOICES: dict[str, RecordKind] = {
    "relationships": RecordKind.RELATIONSHIP,
    "agreements": RecordKind.AGREEMENT,
    "goals": RecordKind.GOAL,
    "sessions": RecordKind.SESSION,
    "homework": RecordKind.HOMEWORK,
    "materials": RecordKind.MATERIAL,
    "entries": RecordKind.ENTRY,
    "reflections": RecordKind.REFLECTION,
    "evaluations": RecordKind.EVALUATION,
}


@dataclass(frozen=True, slots=True)
class HandlerRef:
    """A command's handler, named: its module in ``mentorjournal.cli`` and its function.

    Importing the handler modules would import the services (about 0.5 s) into every run,
    ``--help`` and ``--version`` included; they are imported only by :meth:`load`.
    """

    module: str
    function: str

    def load(self) -> Handler:
        module = importlib.import_module(f"mentorjournal.cli.{self.module}")
        return cast(Handler, getattr(module, self.function))


def _journal(function: str) -> HandlerRef:
    return HandlerRef("journal_commands", function)


def _records(function: str) -> HandlerRef:
    return HandlerRef("record_commands", function)


def _epilog() -> str:
    return _(
        """\
Without a command, {prog} opens the desktop app; {prog} --demo opens it on a throwaway
sample journal, deleted on exit.

The passphrase is read from {variable}, or asked for when run in a terminal;
passwd and recover take the new one from {new_variable} or ask for it twice.
Records are named by their id or its first 4+ characters. Text options take @FILE to read
a UTF-8 file, @- to read standard input (@@text means the literal @text). Dates are
ISO 8601: 2026-11-20, 2026-11-20T17:00.

Exit codes: 0 done; 1 anything else (disk full, read-only folder ...); 2 the command was
wrong (unknown option, invalid value, no passphrase given and no terminal to ask it);
3 wrong passphrase or recovery key, or the journal is open elsewhere; 4 not found (journal,
record, file); 5 the journal is damaged (or a backup is invalid, or it comes from a newer
version). Errors are one line on standard error, in Polish when the system language is.
"""
    ).format(prog=PROG, variable=PASSPHRASE_VARIABLE, new_variable=NEW_PASSPHRASE_VARIABLE)


def _add_help(kind: RecordKind) -> str:
    texts = {
        RecordKind.RELATIONSHIP: _("a mentoring relationship, with one partner or a group"),
        RecordKind.AGREEMENT: _("the agreement (contract) of a relationship"),
        RecordKind.GOAL: _("a development goal"),
        RecordKind.SESSION: _("a meeting and its notes"),
        RecordKind.HOMEWORK: _("homework to do before a meeting"),
        RecordKind.MATERIAL: _("a link, a note or an attached file"),
        RecordKind.ENTRY: _("a private diary entry"),
        RecordKind.REFLECTION: _("a closing reflection on a relationship"),
        RecordKind.EVALUATION: _(
            "answers to the mid-point or final evaluation questionnaire (question=score, 1-5)"
        ),
    }
    return texts[kind]


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _list_kind(text: str) -> str:
    """``list cel`` or ``list goal`` mean ``list goals``: a kind's name, English or Polish,
    stands for its plural; anything else is left for argparse to refuse with the choices."""
    if text in LIST_CHOICES:
        return text
    kind = member_named(RecordKind, text)
    plurals = (plural for plural, of in LIST_CHOICES.items() if of is kind)
    return next(plurals, text)


def _common(default_journal: Path) -> Parser:
    common = Parser(add_help=False)
    common.add_argument(
        "--journal",
        type=_path,
        default=default_journal,
        metavar=_("DIR"),
        help=_("the journal folder (default: {path})").format(path=default_journal),
    )
    common.add_argument("--json", action="store_true", help=_("print machine-readable JSON"))
    return common


def build_parser(default_journal: Path) -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description=_("MentorJournal: an offline, end-to-end encrypted mentoring journal."),
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help=_("show the program's version and exit"),
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open the app on a throwaway sample journal")
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)
    common: list[Parser] = [_common(default_journal)]
    no_parents: list[Parser] = []

    def command(
        name: str, help_text: str, handler: HandlerRef | None, *, journal: bool = True
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            parents=common if journal else no_parents,
            allow_abbrev=False,
        )
        sub.set_defaults(handler=handler)
        return sub

    init = command(
        "init",
        _("create a new journal and show its recovery key once"),
        _journal("run_init"),
    )
    init.add_argument(
        "--name", required=True, metavar=_("NAME"), help=_("your name, as it appears on agreements")
    )

    # The common options belong to each kind's parser only: given to `add` itself, the
    # kind's defaults would overwrite them.
    add = command("add", _("add a record"), _records("run_add"), journal=False)
    _add_commands(add, common)

    listing = command("list", _("list records of one kind"), _records("run_list"))
    listing.add_argument(
        "what",
        type=_list_kind,
        choices=list(LIST_CHOICES),
        metavar=_("KIND"),
        help=_("one of: {choices}; the name of a kind, also in Polish, works too").format(
            choices=", ".join(LIST_CHOICES)
        ),
    )
    listing.add_argument("--relationship", metavar="ID", help=_("only this relationship's"))
    listing.add_argument("--trash", action="store_true", help=_("list deleted records instead"))

    show = command("show", _("show every field of a record"), _records("run_show"))
    show.add_argument("id", metavar="ID")

    change = command("set", _("change fields of a record"), _records("run_set"))
    change.add_argument("id", metavar="ID")
    change.add_argument(
        "assignments",
        nargs="+",
        metavar=_("FIELD=VALUE"),
        help=_("e.g. status=done, notes=@notes.md; an empty VALUE clears the field"),
    )

    for name, handler, text in (
        ("delete", _records("run_delete"), _("move a record to the trash")),
        ("undelete", _records("run_undelete"), _("bring a record back from the trash")),
    ):
        command(name, text, handler).add_argument("id", metavar="ID")

    history = command(
        "history",
        _("earlier values of a text field, or put one back"),
        _records("run_history"),
    )
    history.add_argument("id", metavar="ID")
    history.add_argument("field", metavar=_("FIELD"))
    history.add_argument(
        "--restore", type=int, metavar=_("HISTORY_ID"), help=_("put this earlier value back")
    )

    search = command("search", _("full-text search"), _records("run_search"))
    search.add_argument(
        "query", metavar=_("QUERY"), help=_("words; case and Polish letters ignored")
    )
    search.add_argument("--relationship", metavar="ID", help=_("only within this relationship"))
    search.add_argument(
        "--kind",
        nargs="+",
        action="extend",
        metavar=_("KIND"),
        help=_("only these kinds: {kinds}").format(
            kinds=", ".join(kind.value for kind in RecordKind)
        ),
    )

    dashboard = command("dashboard", _("overview of each relationship"), _records("run_dashboard"))
    dashboard.add_argument("--relationship", metavar="ID", help=_("only this relationship"))

    sign = command("sign", _("sign an agreement's current text"), _records("run_sign"))
    sign.add_argument("id", metavar=_("AGREEMENT_ID"))
    sign.add_argument(
        "--party",
        required=True,
        metavar="{" + ",".join(p.value for p in Party) + "}",
        help=_("who signs: me (you) or partner"),
    )

    close_options.register(
        command("close", close_options.help_text(), HandlerRef("close_command", "run_close"))
    )

    attachment = command(
        "attachment", _("save a material's attached file"), _records("run_attachment")
    )
    attachment.add_argument("id", metavar=_("MATERIAL_ID"))
    attachment.add_argument(
        "--out", type=_path, required=True, metavar=_("FILE"), help=_("file or folder to save to")
    )
    attachment.add_argument("--force", action="store_true", help=_("replace an existing file"))

    passwd = command("passwd", _("change the passphrase"), _journal("run_passwd"))
    passwd.add_argument(
        "--rekey",
        action="store_true",
        help=_("also re-encrypt everything under a new key and make a new recovery key"),
    )

    recover = command(
        "recover", _("set a new passphrase with the recovery key"), _journal("run_recover")
    )
    recover.add_argument(
        "--recovery-key-file",
        metavar=_("FILE"),
        help=_("read the key from FILE (- for standard input); asked for when left out"),
    )
    # Refused with a message: a key in argv is visible in `ps` and kept in shell history.
    recover.add_argument("--recovery-key", help=argparse.SUPPRESS)

    command("verify", _("check the journal's integrity"), _journal("run_verify"))

    backup = command("backup", _("write an encrypted backup file"), _journal("run_backup"))
    backup.add_argument(
        "--out",
        type=_path,
        required=True,
        metavar=_("FILE"),
        help=_("file, or folder to put it in"),
    )
    backup.add_argument("--force", action="store_true", help=_("replace an existing file"))

    restore = command(
        "restore",
        _("unpack a backup into a new journal folder (given with --journal)"),
        _journal("run_restore"),
    )
    restore.add_argument("file", type=_path, metavar=_("FILE"))

    formats = export_parser.register(commands, common, Parser, HandlerRef)
    report_commands.register(formats, common)

    command("demo", _("show the demonstration on a temporary sample journal"), None, journal=False)
    sync = command("sync", _("share a relationship through a synced folder"), None, journal=False)
    sync_parser.register(sync, common, Parser, HandlerRef)
    return parser


def _add_commands(add: argparse.ArgumentParser, common: list[Parser]) -> None:
    kinds = add.add_subparsers(
        dest="record_kind", metavar=_("KIND"), required=True, parser_class=Parser
    )
    for kind in RecordKind:
        sub = kinds.add_parser(
            kind.value,
            help=_add_help(kind),
            description=_("Add {what}; prints its id (with --json, the whole record).").format(
                what=_add_help(kind)
            ),
            parents=common,
            allow_abbrev=False,
        )
        record_options.register(sub, kind)
        if kind is RecordKind.MATERIAL:
            sub.add_argument(
                "--file",
                type=_path,
                metavar=_("FILE"),
                help=_("attach this file; it is stored encrypted inside the journal"),
            )
