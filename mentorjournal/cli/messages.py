"""Everything the command line says to people, in English and Polish.

The language comes from the environment at run time (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``, as gettext reads them), never at import time. Messages never
contain a passphrase, a key or the content of a record.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from mentorjournal.cli.message_catalogue import KIND_NAMES, TEXTS
from mentorjournal.domain import RecordKind


class Language(StrEnum):
    ENGLISH = "en"
    POLISH = "pl"


def language_from_environment(environ: Mapping[str, str]) -> Language:
    """Polish when the first language the user asked for is Polish, else English."""
    locale = next(
        (environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), ""
    )
    candidates = [locale]
    # As in gettext, LANGUAGE (a list like "pl:en") wins unless the locale is plain C.
    if locale.split(".")[0] not in ("C", "POSIX"):
        candidates.insert(0, environ.get("LANGUAGE", "").split(":")[0])
    chosen = next((value for value in candidates if value.strip()), "")
    return Language.POLISH if chosen.strip().lower().startswith("pl") else Language.ENGLISH


class Messages:
    """The texts of one language; call with a key and the values of its placeholders."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self._index = 1 if language is Language.POLISH else 0

    def __call__(self, key: str, /, **values: object) -> str:
        return TEXTS[key][self._index].format(**values)

    def has(self, key: str) -> bool:
        return key in TEXTS

    def kind_name(self, kind: RecordKind) -> str:
        return KIND_NAMES[kind][self._index]


def messages_for(environ: Mapping[str, str]) -> Messages:
    return Messages(language_from_environment(environ))
