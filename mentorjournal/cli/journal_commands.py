"""Commands on a journal as a whole: create, passphrase, recovery, checks, backup, restore."""

from __future__ import annotations

import argparse
import contextlib
import shutil
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mentorjournal.cli import output
from mentorjournal.cli.context import Context, shown_path
from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.domain import Cancelled, CancelToken, JournalNotFound
from mentorjournal.i18n import _, ngettext
from mentorjournal.i18n.describe import describe_problem
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.locations import file_in_the_way, is_journal, replicating_tool
from mentorjournal.services.user_files import check_output, require_file


def run_init(args: argparse.Namespace, ctx: Context) -> int:
    root = args.journal
    name = ctx.inputs.text(args.name)
    in_the_way = file_in_the_way(root)
    if in_the_way is not None:
        text = _("No journal can be made in {path}: {file} is a file, not a folder.")
        raise CliError(text.format(path=root, file=in_the_way), ExitCode.USAGE)
    ctx.refuse_existing_journal(root)
    passphrase = ctx.inputs.chosen_passphrase(new=False)
    made = _what_init_makes(root)
    workspace, recovery_key = workspaces.create(root, passphrase, name, ctx.settings)
    workspace.close()
    tool = replicating_tool(root)
    if tool is not None:
        ctx.warn(
            _(
                "Warning: {tool} seems to sync {path}. A journal copied while it is written "
                "gets corrupted; keep it outside synced folders and share relationships "
                "through sync."
            ).format(tool=tool, path=shown_path(root))
        )
    try:
        _show_recovery_key(ctx, root, recovery_key)
    except (OSError, UnicodeError, CliError, KeyboardInterrupt):
        # A journal whose recovery key nobody saw must not stay behind: remove it, so that
        # init can simply be run again.
        made.remove()
        raise CliError(
            _(
                "The recovery key could not be shown, so no journal was created; run init "
                "again with output that can be written."
            ),
            ExitCode.FAILURE,
        ) from None
    return ExitCode.OK


def _show_recovery_key(ctx: Context, root: Path, recovery_key: str) -> None:
    """The one time the recovery key is shown: on standard output, never in a message."""
    shown = shown_path(root.resolve())
    if ctx.as_json:
        ctx.print(output.to_json({"journal": shown, "recovery_key": recovery_key}))
    else:
        ctx.print(_("Created a new journal in {path}.").format(path=shown))
        _print_recovery_key(ctx, _("Your recovery key (shown only this once):"), recovery_key)
    ctx.flush()


def _print_recovery_key(ctx: Context, heading: str, recovery_key: str) -> None:
    ctx.print("")
    ctx.print(heading)
    ctx.print("")
    ctx.print(f"    {recovery_key}")
    ctx.print("")
    ctx.print(
        _(
            "Write it down or print it now and keep it offline, away from this computer. "
            "It is the only way into the journal if you forget your passphrase; nobody can "
            "recreate it."
        )
    )


@dataclass(frozen=True)
class _Made:
    """What ``init`` is about to create in ``root``, so that it can be taken back."""

    root: Path
    top: Path | None  # the highest folder that does not exist yet, if any
    before: frozenset[str]  # names already in ``root``

    def remove(self) -> None:
        if self.top is not None:
            shutil.rmtree(self.top, ignore_errors=True)
            return
        with contextlib.suppress(OSError):
            for entry in self.root.iterdir():
                if entry.name in self.before:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)


def _what_init_makes(root: Path) -> _Made:
    missing: list[Path] = []
    for path in (root, *root.parents):
        if _exists(path):
            break
        missing.append(path)
    if missing:
        return _Made(root, missing[-1], frozenset())
    try:
        before = frozenset(entry.name for entry in root.iterdir())
    except OSError:
        before = frozenset()
    return _Made(root, None, before)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # there, but not ours to look into
        return True


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
                raise CliError(
                    _(
                        "Cancelled: nothing was changed; the old passphrase still opens the "
                        "journal."
                    ),
                    ExitCode.FAILURE,
                ) from None
            _report_passwd(args, ctx, recovery_key)
    return ExitCode.OK


def _report_passwd(args: argparse.Namespace, ctx: Context, recovery_key: str | None) -> None:
    result: dict[str, object] = {"journal": str(args.journal), "passphrase_changed": True}
    if recovery_key is None:
        ctx.show(result, lambda: _("Passphrase changed. Your recovery key stays the same."))
        return
    if ctx.as_json:
        ctx.print(output.to_json({**result, "rekeyed": True, "recovery_key": recovery_key}))
        return
    # The one time the new recovery key is shown, as `init` shows the first one.
    ctx.print(
        _(
            "Passphrase changed and the journal re-encrypted under a new key: the old "
            "passphrase and the old recovery key open nothing any more."
        )
    )
    _print_recovery_key(ctx, _("Your NEW recovery key (shown only this once):"), recovery_key)


def run_recover(args: argparse.Namespace, ctx: Context) -> int:
    if args.recovery_key is not None:
        # Never from argv: every local user's `ps` and the shell history would show it.
        raise CliError(
            _(
                "--recovery-key is not accepted: a key on the command line is visible to every "
                "user of this computer (ps) and stays in the shell history. Leave it out to be "
                "asked, or use --recovery-key-file FILE (- for standard input)."
            ),
            ExitCode.USAGE,
        )
    root = args.journal
    if not is_journal(root):
        raise JournalNotFound(root)
    recovery_key = ctx.inputs.recovery_key(args.recovery_key_file)
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
    listed = [{"kind": p.kind.value, "path": p.path, "detail": p.detail} for p in problems]
    result = {"journal": str(args.journal), "sound": not problems, "problems": listed}
    if problems:
        lines = [describe_problem(problem) for problem in problems]
        ctx.show(result, lambda: "\n".join(lines))
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
    check_output(args.out, args.journal, force=args.force)
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
