"""The overview of a relationship: meetings, the overdue flag, homework and goals."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from mentorjournal.domain import GoalStatus, RecordKind, Session, Stage
from mentorjournal.services.workspace import Workspace
from tests.conftest import MovableClock
from tests.services.records_helpers import add, add_relationship, local_now


def _session(workspace: Workspace, relationship_id: str, held_at: datetime | str) -> Session:
    return add(workspace, Session, {"relationship_id": relationship_id, "held_at": held_at})


def test_without_meetings_the_flag_waits_30_days_from_the_start(
    workspace: Workspace, clock: MovableClock
) -> None:
    relationship_id = add_relationship(workspace)
    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.last_session_at, board.days_since_last_session, board.next_session_at) == (
        None,
        None,
        None,
    )
    assert (board.interval_days, board.overdue) == (30, False)

    clock.advance(days=30)
    assert workspace.dashboard.for_relationship(relationship_id).overdue is False
    clock.advance(days=1)
    assert workspace.dashboard.for_relationship(relationship_id).overdue is True


def test_an_early_start_date_counts_towards_the_flag(workspace: Workspace) -> None:
    started_long_ago = add_relationship(workspace, started_on="2026-10-01")
    started_recently = add_relationship(workspace, started_on="2026-11-01")
    assert workspace.dashboard.for_relationship(started_long_ago).overdue is True
    assert workspace.dashboard.for_relationship(started_recently).overdue is False


def test_the_flag_follows_the_agreed_interval_and_clears_with_a_new_session(
    workspace: Workspace, clock: MovableClock
) -> None:
    relationship_id = add_relationship(workspace, interval_days="7", stage="active")
    last = local_now(clock) - timedelta(days=7)
    _session(workspace, relationship_id, last)

    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.last_session_at, board.days_since_last_session) == (last, 7)
    assert (board.interval_days, board.overdue, board.stage) == (7, False, Stage.ACTIVE)

    clock.advance(days=1)
    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.days_since_last_session, board.overdue) == (8, True)

    _session(workspace, relationship_id, local_now(clock) - timedelta(hours=1))
    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.days_since_last_session, board.overdue) == (0, False)


def test_a_planned_session_is_next_and_not_last(workspace: Workspace, clock: MovableClock) -> None:
    relationship_id = add_relationship(workspace)
    now = local_now(clock)
    held = _session(workspace, relationship_id, now - timedelta(days=3)).held_at
    planned = _session(workspace, relationship_id, now + timedelta(days=2)).held_at
    _session(workspace, relationship_id, now + timedelta(days=9))

    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.last_session_at, board.next_session_at) == (held, planned)
    assert board.days_since_last_session == 3

    clock.advance(days=2, hours=1)
    board = workspace.dashboard.for_relationship(relationship_id)
    assert board.last_session_at == planned
    assert board.next_session_at == now + timedelta(days=9)
    assert board.days_since_last_session == 0


def test_deleted_sessions_are_ignored(workspace: Workspace, clock: MovableClock) -> None:
    relationship_id = add_relationship(workspace)
    now = local_now(clock)
    earlier = _session(workspace, relationship_id, now - timedelta(days=40))
    latest = _session(workspace, relationship_id, now - timedelta(days=2))
    planned = _session(workspace, relationship_id, now + timedelta(days=5))
    assert workspace.dashboard.for_relationship(relationship_id).overdue is False

    workspace.records.delete(latest.id)
    workspace.records.delete(planned.id)

    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.last_session_at, board.next_session_at) == (earlier.held_at, None)
    assert (board.days_since_last_session, board.overdue) == (40, True)


def test_a_closed_relationship_is_never_flagged(workspace: Workspace, clock: MovableClock) -> None:
    relationship_id = add_relationship(workspace, stage="closed", interval_days="7")
    _session(workspace, relationship_id, local_now(clock) - timedelta(days=100))
    clock.advance(days=365)
    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.days_since_last_session, board.overdue) == (465, False)

    workspace.records.update(relationship_id, {"stage": "closing"})
    assert workspace.dashboard.for_relationship(relationship_id).overdue is True


def test_open_and_overdue_homework_are_counted(workspace: Workspace, clock: MovableClock) -> None:
    relationship_id = add_relationship(workspace)
    today = clock.now.astimezone().date()

    def homework(due: date | None, **values: str) -> str:
        record = workspace.records.add(
            RecordKind.HOMEWORK,
            {"relationship_id": relationship_id, "title": "Zadanie", "due_date": due, **values},
        )
        return record.id

    homework(today - timedelta(days=1))
    homework(today)
    homework(today + timedelta(days=1))
    homework(None)
    homework(today - timedelta(days=5), status="done")
    homework(today - timedelta(days=5), status="dropped")
    workspace.records.delete(homework(today - timedelta(days=5)))
    other = add_relationship(workspace, "Ewa")
    workspace.records.add(
        RecordKind.HOMEWORK, {"relationship_id": other, "title": "Cudze", "due_date": "2020-01-01"}
    )

    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.open_homework, board.overdue_homework) == (4, 1)

    clock.advance(days=2)
    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.open_homework, board.overdue_homework) == (4, 3)


def test_goals_are_counted_by_status(workspace: Workspace) -> None:
    relationship_id = add_relationship(workspace)
    for status in ("open", "open", "achieved", "dropped"):
        workspace.records.add(
            RecordKind.GOAL, {"relationship_id": relationship_id, "title": "Cel", "status": status}
        )
    gone = workspace.records.add(
        RecordKind.GOAL, {"relationship_id": relationship_id, "title": "X"}
    )
    workspace.records.delete(gone.id)

    board = workspace.dashboard.for_relationship(relationship_id)
    assert board.goals_by_status == {
        GoalStatus.OPEN: 2,
        GoalStatus.ACHIEVED: 1,
        GoalStatus.NOT_ACHIEVABLE: 0,
        GoalStatus.DROPPED: 1,
    }


def test_one_overview_per_live_relationship(workspace: Workspace, clock: MovableClock) -> None:
    first = add_relationship(workspace, "Jan Nowak", title="Mentoring Jana")
    clock.advance(minutes=1)
    second = add_relationship(workspace, "Ola Wiśniewska")
    gone = add_relationship(workspace, "Ewa Zielińska")
    workspace.records.delete(gone)

    boards = workspace.dashboard.all()

    assert [(b.relationship_id, b.title) for b in boards] == [
        (first, "Mentoring Jana"),
        (second, "Ola Wiśniewska"),
    ]
    assert boards[1] == workspace.dashboard.for_relationship(second)


@pytest.fixture
def warsaw() -> Iterator[None]:
    """Run on a machine whose local time is Warsaw's (UTC+1 in November)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Warsaw"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.usefixtures("warsaw")
def test_meeting_times_and_due_dates_are_local(workspace: Workspace, clock: MovableClock) -> None:
    # 12:00 UTC is 13:00 in Warsaw: a meeting at 12:30 local time is already over.
    relationship_id = add_relationship(workspace)
    held = _session(workspace, relationship_id, "2026-11-23T12:30").held_at
    planned = _session(workspace, relationship_id, "2026-11-23T12:15:00+00:00").held_at
    assert planned == datetime(2026, 11, 23, 13, 15)

    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.last_session_at, board.next_session_at) == (held, planned)

    # 23:30 UTC is already the next day in Warsaw.
    clock.now = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    workspace.records.add(
        RecordKind.HOMEWORK,
        {"relationship_id": relationship_id, "title": "Na wczoraj", "due_date": "2026-11-23"},
    )
    done = workspace.records.add(
        RecordKind.HOMEWORK, {"relationship_id": relationship_id, "title": "X", "status": "done"}
    )
    assert getattr(done, "done_on") == date(2026, 11, 24)  # noqa: B009
    board = workspace.dashboard.for_relationship(relationship_id)
    assert (board.open_homework, board.overdue_homework) == (1, 1)
    assert board.days_since_last_session == 1


def test_the_goal_counts_of_a_dashboard_cannot_be_changed(workspace: Workspace) -> None:
    relationship = workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "Ewa"})
    board = workspace.dashboard.for_relationship(relationship.id)
    with pytest.raises(TypeError):
        board.goals_by_status[GoalStatus.OPEN] = 5  # type: ignore[index]
    assert board.goals_by_status[GoalStatus.OPEN] == 0
