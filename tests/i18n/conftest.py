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

from mentorjournal.i18n import Language, current_translation, use_language
from tests.acceptance.conftest import (  # noqa: F401  (fixtures shared with the CLI tests)
    cli,
    english,
    passphrase,
    recovery_key,
    relationship,
)
from tests.i18n.compiled import require_compiled_catalogue


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
def polish(compiled_catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The system language is Polish (and the catalogue that makes it so is built)."""
    monkeypatch.setenv("LANG", "pl_PL.UTF-8")


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    """The language is process-wide: whatever a test chose, the next one starts in English."""
    yield
    use_language(Language.ENGLISH)


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
