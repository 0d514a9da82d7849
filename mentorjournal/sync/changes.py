"""The payload of one change file, as the merge side writes and reads it.

A payload is zlib-compressed UTF-8 JSON::

    {"format": 1,
     "owner": "Anna Kowalska",           # the author's name, for a pair's first arrival
     "records": [
       {"id": "<uuid>", "kind": "session", "rel": "<relationship uuid>" | null,
        "created": "<ISO moment>",
        "regs": {"<field>": [clock, "<device>", value, previous clock], ...},
        "texts": {"<long text field>": "<base64 pycrdt update>", ...},
        "seed": {"title": ..., "partner_names": [...]}}      # a pair's relationship only
     ]}

Each register is the last write of one field: its hybrid logical clock
(:mod:`.clock`), the device that wrote it, the value (JSON: dates and moments in ISO 8601,
enums by value, lists as arrays; ``null`` for a long text, whose content is the CRDT state
in ``texts``) and the clock of the write it replaced (to tell a concurrent edit from a later
one). Besides the declared fields there are ``scope``, ``_deleted`` (``{"at": moment or
null, "seen": {field: clock}}``: a tombstone, with the clocks the deleter had seen) and
``_sig:<party>`` (an agreement's signature by that party, or null). Everything is generic
over :data:`~mentorjournal.domain.RECORDS`: a record kind added later travels with no change
here. A payload of a newer format, or naming a kind this version does not know, is refused
as newer; anything malformed as unreadable (:class:`ChangesRejected`).
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, NamedTuple

from mentorjournal.domain import RECORDS, FieldSpec, FieldType, RecordKind
from mentorjournal.domain.errors import ChangesRejected, NewerChangesFormat

FORMAT = 1
MAX_PAYLOAD = 64 * 1024 * 1024  # bytes once inflated; a larger payload is refused
DELETED = "_deleted"
SIGNATURE = "_sig:"


class Register(NamedTuple):
    """The last write of one field."""

    clock: int
    device: str
    value: Any
    previous: int


@dataclass(slots=True)
class WireRecord:
    record_id: str
    kind: RecordKind
    relationship_id: str | None
    created_at: str
    registers: dict[str, Register]
    texts: dict[str, bytes] = field(default_factory=dict)
    seed: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Payload:
    owner: str
    records: list[WireRecord]

    @property
    def clocks(self) -> list[int]:
        return [reg.clock for record in self.records for reg in record.registers.values()]


def to_wire(spec: FieldSpec, value: Any) -> Any:
    """A column's value as JSON."""
    return to_json_of(spec)(value)


def from_wire(spec: FieldSpec, value: Any) -> Any:
    """A JSON value as the column's value; :class:`ChangesRejected` if it does not fit."""
    return from_json_of(spec)(value)


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _listed(value: Any) -> Any:
    return None if value is None else list(value)


def to_json_of(spec: FieldSpec) -> Callable[[Any], Any]:
    """:func:`to_wire` for one column, chosen once (the merge converts thousands of rows)."""
    if spec.field_type in (FieldType.DATE, FieldType.DATETIME):
        return _iso
    return _listed if spec.is_list else _enum_value


def _refused() -> ChangesRejected:
    return ChangesRejected()


def _text(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    raise _refused()


def _int(value: Any) -> Any:
    if value is None or type(value) is int:
        return value
    raise _refused()


def _strings(value: Any) -> Any:
    if value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return value
    raise _refused()


def _parsed(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return parse(value)
            except ValueError:
                pass
        raise _refused()

    return convert


def from_json_of(spec: FieldSpec) -> Callable[[Any], Any]:
    """:func:`from_wire` for one column, chosen once."""
    kind = spec.field_type
    if kind is FieldType.DATE:
        return _parsed(date.fromisoformat)
    if kind is FieldType.DATETIME:
        return _parsed(datetime.fromisoformat)
    if kind is FieldType.INT:
        return _int
    if kind is FieldType.ENUM and spec.enum is not None:
        members = spec.enum
        return _parsed(lambda value: members(value).value)
    if spec.is_list:
        return _strings
    if kind in (FieldType.TEXT, FieldType.LINE, FieldType.REF):
        return _text
    return _parsed(_refuse_any)


def _refuse_any(value: str) -> Any:
    raise _refused()


def encode(owner: str, records: list[WireRecord]) -> bytes:
    body = {
        "format": FORMAT,
        "owner": owner,
        "records": [
            {
                "id": record.record_id,
                "kind": record.kind.value,
                "rel": record.relationship_id,
                "created": record.created_at,
                "regs": {name: list(reg) for name, reg in record.registers.items()},
                "texts": {
                    name: base64.b64encode(state).decode("ascii")
                    for name, state in record.texts.items()
                },
                **({"seed": record.seed} if record.seed else {}),
            }
            for record in records
        ],
    }
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return zlib.compress(data, 1)  # level 6 took 3x the time for a tenth less


def decode(payload: bytes) -> Payload:
    """Read a payload; refuse anything malformed before a single value is applied."""
    try:
        inflater = zlib.decompressobj()
        data = inflater.decompress(payload, MAX_PAYLOAD)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ChangesRejected()
        body = json.loads(data.decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError):
        raise ChangesRejected() from None
    if not isinstance(body, dict) or type(body.get("format")) is not int:
        raise ChangesRejected()
    if body["format"] > FORMAT:
        raise NewerChangesFormat()
    records = body.get("records")
    owner = body.get("owner")
    if body["format"] < 1 or not isinstance(records, list) or not isinstance(owner, str):
        raise ChangesRejected()
    return Payload(owner, [_record(item) for item in records])


_KINDS = {kind.value: kind for kind in RECORDS}


def _record(item: Any) -> WireRecord:
    if not isinstance(item, dict):
        raise ChangesRejected()
    kind_name = item.get("kind")
    if not isinstance(kind_name, str):
        raise ChangesRejected()
    kind = _KINDS.get(kind_name)
    if kind is None:
        raise NewerChangesFormat()  # a kind a newer version added
    record_id, relationship_id, created = item.get("id"), item.get("rel"), item.get("created")
    regs, texts, seed = item.get("regs"), item.get("texts", {}), item.get("seed", {})
    if not (
        isinstance(record_id, str)
        and (relationship_id is None or isinstance(relationship_id, str))
        and isinstance(created, str)
        and isinstance(regs, dict)
        and isinstance(texts, dict)
        and isinstance(seed, dict)
    ):
        raise ChangesRejected()
    registers = {}
    for name, reg in regs.items():
        if not (
            isinstance(reg, list)
            and len(reg) == 4
            and type(reg[0]) is int
            and isinstance(reg[1], str)
            and type(reg[3]) is int
            and reg[0] >= 0
        ):
            raise ChangesRejected()
        registers[name] = Register(reg[0], reg[1], reg[2], reg[3])
    try:
        states = {name: base64.b64decode(state, validate=True) for name, state in texts.items()}
    except (binascii.Error, TypeError, ValueError):
        raise ChangesRejected() from None
    return WireRecord(record_id, kind, relationship_id, created, registers, states, seed)
