"""Command-line options for record fields, built from each kind's declaration.

Every field a declaration (:data:`mentorjournal.domain.RECORDS`) lets users give is an option
of ``add`` (``success_criteria`` becomes ``--success-criteria``); every settable one is a
``FIELD=VALUE`` of ``set``. The short names of the issue (``--partner``, ``--date``,
``--due`` ...) are aliases of the fields they stand for. Values stay text here; the services
check and convert them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from mentorjournal.cli.inputs import Inputs
from mentorjournal.domain import (
    RECORDS,
    SCOPE_FIELD,
    FieldSpec,
    FieldType,
    InvalidValue,
    RecordDeclaration,
    RecordKind,
    Scope,
)
from mentorjournal.domain.errors import Reason
from mentorjournal.i18n import N_, _
from mentorjournal.i18n.names import name

FIELD_DEST_PREFIX = "field."

# Short option names of the issue, first in each option's list of flags.
_SHORT_NAMES: dict[RecordKind | None, dict[str, str]] = {
    None: {"relationship_id": "--relationship"},
    RecordKind.RELATIONSHIP: {"partner_names": "--partner", "my_role": "--role"},
    RecordKind.SESSION: {
        "held_at": "--date",
        "duration_minutes": "--duration",
        "goal_ids": "--goals",
    },
    RecordKind.HOMEWORK: {"due_date": "--due", "goal_id": "--goal", "session_id": "--session"},
}

_METAVARS = {
    FieldType.TEXT: N_("TEXT"),
    FieldType.LINE: N_("TEXT"),
    FieldType.DATE: N_("DATE"),
    FieldType.DATETIME: N_("DATETIME"),
    FieldType.INT: "N",
    FieldType.LIST: N_("ITEMS"),
    FieldType.REF: "ID",
    FieldType.REFS: N_("IDS"),
}


@dataclass(frozen=True, slots=True)
class FieldOption:
    """One field as an option: its spec and its flags, the issue's short name first."""

    spec: FieldSpec
    flags: tuple[str, ...]

    @property
    def dest(self) -> str:
        return FIELD_DEST_PREFIX + self.spec.name

    @property
    def label(self) -> str:
        return self.flags[0]


def _dashed(name: str) -> str:
    return "--" + name.replace("_", "-")


def _short_name(kind: RecordKind, field: str) -> str | None:
    return _SHORT_NAMES.get(kind, {}).get(field) or _SHORT_NAMES[None].get(field)


def field_options(
    kind: RecordKind, declaration: RecordDeclaration | None = None
) -> list[FieldOption]:
    """The options ``add KIND`` offers: every field a user may give when creating.

    ``declaration`` is the kind's own unless given (tests give a throwaway one).
    """
    options = []
    for spec in (declaration or RECORDS[kind]).fields:
        if not spec.given_on_creation:
            continue
        short = _short_name(kind, spec.name)
        flags = (short, _dashed(spec.name)) if short else (_dashed(spec.name),)
        options.append(FieldOption(spec, flags))
    return options


def field_labels(kind: RecordKind) -> dict[str, str]:
    """How errors name each field of ``add KIND``: by the option the user typed."""
    labels = {option.spec.name: option.label for option in field_options(kind)}
    labels["scope"] = "--scope"
    return labels


def settable_fields(kind: RecordKind) -> tuple[str, ...]:
    names = [spec.name for spec in RECORDS[kind].fields if spec.settable]
    return (*names, "scope")


def spec_for_set(kind: RecordKind, name: str) -> FieldSpec:
    """The field ``set`` means by ``name``: a field name, dashed or not, or a short name."""
    wanted = name.strip().replace("-", "_")
    if wanted == "scope":
        return SCOPE_FIELD
    fields = RECORDS[kind].fields
    exact = next((spec for spec in fields if spec.name == wanted), None)
    if exact is not None:
        return exact
    for spec in fields:
        if _short_name(kind, spec.name) == _dashed(wanted):
            return spec
    raise InvalidValue(name, Reason.UNKNOWN_FIELD, settable_fields(kind))


def _help(spec: FieldSpec) -> str:
    kind = name(spec.ref_kind) if spec.ref_kind is not None else ""
    if spec.field_type is FieldType.ENUM and spec.enum is not None:
        text = _("one of: {values}").format(values=_values_with_names(spec.enum))
    elif spec.field_type is FieldType.TEXT:
        text = _("Markdown text, or @FILE to read it from a UTF-8 file, @- from standard input")
    elif spec.field_type is FieldType.LINE:
        text = _("text, or @FILE to read it from a UTF-8 file, @- from standard input")
    elif spec.field_type is FieldType.DATE:
        text = _("date, YYYY-MM-DD")
    elif spec.field_type is FieldType.DATETIME:
        text = _("date and time, YYYY-MM-DDTHH:MM (a date alone means midnight)")
    elif spec.field_type is FieldType.INT:
        text = _("whole number from {minimum} to {maximum}").format(
            minimum=spec.minimum, maximum=spec.maximum
        )
    elif spec.field_type is FieldType.LIST:
        text = _("comma-separated, or repeat the option")
    elif spec.field_type is FieldType.REFS:
        text = _("ids of records of the kind “{kind}” (first 4+ characters), comma-separated")
        text = text.format(kind=kind)
    else:
        text = _("id of a record of the kind “{kind}”, or its first 4+ characters")
        text = text.format(kind=kind)
    if spec.required:
        text += " " + _("(required)")
    return text


def _values_with_names(vocabulary: type[StrEnum]) -> str:
    """``reverse (odwrócony), ...`` in Polish: each value, and its name where that differs."""
    shown = []
    for member in vocabulary:
        label = name(member)
        same = label == member.value.replace("_", " ")
        shown.append(member.value if same else f"{member.value} ({label})")
    return ", ".join(shown)


def _metavar(spec: FieldSpec) -> str:
    if spec.field_type is FieldType.ENUM and spec.enum is not None:
        return "{" + ",".join(member.value for member in spec.enum) + "}"
    return _(_METAVARS[spec.field_type])


def register(
    parser: argparse.ArgumentParser,
    kind: RecordKind,
    declaration: RecordDeclaration | None = None,
) -> None:
    """Add the options of ``add KIND`` to ``parser`` (``declaration``: as in field_options)."""
    declaration = declaration or RECORDS[kind]
    for option in field_options(kind, declaration):
        repeatable = option.spec.field_type in (FieldType.LIST, FieldType.REFS)
        parser.add_argument(
            *option.flags,
            dest=option.dest,
            action="append" if repeatable else "store",
            metavar=_metavar(option.spec),
            help=_help(option.spec),
        )
    if not declaration.always_private:  # diary entries
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--scope",
            dest=FIELD_DEST_PREFIX + "scope",
            metavar="{" + ",".join(s.value for s in Scope) + "}",
            help=_(
                "shared (the default: synced with the partner once sharing is set up) "
                "or private (never leaves this journal)"
            ),
        )
        scope.add_argument(
            "--private",
            dest=FIELD_DEST_PREFIX + "scope",
            action="store_const",
            const=Scope.PRIVATE.value,
            help=_("keep this record private: the same as --scope private"),
        )


def given_values(args: argparse.Namespace, inputs: Inputs) -> dict[str, Any]:
    """The field values given as options, text read from @FILE/@- where asked."""
    values: dict[str, Any] = {}
    for dest, raw in vars(args).items():
        if not dest.startswith(FIELD_DEST_PREFIX) or raw is None:
            continue
        name = dest.removeprefix(FIELD_DEST_PREFIX)
        if isinstance(raw, list):
            values[name] = [item for given in raw for item in inputs.text(given).split(",")]
        else:
            values[name] = inputs.text(raw)
    return values


def resolve_references(
    kind: RecordKind, values: Mapping[str, Any], resolve: Callable[[str], str]
) -> dict[str, Any]:
    """Replace id prefixes in reference fields by the full ids they stand for."""
    resolved = dict(values)
    for spec in RECORDS[kind].fields:
        raw = resolved.get(spec.name)
        if spec.ref_kind is None or raw is None:
            continue
        if spec.field_type is FieldType.REFS:
            items = raw.split(",") if isinstance(raw, str) else raw
            resolved[spec.name] = [resolve(item.strip()) for item in items if item.strip()]
        elif str(raw).strip():
            resolved[spec.name] = resolve(str(raw).strip())
    return resolved
