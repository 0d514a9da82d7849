"""Aggregate queries behind the dashboard, so it never loads every session to count them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, text

from mentorjournal.domain import GoalStatus

_LAST = text(
    "SELECT max(held_at) FROM session"
    " WHERE relationship_id = :rel AND deleted_at IS NULL AND held_at <= :now"
)
_NEXT = text(
    "SELECT min(held_at) FROM session"
    " WHERE relationship_id = :rel AND deleted_at IS NULL AND held_at > :now"
)
_HOMEWORK = text(
    "SELECT count(*), coalesce(sum(due_date < :today), 0) FROM homework"
    " WHERE relationship_id = :rel AND deleted_at IS NULL AND status = 'open'"
)
_GOALS = text(
    "SELECT status, count(*) FROM goal"
    " WHERE relationship_id = :rel AND deleted_at IS NULL GROUP BY status"
)


@dataclass(frozen=True, slots=True)
class Figures:
    last_session_at: datetime | None
    next_session_at: datetime | None
    open_homework: int
    overdue_homework: int
    goals_by_status: dict[GoalStatus, int]


def _moment(value: object) -> datetime | None:
    if value is None:
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def figures(connection: Connection, relationship_id: str, now: datetime, today: date) -> Figures:
    """Counts for one relationship; ``now`` is local wall-clock time, like meeting times."""
    params = {
        "rel": relationship_id,
        "now": now.strftime("%Y-%m-%d %H:%M:%S.%f"),
        "today": today.isoformat(),
    }
    open_count, overdue_count = connection.execute(_HOMEWORK, params).one()
    goals = dict.fromkeys(GoalStatus, 0)
    for status, count in connection.execute(_GOALS, params).all():
        goals[GoalStatus(status)] = int(count)
    return Figures(
        last_session_at=_moment(connection.execute(_LAST, params).scalar()),
        next_session_at=_moment(connection.execute(_NEXT, params).scalar()),
        open_homework=int(open_count),
        overdue_homework=int(overdue_count),
        goals_by_status=goals,
    )
