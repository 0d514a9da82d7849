"""Checks of single JSON values for the export reader: each refusal names its place.

:class:`ValueReader` is the base of the export's reader (:mod:`json_import`): every method
takes a value and ``where`` it sits in the file, and returns it typed or raises
:class:`~mentorjournal.domain.errors.ExportFileInvalid` naming that place, never the value.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from mentorjournal.domain.errors import ExportFileInvalid

T = TypeVar("T")


class ValueReader:
    """Typed reads of the values of one export file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str) -> NoReturn:
        raise ExportFileInvalid(self.path, where)

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where)
        return value

    def sequence(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where)
        return value

    def keys(
        self,
        item: Mapping[str, Any],
        allowed: Collection[str],
        where: str,
        required: Collection[str] | None = None,
    ) -> None:
        for name in item:
            if name not in allowed:
                self.fail(f"{where}.{name}")
        for name in allowed if required is None else required:
            if name not in item:
                self.fail(f"{where}.{name}")

    def text(self, value: Any, where: str, max_length: int | None = None) -> str:
        if not isinstance(value, str) or (max_length is not None and len(value) > max_length):
            self.fail(where)
        try:
            value.encode("utf-8")  # a lone surrogate ("\ud800") cannot be stored
        except UnicodeEncodeError:
            self.fail(where)
        return value

    def optional_text(self, value: Any, where: str) -> str | None:
        return None if value is None else self.text(value, where)

    def integer(self, value: Any, where: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(where)
        return value

    def identifier(self, value: Any, where: str) -> str:
        try:
            if isinstance(value, str) and str(uuid.UUID(value)) == value:
                return value
        except ValueError:
            pass
        self.fail(where)

    def optional_id(self, value: Any, where: str) -> str | None:
        return None if value is None else self.identifier(value, where)

    def member(self, vocabulary: type[StrEnum], value: Any, where: str) -> Any:
        try:
            return vocabulary(value)
        except (ValueError, TypeError):
            self.fail(where)

    def moment(self, value: Any, where: str) -> datetime:
        """A record's timestamp: ISO 8601 with an offset, read as UTC."""
        found = self._iso(datetime.fromisoformat, value, where)
        if found.tzinfo is None:
            self.fail(where)
        return found.astimezone(UTC)

    def optional_moment(self, value: Any, where: str) -> datetime | None:
        return None if value is None else self.moment(value, where)

    def wall_clock(self, value: Any, where: str) -> datetime:
        """A meeting time: ISO 8601 without a zone, as the journal keeps it."""
        found = self._iso(datetime.fromisoformat, value, where)
        if found.tzinfo is not None:
            self.fail(where)
        return found

    def day(self, value: Any, where: str) -> date:
        return self._iso(date.fromisoformat, value, where)

    def _iso(self, parse: Callable[[str], T], value: Any, where: str) -> T:
        if not isinstance(value, str):
            self.fail(where)
        try:
            return parse(value)
        except ValueError:
            self.fail(where)

    def base64(self, value: Any, where: str) -> bytes:
        if not isinstance(value, str):
            self.fail(where)
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            self.fail(where)
