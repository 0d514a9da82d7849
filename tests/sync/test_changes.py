"""The payload format: versioned, compressed, generic over every record kind, strict on input."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import RECORDS, RecordKind
from mentorjournal.domain.errors import ChangesRejected, NewerChangesFormat
from mentorjournal.sync import changes
from mentorjournal.sync.changes import Register, WireRecord
from tests.conftest import MovableClock
from tests.services.records_helpers import minimal_values
from tests.sync.merge_helpers import OWN, Device, everything, make_device


@pytest.fixture
def laptop(tmp_path: Path, clock: MovableClock) -> Iterator[Device]:
    device = make_device(tmp_path, "laptop", "Anna Kowalska", clock)
    yield device
    device.close()


@pytest.fixture
def desktop(tmp_path: Path, clock: MovableClock) -> Iterator[Device]:
    device = make_device(tmp_path, "desktop", "Anna Kowalska", clock)
    yield device
    device.close()


def _inflate(payload: bytes) -> dict[str, object]:
    body = json.loads(zlib.decompress(payload))
    assert isinstance(body, dict)
    return body


def test_a_payload_round_trips() -> None:
    record = WireRecord(
        "r1",
        RecordKind.GOAL,
        "rel",
        "2026-11-23T12:00:00",
        {"title": Register(5, "device-a", "Cel 🎯", 0)},
        {"description": b"\x01\x02"},
    )
    decoded = changes.decode(changes.encode("Anna", [record]))

    assert decoded.owner == "Anna"
    assert decoded.records == [record]
    assert _inflate(changes.encode("Anna", [record]))["format"] == changes.FORMAT


def test_every_kind_and_every_field_travels_between_own_devices(
    laptop: Device, desktop: Device
) -> None:
    relationship = laptop.workspace.records.add(
        RecordKind.RELATIONSHIP, minimal_values(RecordKind.RELATIONSHIP, "")
    )
    for kind in RECORDS:
        if kind is not RecordKind.RELATIONSHIP:
            laptop.workspace.records.add(kind, minimal_values(kind, relationship.id))
    payloads = laptop.send(OWN)
    desktop.receive(OWN, payloads, laptop.device_id)

    sent = [record for payload in payloads for record in changes.decode(payload).records]
    assert {record.kind for record in sent} == set(RECORDS)
    for record in sent:
        columns = {spec.name for spec in RECORDS[record.kind].columns}
        assert columns <= set(record.registers)
    assert everything(desktop.workspace) == everything(laptop.workspace)


def test_a_newer_format_or_an_unknown_kind_is_refused_as_newer() -> None:
    newer = zlib.compress(json.dumps({"format": 2, "owner": "", "records": []}).encode())
    unknown_kind = zlib.compress(
        json.dumps(
            {
                "format": 1,
                "owner": "",
                "records": [
                    {"id": "x", "kind": "mood_board", "rel": None, "created": "", "regs": {}}
                ],
            }
        ).encode()
    )
    for payload in (newer, unknown_kind):
        with pytest.raises(NewerChangesFormat):
            changes.decode(payload)


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"not zlib at all",
        zlib.compress(b"[1, 2]"),
        zlib.compress(b'{"format": 1, "owner": "", "records": [{"kind": "goal"}]}'),
        zlib.compress(
            b'{"format": 1, "owner": "", "records": [{"id": "x", "kind": "goal", "rel": null,'
            b' "created": "", "regs": {"title": ["5", "d", "t", 0]}}]}'
        ),
        zlib.compress(b'{"format": 1, "owner": "", "records": []}')[:-3],
    ],
    ids=["empty", "garbage", "not-an-object", "no-id", "clock-as-text", "truncated"],
)
def test_a_malformed_payload_is_refused(payload: bytes) -> None:
    with pytest.raises(ChangesRejected):
        changes.decode(payload)


def test_a_value_that_does_not_fit_its_field_refuses_the_whole_payload(
    laptop: Device, desktop: Device
) -> None:
    relationship = laptop.workspace.records.add(
        RecordKind.RELATIONSHIP, minimal_values(RecordKind.RELATIONSHIP, "")
    )
    [payload] = laptop.send(OWN)
    body = _inflate(payload)
    records = body["records"]
    assert isinstance(records, list)
    records[0]["regs"]["interval_days"][2] = "every week"
    before = everything(desktop.workspace)

    with pytest.raises(ChangesRejected):
        desktop.ledger.apply(OWN, zlib.compress(json.dumps(body).encode()), laptop.device_id)
    assert everything(desktop.workspace) == before
    assert relationship.id not in everything(desktop.workspace)
