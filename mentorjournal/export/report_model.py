"""What the closing report says: plain, immutable values, every word already in its language.

:func:`build_report` turns the records of one relationship (:class:`ReportSource`, gathered
by ``services/reports.py``) and the user's choices (:class:`ReportOptions`) into a
:class:`Report`. The PDF (``export/pdf``) and the accessible HTML (``export/html_report.py``)
only lay that value out, so the two never disagree. Notes stay Markdown here; each writer
renders them through :mod:`mentorjournal.export.markdown_tree`.

The sections and their blocks are built in :mod:`mentorjournal.export.report_sections`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentorjournal.domain import (
    Agreement,
    Evaluation,
    Goal,
    Homework,
    Reflection,
    Relationship,
    Session,
)
from mentorjournal.i18n import Language, current_language, speaking

# -- what a report is made of ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fact:
    """A short value and what it is: "Stage: active"."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Facts:
    rows: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """A note as the user wrote it (Markdown), under its label."""

    label: str
    markdown: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A sentence of the report's own ("No session was held in this period.")."""

    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose first column names each row."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...]  # each value as the report writes numbers; "" for none


@dataclass(frozen=True, slots=True)
class Chart:
    """A bar chart; ``table`` holds the same numbers for those who cannot see the bars."""

    caption: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    maximum: float
    table: Table


@dataclass(frozen=True, slots=True)
class SignatureLine:
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class SignatureLines:
    lines: tuple[SignatureLine, ...]
    signature_label: str
    date_label: str


Block = Facts | Note | Paragraph | Table | Chart | SignatureLines


@dataclass(frozen=True, slots=True)
class Part:
    """One goal, one session, one reflection: a heading of its own inside a section."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # stable, for bookmarks and anchors ("goals", "sessions")
    title: str
    blocks: tuple[Block, ...] = ()
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True, slots=True)
class Cover:
    title: str
    subtitle: str
    facts: tuple[Fact, ...]
    notices: tuple[str, ...]  # said under the facts: private notes included, not encrypted


@dataclass(frozen=True, slots=True)
class Report:
    language: Language
    title: str  # the document's title (PDF metadata, HTML <title>)
    subject: str
    author: str
    cover: Cover
    sections: tuple[Section, ...]
    page_of: str  # "Page {page} of {pages}"
    contents_label: str  # the name of the list of sections


# -- what it is built from ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """The user's choices: private notes are left out unless asked for."""

    include_private: bool = False
    date_from: date | None = None
    date_to: date | None = None
    language: Language | None = None  # None: the language the app speaks now


@dataclass(frozen=True, slots=True)
class ReportSource:
    """The records of one relationship, as the services read them (trash left out)."""

    relationship: Relationship
    owner_name: str
    agreement: Agreement | None
    goals: tuple[Goal, ...]
    sessions: tuple[Session, ...]
    homework: tuple[Homework, ...]
    reflections: tuple[Reflection, ...]
    evaluations: tuple[Evaluation, ...]
    today: date


def build_report(source: ReportSource, options: ReportOptions) -> Report:
    """The report of ``source`` with ``options``, in the language the options ask for."""
    from mentorjournal.export import report_sections  # the builders import this module

    language = options.language or current_language()
    with speaking(language):
        return report_sections.report(source, options, language)
