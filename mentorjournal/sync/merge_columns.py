"""What the merge needs of each column of a record kind, worked out once per kind.

A first sync handles every column of ten thousand records on both sides; asking each
:class:`~mentorjournal.domain.FieldSpec` again for its nature, its link and its type, and
choosing again how to turn its value to JSON and back, was a fair share of that work. Here
each kind's columns are read from :data:`~mentorjournal.domain.RECORDS` once, with the
conversions of :mod:`.changes` chosen for each.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mentorjournal.domain import RECORDS, FieldSpec, FieldType, Nature, RecordKind
from mentorjournal.sync import changes


@dataclass(frozen=True, slots=True)
class Column:
    """One stored field of a kind, as the merge sees it."""

    name: str
    spec: FieldSpec
    markdown: bool  # long text, merged as a CRDT
    link: bool  # holds the id of another record (or a list of them)
    links: bool  # a list of ids
    required: bool
    default: Any  # what the row holds when no register has a value (a list is copied)
    to_json: Callable[[Any], Any]  # a row's value as the merge state keeps it
    to_row: Callable[[Any], Any]  # and back, refusing what does not fit the column


def _default(spec: FieldSpec) -> Any:
    if spec.is_list:
        return []
    if spec.default is not None:
        return getattr(spec.default, "value", spec.default)
    return "" if spec.is_text and not spec.nullable else None


@functools.cache
def columns(kind: RecordKind) -> tuple[Column, ...]:
    return tuple(
        Column(
            spec.name,
            spec,
            spec.nature is Nature.MARKDOWN,
            spec.ref_kind is not None,
            spec.field_type is FieldType.REFS,
            spec.required,
            _default(spec),
            changes.to_json_of(spec),
            changes.from_json_of(spec),
        )
        for spec in RECORDS[kind].columns
    )


@functools.cache
def by_name(kind: RecordKind) -> dict[str, Column]:
    return {column.name: column for column in columns(kind)}


@functools.cache
def markdown(kind: RecordKind) -> frozenset[str]:
    return frozenset(column.name for column in columns(kind) if column.markdown)


def default(column: Column) -> Any:
    return list(column.default) if column.links or column.spec.is_list else column.default
