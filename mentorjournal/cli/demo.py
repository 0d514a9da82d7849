"""A printed tour of the sample journal, for callers of the command line without a window.

It builds the sample journal (services/sample_journal.py, which the window's ``--demo`` shows
too) in a temporary folder, prints its dashboard and a search that ignores Polish letters,
and deletes the folder again.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from mentorjournal.cli import output
from mentorjournal.cli.context import Context
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.sample_journal import OWNER, build_sample
from mentorjournal.services.workspace import Settings

QUERY = "zolw"  # typed without Polish letters; finds "żółw"


def run_demo(ctx: Context) -> int:
    with tempfile.TemporaryDirectory(prefix="mentorjournal-demo-") as folder:
        root = Path(folder)
        # A throwaway journal of sample data, deleted below: the cheap test profile of
        # Argon2id keeps the demo quick. Never acceptable for a journal with real data.
        settings = Settings(
            lock_dir=root / "locks", kdf=workspaces.THROWAWAY_KDF, clock=ctx.settings.clock
        )
        passphrase = secrets.token_urlsafe(16)
        workspace, _recovery_key = workspaces.create(root / "journal", passphrase, OWNER, settings)
        with workspace:
            build_sample(workspace.records, settings.clock().astimezone().date())
            boards = workspace.dashboard.all()
            hits = workspace.search.search(QUERY)
        ctx.print(ctx.say("demo.intro", path=root / "journal"))
        ctx.print("")
        _heading(ctx, ctx.say("demo.dashboard"))
        ctx.print(output.dashboards(boards, ctx.say))
        ctx.print("")
        _heading(ctx, ctx.say("demo.search", query=QUERY))
        ctx.print(output.search_results(hits, ctx.say))
    ctx.print("")
    ctx.print(ctx.say("demo.removed"))
    return 0


def _heading(ctx: Context, text: str) -> None:
    ctx.print(text)
    ctx.print("=" * len(text))
