"""Fixtures for the catalogue tests: the Polish catalogue, compiled by ``make install``, and a
way to see every message that was looked up but not found in it.

The command-line fixtures of the acceptance tests (a journal made through ``init``, English
unless a test asks for Polish) are used here too.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.i18n import DOMAIN, LOCALE_DIR, Language, current_translation, use_language
from tests.acceptance.conftest import (  # noqa: F401  (fixtures shared with the CLI tests)
    cli,
    english,
    passphrase,
    polish,
    recovery_key,
    relationship,
)

PO_FILE = LOCALE_DIR / "pl" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def require_compiled_catalogue() -> Path:
    """The compiled Polish catalogue, or a failure that says how to build it."""
    if not MO_FILE.exists():
        pytest.fail(f"{MO_FILE} is missing: run `make install`, which compiles the catalogues.")
    if MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        pytest.fail(f"{MO_FILE} is older than {PO_FILE.name}: run `make install` to rebuild it.")
    return MO_FILE


class Misses(gettext.NullTranslations):
    """Put behind a catalogue, it records every message the catalogue did not have."""

    def __init__(self) -> None:
        super().__init__()
        self.missed: list[object] = []

    def gettext(self, message: str) -> str:
        self.missed.append(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.missed.append(msgid1)
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context: str, message: str) -> str:
        self.missed.append((context, message))
        return message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        self.missed.append((context, msgid1))
        return msgid1 if n == 1 else msgid2


@pytest.fixture
def compiled_catalogue() -> Path:
    return require_compiled_catalogue()


@pytest.fixture
def in_polish(compiled_catalogue: Path) -> Iterator[Misses]:
    """Messages are Polish; the fixture's value lists those the catalogue lacked."""
    use_language(Language.POLISH)
    misses = Misses()
    current_translation().add_fallback(misses)
    try:
        yield misses
    finally:
        use_language(Language.ENGLISH)
