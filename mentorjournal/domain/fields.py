"""How a record kind is declared once, and what every layer reads from that declaration.

Each record kind is one frozen dataclass in :mod:`mentorjournal.domain.records`, its read
model, whose fields are written ``name: Annotated[python_type, marker]``. The Python type is
the read model's type, which mypy checks and the window reads (``session.held_at``); the
marker (:func:`markdown`, :func:`line`, :func:`value`, :func:`items`, :func:`link`) says the
rest. :func:`declare` reads the class into a :class:`RecordDeclaration`, and from it come:

- the table: ``mentorjournal.store.tables.table_for`` builds its SQLModel class;
- validation: ``mentorjournal.services.values.parse_value`` checks each :class:`FieldSpec`;
- the command line's options: ``mentorjournal.cli.record_options``;
- full-text search and field history (the text fields), the title shown in lists;
- what the window, the PDF and the sync need: each field's :func:`label`, its
  :class:`Nature` (long Markdown merged as text, one line, or a small value where the last
  writer wins), whether it is private by nature, and its constraints.

This is SQLModel's ``HeroBase`` / ``Hero`` / ``HeroPublic`` pattern turned around: the typed,
constrained base is plain Python here and the table model is derived from it in ``store/``,
because the command line builds its parser from these declarations and must not pay the
import of pydantic and SQLModel (0.35 s) to answer ``--help``.

Adding a field to a record is one edit plus a migration:

1. add one line to the record's class, e.g.
   ``mood: Annotated[str, line(label("Mood"), max_length=40)]``;
2. add the column to existing journals with a migration, its SQL frozen beside it
   (``store/schema_vN.py``); ``tests/store/test_schema.py`` fails until table and SQL agree.

Its option (``--mood``), validation, read-model field, search and history follow; run
``make catalogue`` and translate the new label. ``tests/domain/test_declaration.py`` shows it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from mentorjournal.domain.enums import RecordKind, Scope

if TYPE_CHECKING:
    from mentorjournal.domain.records import Record

MAX_TEXT = 1_000_000  # characters of a Markdown field
MAX_LINE = 1_000  # characters of a one-line field
MAX_ITEM = 200  # characters of one item of a list (a partner's name, a focus area)
MAX_ITEMS = 100  # items of a list field


def label(text: str) -> str:
    """Mark ``text`` as a field's label for the catalogue; front ends translate it with ``_()``.

    The domain sits below ``mentorjournal.i18n``, so labels are only marked here (Babel
    extracts them with ``--keywords=label``) and stay English until shown.
    """
    return text


class FieldType(StrEnum):
    TEXT = "text"  # Markdown, possibly long; searchable, with history
    LINE = "line"  # one line of text; searchable, with history
    ENUM = "enum"
    DATE = "date"
    DATETIME = "datetime"
    INT = "int"
    LIST = "list"  # a list of short strings
    REF = "ref"  # the id of another record
    REFS = "refs"  # a list of ids of other records


class Nature(StrEnum):
    """How the sync merges a field, and how the window and the PDF present it."""

    MARKDOWN = "markdown"  # long text, merged as text
    LINE = "line"  # one line of text
    VALUE = "value"  # a small value: the last writer wins


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Everything known of one field, read from its declaration."""

    name: str
    field_type: FieldType
    label: str = ""
    enum: type[StrEnum] | None = None
    required: bool = False
    settable: bool = True
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None  # of a text, or of each item of a list
    max_items: int | None = None
    ref_kind: RecordKind | None = None
    private: bool = False  # never leaves this journal, whatever the record's scope
    nullable: bool = False  # the read model may hold None
    default: Any = None  # what a new record holds when the user leaves the field out
    internal: bool = False  # a column the store keeps; not a field users give or set

    @property
    def is_text(self) -> bool:
        return self.field_type in (FieldType.TEXT, FieldType.LINE)

    @property
    def given_on_creation(self) -> bool:
        """Users give it when they create a record (a parent link), even if never after."""
        return self.settable or self.required

    @property
    def is_list(self) -> bool:
        return self.field_type in (FieldType.LIST, FieldType.REFS)

    @property
    def nature(self) -> Nature:
        if self.field_type is FieldType.TEXT:
            return Nature.MARKDOWN
        return Nature.LINE if self.field_type is FieldType.LINE else Nature.VALUE


MarkerRole = Literal["markdown", "line", "value", "items", "link"]


@dataclass(frozen=True, slots=True)
class Marker:
    """What a declaration says of a field beyond its Python type (see the constructors)."""

    role: MarkerRole
    label: str
    options: Mapping[str, Any]


def markdown(
    text_label: str, *, required: bool = False, private: bool = False, max_length: int = MAX_TEXT
) -> Marker:
    """Long Markdown text: searched, kept in history, merged as text by the sync."""
    return Marker(
        "markdown", text_label, {"required": required, "private": private, "max_length": max_length}
    )


def line(
    text_label: str, *, required: bool = False, settable: bool = True, max_length: int = MAX_LINE
) -> Marker:
    """One line of text (spaces folded): searched and kept in history while settable."""
    return Marker(
        "line", text_label, {"required": required, "settable": settable, "max_length": max_length}
    )


def value(
    text_label: str,
    *,
    required: bool = False,
    settable: bool = True,
    minimum: int | None = None,
    maximum: int | None = None,
    default: Any = None,
    internal: bool = False,
) -> Marker:
    """A small value (an enum, a number, a date or a moment): the last writer wins."""
    return Marker(
        "value",
        text_label,
        {
            "required": required,
            "settable": settable,
            "minimum": minimum,
            "maximum": maximum,
            "default": default,
            "internal": internal,
        },
    )


def items(
    text_label: str,
    *,
    required: bool = False,
    max_items: int = MAX_ITEMS,
    max_length: int = MAX_ITEM,
) -> Marker:
    """A short list of one-line strings (names, areas)."""
    return Marker(
        "items",
        text_label,
        {"required": required, "max_items": max_items, "max_length": max_length},
    )


def link(
    text_label: str,
    to: RecordKind,
    *,
    required: bool = False,
    settable: bool = True,
    max_items: int = MAX_ITEMS,
) -> Marker:
    """The id of a record of kind ``to`` (or, typed as a tuple, a list of ids)."""
    return Marker(
        "link",
        text_label,
        {"ref_kind": to, "required": required, "settable": settable, "max_items": max_items},
    )


SCOPE_FIELD = FieldSpec("scope", FieldType.ENUM, label=label("Visibility"), enum=Scope)


@dataclass(frozen=True, slots=True)
class RecordDeclaration:
    """One record kind: its read model and the specs of its fields, in the model's order."""

    kind: RecordKind
    model: type[Record]
    title_field: str  # the field that names a record in lists and search results
    always_private: bool  # every record of this kind is private (diary entries)
    columns: tuple[FieldSpec, ...]  # every stored field beyond the common ones
    fields: tuple[FieldSpec, ...]  # the fields users give and see (columns less internal)
    text_fields: tuple[str, ...]  # searched, and their earlier values kept
    _by_name: Mapping[str, FieldSpec]

    def field(self, name: str) -> FieldSpec | None:
        """The user field called ``name`` (``scope`` included), or None."""
        return SCOPE_FIELD if name == "scope" else self._by_name.get(name)


def declare(
    model: type[Record], kind: RecordKind, *, title: str, always_private: bool = False
) -> RecordDeclaration:
    """Read a read model's annotated fields into its declaration.

    Fields without a marker (``id``, the timestamps, an agreement's signatures) are common
    to every record or derived by the store. A marker that does not fit its Python type is a
    programming error, raised at import.
    """
    hints = _annotations(model)
    specs = []
    for field in dataclasses.fields(model):
        hint = hints[field.name]
        if typing.get_origin(hint) is not Annotated:
            continue
        python_type, *extras = typing.get_args(hint)
        marker = next(extra for extra in extras if isinstance(extra, Marker))
        specs.append(_spec(f"{model.__name__}.{field.name}", field.name, python_type, marker))
    columns = tuple(specs)
    fields = tuple(spec for spec in columns if not spec.internal)
    by_name = {spec.name: spec for spec in fields}
    if title not in by_name or not by_name[title].is_text:
        raise TypeError(f"{model.__name__}: the title {title!r} is not a text field")
    return RecordDeclaration(
        kind=kind,
        model=model,
        title_field=title,
        always_private=always_private,
        columns=columns,
        fields=fields,
        text_fields=tuple(spec.name for spec in fields if spec.is_text and spec.settable),
        _by_name=by_name,
    )


def _annotations(model: type) -> dict[str, Any]:
    """The annotations of ``model`` and its bases, evaluated (as written, ``Annotated`` kept)."""
    found: dict[str, Any] = {}
    for cls in reversed(model.__mro__):
        found.update(vars(cls).get("__annotations__", {}))
    if any(isinstance(hint, str) for hint in found.values()):  # a module with postponed hints
        return typing.get_type_hints(model, include_extras=True)
    return found


def _spec(where: str, name: str, python_type: Any, marker: Marker) -> FieldSpec:
    inner, nullable = _without_none(python_type)
    field_type, enum = _field_type(where, marker.role, inner)
    return FieldSpec(
        name, field_type, label=marker.label, enum=enum, nullable=nullable, **marker.options
    )


def _without_none(python_type: Any) -> tuple[Any, bool]:
    if typing.get_origin(python_type) in (Union, types.UnionType):
        others = [arg for arg in typing.get_args(python_type) if arg is not type(None)]
        if len(others) == 1:
            return others[0], True
    return python_type, False


def _field_type(where: str, role: MarkerRole, inner: Any) -> tuple[FieldType, type[StrEnum] | None]:
    is_tuple = typing.get_origin(inner) is tuple
    found: FieldType | None = None
    if role == "markdown" and inner is str:
        found = FieldType.TEXT
    elif role == "line" and inner is str:
        found = FieldType.LINE
    elif role == "items" and is_tuple:
        found = FieldType.LIST
    elif role == "link":
        found = FieldType.REFS if is_tuple else FieldType.REF if inner is str else None
    elif role == "value" and isinstance(inner, type):
        if issubclass(inner, StrEnum):
            return FieldType.ENUM, inner
        if issubclass(inner, datetime):
            found = FieldType.DATETIME
        elif issubclass(inner, date):
            found = FieldType.DATE
        elif issubclass(inner, int) and not issubclass(inner, bool):
            found = FieldType.INT
    if found is None:
        raise TypeError(f"{where}: a {role} field cannot hold {inner!r}")
    return found, None
