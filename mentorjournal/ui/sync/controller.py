"""Every ``sync now`` of the window: asked for, after the shared folders changed, and now and then.

Unlocking a journal syncs it once. While it is unlocked, the folders of its spaces are watched with
:class:`QFileSystemWatcher` (each space's folder, ``devices/`` and the folders of the other
devices; new device folders are added after each sync). A change starts a quiet period
(:data:`DEBOUNCE_MS`): one sync runs after the last change of a burst, since a sync tool
lands files one by one (a stream of changes that never pauses still syncs every
:data:`MAX_WAIT_MS`). A periodic sync (:data:`PERIOD_MS`) catches what a missed event
would leave waiting. Syncs run on the worker, one at a time; one asked for while another
runs follows it. :meth:`stop` (on locking) tears the watcher down and ignores late answers.

Signals:
    running_changed(bool): a sync started, or the last one ended.
    finished(list): a sync ended; its reports (``SpaceReport``), one per space.
    changed(): a sync applied something: the window re-reads what it shows.
    failed(object): a sync failed; the exception (a typed error of the core).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QFileSystemWatcher, QObject, QTimer, Signal

from mentorjournal.domain.sync import SpaceReport
from mentorjournal.services.sync_watch import watch_paths
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.worker import Holder, Worker

log = logging.getLogger(__name__)

# Short, because issue 8 wants a partner's change shown within 200 ms of its file landing.
# Our files land whole (renamed into place), and syncs run one at a time with at most one
# queued, so even a long burst of changes costs one sync now and one after it.
DEBOUNCE_MS = 100
MAX_WAIT_MS = 2_000
PERIOD_MS = 3 * 60 * 1000


def _sync_task(holder: Holder) -> tuple[list[SpaceReport], list[Path]]:
    workspace = holder.workspace
    reports = workspace.sync.now()
    return reports, watch_paths(workspace)


def _paths_task(holder: Holder) -> list[Path]:
    return watch_paths(holder.workspace)


class SyncController(QObject):
    running_changed = Signal(bool)
    finished = Signal(list)
    changed = Signal()
    failed = Signal(object)

    def __init__(self, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.watcher: QFileSystemWatcher | None = None
        self._generation = 0  # answers of an earlier unlock are ignored
        self._running = False
        self._again = False
        self.debounce = QTimer(self)
        self.debounce.setObjectName("sync_debounce")
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.sync_now)
        self._waiting = QElapsedTimer()  # since the first change of the burst
        self.period = QTimer(self)
        self.period.setObjectName("sync_period")
        self.period.setInterval(PERIOD_MS)
        self.period.timeout.connect(self.sync_now)

    @property
    def active(self) -> bool:
        """Whether a journal is unlocked and its folders are watched."""
        return self.watcher is not None

    @property
    def running(self) -> bool:
        return self._running

    def watched(self) -> list[str]:
        return self.watcher.directories() if self.watcher is not None else []

    def start(self) -> None:
        """The journal was unlocked: sync once, then watch its spaces' folders and sync now
        and then."""
        if self.watcher is not None:
            return
        self._generation += 1
        self.watcher = QFileSystemWatcher(self)
        self.watcher.setObjectName("sync_watcher")
        self.watcher.directoryChanged.connect(self._folder_changed)
        self.period.start()
        self.sync_now()  # what arrived while the journal was locked; it also lists the folders

    def stop(self) -> None:
        """The journal is being locked: no watcher, no timer, no late answer from here on."""
        self._generation += 1
        self.debounce.stop()
        self.period.stop()
        self._again = False
        if self._running:
            self._running = False
            self.running_changed.emit(False)
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.directoryChanged.disconnect(self._folder_changed)
            if watcher.directories():
                watcher.removePaths(watcher.directories())
            dispose(watcher)

    def refresh_watch(self) -> None:
        """Read the folders to watch again (after a space was set up, joined or left)."""
        if self.watcher is None:
            return
        generation = self._generation
        self._worker.submit(
            _paths_task, lambda paths: self._watch(generation, paths), self._quiet, owner=self
        )

    def sync_now(self) -> None:
        """Sync every space on the worker (or once more, after the one running)."""
        if self.watcher is None:
            return
        self.debounce.stop()
        if self._running:
            self._again = True
            return
        self._running = True
        self.running_changed.emit(True)
        generation = self._generation
        self._worker.submit(
            _sync_task,
            lambda answer: self._done(generation, answer),
            lambda error: self._failed(generation, error),
            owner=self,
        )

    # -- answers ---------------------------------------------------------------------------

    def _folder_changed(self, _path: str) -> None:
        self._soon()

    def _soon(self) -> None:
        """Sync after a quiet period, restarted by every change of a burst (up to a limit)."""
        if not self.debounce.isActive():
            self._waiting.start()
        elif self._waiting.elapsed() >= MAX_WAIT_MS:
            self.sync_now()
            return
        self.debounce.start()

    def _watch(self, generation: int, paths: list[Path]) -> None:
        watcher = self.watcher
        if generation != self._generation or watcher is None:
            return
        wanted = {str(path) for path in paths}
        current = set(watcher.directories())
        if current - wanted:
            watcher.removePaths(sorted(current - wanted))
        if wanted - current:
            watcher.addPaths(sorted(wanted - current))
            # What changed in them after they were listed and before this watch: one more look.
            self._soon()

    def _done(self, generation: int, answer: tuple[list[SpaceReport], list[Path]]) -> None:
        if generation != self._generation:
            return
        reports, paths = answer
        self._watch(generation, paths)
        self._ended()
        self.finished.emit(reports)
        if any(report.applied for report in reports):
            self.changed.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._ended()
        self.failed.emit(error)

    def _ended(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.sync_now()
        if not self._running:
            self.running_changed.emit(False)

    def _quiet(self, error: BaseException) -> None:
        log.info("The shared folders could not be listed: %s", type(error).__name__)
