"""How the readable exports (Markdown, ICS) put things into words, in the user's language.

The services that call the exports never import ``mentorjournal.i18n`` (the core raises
typed errors and speaks no language), so the front end hands its catalogue over as a
:class:`Wording`. Headings are marked in the export modules with the domain's
:func:`~mentorjournal.domain.label` marker, which ``make catalogue`` extracts, and are
translated through :attr:`Wording.text` when the export is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from babel.dates import format_date, format_time

from mentorjournal.domain import RecordKind


def _plain_name(value: StrEnum) -> str:
    return value.value.replace("_", " ")


def _same_field(field: str, kind: RecordKind) -> str:
    return field.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Wording:
    """The words of one export: a translation of marked headings, the names of values
    (a stage, a status) and the labels of fields, and the locale of dates."""

    text: Callable[[str], str] = str
    value_name: Callable[[StrEnum], str] = _plain_name
    field_label: Callable[[str, RecordKind], str] = _same_field
    locale: str = "en"

    def day(self, value: date) -> str:
        return format_date(value, "long", locale=self.locale)

    def moment(self, value: datetime) -> str:
        """A meeting's date and wall-clock time, as people of the locale write them."""
        return f"{self.day(value)}, {format_time(value, 'short', locale=self.locale)}"


UNTRANSLATED = Wording()  # English, for callers without a catalogue (tests, scripts)
