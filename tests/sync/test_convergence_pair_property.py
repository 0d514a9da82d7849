"""A mentor and a mentee editing the same shared records, payloads in any order, duplicated.

Once every payload has reached the other journal, both hold the same records seen from
their own side: roles are counterparts, parties and signatures swapped, and each journal's
own name for the relationship kept.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorjournal.domain import Agreement, Goal, Party, Reflection, Relationship, Role, Session
from tests.conftest import MovableClock
from tests.services.records_helpers import add
from tests.sync.merge_helpers import Device, everything, make_device, pair

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

_step = st.one_of(
    st.tuples(st.just("word"), st.integers(0, 1), st.integers(0, 50)),
    st.tuples(st.just("title"), st.integers(0, 1), st.integers(0, 3)),
    st.tuples(st.just("principles"), st.integers(0, 1), st.integers(0, 3)),
    st.tuples(st.just("sign"), st.integers(0, 1), st.integers(0, 1)),
    st.tuples(st.just("delete"), st.integers(0, 1), st.integers(0, 2)),
    st.tuples(st.just("restore"), st.integers(0, 1), st.integers(0, 2)),
    st.tuples(st.just("send"), st.integers(0, 1), st.just(0)),
    st.tuples(st.just("deliver"), st.integers(0, 1), st.integers(0, 1_000)),
    st.tuples(st.just("wait"), st.integers(0, 1), st.integers(1, 90)),
)
_SWAP = {Party.ME: Party.PARTNER, Party.PARTNER: Party.ME}
_COUNTERPART = {Role.MENTOR: Role.MENTEE, Role.MENTEE: Role.MENTOR, Role.PEER: Role.PEER}


def _as_the_other_side_sees_it(values: dict[str, Any]) -> dict[str, Any]:
    seen = dict(values)
    for local in ("title", "partner_names"):
        seen.pop(local, None)
    if "my_role" in seen:
        seen["my_role"] = _COUNTERPART[seen["my_role"]]
    if "party" in seen:
        seen["party"] = _SWAP[seen["party"]]
    if "signatures" in seen:
        seen["signatures"] = sorted(
            ({**s, "party": _SWAP[s["party"]]} for s in seen["signatures"]),
            key=lambda s: s["party"].value,
        )
    return seen


def _comparable(values: dict[str, Any]) -> dict[str, Any]:
    seen = {k: v for k, v in values.items() if k not in ("title", "partner_names")}
    if "signatures" in seen:
        seen["signatures"] = sorted(seen["signatures"], key=lambda s: s["party"].value)
    return seen


class PairRun:
    def __init__(self, root: Path) -> None:
        self.mentor = make_device(root, "anna", "Anna Kowalska", MovableClock(NOW))
        self.mentee = make_device(root, "jan", "Jan Nowak", MovableClock(NOW))
        self.devices = (self.mentor, self.mentee)
        records = self.mentor.workspace
        relationship = add(records, Relationship, {"partner_names": "Jan Nowak"})
        self.scope = pair(relationship.id)
        rel = {"relationship_id": relationship.id}
        self.goal = add(records, Goal, {**rel, "title": "Cel"})
        self.session = add(records, Session, {**rel, "held_at": "2026-11-20T18:30"})
        self.agreement = add(records, Agreement, {**rel, "principles": "Szczerość"})
        add(records, Reflection, {**rel, "party": "me", "lessons": "Słuchać"})
        self.words: list[str] = []
        self.mentee.receive(self.scope, self.mentor.send(self.scope), self.mentor.device_id)

    def step(self, action: str, who: int, number: int) -> None:
        device = self.devices[who]
        records = device.workspace.records
        if action == "word":
            notes = records.get(self.session.id).notes  # type: ignore[attr-defined]
            word = f"w{len(self.words):03d}{device.name}"
            self.words.append(word)
            parts = notes.split(" ") if notes else []
            parts.insert(number % (len(parts) + 1), word)
            records.update(self.session.id, {"notes": " ".join(parts)})
        elif action == "title":
            records.update(self.goal.id, {"title": f"Cel {number} z {device.name}"})
        elif action == "principles":
            records.update(self.agreement.id, {"principles": f"Zasada {number} {device.name}"})
        elif action == "sign":
            records.sign_agreement(self.agreement.id, (Party.ME, Party.PARTNER)[number])
        elif action in ("delete", "restore"):
            record_id = (self.goal.id, self.session.id, self.agreement.id)[number]
            if (records.get(record_id).deleted_at is None) == (action == "delete"):
                getattr(records, "delete" if action == "delete" else "undelete")(record_id)
        elif action == "send":
            device.send(self.scope)
        elif action == "deliver":
            other = self.devices[1 - who]
            if other.sent:
                payload = other.sent[number % len(other.sent)]
                device.ledger.apply(self.scope, payload, other.device_id)
        else:
            device.clock.advance(seconds=number)

    def settle(self) -> None:
        for _ in range(3):
            for device in self.devices:
                device.send(self.scope)
            for target, source in ((self.mentor, self.mentee), (self.mentee, self.mentor)):
                for payload in source.sent:
                    target.ledger.apply(self.scope, payload, source.device_id)

    def notes_and_history(self, device: Device) -> str:
        records = device.workspace.records
        kept = [entry.value for entry in records.history(self.session.id, "notes")]
        return " ".join([records.get(self.session.id).notes, *kept])  # type: ignore[attr-defined]

    def close(self) -> None:
        for device in self.devices:
            device.close()


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(_step, min_size=1, max_size=14))
def test_a_pair_converges_each_seeing_it_from_their_side(steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run = PairRun(Path(folder))
        try:
            for action, who, number in steps:
                run.step(action, who, number)
            run.settle()

            mentor = {k: _comparable(v) for k, v in everything(run.mentor.workspace).items()}
            mentee = {
                k: _comparable(_as_the_other_side_sees_it(v))
                for k, v in everything(run.mentee.workspace).items()
            }
            assert mentee == mentor
            kept = " ".join(run.notes_and_history(device) for device in run.devices)
            for word in run.words:
                assert word in kept
        finally:
            run.close()
