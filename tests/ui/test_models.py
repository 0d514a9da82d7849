"""Every item model of the window passes pytest-qt's model tester, filled from a real journal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from mentorjournal.domain import Goal, RecordKind
from mentorjournal.ui.editor.history import HistoryModel
from mentorjournal.ui.relationships.model import RelationshipFilter, RelationshipListModel
from mentorjournal.ui.search import SearchResultModel
from mentorjournal.ui.tabs.goal_choices import GoalChoiceModel
from mentorjournal.ui.tabs.goals import GoalsTab
from mentorjournal.ui.tabs.homework import HomeworkTab
from mentorjournal.ui.tabs.sessions import SessionsTab
from tests.ui.conftest import run_on
from tests.ui.window_helpers import IGNORE_OFFSCREEN


@pytest.fixture
def filled(unlocked_worker, qtbot):
    """A journal with two relationships (one closed), goals, sessions, homework, history."""

    def fill(holder):
        records = holder.workspace.records
        one = records.add(RecordKind.RELATIONSHIP, {"partner_names": ["Ola"]})
        records.add(RecordKind.RELATIONSHIP, {"partner_names": ["Piotr"], "stage": "closed"})
        goal = records.add(RecordKind.GOAL, {"relationship_id": one.id, "title": "Talk"})
        records.add(
            RecordKind.GOAL, {"relationship_id": one.id, "title": "Write", "status": "achieved"}
        )
        session = records.add(
            RecordKind.SESSION,
            {"relationship_id": one.id, "held_at": "2026-10-01T10:00", "notes": "first words"},
        )
        records.update(session.id, {"notes": "second words"})
        records.add(
            RecordKind.HOMEWORK,
            {"relationship_id": one.id, "title": "Read", "due_date": "2026-01-01"},
        )
        return one.id, goal.id, session.id

    return run_on(unlocked_worker, qtbot, fill)


def test_the_relationship_list_and_its_filter(unlocked_worker, qtbot, qtmodeltester, filled):
    def rows(holder):
        dashboards = {d.relationship_id: d for d in holder.workspace.dashboard.all()}
        return [
            (r, dashboards.get(r.id))
            for r in holder.workspace.records.list_records(RecordKind.RELATIONSHIP)
        ]

    model = RelationshipListModel()
    model.set_rows(run_on(unlocked_worker, qtbot, rows))
    qtmodeltester.check(model)
    proxy = RelationshipFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1  # the closed one is archived out of sight
    proxy.set_show_closed(True)
    assert proxy.rowCount() == 2
    qtmodeltester.check(proxy)


@pytest.mark.qt_log_ignore(*IGNORE_OFFSCREEN)
@pytest.mark.parametrize("tab_type", [GoalsTab, SessionsTab, HomeworkTab])
def test_each_tab_model(unlocked_worker, qtbot, qtmodeltester, filled, tab_type):
    relationship_id = filled[0]
    relationship = run_on(
        unlocked_worker, qtbot, lambda h: h.workspace.records.get(relationship_id)
    )
    tab = tab_type(unlocked_worker)
    qtbot.addWidget(tab)
    tab.show()  # a tab reads its list when shown
    tab.load(relationship)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=10_000)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_goal_choices(unlocked_worker, qtbot, qtmodeltester, filled):
    relationship_id, goal_id, _session = filled
    goals = run_on(
        unlocked_worker,
        qtbot,
        lambda h: h.workspace.records.list_records(
            RecordKind.GOAL, relationship_id=relationship_id
        ),
    )
    model = GoalChoiceModel()
    model.set_goals(g for g in goals if isinstance(g, Goal))
    model.set_checked([goal_id])
    qtmodeltester.check(model)
    assert model.checked_ids() == [goal_id]


def test_search_results(unlocked_worker, qtbot, qtmodeltester, filled):
    hits = run_on(unlocked_worker, qtbot, lambda h: h.workspace.search.search("words"))
    assert hits
    model = SearchResultModel(lambda _rid: "Ola")
    model.set_hits(hits)
    qtmodeltester.check(model)


def test_history(unlocked_worker, qtbot, qtmodeltester, filled):
    session_id = filled[2]
    entries = run_on(
        unlocked_worker, qtbot, lambda h: h.workspace.records.history(session_id, "notes")
    )
    assert entries
    model = HistoryModel()
    model.set_entries(entries)
    qtmodeltester.check(model)


def test_sorting_by_a_column_keeps_the_chosen_row(unlocked_worker, qtbot, qtmodeltester):
    def fill(holder):
        records = holder.workspace.records
        rel = records.add(RecordKind.RELATIONSHIP, {"partner_names": ["Ola"]})
        for title, progress in (("Write", 10), ("Speak", 90), ("Lead", 50)):
            records.add(
                RecordKind.GOAL, {"relationship_id": rel.id, "title": title, "progress": progress}
            )
        return records.list_records(RecordKind.GOAL, relationship_id=rel.id)

    goals = run_on(unlocked_worker, qtbot, fill)
    tab = GoalsTab(unlocked_worker)
    qtbot.addWidget(tab)
    tab.model.set_records(goals)
    lead = tab.proxy.index(2, 0)
    chosen = QPersistentModelIndex(lead)
    tab.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # progress, as a header click does
    titles = [tab.proxy.index(row, 0).data() for row in range(3)]
    assert titles == ["Speak", "Lead", "Write"]
    assert chosen.data() == "Lead"
    qtmodeltester.check(tab.proxy)
    tab.model.set_records(goals)  # a reload keeps the order the user chose
    assert [tab.proxy.index(row, 0).data() for row in range(3)] == titles
