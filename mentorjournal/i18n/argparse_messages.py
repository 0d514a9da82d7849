"""The message ids of argparse, so that Babel puts them into our catalogue.

argparse looks its texts up with the standard library's ``gettext`` in the current text
domain, which :func:`mentorjournal.i18n.use_language` points at our catalogue. Their Polish
wording lives beside ours in ``mentorjournal.po``. Python 3.11's ids are listed with those
that 3.12 to 3.14 added, so the catalogue serves every version CI and users run; a test
extracts the running Python's ``argparse.py`` and fails if one is missing. Nothing imports
this module at run time.
"""

from __future__ import annotations

from mentorjournal.i18n import N_, ngettext

ARGPARSE_MESSAGES = (
    # What people see: usage, headings, the help of -h and --version, and every parse error.
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("subcommands"),
    N_("%(heading)s:"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_(" (default: %(default)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("%(prog)s: warning: %(message)s\n"),
    N_("option '%(option)s' is deprecated"),
    N_("command '%(parser_name)s' is deprecated"),
    N_("argument '%(argument_name)s' is deprecated"),
    N_('argument "-" with mode %r'),
    N_("can't open '%(filename)s': %(error)s"),
    # Mistakes of the program's author rather than its user; translated all the same.
    N_(".__call__() not defined"),
    N_("conflicting subparser: %s"),
    N_("conflicting subparser alias: %s"),
    N_("cannot merge actions - two groups are named %r"),
    N_("'required' is an invalid argument for positionals"),
    N_("invalid option string %(option)r: must start with a character %(prefix_chars)r"),
    N_("dest= is required for options like %r"),
    N_("invalid conflict_resolution value: %r"),
    N_("mutually exclusive arguments must be optional"),
    N_("cannot have multiple subparser arguments"),
    N_("%r is not callable"),
)


def _plural_messages(count: int) -> tuple[str, ...]:
    """argparse's plural messages, marked with ngettext so that Babel keeps their forms."""
    return (
        ngettext("conflicting option string: %s", "conflicting option strings: %s", count),
        ngettext("expected %s argument", "expected %s arguments", count),
    )
