"""The grammar of ``export FORMAT`` and ``import json``: one table row per export format.

Kept apart from the handlers (:mod:`mentorjournal.cli.export_commands`) so that building
the parser imports no services. A new format (``pdf``, ``html``) is one more row in
:func:`export_formats`: its name, its help, the handler's module and function, and a
function that adds its own options (``--journal`` and ``--json`` come with every row).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentorjournal.i18n import _

# The parser's own HandlerRef, passed in: importing it here would import parser.py in turn.
MakeHandler = Callable[[str, str], Any]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    help: str
    module: str  # in mentorjournal.cli
    function: str
    add_options: Callable[[argparse.ArgumentParser], None]


def user_path(text: str) -> Path:
    """A path the user typed, ``~`` expanded."""
    return Path(text).expanduser()


def _out(parser: argparse.ArgumentParser, what: str, metavar: str | None = None) -> None:
    parser.add_argument(
        "--out", type=user_path, required=True, metavar=metavar or _("FILE"), help=what
    )
    parser.add_argument("--force", action="store_true", help=_("replace what is there"))


def _relationship(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--relationship",
        required=required,
        metavar="ID",
        help=_("only this relationship") if not required else _("the relationship"),
    )


def _json_options(parser: argparse.ArgumentParser) -> None:
    _relationship(parser)
    _out(parser, _("the file to write"))


def _markdown_options(parser: argparse.ArgumentParser) -> None:
    _relationship(parser)
    _out(parser, _("the folder to write (new or empty; --force replaces it)"), _("DIR"))
    parser.add_argument(
        "--include-private", action="store_true", help=_("include private notes and records")
    )
    parser.add_argument("--include-diary", action="store_true", help=_("include diary entries"))


def _ics_options(parser: argparse.ArgumentParser) -> None:
    _relationship(parser, required=True)
    _out(parser, _("the calendar file to write (.ics)"))


def export_formats() -> list[ExportFormat]:
    """Every ``export`` format, its help in the current language."""
    return [
        ExportFormat(
            "json",
            _("everything, complete and re-importable (with --relationship, one relationship)"),
            "export_commands",
            "run_export_json",
            _json_options,
        ),
        ExportFormat(
            "markdown",
            _("Markdown files to read without the app, one folder per relationship"),
            "export_commands",
            "run_export_markdown",
            _markdown_options,
        ),
        ExportFormat(
            "ics",
            _("a relationship's sessions as calendar events"),
            "export_commands",
            "run_export_ics",
            _ics_options,
        ),
    ]


def register(
    commands: Any,  # argparse's sub-parsers action
    common: list[Any],
    parser_class: type[argparse.ArgumentParser],
    make_handler: MakeHandler,
) -> Any:
    """Add ``export FORMAT`` and ``import json`` to ``commands``.

    Returns the ``export`` command's sub-parsers, where the closing report adds ``pdf`` and
    ``html`` (:func:`mentorjournal.cli.report_commands.register`).
    """
    export = commands.add_parser(
        "export",
        help=_("write the journal to an open (not encrypted) file"),
        description=_(
            "Write the journal, or one relationship, to a file that is NOT encrypted: "
            "anyone who can read the file can read what it holds."
        ),
        allow_abbrev=False,
    )
    formats = export.add_subparsers(
        dest="export_format", metavar=_("FORMAT"), required=True, parser_class=parser_class
    )
    for row in export_formats():
        sub = formats.add_parser(
            row.name, help=row.help, description=row.help, parents=common, allow_abbrev=False
        )
        sub.set_defaults(handler=make_handler(row.module, row.function))
        row.add_options(sub)

    importing = commands.add_parser(
        "import", help=_("import an export file into a journal"), allow_abbrev=False
    )
    kinds = importing.add_subparsers(
        dest="import_format", metavar=_("FORMAT"), required=True, parser_class=parser_class
    )
    help_text = _(
        "import a JSON export into the journal given with --journal (made if there is none); "
        "records it already has are left as they are"
    )
    sub = kinds.add_parser(
        "json", help=help_text, description=help_text, parents=common, allow_abbrev=False
    )
    sub.set_defaults(handler=make_handler("export_commands", "run_import_json"))
    sub.add_argument("file", type=user_path, metavar=_("FILE"))
    return formats
