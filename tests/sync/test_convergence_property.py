"""Three devices editing the same records, with payloads delivered in any order, duplicated.

Whatever the edits and the delivery, once every payload has reached every device the three
journals hold the same records, and every word ever typed into the shared note is in the
merged note or in a history of it.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorjournal.domain import Goal, Relationship, Session
from tests.conftest import MovableClock
from tests.services.records_helpers import add
from tests.sync.merge_helpers import OWN, Device, everything, make_device

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
DEVICES = 3

_step = st.one_of(
    st.tuples(st.just("word"), st.integers(0, DEVICES - 1), st.integers(0, 50)),
    st.tuples(st.just("rewrite"), st.integers(0, DEVICES - 1), st.just(0)),
    st.tuples(st.just("title"), st.integers(0, DEVICES - 1), st.integers(0, 3)),
    st.tuples(st.just("status"), st.integers(0, DEVICES - 1), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, DEVICES - 1), st.integers(0, 1)),
    st.tuples(st.just("restore"), st.integers(0, DEVICES - 1), st.integers(0, 1)),
    st.tuples(st.just("send"), st.integers(0, DEVICES - 1), st.just(0)),
    st.tuples(st.just("deliver"), st.integers(0, DEVICES - 1), st.integers(0, 1_000)),
    st.tuples(st.just("wait"), st.integers(0, DEVICES - 1), st.integers(1, 90)),
)
_STATUSES = ("open", "achieved", "dropped", "not_achievable")


class Run:
    """The three devices of one example, the shared records, and every word typed."""

    def __init__(self, root: Path) -> None:
        self.devices = [
            make_device(root, name, "Anna Kowalska", MovableClock(NOW)) for name in "abc"
        ]
        first = self.devices[0].workspace
        relationship = add(first, Relationship, {"partner_names": "Jan Nowak"})
        self.goal = add(first, Goal, {"relationship_id": relationship.id, "title": "Cel"})
        self.session = add(
            first,
            Session,
            {"relationship_id": relationship.id, "held_at": "2026-11-20T18:30", "notes": "start"},
        )
        self.words: list[str] = []
        start = self.devices[0].send(OWN)
        for device in self.devices[1:]:
            device.receive(OWN, start, self.devices[0].device_id)

    def step(self, action: str, who: int, number: int) -> None:
        device = self.devices[who]
        records = device.workspace.records
        if action in ("word", "rewrite"):
            notes = records.get(self.session.id).notes  # type: ignore[attr-defined]
            word = f"w{len(self.words):03d}{device.name}"
            self.words.append(word)
            parts = notes.split(" ")
            if action == "word":
                parts.insert(number % (len(parts) + 1), word)
            else:
                parts = [word]
            records.update(self.session.id, {"notes": " ".join(parts)})
        elif action == "title":
            records.update(self.goal.id, {"title": f"Cel {number} z {device.name}"})
        elif action == "status":
            records.update(self.goal.id, {"status": _STATUSES[number]})
        elif action in ("delete", "restore"):
            record_id = (self.goal.id, self.session.id)[number]
            if (records.get(record_id).deleted_at is None) == (action == "delete"):
                getattr(records, "delete" if action == "delete" else "undelete")(record_id)
        elif action == "send":
            device.send(OWN)
        elif action == "deliver":
            self._deliver(device, number)
        else:
            device.clock.advance(seconds=number)

    def _deliver(self, target: Device, number: int) -> None:
        sources = [d for d in self.devices if d is not target and d.sent]
        if sources:
            source = sources[number % len(sources)]
            payload = source.sent[number % len(source.sent)]
            target.ledger.apply(OWN, payload, source.device_id)

    def settle(self, order: list[int]) -> None:
        """Every device sends, and every payload ever sent reaches every other device."""
        for _ in range(3):
            for device in self.devices:
                device.send(OWN)
            for index in order:
                target = self.devices[index % DEVICES]
                for source in self.devices:
                    if source is not target:
                        for payload in source.sent:
                            target.ledger.apply(OWN, payload, source.device_id)

    def notes_and_history(self, device: Device) -> str:
        records = device.workspace.records
        kept = [entry.value for entry in records.history(self.session.id, "notes")]
        return " ".join([records.get(self.session.id).notes, *kept])  # type: ignore[attr-defined]

    def close(self) -> None:
        for device in self.devices:
            device.close()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(_step, min_size=1, max_size=14), order=st.permutations(range(DEVICES)))
def test_three_devices_converge_and_keep_every_word(
    steps: list[tuple[str, int, int]], order: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run = Run(Path(folder))
        try:
            for action, who, number in steps:
                run.step(action, who, number)
            run.settle(order)

            journals: list[dict[str, Any]] = [everything(d.workspace) for d in run.devices]
            assert journals[0] == journals[1] == journals[2]
            everywhere = " ".join(run.notes_and_history(d) for d in run.devices)
            for word in run.words:
                assert word in everywhere
        finally:
            run.close()
