"""Commands on a journal as a whole: create, passphrase, recovery, checks, backup, restore."""

from __future__ import annotations

import argparse

from mentorjournal.cli.context import Context, is_journal
from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.cli.user_files import refuse_existing, require_file
from mentorjournal.domain import JournalNotFound
from mentorjournal.i18n import _, ngettext
from mentorjournal.services import workspace as workspaces


def run_init(args: argparse.Namespace, ctx: Context) -> int:
    root = args.journal
    name = ctx.inputs.text(args.name)
    ctx.refuse_existing_journal(root)
    passphrase = ctx.inputs.chosen_passphrase(new=False)
    workspace, recovery_key = workspaces.create(root, passphrase, name, ctx.settings)
    workspace.close()
    tool = workspaces.replicating_tool(root)
    if tool is not None:
        ctx.warn(
            _(
                "Warning: {tool} seems to sync {path}. A journal copied while it is written "
                "gets corrupted; keep it outside synced folders and share relationships "
                "through sync."
            ).format(tool=tool, path=root)
        )
    if ctx.as_json:
        ctx.show({"journal": str(root.resolve()), "recovery_key": recovery_key}, str)
        return ExitCode.OK
    # The one time the recovery key is shown: on standard output, never in a message.
    ctx.print(_("Created a new journal in {path}.").format(path=root))
    ctx.print("")
    ctx.print(_("Your recovery key (shown only this once):"))
    ctx.print("")
    ctx.print(f"    {recovery_key}")
    ctx.print("")
    ctx.print(
        _(
            "Write it down or print it now and keep it offline, away from this computer. It is "
            "the only way into the journal if you forget your passphrase; nobody can recreate "
            "it."
        )
    )
    return ExitCode.OK


def run_passwd(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        workspace.change_passphrase(ctx.inputs.chosen_passphrase(new=True))
    result = {"journal": str(args.journal), "passphrase_changed": True}
    ctx.show(result, lambda: _("Passphrase changed. Your recovery key stays the same."))
    return ExitCode.OK


def run_recover(args: argparse.Namespace, ctx: Context) -> int:
    root = args.journal
    if not is_journal(root):
        raise JournalNotFound(root)
    recovery_key = ctx.inputs.recovery_key(args.recovery_key)
    # A mistyped key is told before the user chooses (and types twice) a new passphrase.
    workspaces.check_recovery_key(recovery_key)
    new_passphrase = ctx.inputs.chosen_passphrase(new=True)
    workspace = workspaces.recover(root, recovery_key, new_passphrase, ctx.settings)
    workspace.close()
    result = {"journal": str(root), "passphrase_changed": True}
    ctx.show(
        result,
        lambda: _(
            "Journal recovered: the new passphrase is set. Your recovery key stays the same."
        ),
    )
    return ExitCode.OK


def run_verify(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        problems = workspace.verify()
    result = {"journal": str(args.journal), "sound": not problems, "problems": problems}
    if problems:
        ctx.show(result, lambda: "\n".join(problems))
        text = ngettext(
            "The journal {path} failed its check ({count} problem listed above); "
            "restore it from a backup.",
            "The journal {path} failed its check ({count} problems listed above); "
            "restore it from a backup.",
            len(problems),
        )
        raise CliError(text.format(path=args.journal, count=len(problems)), ExitCode.DAMAGED)
    ctx.show(result, lambda: _("The journal {path} is sound.").format(path=args.journal))
    return ExitCode.OK


def run_backup(args: argparse.Namespace, ctx: Context) -> int:
    """An encrypted backup file where the user asked (a folder gets a dated name)."""
    if not args.out.is_dir():
        refuse_existing(args.out, force=args.force)
    with ctx.unlock(args.journal) as workspace:
        written = workspace.backup(args.out)
    ctx.show(
        {"backup": str(written)},
        lambda: _("Encrypted backup written to {path}.").format(path=written),
    )
    return ExitCode.OK


def run_restore(args: argparse.Namespace, ctx: Context) -> int:
    backup_file = require_file(args.file)
    root = args.journal
    ctx.refuse_existing_journal(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        text = _("{path} is not empty; restore into a new or empty folder.")
        raise CliError(text.format(path=root), ExitCode.FAILURE)
    # The passphrase that was valid when the backup was made.
    passphrase = ctx.inputs.passphrase()
    workspace = workspaces.restore(backup_file, root, passphrase, ctx.settings)
    workspace.close()
    ctx.show(
        {"journal": str(root)},
        lambda: _("Backup restored into a new journal in {path}.").format(path=root),
    )
    return ExitCode.OK
