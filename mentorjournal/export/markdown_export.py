"""A journal as Markdown files people can read without the app: one folder per relationship.

Each relationship's folder holds ``index.md`` (the relationship, its agreement with who
signed it, its goals, and links to the rest), ``sessions/`` with one file per session named
by its date and time, ``homework.md``, ``materials.md`` with the attached files copied into
``materials/``, ``reflection.md``, and, only when asked, ``diary.md``. Diary entries tied to
no relationship go to ``diary.md`` beside the folders. Records in the trash are left out,
and so are private notes and private records unless asked. Fields are rendered from each
kind's declaration, so a new kind or field shows up without a change here.

File names keep the letters people typed (Polish ones too) but nothing that Windows, macOS
or Linux refuses or treats specially; see :func:`safe_name`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TypeVar

from mentorjournal.domain import (
    RECORDS,
    Agreement,
    Entry,
    FieldSpec,
    FieldType,
    Goal,
    Homework,
    Material,
    Record,
    RecordKind,
    Reflection,
    Relationship,
    Scope,
    Session,
    label,
)
from mentorjournal.export.json_format import JournalContent
from mentorjournal.export.wording import Wording

R = TypeVar("R", bound=Record)

_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(10)}
_NOT_IN_NAMES = set('<>:"/\\|?*')
_MAX_NAME_BYTES = 120  # well under every file system's 255, with room for " (2)" and more

_AGREEMENT = label("Agreement")
_GOALS = label("Goals")
_SESSIONS = label("Sessions")
_HOMEWORK = label("Homework assignments")
_MATERIALS = label("Materials")
_REFLECTION = label("Reflection")
_DIARY = label("Diary")
_CONTENTS = label("Contents")
_SIGNED = label("Signed by {name} on {date}.")
_SIGNED_BEFORE = label("Signed by {name} on {date}, before the text last changed.")
_NOT_SIGNED = label("Not signed yet.")
_NOT_VERIFIED = label(
    "A signature in the name of {name} on {date} is not verified: it does not count as signed."
)
_FILE = label("File")
_UNTITLED = label("Untitled")
_NONE_YET = label("Nothing yet.")


# The kinds given their own place in a relationship's folder; any other kind gets a file.
_SHOWN_ABOVE = frozenset(
    {
        RecordKind.RELATIONSHIP,
        RecordKind.AGREEMENT,
        RecordKind.GOAL,
        RecordKind.SESSION,
        RecordKind.HOMEWORK,
        RecordKind.MATERIAL,
        RecordKind.REFLECTION,
        RecordKind.ENTRY,
    }
)


@dataclass(frozen=True, slots=True)
class MarkdownOptions:
    include_private: bool = False  # private notes and records marked private
    include_diary: bool = False


def safe_name(text: str, fallback: str = "_") -> str:
    """``text`` as a file name every system accepts: no path separators, no characters that
    Windows forbids, no control or invisible formatting characters, no leading or trailing
    dots or spaces, no reserved device name (``CON``, ``LPT1`` ...), at most 120 bytes."""
    composed = unicodedata.normalize("NFC", text)
    kept = "".join(
        "_" if char in _NOT_IN_NAMES else char
        for char in composed  # controls, invisible formatting and line separators go
        if unicodedata.category(char)[0] != "C" and unicodedata.category(char) not in ("Zl", "Zp")
    )
    name = " ".join(kept.split()).strip(" .")
    while len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        name = name[:-1]
    name = name.rstrip(" .")
    if not name:
        return fallback
    if name.split(".")[0].strip().upper() in _RESERVED:
        return f"_{name}"
    return name


def _unique(name: str, used: set[str]) -> str:
    """``name``, or ``name (2)`` ... when the folder has it already (compared as Windows and
    macOS do: without regard to case)."""
    stem, dot, suffix = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    candidate, number = name, 1
    while candidate.casefold() in used:
        number += 1
        candidate = f"{stem} ({number}){dot}{suffix}" if dot else f"{name} ({number})"
    used.add(candidate.casefold())
    return candidate


def render(content: JournalContent, wording: Wording, options: MarkdownOptions) -> dict[str, bytes]:
    """Every file of the export, by its path relative to the export's folder."""
    return _Renderer(content, wording, options).files()


class _Renderer:
    def __init__(self, content: JournalContent, wording: Wording, options: MarkdownOptions):
        self.wording = wording
        self.options = options
        self.attachments = content.attachments
        self.records = [r for r in content.records if self._shown(r)]
        self.titles = {r.id: self._title(r) for r in content.records}
        self.out: dict[str, bytes] = {}

    def _shown(self, record: Record) -> bool:
        if record.deleted_at is not None:
            return False
        if isinstance(record, Entry):
            return self.options.include_diary
        private = record.scope is Scope.PRIVATE and not isinstance(record, Relationship)
        return self.options.include_private or not private

    def _title(self, record: Record) -> str:
        if isinstance(record, Session):
            return self.wording.moment(record.held_at)
        if isinstance(record, Reflection):
            return self.wording.value_name(record.party)
        title = str(getattr(record, RECORDS[record.kind_of_record].title_field) or "")
        return " ".join(title.split()) or self.wording.text(_UNTITLED)

    def files(self) -> dict[str, bytes]:
        used: set[str] = set()
        for relationship in self._of(Relationship, None):
            folder = _unique(safe_name(relationship.title, "relationship"), used)
            self._relationship(PurePosixPath(folder), relationship)
        loose = [e for e in self._of(Entry, None) if e.relationship_id is None]
        if loose:
            diary = [f"# {self.wording.text(_DIARY)}", "", *self._diary(loose)]
            self._write(PurePosixPath(_unique("diary.md", used)), diary)
        return self.out

    def _of(self, model: type[R], relationship_id: str | None) -> list[R]:
        return [
            r
            for r in self.records
            if isinstance(r, model)
            and (relationship_id is None or getattr(r, "relationship_id", None) == relationship_id)
        ]

    def _write(self, path: PurePosixPath, lines: Iterable[str]) -> None:
        self.out[str(path)] = ("\n".join(lines).rstrip() + "\n").encode("utf-8")

    # -- one relationship -------------------------------------------------------------------

    def _relationship(self, folder: PurePosixPath, relationship: Relationship) -> None:
        text = self.wording.text
        rid = relationship.id
        lines = [f"# {self.titles[rid]}", "", *self._fields(relationship, 2)]
        lines += ["", f"## {text(_AGREEMENT)}", ""]
        agreements = self._of(Agreement, rid)
        for agreement in agreements:
            lines += [*self._fields(agreement, 3), "", *self._signatures(agreement)]
        if not agreements:
            lines.append(text(_NONE_YET))
        lines += ["", f"## {text(_GOALS)}", ""]
        for goal in self._of(Goal, rid):
            lines += [f"### {self.titles[goal.id]}", "", *self._fields(goal, 4), ""]
        lines += ["", f"## {text(_CONTENTS)}", ""]
        sessions = sorted(self._of(Session, rid), key=lambda s: (s.held_at, s.id))
        session_names: set[str] = set()
        for session in sessions:
            name = _unique(safe_name(f"{session.held_at:%Y-%m-%d %H-%M}") + ".md", session_names)
            path = PurePosixPath("sessions", name)
            self._write(
                folder / path, [f"# {self.titles[session.id]}", "", *self._fields(session, 2)]
            )
            lines.append(f"- [{self.titles[session.id]}](<{path}>)")
        materials = self._of(Material, rid)
        for name, heading, body in (
            ("homework.md", _HOMEWORK, self._listed(self._of(Homework, rid))),
            ("materials.md", _MATERIALS, self._materials(folder, materials)),
            ("reflection.md", _REFLECTION, self._listed(self._of(Reflection, rid))),
            ("diary.md", _DIARY, self._diary(self._of(Entry, rid))),
        ):
            if body:
                self._write(folder / name, [f"# {text(heading)}", "", *body])
                lines.append(f"- [{text(heading)}](<{name}>)")
        # A kind added later (an evaluation ...) gets a file of its own, named after it.
        for kind in RECORDS:
            if kind in _SHOWN_ABOVE:
                continue
            records = [
                r
                for r in self.records
                if r.kind_of_record is kind and getattr(r, "relationship_id", None) == rid
            ]
            if records:
                heading = self.wording.value_name(kind)
                self._write(
                    folder / f"{kind.value}.md", [f"# {heading}", "", *self._listed(records)]
                )
                lines.append(f"- [{heading}](<{kind.value}.md>)")
        self._write(folder / "index.md", lines)

    def _listed(self, records: Sequence[Record]) -> list[str]:
        """Each record under its title: the body of a section file."""
        lines: list[str] = []
        for record in records:
            lines += [f"## {self.titles[record.id]}", "", *self._fields(record, 3), ""]
        return lines

    def _diary(self, entries: list[Entry]) -> list[str]:
        return self._listed(sorted(entries, key=lambda e: e.created_at))

    def _materials(self, folder: PurePosixPath, materials: list[Material]) -> list[str]:
        lines: list[str] = []
        names: set[str] = set()
        for material in materials:
            lines += [f"## {self.titles[material.id]}", "", *self._fields(material, 3)]
            data = self.attachments.get(material.attachment_id or "")
            if data is not None:
                name = _unique(safe_name(material.attachment_name or "", "attachment"), names)
                self.out[str(folder / "materials" / name)] = data
                link = PurePosixPath("materials", name)
                lines += ["", f"{self.wording.text(_FILE)}: [{name}](<{link}>)"]
            lines.append("")
        return lines

    def _signatures(self, agreement: Agreement) -> list[str]:
        text = self.wording.text
        if not agreement.signatures:
            return [text(_NOT_SIGNED), ""]
        return [
            "- "
            + text(
                _NOT_VERIFIED if s.verified is False else _SIGNED if s.valid else _SIGNED_BEFORE
            ).format(name=s.name, date=self.wording.day(s.signed_at))
            for s in agreement.signatures
        ] + [""]

    # -- fields -----------------------------------------------------------------------------

    def _fields(self, record: Record, level: int) -> list[str]:
        """Small values as a list, then each long text under its own heading."""
        kind = record.kind_of_record
        declaration = RECORDS[kind]
        small: list[str] = []
        long: list[str] = []
        for spec in declaration.fields:
            if not self._wanted(spec, record):
                continue
            value = getattr(record, spec.name)
            shown = self._value(spec, value)
            if not shown:
                continue
            name = self.wording.field_label(spec.name, kind)
            if spec.field_type is FieldType.TEXT:
                long += [f"{'#' * level} {name}", "", shown.strip(), ""]
            else:
                small.append(f"- **{name}:** {shown}")
        return [*small, *([""] if small and long else []), *long]

    def _wanted(self, spec: FieldSpec, record: Record) -> bool:
        if spec.private and not self.options.include_private:
            return False
        if spec.name == "relationship_id" or spec.name.startswith("attachment_"):
            return False  # the folder is the relationship; files are linked below
        declaration = RECORDS[record.kind_of_record]
        headed = not isinstance(record, Agreement)  # an agreement sits under its own heading
        if headed and spec.name == declaration.title_field and spec.field_type is FieldType.LINE:
            return False  # it is the heading already
        return not (isinstance(record, Session) and spec.name == "held_at")  # the heading

    def _value(self, spec: FieldSpec, value: object) -> str:
        if value is None or value == "" or value == ():
            return ""
        words = self.wording
        kind = spec.field_type
        if kind is FieldType.ENUM:
            return words.value_name(value)  # type: ignore[arg-type]
        if kind is FieldType.DATE:
            return words.day(value)  # type: ignore[arg-type]
        if kind is FieldType.DATETIME:
            return words.moment(value)  # type: ignore[arg-type]
        if kind is FieldType.REF:
            return self.titles.get(str(value), str(value))
        if kind in (FieldType.REFS, FieldType.LIST):
            items: Iterable[str] = value  # type: ignore[assignment]
            if kind is FieldType.REFS:
                items = (self.titles.get(item, item) for item in items)
            return ", ".join(items)
        if kind is FieldType.LINE:
            return " ".join(str(value).split())
        return str(value)
