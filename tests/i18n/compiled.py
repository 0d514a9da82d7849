"""Where the Polish catalogue is, and a check that ``make install`` compiled it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.i18n import DOMAIN, LOCALE_DIR

PO_FILE = LOCALE_DIR / "pl" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def require_compiled_catalogue() -> Path:
    """The compiled Polish catalogue, or a failure that says how to build it."""
    if not MO_FILE.exists():
        pytest.fail(f"{MO_FILE} is missing: run `make install`, which compiles the catalogues.")
    if MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        pytest.fail(f"{MO_FILE} is older than {PO_FILE.name}: run `make install` to rebuild it.")
    return MO_FILE
