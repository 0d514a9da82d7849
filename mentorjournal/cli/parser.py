"""The command line's grammar: subcommands, their options and help.

Errors of the grammar become :class:`UsageError` (exit 2, one line) instead of argparse's
usage dump; ``--help`` still prints the full help and exits 0.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from mentorjournal import __version__
from mentorjournal.cli import journal_commands, record_commands, record_options
from mentorjournal.cli.context import Context
from mentorjournal.cli.errors import UsageError
from mentorjournal.cli.inputs import NEW_PASSPHRASE_VARIABLE, PASSPHRASE_VARIABLE
from mentorjournal.domain import Party, RecordKind

PROG = "mentorjournal"

Handler = Callable[[argparse.Namespace, Context], int]

_EPILOG = f"""\
Without a command, {PROG} opens the desktop app; {PROG} --demo opens it on a throwaway
sample journal, deleted on exit.

The passphrase is read from {PASSPHRASE_VARIABLE}, or asked for when run in a terminal;
passwd and recover take the new one from {NEW_PASSPHRASE_VARIABLE} or ask for it twice.
Records are named by their id or its first 4+ characters. Text options take @FILE to read
a UTF-8 file, @- to read standard input (@@text means the literal @text). Dates are
ISO 8601: 2026-11-20, 2026-11-20T17:00.

Exit codes: 0 done; 1 anything else (disk full, read-only folder ...); 2 the command was
wrong (unknown option, invalid value, no passphrase given and no terminal to ask it);
3 wrong passphrase or recovery key, or the journal is open elsewhere; 4 not found (journal,
record, file); 5 the journal is damaged (or a backup is invalid, or it comes from a newer
version). Errors are one line on standard error, in Polish when the system language is.
"""


_ADD_HELP = {
    RecordKind.RELATIONSHIP: "a mentoring relationship, with one partner or a group",
    RecordKind.AGREEMENT: "the agreement (contract) of a relationship",
    RecordKind.GOAL: "a development goal",
    RecordKind.SESSION: "a meeting and its notes",
    RecordKind.HOMEWORK: "homework to do before a meeting",
    RecordKind.MATERIAL: "a link, a note or an attached file",
    RecordKind.ENTRY: "a private diary entry",
    RecordKind.REFLECTION: "a closing reflection on a relationship",
}


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _common(default_journal: Path) -> Parser:
    common = Parser(add_help=False)
    common.add_argument(
        "--journal",
        type=_path,
        default=default_journal,
        metavar="DIR",
        help=f"the journal folder (default: {default_journal})",
    )
    common.add_argument("--json", action="store_true", help="print machine-readable JSON")
    return common


def build_parser(default_journal: Path) -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="MentorJournal: an offline, end-to-end encrypted mentoring journal.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a throwaway sample journal"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    common: list[Parser] = [_common(default_journal)]
    no_parents: list[Parser] = []

    def command(
        name: str, help_text: str, handler: Handler | None, *, journal: bool = True
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
        "init", "create a new journal and show its recovery key once", journal_commands.run_init
    )
    init.add_argument("--name", required=True, help="your name, as it appears on agreements")

    # The common options belong to each kind's parser only: given to `add` itself, the
    # kind's defaults would overwrite them.
    add = command("add", "add a record", record_commands.run_add, journal=False)
    _add_commands(add, common)

    listing = command("list", "list records of one kind", record_commands.run_list)
    listing.add_argument("what", choices=list(record_commands.LIST_CHOICES), metavar="KIND")
    listing.add_argument("--relationship", metavar="ID", help="only this relationship's")
    listing.add_argument("--trash", action="store_true", help="list deleted records instead")

    show = command("show", "show every field of a record", record_commands.run_show)
    show.add_argument("id", metavar="ID")

    change = command("set", "change fields of a record", record_commands.run_set)
    change.add_argument("id", metavar="ID")
    change.add_argument(
        "assignments",
        nargs="+",
        metavar="FIELD=VALUE",
        help="e.g. status=done, notes=@notes.md; an empty VALUE clears the field",
    )

    for name, handler, text in (
        ("delete", record_commands.run_delete, "move a record to the trash"),
        ("undelete", record_commands.run_undelete, "bring a record back from the trash"),
    ):
        command(name, text, handler).add_argument("id", metavar="ID")

    history = command(
        "history", "earlier values of a text field, or put one back", record_commands.run_history
    )
    history.add_argument("id", metavar="ID")
    history.add_argument("field", metavar="FIELD")
    history.add_argument(
        "--restore", type=int, metavar="HISTORY_ID", help="put this earlier value back"
    )

    search = command("search", "full-text search", record_commands.run_search)
    search.add_argument("query", metavar="QUERY", help="words; case and Polish letters ignored")
    search.add_argument("--relationship", metavar="ID", help="only within this relationship")
    search.add_argument(
        "--kind",
        nargs="+",
        action="extend",
        metavar="KIND",
        help="only these kinds: " + ", ".join(kind.value for kind in RecordKind),
    )

    dashboard = command("dashboard", "overview of each relationship", record_commands.run_dashboard)
    dashboard.add_argument("--relationship", metavar="ID", help="only this relationship")

    sign = command("sign", "sign an agreement's current text", record_commands.run_sign)
    sign.add_argument("id", metavar="AGREEMENT_ID")
    sign.add_argument(
        "--party", required=True, metavar="{" + ",".join(p.value for p in Party) + "}"
    )

    attachment = command(
        "attachment", "save a material's attached file", record_commands.run_attachment
    )
    attachment.add_argument("id", metavar="MATERIAL_ID")
    attachment.add_argument(
        "--out", type=_path, required=True, metavar="FILE", help="file or folder to save to"
    )
    attachment.add_argument("--force", action="store_true", help="replace an existing file")

    command("passwd", "change the passphrase", journal_commands.run_passwd)

    recover = command(
        "recover", "set a new passphrase with the recovery key", journal_commands.run_recover
    )
    recover.add_argument(
        "--recovery-key", metavar="KEY", help="the key, or @FILE; asked for when left out"
    )

    command("verify", "check the journal's integrity", journal_commands.run_verify)

    backup = command("backup", "write an encrypted backup file", journal_commands.run_backup)
    backup.add_argument(
        "--out", type=_path, required=True, metavar="FILE", help="file, or folder to put it in"
    )
    backup.add_argument("--force", action="store_true", help="replace an existing file")

    restore = command(
        "restore",
        "unpack a backup into a new journal folder (given with --journal)",
        journal_commands.run_restore,
    )
    restore.add_argument("file", type=_path, metavar="FILE")

    command("demo", "show the demonstration on a temporary sample journal", None, journal=False)
    return parser


def _add_commands(add: argparse.ArgumentParser, common: list[Parser]) -> None:
    kinds = add.add_subparsers(
        dest="record_kind", metavar="KIND", required=True, parser_class=Parser
    )
    for kind in RecordKind:
        sub = kinds.add_parser(
            kind.value,
            help=_ADD_HELP[kind],
            description=f"Add {_ADD_HELP[kind]}; prints its id (with --json, the whole record).",
            parents=common,
            allow_abbrev=False,
        )
        record_options.register(sub, kind)
        if kind is RecordKind.MATERIAL:
            sub.add_argument(
                "--file",
                type=_path,
                metavar="PATH",
                help="attach this file; it is stored encrypted inside the journal",
            )
