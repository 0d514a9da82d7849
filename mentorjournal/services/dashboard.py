"""The overview of each relationship: meetings, overdue flags, homework, agreement, goals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import MappingProxyType

from mentorjournal.domain import (
    Agreement,
    Dashboard,
    InvalidValue,
    RecordKind,
    Relationship,
    Stage,
)
from mentorjournal.domain.errors import Reason
from mentorjournal.store.records import RecordStore

Clock = Callable[[], datetime]

DEFAULT_INTERVAL_DAYS = 30


class DashboardService:
    def __init__(self, records: RecordStore, clock: Clock) -> None:
        self._records = records
        self._clock = clock

    def all(self) -> list[Dashboard]:
        """One overview per live relationship."""
        return [
            self._build(relationship)
            for relationship in self._records.list_records(RecordKind.RELATIONSHIP)
            if isinstance(relationship, Relationship)
        ]

    def for_relationship(self, relationship_id: str) -> Dashboard:
        relationship = self._records.get(relationship_id)
        if not isinstance(relationship, Relationship):
            raise InvalidValue("relationship_id", Reason.NOT_A_RELATIONSHIP)
        return self._build(relationship)

    def _build(self, relationship: Relationship) -> Dashboard:
        local_now = self._clock().astimezone().replace(tzinfo=None)
        today = local_now.date()
        figures = self._records.overview(relationship.id, local_now, today)
        interval = relationship.interval_days or DEFAULT_INTERVAL_DAYS
        # Until a first meeting, count from the day the relationship started (or was added).
        reference = figures.last_session_at
        if reference is None:
            started = relationship.started_on or relationship.created_at.astimezone().date()
            reference = datetime(started.year, started.month, started.day)
        days_since = (today - reference.date()).days
        finished = relationship.stage is Stage.CLOSED
        agreements = self._records.list_records(
            RecordKind.AGREEMENT, relationship_id=relationship.id
        )
        signed_by: tuple[str, ...] = ()
        if agreements and isinstance(agreements[0], Agreement):
            signed_by = agreements[0].signed_by
        return Dashboard(
            relationship_id=relationship.id,
            title=relationship.title,
            stage=relationship.stage,
            last_session_at=figures.last_session_at,
            days_since_last_session=(None if figures.last_session_at is None else days_since),
            interval_days=interval,
            overdue=not finished and days_since > interval,
            next_session_at=figures.next_session_at,
            open_homework=figures.open_homework,
            overdue_homework=figures.overdue_homework,
            agreement_signed_by=signed_by,
            goals_by_status=MappingProxyType(dict(figures.goals_by_status)),
        )
