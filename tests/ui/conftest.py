"""Fixtures for the window: a worker thread, and a real journal unlocked inside it.

They build upward like the others: settings -> journal folder -> worker holding an unlocked
workspace. Qt runs offscreen (tests/conftest.py) and any Qt warning fails the test.

Every window test runs as the app does (ui/disposal.py): garbage is collected on the GUI
thread only, and at its end the test's Qt objects are deleted and collected there, while
they all still exist, so nothing of one test is destroyed in the middle of the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.disposal import GuiThreadCollector, settle
from mentorjournal.ui.worker import Holder, Worker
from tests.conftest import OWNER, PASSPHRASE
from tests.services.sync_ledger import Journal, create, opened

if TYPE_CHECKING:
    from tests.ui.sync_helpers import ApplyingLedger

T = TypeVar("T")


@pytest.fixture(autouse=True)
def qt_objects_end_on_the_gui_thread(qapp: Any) -> Iterator[None]:
    """Collect on the GUI thread during the test; at its end, delete and collect it all.

    Autouse fixtures are set up first, so this ends last: pytest-qt has closed the test's
    windows (and called their deleteLater) and the worker thread has stopped.
    """
    collector = GuiThreadCollector()
    yield
    settle()
    collector.stop()


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[Worker]:
    worker = Worker()
    yield worker
    assert worker.shutdown(), "the worker thread did not stop"


def run_on(worker: Worker, qtbot: QtBot, task: Callable[[Holder], T]) -> T:
    """Run ``task`` on the worker and wait for its answer (for test set-up and checks)."""
    answers: list[tuple[bool, Any]] = []
    worker.submit(
        task,
        lambda result: answers.append((True, result)),
        lambda error: answers.append((False, error)),
    )
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    ok, value = answers[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


@pytest.fixture
def unlocked_worker(worker: Worker, qtbot: QtBot, journal_dir: Path, settings: Settings) -> Worker:
    """A worker holding a new, unlocked journal created on its own thread."""

    def create(holder: Holder) -> None:
        holder.workspace, _ = workspaces.create(journal_dir, PASSPHRASE, OWNER, settings)

    run_on(worker, qtbot, create)
    return worker


# -- two journals sharing one folder, for the Sync tab's tests ------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The folder a sync tool replicates between the two journals."""
    shared = tmp_path / "Syncthing" / "mentoring"
    shared.mkdir(parents=True)
    return shared


@pytest.fixture
def anna(worker: Worker, qtbot: QtBot, tmp_path: Path, settings: Settings) -> ApplyingLedger:
    """Anna's journal, unlocked in the window's worker."""
    from tests.ui.sync_helpers import unlock_in_worker  # it imports run_on from here

    return unlock_in_worker(worker, qtbot, tmp_path / "anna", "Anna Kowalska", settings)


@pytest.fixture
def ben(tmp_path: Path, settings: Settings) -> Iterator[Journal]:
    """Ben's journal, driven through the services by the test."""
    create(tmp_path / "ben", "Ben Nowak", settings)
    with opened(tmp_path / "ben", settings) as journal:
        yield journal
