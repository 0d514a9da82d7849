"""The grammar of ``sync ...``: pairing, syncing and the devices of a shared space.

Kept apart from the handlers (:mod:`mentorjournal.cli.sync_commands`) so that building the
parser imports no services, like :mod:`mentorjournal.cli.export_parser`.
"""

from __future__ import annotations

import argparse
from typing import Any

from mentorjournal.cli.export_parser import MakeHandler, user_path
from mentorjournal.i18n import _


def register(
    sync: argparse.ArgumentParser,
    common: list[Any],
    parser_class: type[argparse.ArgumentParser],
    make_handler: MakeHandler,
) -> None:
    """Add every ``sync`` subcommand to the ``sync`` command."""
    subs = sync.add_subparsers(
        dest="sync_command", metavar=_("COMMAND"), required=True, parser_class=parser_class
    )

    def sub(name: str, help_text: str, function: str) -> argparse.ArgumentParser:
        parser = subs.add_parser(
            name, help=help_text, description=help_text, parents=common, allow_abbrev=False
        )
        parser.set_defaults(handler=make_handler("sync_commands", function))
        return parser

    def relationship(
        parser: argparse.ArgumentParser, required: bool = False, help_text: str | None = None
    ) -> None:
        parser.add_argument(
            "--relationship",
            required=required,
            metavar="ID",
            help=help_text or _("the shared relationship (left out: your own devices' space)"),
        )

    def folder(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--folder",
            type=user_path,
            required=True,
            metavar=_("PATH"),
            help=_("the folder your sync tool replicates"),
        )

    def device(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--device", required=True, metavar=_("DEVICE"))

    start = sub(
        "start", _("share a relationship; prints this device and its safety phrase"), "run_start"
    )
    relationship(start, required=True)
    folder(start)
    folder(sub("join", _("ask to join the space in a folder"), "run_join"))
    folder(
        sub(
            "join-own",
            _("start or join your own devices' space (private records too)"),
            "run_join_own",
        )
    )
    relationship(
        sub("requests", _("devices waiting for approval, with safety phrases"), "run_requests")
    )
    approve = sub("approve", _("approve a device after comparing the safety phrase"), "run_approve")
    relationship(approve)
    device(approve)
    remove = sub("remove", _("remove a device; it gets no new key"), "run_remove")
    relationship(remove)
    device(remove)
    relationship(sub("leave", _("stop syncing a space; records stay"), "run_leave"))
    relationship(
        sub("now", _("write the outbox, read, merge, report"), "run_now"),
        help_text=_("only this relationship (left out: every shared space)"),
    )
    sub("status", _("each shared space: state, last sync, files set aside"), "run_status")
    relationship(sub("devices", _("the devices of each shared space"), "run_devices"))
