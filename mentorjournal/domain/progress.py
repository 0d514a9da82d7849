"""Progress reports and cancellation for long operations (backup, restore, verify, export, sync).

The operation calls ``progress(done, total)`` now and then and checks ``cancel`` between
steps; a cancelled operation undoes what it began and raises :class:`Cancelled`. Both are
safe to use from another thread than the one running the operation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from mentorjournal.domain.errors import Cancelled

Progress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """A progress callback for callers that do not show progress."""


class CancelToken:
    """Set by the user (another thread); checked by the operation between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled


def check_cancelled(cancel: CancelToken | None) -> None:
    """Raise :class:`Cancelled` if ``cancel`` was set; no token means it cannot be."""
    if cancel is not None:
        cancel.raise_if_cancelled()
