"""``mentorjournal``: a subcommand runs headless; without one, the desktop app opens.

The command line and the window are separate front ends that never import each other
(pyproject.toml's import contracts); this module is the one place that knows both. Qt is
imported only when the window is wanted, so headless commands start quickly.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from mentorjournal.cli import main as cli_main


def open_app(demo: bool) -> int:
    from mentorjournal.ui.app import run

    return run(sys.argv[:1], demo=demo)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_app=open_app)
