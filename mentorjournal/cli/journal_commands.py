"""Commands on a journal as a whole: create, passphrase, recovery, checks, backup, restore."""

from __future__ import annotations

import argparse

from mentorjournal.cli import output
from mentorjournal.cli.context import Context, is_journal
from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.cli.user_files import refuse_existing, require_file
from mentorjournal.domain import JournalNotFound
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
        ctx.warn(ctx.say("init.synced_folder", tool=tool, path=root))
    if ctx.as_json:
        ctx.print(output.to_json({"journal": str(root.resolve()), "recovery_key": recovery_key}))
        return ExitCode.OK
    # The one time the recovery key is shown: on standard output, never in a message.
    ctx.print(ctx.say("init.created", path=root))
    ctx.print("")
    ctx.print(ctx.say("init.recovery_key_heading"))
    ctx.print("")
    ctx.print(f"    {recovery_key}")
    ctx.print("")
    ctx.print(ctx.say("init.recovery_key_advice"))
    return ExitCode.OK


def run_passwd(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        workspace.change_passphrase(ctx.inputs.chosen_passphrase(new=True))
    result = {"journal": str(args.journal), "passphrase_changed": True}
    ctx.show(result, lambda: ctx.say("passwd.changed"))
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
    ctx.show(result, lambda: ctx.say("recover.done"))
    return ExitCode.OK


def run_verify(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        problems = workspace.verify()
    result = {"journal": str(args.journal), "sound": not problems, "problems": problems}
    if problems:
        ctx.show(result, lambda: "\n".join(problems))
        raise CliError(
            "error.journal_unsound", ExitCode.DAMAGED, path=args.journal, count=len(problems)
        )
    ctx.show(result, lambda: ctx.say("verify.sound", path=args.journal))
    return ExitCode.OK


def run_backup(args: argparse.Namespace, ctx: Context) -> int:
    """An encrypted backup file where the user asked (a folder gets a dated name)."""
    if not args.out.is_dir():
        refuse_existing(args.out, force=args.force)
    with ctx.unlock(args.journal) as workspace:
        written = workspace.backup(args.out)
    ctx.show({"backup": str(written)}, lambda: ctx.say("backup.written", path=written))
    return ExitCode.OK


def run_restore(args: argparse.Namespace, ctx: Context) -> int:
    backup_file = require_file(args.file)
    root = args.journal
    ctx.refuse_existing_journal(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise CliError("error.folder_not_empty", ExitCode.FAILURE, path=root)
    # The passphrase that was valid when the backup was made.
    passphrase = ctx.inputs.passphrase()
    workspace = workspaces.restore(backup_file, root, passphrase, ctx.settings)
    workspace.close()
    ctx.show({"journal": str(root)}, lambda: ctx.say("restore.done", path=root))
    return ExitCode.OK
