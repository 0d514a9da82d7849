"""One gettext catalogue of words for every front end (command line, window, reports).

Messages are written in English where they are used, marked with ``_`` (or ``N_`` where the
text is only declared and translated later), and translated when shown, never at import.
The Polish wording lives in ``mentorjournal/resources/locale/pl/LC_MESSAGES/mentorjournal.po``,
managed with Babel (``make catalogue``); the compiled ``.mo`` files are built by the
project's own set-up (``make install``), never by hand and never committed.

The language is chosen once per process by the front end (:func:`use_language`), from the
environment by default (:func:`language_from_environment`). A report written in another
language switches only its own thread (:func:`speaking`): the window's thread keeps the
user's language meanwhile. Plural forms go through :func:`ngettext`: Polish has three.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path

DOMAIN = "mentorjournal"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"


class Language(StrEnum):
    ENGLISH = "en"
    POLISH = "pl"


class CatalogueMissing(RuntimeError):
    """The compiled catalogue of a language is not installed (run ``make install``)."""


_STDLIB_DEFAULT_DOMAIN = _gettext.textdomain()
_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = Language.ENGLISH
# Each thread starts with an empty context, so a value set here is seen by its thread only.
_thread_language: ContextVar[tuple[Language, _gettext.NullTranslations] | None] = ContextVar(
    "mentorjournal_thread_language", default=None
)


def language_from_environment(environ: Mapping[str, str]) -> Language:
    """Polish when the first language the user asked for is Polish, else English.

    Reads ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` as gettext does.
    """
    locale = next(
        (environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), ""
    )
    candidates = [locale]
    # As in gettext, LANGUAGE (a list like "pl:en") wins unless the locale is plain C.
    if locale.split(".")[0] not in ("C", "POSIX"):
        candidates.insert(0, environ.get("LANGUAGE", "").split(":")[0])
    chosen = next((value for value in candidates if value.strip()), "")
    return Language.POLISH if chosen.strip().lower().startswith("pl") else Language.ENGLISH


def load_translation(language: Language) -> _gettext.NullTranslations:
    """The compiled catalogue of ``language``; English is the source and needs none."""
    if language is Language.ENGLISH:
        return _gettext.NullTranslations()
    mo_file = LOCALE_DIR / language.value / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with open(mo_file, "rb") as handle:
            return _gettext.GNUTranslations(handle)
    except FileNotFoundError:
        raise CatalogueMissing(str(mo_file)) from None


def use_language(language: Language) -> None:
    """Show every later message in ``language`` (process-wide, like the locale itself).

    The standard library's own messages (argparse's usage, headings and errors) are looked up
    through ``gettext``'s global text domain, as Python's argparse how-to describes: for Polish
    that domain becomes ours, whose catalogue holds their Polish wording too.
    """
    global _translation, _language
    _translation = load_translation(language)
    _language = language
    _route_standard_library(language)


def _route_standard_library(language: Language) -> None:
    # gettext finds the catalogue from the same locale variables language_from_environment
    # reads; for English the default domain (which has no catalogue) keeps the originals.
    if language is Language.ENGLISH:
        _gettext.textdomain(_STDLIB_DEFAULT_DOMAIN)
        return
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)


@contextlib.contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Messages of this thread in ``language`` for the block; other threads keep theirs.

    A report built on the database worker in Polish never turns a sentence the window
    shows meanwhile into Polish for an English user.
    """
    token = _thread_language.set((language, load_translation(language)))
    try:
        yield
    finally:
        _thread_language.reset(token)


def current_translation() -> _gettext.NullTranslations:
    """The catalogue messages are now looked up in (tests add a fallback to find gaps)."""
    override = _thread_language.get()
    return _translation if override is None else override[1]


def current_language() -> Language:
    override = _thread_language.get()
    return _language if override is None else override[0]


def _(message: str) -> str:
    """``message`` in the current language."""
    return current_translation().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message that fits ``count`` (Polish has three forms)."""
    return current_translation().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart by ``context`` (``open`` goal/door)."""
    return current_translation().pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet."""
    return message


__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "N_",
    "CatalogueMissing",
    "Language",
    "_",
    "current_language",
    "current_translation",
    "language_from_environment",
    "load_translation",
    "ngettext",
    "pgettext",
    "speaking",
    "use_language",
]
