"""Check and convert the values users give for fields, from text (command line) or typed (UI).

The constraints (lengths, number of items, ranges, allowed values, required-ness) come from
each field's declaration (:class:`mentorjournal.domain.FieldSpec`). Every failure is an
:class:`InvalidValue` naming the field and a short reason word, which the UI and command line
put into the user's language.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from mentorjournal.domain import FieldSpec, FieldType, InvalidValue
from mentorjournal.domain.errors import Reason


def normalize_text(value: str) -> str:
    """NFC, so that text typed on any platform folds and compares the same."""
    return unicodedata.normalize("NFC", value)


def parse_value(spec: FieldSpec, raw: Any) -> Any:
    """The stored value for ``raw``; ``None`` or ``""`` clears an optional field."""
    if raw is None or (isinstance(raw, str) and raw.strip() == "" and not spec.is_text):
        if spec.required:
            raise InvalidValue(spec.name, Reason.REQUIRED)
        if spec.is_text:
            return ""  # a cleared text is empty, never missing
        return [] if spec.is_list else None
    parser = _PARSERS[spec.field_type]
    return parser(spec, raw)


def _text(spec: FieldSpec, raw: Any) -> str:
    if not isinstance(raw, str):
        raise InvalidValue(spec.name, Reason.NOT_TEXT)
    value = normalize_text(raw)
    if spec.field_type is FieldType.LINE:
        value = " ".join(value.split())
    if spec.max_length is not None and len(value) > spec.max_length:
        raise InvalidValue(spec.name, Reason.TOO_LONG)
    if spec.required and not value.strip():
        raise InvalidValue(spec.name, Reason.REQUIRED)
    return value


def _enum(spec: FieldSpec, raw: Any) -> StrEnum:
    assert spec.enum is not None
    allowed = tuple(member.value for member in spec.enum)
    text = raw.value if isinstance(raw, StrEnum) else str(raw).strip().lower().replace("-", "_")
    if text not in allowed:
        raise InvalidValue(spec.name, Reason.NOT_ALLOWED, allowed)
    return spec.enum(text)


def _date(spec: FieldSpec, raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise InvalidValue(spec.name, Reason.NOT_A_DATE) from None


def _datetime(spec: FieldSpec, raw: Any) -> datetime:
    """Meeting times are wall-clock times where the meeting happens, stored without a zone."""
    if isinstance(raw, datetime):
        moment = raw
    elif isinstance(raw, date):
        moment = datetime(raw.year, raw.month, raw.day)
    else:
        try:
            moment = datetime.fromisoformat(str(raw).strip())
        except ValueError:
            raise InvalidValue(spec.name, Reason.NOT_A_DATETIME) from None
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone().replace(tzinfo=None)
        except OverflowError:  # 9999-12-31T23:30-05:00 is past the last representable time
            raise InvalidValue(spec.name, Reason.NOT_A_DATETIME) from None
    return moment


def _int(spec: FieldSpec, raw: Any) -> int:
    if isinstance(raw, bool):
        raise InvalidValue(spec.name, Reason.NOT_A_NUMBER)
    try:
        value = raw if isinstance(raw, int) else int(str(raw).strip())
    except ValueError:
        raise InvalidValue(spec.name, Reason.NOT_A_NUMBER) from None
    if (spec.minimum is not None and value < spec.minimum) or (
        spec.maximum is not None and value > spec.maximum
    ):
        raise InvalidValue(spec.name, Reason.OUT_OF_RANGE, (str(spec.minimum), str(spec.maximum)))
    return value


def _items(spec: FieldSpec, raw: Any) -> list[str]:
    """A list of one-line items; each item and their number are bounded like any text."""
    parts: Iterable[Any] = raw.split(",") if isinstance(raw, str) else raw
    items = [" ".join(normalize_text(str(part)).split()) for part in parts]
    items = [item for item in items if item]
    if spec.required and not items:
        raise InvalidValue(spec.name, Reason.REQUIRED)
    too_many = spec.max_items is not None and len(items) > spec.max_items
    if too_many or any(
        spec.max_length is not None and len(item) > spec.max_length for item in items
    ):
        raise InvalidValue(spec.name, Reason.TOO_LONG)
    return items


def _ref(spec: FieldSpec, raw: Any) -> str:
    value = str(raw).strip()
    if not value:
        raise InvalidValue(spec.name, Reason.REQUIRED)
    return value


_PARSERS = {
    FieldType.TEXT: _text,
    FieldType.LINE: _text,
    FieldType.ENUM: _enum,
    FieldType.DATE: _date,
    FieldType.DATETIME: _datetime,
    FieldType.INT: _int,
    FieldType.LIST: _items,
    FieldType.REF: _ref,
    FieldType.REFS: _items,
}
