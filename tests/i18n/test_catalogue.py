"""The Polish catalogue holds every message of the source, complete and with its placeholders.

Messages are extracted from the source with Babel's own API, as ``make catalogue`` does, so a
new ``_()`` without its Polish text fails here rather than showing English to a Polish user.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

import mentorjournal
from tests.i18n.compiled import PO_FILE, require_compiled_catalogue

# As the Makefile's `catalogue` target: N_ marks, pgettext takes a context first.
KEYWORDS: dict[str, Any] = {**DEFAULT_KEYWORDS, "N_": None, "pgettext": ((1, "c"), 2)}
SOURCE = Path(mentorjournal.__file__).parent

# {name} of str.format, %(name)s and %s/%r/%d of %-formatting alike; %% is a literal.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[srdif]")

Key = tuple[str | None, str]


def placeholders(text: str) -> Counter[str]:
    return Counter(_PLACEHOLDER.findall(text.replace("%%", "")))


def _key(message: str | tuple[str, ...], context: str | None) -> Key:
    return context, message if isinstance(message, str) else message[0]


def extracted(path: Path | None = None) -> dict[Key, str | tuple[str, ...]]:
    """Every message marked in our source (or in one file), keyed by context and msgid."""
    found: dict[Key, str | tuple[str, ...]] = {}
    if path is None:
        items = (
            (message, context)
            for _file, _line, message, _comments, context in extract_from_dir(
                str(SOURCE), keywords=KEYWORDS
            )
        )
    else:
        items = (
            (message, context)
            for _line, message, _comments, context in extract_from_file(
                "python", str(path), keywords=KEYWORDS
            )
        )
    for message, context in items:
        found[_key(message, context)] = message
    return found


@pytest.fixture(scope="module")
def po_catalogue() -> Catalog:
    with open(PO_FILE, "rb") as handle:
        return read_po(handle, locale="pl")


def _entry(catalogue: Catalog, key: Key) -> Any:
    context, msgid = key
    return catalogue.get(msgid, context=context)


def test_the_source_has_messages_to_check():
    # Guards the test itself: an extraction that finds nothing would pass every check below.
    assert len(extracted()) > 200


def test_every_message_of_the_source_has_its_polish_text(po_catalogue: Catalog):
    missing = [key for key in extracted() if _entry(po_catalogue, key) is None]
    untranslated = [
        key
        for key in extracted()
        if (entry := _entry(po_catalogue, key)) is not None
        and (not entry.string or not all(entry.string if entry.pluralizable else [entry.string]))
    ]
    assert missing == [], "not in the .po file (run `make catalogue`, then translate)"
    assert untranslated == []


def test_no_polish_text_is_fuzzy(po_catalogue: Catalog):
    assert [message.id for message in po_catalogue if message.id and message.fuzzy] == []


def test_placeholders_are_the_same_in_both_languages(po_catalogue: Catalog):
    differing: list[tuple[str, str]] = []
    message: Any
    for message in po_catalogue:
        if not message.id or not message.string:
            continue
        if message.pluralizable:
            pairs = [(message.id[0], message.string[0])]
            pairs += [(message.id[1], form) for form in message.string[1:]]
        else:
            pairs = [(message.id, message.string)]
        differing += [
            (source, text) for source, text in pairs if placeholders(source) != placeholders(text)
        ]
    assert differing == []


def test_plural_messages_have_the_three_polish_forms(po_catalogue: Catalog):
    assert po_catalogue.num_plurals == 3
    plurals: list[Any] = [
        message for message in po_catalogue if message.id and message.pluralizable
    ]
    assert plurals, "the source shows numbers through ngettext"
    incomplete = [m.id for m in plurals if len(m.string) != 3 or not all(m.string)]
    assert incomplete == []


def test_the_placeholder_check_tells_styles_apart():
    assert placeholders("{path} and %(name)s, %s%%") == Counter(["{path}", "%(name)s", "%s"])
    assert placeholders("{path}") != placeholders("{paht}")


def test_argparse_of_this_python_is_translated(po_catalogue: Catalog):
    """argparse's own texts (usage, headings, errors) of the running Python are in the .po."""
    assert argparse.__file__ is not None
    ours = extracted()
    theirs = extracted(Path(argparse.__file__))
    assert theirs, "argparse marks its messages for gettext"
    assert [key for key in theirs if key not in ours] == [], (
        "add the new ids to mentorjournal/i18n/argparse_messages.py and translate them"
    )
    assert all(_entry(po_catalogue, key) is not None for key in theirs)


def test_the_compiled_catalogue_is_built_by_make_install():
    mo_file = require_compiled_catalogue()
    assert mo_file.read_bytes()[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
