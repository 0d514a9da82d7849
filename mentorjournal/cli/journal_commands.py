"""Commands on a journal as a whole: create, passphrase, recovery, checks, backup, restore."""

from __future__ import annotations

import argparse
import contextlib
import signal
import threading
from collections.abc import Iterator

from mentorjournal.cli import output
from mentorjournal.cli.context import Context, is_journal
from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.cli.user_files import refuse_existing, require_file
from mentorjournal.domain import Cancelled, CancelToken, JournalNotFound
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


@contextlib.contextmanager
def _interrupt_cancels() -> Iterator[CancelToken]:
    """Ctrl-C cancels the operation instead of breaking it off wherever it is.

    The operation looks at the token only before its switch point: interrupted earlier it
    undoes itself and raises Cancelled; later, it completes and says so.
    """
    token = CancelToken()
    if threading.current_thread() is not threading.main_thread():
        yield token
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: token.cancel())
    try:
        yield token
    finally:
        signal.signal(signal.SIGINT, previous)


def run_passwd(args: argparse.Namespace, ctx: Context) -> int:
    recovery_key = None
    with ctx.unlock(args.journal) as workspace:
        new_passphrase = ctx.inputs.chosen_passphrase(new=True)
        with _interrupt_cancels() as token:
            try:
                if args.rekey:
                    recovery_key = workspace.rekey(new_passphrase, cancel=token)
                else:
                    workspace.change_passphrase(new_passphrase, cancel=token)
            except Cancelled:
                raise CliError("passwd.cancelled", ExitCode.FAILURE) from None
            _report_passwd(args, ctx, recovery_key)
    return ExitCode.OK


def _report_passwd(args: argparse.Namespace, ctx: Context, recovery_key: str | None) -> None:
    result: dict[str, object] = {"journal": str(args.journal), "passphrase_changed": True}
    if recovery_key is None:
        ctx.show(result, lambda: ctx.say("passwd.changed"))
        return
    if ctx.as_json:
        ctx.print(output.to_json({**result, "rekeyed": True, "recovery_key": recovery_key}))
        return
    # The one time the new recovery key is shown, as `init` shows the first one.
    ctx.print(ctx.say("passwd.rekeyed"))
    ctx.print("")
    ctx.print(ctx.say("passwd.new_recovery_key_heading"))
    ctx.print("")
    ctx.print(f"    {recovery_key}")
    ctx.print("")
    ctx.print(ctx.say("init.recovery_key_advice"))


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
    listed = [{"kind": p.kind.value, "path": p.path, "detail": p.detail} for p in problems]
    result = {"journal": str(args.journal), "sound": not problems, "problems": listed}
    if problems:
        lines = [
            ctx.say(f"verify.problem.{p.kind.value}", path=p.path, detail=p.detail)
            for p in problems
        ]
        ctx.show(result, lambda: "\n".join(lines))
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
