"""The rules of the merge, the same on every device: what travels, who wins, what is deleted.

- **What travels** (:func:`travels`): in a pair's space only records of that relationship
  with ``scope = shared``, never a kind that is always private (diary entries), never a field
  declared private (a session's private notes), and never what describes the relationship
  from one side only (its ``title`` and ``partner_names``, local to each journal once the
  relationship has arrived; ``scope``, which a partner cannot set for this journal). A
  person's own-devices space carries everything.
- **Who wins** (:func:`wins`): a small field's last write by (clock, device); a long text is
  never won, it is merged (:mod:`.text_merge`).
- **What was concurrent** (:func:`concurrent`): a losing value its winner had not seen; only
  those go into field history, on every device alike.
- **Deleted** (:func:`tombstone_holds`): a record stays deleted only while no content field
  has a write the deleter had not seen; an edit concurrent with a delete brings it back.
- **One side's view** (:func:`translate`): ``Relationship.my_role`` becomes the counterpart
  (mentor <-> mentee, peer stays peer) and every :class:`Party` value and signature swaps
  ``me`` <-> ``partner`` when a record crosses from one partner's journal to the other's.
"""

from __future__ import annotations

import functools

from mentorjournal.domain import RECORDS, Party, RecordKind, Role
from mentorjournal.sync.changes import DELETED, SIGNATURE, Register
from mentorjournal.sync.contract import SpaceScope

SCOPE = "scope"
# Fields of a relationship that each partner's journal keeps for itself.
LOCAL_TO_EACH_SIDE: dict[RecordKind, frozenset[str]] = {
    RecordKind.RELATIONSHIP: frozenset({"title", "partner_names"}),
}
_COUNTERPART = {Role.MENTOR.value: Role.MENTEE.value, Role.MENTEE.value: Role.MENTOR.value}
_OTHER_PARTY = {Party.ME.value: Party.PARTNER.value, Party.PARTNER.value: Party.ME.value}


def is_pair(scope: SpaceScope) -> bool:
    return not scope.include_private


def _private(kind: RecordKind, name: str) -> bool:
    spec = RECORDS[kind].field(name)
    return spec is not None and spec.private


def travels(kind: RecordKind, name: str, scope: SpaceScope) -> bool:
    """Whether the register ``name`` of a record of ``kind`` enters ``scope``'s space."""
    return name not in kept_back(kind, scope)


def kept_back(kind: RecordKind, scope: SpaceScope) -> frozenset[str]:
    """The registers of a record of ``kind`` that never enter ``scope``'s space."""
    return _kept_from_partner(kind) if is_pair(scope) else frozenset()


@functools.cache
def _kept_from_partner(kind: RecordKind) -> frozenset[str]:
    private = (spec.name for spec in RECORDS[kind].fields if spec.private)
    return frozenset({SCOPE, *LOCAL_TO_EACH_SIDE.get(kind, frozenset()), *private})


def record_travels(
    kind: RecordKind, record_id: str, relationship_id: str | None, shared: bool, scope: SpaceScope
) -> bool:
    """Whether a record enters ``scope``'s space at all (the allow-list)."""
    if not is_pair(scope):
        return True
    if RECORDS[kind].always_private or not shared:
        return False
    own = record_id if kind is RecordKind.RELATIONSHIP else relationship_id
    return own is not None and own == scope.relationship_id


@functools.cache
def counts_for_tombstone(kind: RecordKind, name: str) -> bool:
    """Content fields, the same in every space: an unseen write of one revives a record."""
    if name.startswith(SIGNATURE):
        return True
    if name.startswith("_") or name == SCOPE or name in LOCAL_TO_EACH_SIDE.get(kind, ()):
        return False
    return not _private(kind, name)


def wins(incoming: Register, local: Register | None) -> bool:
    return local is None or (incoming.clock, incoming.device) > (local.clock, local.device)


def concurrent(winner: Register, loser: Register) -> bool:
    """The winner's writer had not seen the loser's value when writing."""
    return winner.previous < loser.clock


def seen_clocks(kind: RecordKind, registers: dict[str, Register]) -> dict[str, int]:
    """What a deleter has seen: the clock of each content field."""
    return {name: reg.clock for name, reg in registers.items() if counts_for_tombstone(kind, name)}


def tombstone_holds(kind: RecordKind, registers: dict[str, Register]) -> bool:
    """Deleted, and no content field has a write that the deleter had not seen."""
    tombstone = registers.get(DELETED)
    if tombstone is None or not isinstance(tombstone.value, dict):
        return False
    if tombstone.value.get("at") is None:
        return False
    seen = tombstone.value.get("seen") or {}
    return all(
        reg.clock <= int(seen.get(name, 0))
        for name, reg in registers.items()
        if counts_for_tombstone(kind, name)
    )


def is_tombstone(register: Register | None) -> bool:
    return (
        register is not None
        and isinstance(register.value, dict)
        and register.value.get("at") is not None
    )


def _other_side(name: str) -> str:
    """A register's name as the partner's journal knows it (signatures swap parties)."""
    if name.startswith(SIGNATURE):
        party = _OTHER_PARTY.get(name[len(SIGNATURE) :])
        if party is not None:
            return SIGNATURE + party
    return name


@functools.cache
def _swapped(kind: RecordKind) -> tuple[frozenset[str], frozenset[str]]:
    """Fields of ``kind`` that name a party, and those that name my role, as seen from one side."""
    columns = RECORDS[kind].columns
    parties = frozenset(spec.name for spec in columns if spec.enum is Party)
    roles = frozenset(
        spec.name
        for spec in columns
        if spec.enum is Role and kind is RecordKind.RELATIONSHIP and spec.name not in parties
    )
    return parties, roles


def translate(kind: RecordKind, registers: dict[str, Register]) -> dict[str, Register]:
    """Registers written in the partner's journal, as this journal sees them."""
    parties, roles = _swapped(kind)
    translated: dict[str, Register] = {}
    for name, reg in registers.items():
        value = reg.value
        if name.startswith(SIGNATURE):
            translated[_other_side(name)] = reg
            continue
        if name == DELETED and isinstance(value, dict) and isinstance(value.get("seen"), dict):
            seen = {_other_side(key): clock for key, clock in value["seen"].items()}
            reg = reg._replace(value={**value, "seen": seen})
        elif name in parties and isinstance(value, str):
            reg = reg._replace(value=_OTHER_PARTY.get(value, value))
        elif name in roles and isinstance(value, str):
            reg = reg._replace(value=_COUNTERPART.get(value, value))
        translated[name] = reg
    return translated
