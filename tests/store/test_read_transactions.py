"""Reading never holds the write lock: a long search or list does not stall an autosave."""

from __future__ import annotations

from mentorjournal.domain import Goal, RecordKind
from mentorjournal.services.workspace import Settings, Workspace
from mentorjournal.store.records import RecordStore


def test_a_write_goes_through_while_a_read_transaction_is_open(
    workspace: Workspace, settings: Settings
) -> None:
    store = RecordStore(workspace.journal, settings.clock)
    relationship = workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "Ola"})

    with store._reading() as session:  # a read that is still running, as a search would be
        before = session.connection().exec_driver_sql("SELECT count(*) FROM goal").scalar()
        workspace.records.add(
            RecordKind.GOAL, {"relationship_id": relationship.id, "title": "Zapisane w tle"}
        )
        # The reader keeps its snapshot: the new goal is not half-visible to it.
        during = session.connection().exec_driver_sql("SELECT count(*) FROM goal").scalar()

    assert (before, during) == (0, 0)
    goals = workspace.records.list_records(RecordKind.GOAL)
    assert [goal.title for goal in goals if isinstance(goal, Goal)] == ["Zapisane w tle"]
