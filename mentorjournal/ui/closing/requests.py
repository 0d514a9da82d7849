"""Every call the Reflection tab makes on the closing service, sent through the worker.

Answers that belong to another relationship than the one in view (the user switched, or
the journal was locked) are dropped; of several saves under way, only the newest one's
answer updates what the window shows, so a slow save never brings back older text.

Signals:
    read(object): the closing's state (a ``ClosingState``), read afresh.
    saved(object, bool): the state after a save; the flag says it is the newest save's.
    answered(object): the state after an evaluation's answers were saved.
    stage_changed(object): the state after finishing or reopening the closing.
    save_failed(object, str): the reflection changes a save could not keep, and why.
    failed(str): another call failed; the sentence says which and why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from mentorjournal.domain import EvaluationMoment, Party
from mentorjournal.i18n import _
from mentorjournal.services.closing import ClosingService, ClosingState, Verdict
from mentorjournal.ui.names import error_text
from mentorjournal.ui.worker import Holder, Worker


class ClosingRequests(QObject):
    read = Signal(object)
    saved = Signal(object, bool)
    answered = Signal(object)
    stage_changed = Signal(object)
    save_failed = Signal(object, str)
    failed = Signal(str)

    def __init__(self, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._relationship_id: str | None = None
        self._token = 0
        self._revision = 0

    def use(self, relationship_id: str | None) -> None:
        """Calls from now on are about ``relationship_id``; answers about others are dropped."""
        self._relationship_id = relationship_id
        self._token += 1

    def read_state(self) -> None:
        self._call(
            lambda closing, rid: closing.state(rid), self.read.emit, _("Could not read: {reason}")
        )

    def save(self, verdicts: list[Verdict], reflections: dict[Party, dict[str, Any]]) -> None:
        self._revision += 1
        revision = self._revision

        def task(closing: ClosingService, rid: str) -> ClosingState:
            return closing.save(rid, verdicts=verdicts, reflections=reflections)

        self._call(
            task,
            lambda state: self.saved.emit(state, revision == self._revision),
            _("Not saved: {reason}"),
            lambda reason: self.save_failed.emit(reflections, reason),
        )

    def answer(self, moment: EvaluationMoment, party: Party, answers: Mapping[str, int]) -> None:
        def task(closing: ClosingService, rid: str) -> ClosingState:
            closing.save_evaluation(rid, moment, party, answers)
            return closing.state(rid)

        self._call(task, self.answered.emit, _("Not saved: {reason}"))

    def finish(self) -> None:
        self._call(
            lambda closing, rid: closing.finish(rid),
            self.stage_changed.emit,
            _("Not closed: {reason}"),
        )

    def reopen(self) -> None:
        self._call(
            lambda closing, rid: closing.reopen(rid),
            self.stage_changed.emit,
            _("Not reopened: {reason}"),
        )

    def _call(
        self,
        call: Callable[[ClosingService, str], ClosingState],
        done: Callable[[ClosingState], None],
        failure: str,  # a sentence with {reason}, in the user's language
        failed: Callable[[str], None] | None = None,
    ) -> None:
        rid, token = self._relationship_id, self._token
        if rid is None:
            return

        def task(holder: Holder) -> ClosingState:
            return call(holder.workspace.closing, rid)

        def answered(state: ClosingState) -> None:
            if token == self._token:
                done(state)

        def refused(error: BaseException) -> None:
            if token != self._token:
                return
            (failed or self.failed.emit)(failure.format(reason=error_text(error)))

        self._worker.submit(task, answered, refused, owner=self)
