"""The one worker thread that owns the unlocked journal; the GUI thread never waits on it.

Every database, crypto, search, export or backup call is a *task*: a function of the
:class:`Holder` that runs on the worker thread, in the order submitted. Its result (or the
exception it raised) comes back to the GUI thread, where the ``on_done`` (or ``on_error``)
callback of the submit call runs. A call site is one line::

    worker.submit(lambda h: h.workspace.records.get(record_id), self._show_record)

Tasks that unlock or create a journal put the new ``Workspace`` into the holder
(``holder.workspace = ...``) on the worker thread, so that thread owns it, as the services'
threading rule requires. :meth:`Worker.lock` closes it there too.

Signals:
    busy_changed(bool): a task started while the queue was idle, or the queue ran empty.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from mentorjournal.domain import CancelToken, JournalLocked, MentorJournalError
from mentorjournal.services.workspace import Workspace

T = TypeVar("T")
Task = Callable[["Holder"], T]

log = logging.getLogger(__name__)


class Holder:
    """What tasks see on the worker thread: the unlocked workspace, if there is one."""

    def __init__(self) -> None:
        self._workspace: Workspace | None = None

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            raise JournalLocked
        return self._workspace

    @workspace.setter
    def workspace(self, workspace: Workspace) -> None:
        if self._workspace is not None:
            self._workspace.close()
        self._workspace = workspace

    @property
    def unlocked(self) -> bool:
        return self._workspace is not None

    def close(self) -> None:
        """Lock: close the workspace so that it holds no key and no connection."""
        workspace, self._workspace = self._workspace, None
        if workspace is not None:
            workspace.close()


@dataclass(eq=False)
class Job:
    """One submitted task, as the GUI thread keeps it: its callbacks never leave that thread.

    ``cancel`` is a token the task may check (set from any thread).
    """

    id: int
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    owner: weakref.ReferenceType[QObject] | None
    cancel: CancelToken = field(default_factory=CancelToken)

    def owner_alive(self) -> bool:
        """False once the owner was deleted, by Python or by Qt (ui/disposal.py)."""
        if self.owner is None:
            return True
        owner = self.owner()
        return owner is not None and shiboken6.isValid(owner)


class _Executor(QObject):
    """Lives on the worker thread and runs the tasks it is sent, one at a time.

    A task's closure often holds widgets (``self`` of the view that asked). Such an object
    must be deleted on the GUI thread, never here, or Qt complains that timers cannot be
    stopped from another thread (and may crash). So everything travels in a *parcel*, a list
    that the receiving side empties: the worker keeps no reference of its own once it has
    answered, and the GUI thread drops the last ones.
    """

    finished = Signal(object)  # parcel: [job id, result, error, task]

    def __init__(self, holder: Holder) -> None:
        super().__init__()
        self._holder = holder

    @Slot(object)
    def run(self, parcel: list[Any]) -> None:
        task = parcel.pop()
        job_id = parcel.pop()
        answer: list[Any] = [job_id, None, None, task]
        try:
            answer[1] = task(self._holder)
        except BaseException as error:  # every failure reaches the GUI thread, none is lost
            if not isinstance(error, MentorJournalError):
                log.exception("A background task failed")
            # Its frames hold the task's locals (widgets among them): they stay here.
            answer[2] = error.with_traceback(None)
        del task
        self.finished.emit(answer)


class Worker(QObject):
    """Runs tasks on one background thread and hands their results to the GUI thread."""

    busy_changed = Signal(bool)
    _send = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._jobs: dict[int, Job] = {}
        self._holder = Holder()
        self._thread = QThread()
        self._thread.setObjectName("mentorjournal-database-worker")
        self._executor = _Executor(self._holder)
        self._executor.moveToThread(self._thread)
        self._send.connect(self._executor.run)
        self._executor.finished.connect(self._finished)
        self._thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def submit(
        self,
        task: Task[T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> Job:
        """Queue ``task``; its callbacks run on the GUI thread unless ``owner`` was deleted."""
        job = Job(
            next(self._ids),
            on_done,
            on_error,
            weakref.ref(owner) if owner is not None else None,
        )
        was_idle = not self._jobs
        self._jobs[job.id] = job
        if was_idle:
            self.busy_changed.emit(True)
        self._send.emit([job.id, task])
        return job

    def lock(self, on_done: Callable[[None], None] | None = None) -> Job:
        """Close the workspace on the worker thread; queued after every earlier task."""
        return self.submit(lambda holder: holder.close(), on_done)

    @Slot(object)
    def _finished(self, answer: list[Any]) -> None:
        job_id, result, error, task = answer
        answer.clear()  # from here on, only this thread holds the task and its closure
        del task
        job = self._jobs.pop(job_id, None)
        try:
            if job is None or not job.owner_alive():
                return  # the widget that asked is gone; nobody is waiting for this answer
            if error is None:
                if job.on_done is not None:
                    job.on_done(result)
            elif job.on_error is not None:
                job.on_error(error)
            else:
                log.error("Unhandled failure of a background task: %s", type(error).__name__)
        finally:
            if not self._jobs:
                self.busy_changed.emit(False)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Lock the journal, finish queued tasks and stop the thread (on quitting the app).

        Returns False if the thread did not stop within ``timeout_ms``.
        """
        if not self._thread.isRunning():
            return True

        def last(holder: Holder) -> None:
            holder.close()
            QThread.currentThread().quit()  # after every task queued before this one

        self._send.emit([0, last])
        return self._thread.wait(timeout_ms)
