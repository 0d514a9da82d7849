"""``mentorjournal export pdf`` and ``export html``: the closing report of one relationship.

:func:`register` adds both to the ``export`` command's subcommands; it is called while the
parser is built, so this module imports nothing heavy: the services are imported by the
handler, when the command runs. The report is written where ``--out`` says, and a line on
standard error reminds the user that, unlike the journal, the file is not encrypted.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.i18n import Language, _

if TYPE_CHECKING:
    from mentorjournal.cli.context import Context

_FORMATS = ("pdf", "html")


def register(
    formats: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser],
) -> None:
    """Add ``pdf`` and ``html`` to the ``export`` command's subcommands."""
    from mentorjournal.cli.parser import HandlerRef  # the parser imports this module

    texts = {
        "pdf": _("the closing report of a relationship as a PDF file"),
        "html": _("the closing report as one accessible HTML file (for screen readers)"),
    }
    for name in _FORMATS:
        sub = formats.add_parser(
            name,
            help=texts[name],
            description=texts[name],
            parents=list(parents),
            allow_abbrev=False,
        )
        sub.set_defaults(handler=HandlerRef("report_commands", "run_report"), report_format=name)
        _options(sub)


def _options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--relationship", required=True, metavar="ID", help=_("the relationship to report on")
    )
    sub.add_argument(
        "--out", type=_path, required=True, metavar=_("FILE"), help=_("the file to write")
    )
    sub.add_argument(
        "--include-private",
        action="store_true",
        help=_("also show private notes and private records (left out by default)"),
    )
    sub.add_argument(
        "--from",
        dest="date_from",
        type=_date,
        metavar=_("DATE"),
        help=_("only sessions, homework and evaluations from this day on"),
    )
    sub.add_argument(
        "--to",
        dest="date_to",
        type=_date,
        metavar=_("DATE"),
        help=_("only sessions, homework and evaluations up to this day"),
    )
    sub.add_argument(
        "--language",
        choices=[language.value for language in Language],
        help=_("the report's language (default: the language of your system)"),
    )
    sub.add_argument("--force", action="store_true", help=_("replace an existing file"))


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a date like 2026-11-23").format(text=text)
        ) from None


def run_report(args: argparse.Namespace, ctx: Context) -> int:
    """Write the report; say where, and that the file is not encrypted."""
    from mentorjournal.cli.context import shown_path
    from mentorjournal.services.reports import ReportFormat, ReportOptions, export_report
    from mentorjournal.services.user_files import check_output

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise CliError(_("--from must not be later than --to."), ExitCode.USAGE)
    options = ReportOptions(
        include_private=args.include_private,
        date_from=args.date_from,
        date_to=args.date_to,
        language=Language(args.language) if args.language else None,
    )
    ctx.labels["relationship"] = "--relationship"
    check_output(args.out, args.journal, force=args.force)  # before the passphrase is asked
    with ctx.unlock(args.journal) as workspace:
        written = export_report(
            workspace,
            args.relationship,
            args.out,
            ReportFormat(args.report_format),
            options,
            force=args.force,
        )
    shown = shown_path(written)
    ctx.show(
        {"path": shown, "format": args.report_format},
        lambda: _("Closing report written to {path}.").format(path=shown),
    )
    ctx.warn(
        _("Note: {path} is not encrypted; keep it where only you can read it.").format(path=shown)
    )
    return ExitCode.OK
