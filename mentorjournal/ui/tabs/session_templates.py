"""Session templates: one Markdown file per template and language in resources/templates.

A file starts with ``# Name`` (shown in the menu), then the agenda, then a line ``---``, then
the skeleton of the shared notes. Reverse mentoring adds its usual topics to the menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from mentorjournal.domain import Kind
from mentorjournal.i18n import Language, current_language

GENERAL = ("first_meeting", "regular_grow", "closing")
REVERSE_TOPICS = (
    "reverse_ai_data",
    "reverse_social_media",
    "reverse_online_business",
    "reverse_work_life",
)


@dataclass(frozen=True)
class SessionTemplate:
    key: str
    name: str
    agenda: str
    notes: str


def template_keys(kind: Kind | None) -> tuple[str, ...]:
    return GENERAL + REVERSE_TOPICS if kind is Kind.REVERSE else GENERAL


def load_template(key: str, language: Language | None = None) -> SessionTemplate:
    """The template ``key`` in ``language`` (the current one by default)."""
    return _read(key, language or current_language())


@lru_cache(maxsize=64)
def _read(key: str, language: Language) -> SessionTemplate:
    """Read once: the menu is filled again on every switch of relationship."""
    folder = resources.files("mentorjournal") / "resources" / "templates"
    text = (folder / f"{key}.{language.value}.md").read_text(encoding="utf-8")
    heading, _, rest = text.partition("\n")
    agenda, _, notes = rest.partition("\n---\n")
    return SessionTemplate(
        key=key,
        name=heading.removeprefix("#").strip(),
        agenda=agenda.strip() + "\n",
        notes=notes.strip() + "\n",
    )
