"""``export json|markdown|ics`` and ``import json``: open files, written where the user asked.

Each export ends with a one-line note on standard error that the file is not encrypted
(standard output keeps the result, or its JSON with ``--json``). ``import json`` into a
folder without a journal makes one, named after the owner in the file, and shows its
recovery key once, as ``init`` does.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mentorjournal.cli import journal_commands, output
from mentorjournal.cli.context import Context, shown_path
from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.i18n import _, current_language, ngettext
from mentorjournal.i18n.names import field_label, name
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.export_folders import check_output_folder
from mentorjournal.services.exports import MarkdownOptions, Wording
from mentorjournal.services.importing import ImportResult, owner_name_in
from mentorjournal.services.locations import file_in_the_way, is_journal
from mentorjournal.services.user_files import check_output, require_file
from mentorjournal.services.workspace import Workspace


def wording() -> Wording:
    """The words of the readable exports: the command line's language."""
    return Wording(_, name, field_label, current_language().value)


def _not_encrypted(ctx: Context, path: Path) -> None:
    if path.is_dir():
        text = _(
            "Note: the files in {path} are not encrypted; anyone who can read them can read "
            "what they hold."
        )
    else:
        text = _("Note: {path} is not encrypted; anyone who can read it can read what it holds.")
    ctx.warn(text.format(path=shown_path(path)))


def _relationship(workspace: Workspace, given: str | None) -> str | None:
    return None if given is None else workspace.records.resolve(given)


def report_export(ctx: Context, kind: str, path: Path, relationship_id: str | None) -> None:
    """What every export command ends with: where it went (or its JSON), and on standard
    error that it is not encrypted. The PDF and HTML exports say it the same way."""
    shown = shown_path(path)
    ctx.show(
        {"format": kind, "out": shown, "relationship_id": relationship_id},
        lambda: _("Exported to {path}.").format(path=shown),
    )
    _not_encrypted(ctx, path)


def run_export_json(args: argparse.Namespace, ctx: Context) -> int:
    check_output(args.out, args.journal, force=args.force)  # before the passphrase is asked
    with ctx.unlock(args.journal) as workspace:
        relationship_id = _relationship(workspace, args.relationship)
        path = workspace.exports.export_json(
            args.out, relationship_id=relationship_id, force=args.force
        )
    report_export(ctx, "json", path, relationship_id)
    return ExitCode.OK


def run_export_markdown(args: argparse.Namespace, ctx: Context) -> int:
    check_output_folder(args.out, args.journal, force=args.force)
    options = MarkdownOptions(
        include_private=args.include_private, include_diary=args.include_diary
    )
    with ctx.unlock(args.journal) as workspace:
        relationship_id = _relationship(workspace, args.relationship)
        path = workspace.exports.export_markdown(
            args.out,
            wording=wording(),
            relationship_id=relationship_id,
            options=options,
            force=args.force,
        )
    report_export(ctx, "markdown", path, relationship_id)
    return ExitCode.OK


def run_export_ics(args: argparse.Namespace, ctx: Context) -> int:
    check_output(args.out, args.journal, force=args.force)
    with ctx.unlock(args.journal) as workspace:
        relationship_id = workspace.records.resolve(args.relationship)
        path, _count = workspace.exports.export_ics(
            args.out, relationship_id, wording=wording(), force=args.force
        )
    report_export(ctx, "ics", path, relationship_id)
    return ExitCode.OK


def run_import_json(args: argparse.Namespace, ctx: Context) -> int:
    path = require_file(args.file)
    root: Path = args.journal
    if is_journal(root):
        with ctx.unlock(root, before_change=True) as workspace:
            result = workspace.importing.import_json(path)
        _show_result(ctx, root, result)
        return ExitCode.OK
    in_the_way = file_in_the_way(root)
    if in_the_way is not None:
        text = _("No journal can be made in {path}: {file} is a file, not a folder.")
        raise CliError(text.format(path=root, file=in_the_way), ExitCode.USAGE)
    owner = owner_name_in(path)  # a file that cannot be imported makes no journal
    passphrase = ctx.inputs.chosen_passphrase(new=False)
    made = journal_commands._what_init_makes(root)  # as init does
    workspace, recovery_key = workspaces.create(root, passphrase, owner, ctx.settings)
    try:
        with workspace:
            result = workspace.importing.import_json(path)
    except BaseException:
        made.remove()  # nothing half-imported stays behind
        raise
    try:
        if ctx.as_json:
            ctx.print(
                output.to_json(
                    {**_result_json(root, result), "created": True, "recovery_key": recovery_key}
                )
            )
        else:
            journal_commands._show_recovery_key(ctx, root, recovery_key)
            ctx.print("")
            ctx.print(_result_text(root, result))
        ctx.flush()
    except (OSError, UnicodeError, CliError, KeyboardInterrupt):
        made.remove()  # as init: a journal whose recovery key nobody saw must not stay
        raise CliError(
            _(
                "The recovery key could not be shown, so no journal was created; run the "
                "import again with output that can be written."
            ),
            ExitCode.FAILURE,
        ) from None
    return ExitCode.OK


def _result_json(root: Path, result: ImportResult) -> dict[str, object]:
    return {
        "journal": shown_path(root),
        "added": result.added,
        "skipped": result.skipped,
        "attachments": result.attachments,
        "created": False,
    }


def _result_text(root: Path, result: ImportResult) -> str:
    text = ngettext(
        "Imported {count} record into {path}.",
        "Imported {count} records into {path}.",
        result.added,
    ).format(count=result.added, path=shown_path(root))
    if result.skipped:
        text += " " + ngettext(
            "{count} record was in the journal already and was left as it was.",
            "{count} records were in the journal already and were left as they were.",
            result.skipped,
        ).format(count=result.skipped)
    return text


def _show_result(ctx: Context, root: Path, result: ImportResult) -> None:
    ctx.show(_result_json(root, result), lambda: _result_text(root, result))
