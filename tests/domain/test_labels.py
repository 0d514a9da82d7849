"""Every field's label reaches the catalogue and has a Polish translation.

The window, the PDF and error messages show labels through ``_()``; a label the extraction
cannot see (``label(name)`` instead of ``label("Name")``) or nobody translated would be shown
in English to a Polish user.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

import mentorjournal
from mentorjournal.domain import RECORDS, SCOPE_FIELD

PACKAGE = Path(mentorjournal.__file__).parent
POLISH = PACKAGE / "resources" / "locale" / "pl" / "LC_MESSAGES" / "mentorjournal.po"

LABELS = {SCOPE_FIELD.label} | {
    spec.label for declaration in RECORDS.values() for spec in declaration.columns
}


def _extracted() -> set[str]:
    """What ``make catalogue`` gathers with ``--keywords=label``."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords={"label": None}
        ):
            assert isinstance(message, str)
            found.add(message)
    return found


def test_every_declared_field_has_a_label() -> None:
    unlabelled = [
        f"{kind}.{spec.name}"
        for kind, declaration in RECORDS.items()
        for spec in declaration.columns
        if not spec.label.strip()
    ]
    assert unlabelled == []


def test_the_catalogue_extraction_finds_every_label() -> None:
    assert LABELS - _extracted() == set()


def test_every_label_has_a_polish_translation() -> None:
    with POLISH.open("rb") as file:
        catalogue = read_po(file, locale="pl")
    translations = {message.id: message.string for message in catalogue if message.id}

    missing = sorted(text for text in _extracted() if not translations.get(text))
    assert missing == []
