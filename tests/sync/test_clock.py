"""The hybrid logical clock, and journals whose partner's clock is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentorjournal.domain import Goal, Relationship
from mentorjournal.domain.errors import PartnerClockAhead
from mentorjournal.i18n.describe import describe_error
from mentorjournal.sync.clock import MAX_DRIFT_MS, HybridClock, milliseconds, pack, wall_ms
from tests.conftest import MovableClock
from tests.services.records_helpers import add, update
from tests.sync.merge_helpers import Device, everything, history_values, make_device, pair, sync

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_the_clock_never_goes_back_even_when_the_wall_clock_does() -> None:
    wall = MovableClock(NOW)
    clock = HybridClock(wall)
    first = clock.tick()
    wall.advance(hours=-3)
    second = clock.tick()
    third = clock.tick()

    assert first < second < third
    assert milliseconds(first) == wall_ms(NOW)


def test_a_full_counter_carries_into_the_next_millisecond() -> None:
    clock = HybridClock(MovableClock(NOW), last=pack(wall_ms(NOW) + 5, 0xFFFF))
    assert clock.tick() == pack(wall_ms(NOW) + 6, 0)


def test_a_received_clock_moves_this_one_past_it() -> None:
    clock = HybridClock(MovableClock(NOW))
    remote = pack(wall_ms(NOW) + 60_000, 3)
    clock.receive(remote)
    assert clock.tick() > remote


def test_a_clock_far_ahead_is_refused_and_leaves_this_clock_where_it_was() -> None:
    clock = HybridClock(MovableClock(NOW))
    before = clock.tick()
    in_2099 = pack(wall_ms(datetime(2099, 1, 1, tzinfo=UTC)))
    with pytest.raises(PartnerClockAhead):
        clock.receive(in_2099)
    assert clock.last == before
    clock.receive(pack(wall_ms(NOW) + MAX_DRIFT_MS))  # the bound itself is accepted


@pytest.fixture
def pair_of(tmp_path: Path) -> Iterator[tuple[Device, Device]]:
    ours = make_device(tmp_path, "ours", "Anna Kowalska", MovableClock(NOW))
    theirs = make_device(tmp_path, "theirs", "Jan Nowak", MovableClock(NOW))
    yield ours, theirs
    ours.close()
    theirs.close()


def test_changes_from_a_device_set_to_2099_wait_and_change_nothing(
    pair_of: tuple[Device, Device],
) -> None:
    ours, theirs = pair_of
    relationship = add(ours.workspace, Relationship, {"partner_names": "Jan Nowak"})
    goal = add(ours.workspace, Goal, {"relationship_id": relationship.id, "title": "Cel"})
    scope = pair(relationship.id)
    sync(ours, theirs, scope)
    theirs.clock.now = datetime(2099, 1, 1, tzinfo=UTC)
    update(theirs.workspace, theirs.workspace.records.get(goal.id), {"title": "Z przyszłości"})
    before = everything(ours.workspace)

    [payload] = theirs.send(scope)
    with pytest.raises(PartnerClockAhead) as refused:
        ours.ledger.apply(scope, payload, theirs.device_id)

    assert everything(ours.workspace) == before
    assert "632076 hours ahead" in describe_error(refused.value)
    # Our own later edit still gets a clock of today, and is sent as usual.
    update(ours.workspace, goal, {"title": "Dzisiaj"})
    [ours_now] = ours.send(scope)
    assert ours_now


def test_a_device_days_behind_loses_to_later_edits_and_one_ahead_waits_for_the_time(
    pair_of: tuple[Device, Device],
) -> None:
    ours, theirs = pair_of
    relationship = add(ours.workspace, Relationship, {"partner_names": "Jan Nowak"})
    goal = add(ours.workspace, Goal, {"relationship_id": relationship.id, "title": "Cel"})
    scope = pair(relationship.id)
    sync(ours, theirs, scope)

    theirs.clock.now = NOW - timedelta(days=3)
    update(theirs.workspace, theirs.workspace.records.get(goal.id), {"title": "Stary zegar"})
    ours.clock.advance(minutes=1)
    update(ours.workspace, goal, {"title": "Dobry zegar"})
    ours.receive(scope, theirs.send(scope), theirs.device_id)
    assert ours.workspace.records.get(goal.id).title == "Dobry zegar"  # type: ignore[attr-defined]
    assert "Stary zegar" in history_values(ours.workspace, goal, "title")
    # Seen from the device that is behind, ours is three days ahead: it waits, told why.
    waiting = ours.send(scope)
    with pytest.raises(PartnerClockAhead) as refused:
        theirs.receive(scope, waiting, ours.device_id)
    assert refused.value.ahead_seconds // 3600 == 72
    theirs.clock.now = NOW + timedelta(minutes=2)  # its clock set right: nothing was lost
    theirs.receive(scope, waiting, ours.device_id)
    assert theirs.workspace.records.get(goal.id).title == "Dobry zegar"  # type: ignore[attr-defined]

    theirs.clock.now = NOW + timedelta(days=2)
    update(theirs.workspace, theirs.workspace.records.get(goal.id), {"title": "Za dwa dni"})
    [ahead] = theirs.send(scope)
    with pytest.raises(PartnerClockAhead):
        ours.ledger.apply(scope, ahead, theirs.device_id)
    ours.clock.now = NOW + timedelta(days=1, hours=1)  # a day later it is within the bound
    ours.ledger.apply(scope, ahead, theirs.device_id)
    assert ours.workspace.records.get(goal.id).title == "Za dwa dni"  # type: ignore[attr-defined]
