"""The database worker: tasks run off the GUI thread, in order, and answers come back to it."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread

from mentorjournal.domain import JournalLocked, RecordKind
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.worker import Holder
from tests.conftest import OWNER, PASSPHRASE


def test_tasks_run_on_the_worker_thread_and_answers_on_the_gui_thread(qtbot, worker):
    seen: dict[str, object] = {}

    def task(holder: Holder) -> str:
        seen["task_thread"] = threading.get_ident()
        return "answer"

    def done(result: str) -> None:
        seen["result"] = result
        seen["done_thread"] = threading.get_ident()

    worker.submit(task, done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == "answer"
    assert seen["done_thread"] == threading.get_ident()
    assert seen["task_thread"] != threading.get_ident()


def test_tasks_run_in_the_order_submitted(qtbot, worker):
    order: list[int] = []
    for number in range(20):
        worker.submit(lambda holder, n=number: n, order.append)
    qtbot.waitUntil(lambda: len(order) == 20)
    assert order == list(range(20))


def test_a_failure_reaches_the_error_callback(qtbot, worker):
    errors: list[BaseException] = []
    worker.submit(lambda holder: holder.workspace, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], JournalLocked)


def test_busy_is_signalled_while_tasks_are_queued(qtbot, worker):
    gate = threading.Event()
    with qtbot.waitSignal(worker.busy_changed) as started:
        worker.submit(lambda holder: gate.wait(5))
    assert started.args == [True]
    assert worker.busy
    with qtbot.waitSignal(worker.busy_changed) as ended:
        gate.set()
    assert ended.args == [False]
    assert not worker.busy


def test_no_callback_for_an_owner_that_is_gone(qtbot, worker):
    owner = QObject()
    called: list[object] = []
    gate = threading.Event()
    worker.submit(lambda holder: gate.wait(5), called.append, owner=owner)
    del owner
    gate.set()
    finished: list[object] = []
    worker.submit(lambda holder: None, finished.append)
    qtbot.waitUntil(lambda: bool(finished))
    assert called == []


def test_the_journal_is_unlocked_used_and_locked_on_the_worker_thread(
    qtbot, worker, tmp_path: Path, settings: Settings
):
    journal = tmp_path / "journal"
    workspace, _ = workspaces.create(journal, PASSPHRASE, OWNER, settings)
    workspace.close()
    owner_threads: list[object] = []

    def unlock(holder: Holder) -> None:
        holder.workspace = workspaces.unlock(journal, PASSPHRASE, settings)
        owner_threads.append(QThread.currentThread())

    names: list[str] = []
    worker.submit(unlock)
    worker.submit(
        lambda holder: (
            holder.workspace.records.add(
                RecordKind.RELATIONSHIP, {"partner_names": ["Jan Nowak"]}
            ).title
        ),
        names.append,
    )
    qtbot.waitUntil(lambda: bool(names))
    assert names == ["Jan Nowak"]
    assert owner_threads[0] is not QThread.currentThread()

    locked: list[object] = []
    worker.lock(locked.append)
    qtbot.waitUntil(lambda: bool(locked))
    errors: list[BaseException] = []
    worker.submit(lambda holder: holder.workspace, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], JournalLocked)
    # Locked means released: the journal opens again at once.
    workspaces.unlock(journal, PASSPHRASE, settings).close()
