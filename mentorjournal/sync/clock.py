"""A hybrid logical clock: wall-clock milliseconds and a counter, packed in one integer.

A clock value is ``milliseconds << 16 | counter``. It never goes backwards on this device, it
moves past every clock this device has received (so an edit made after reading a partner's
change is ordered after it), and it stays close to the wall clock, so "the last writer" means
roughly what a person would say. Two equal values are ordered by the device id (see
:func:`order_key`), the same way on every device.

A partner whose clock is wrong must not harm this journal. Clocks from another device more
than :data:`MAX_DRIFT_MS` ahead of this device's wall clock are refused
(:class:`~mentorjournal.domain.errors.PartnerClockAhead`) before anything is applied: taking
them would drag this device's clock into the future for good and let that partner win every
later edit. Their payload waits (the folder side keeps the file) until the wall clock has
caught up or the partner has fixed their clock. A clock behind is harmless: its edits lose to
later ones, and this device's clock never moves back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from mentorjournal.domain.errors import PartnerClockAhead

COUNTER_BITS = 16
# How far ahead of this device a partner's clock may be: a day covers a wrong time zone set
# as local time and a laptop that slept through a clock change; more would let a partner's
# wrong clock win every concurrent edit for that long.
MAX_DRIFT_MS = 24 * 60 * 60 * 1000


def pack(milliseconds: int, counter: int = 0) -> int:
    return (milliseconds << COUNTER_BITS) | counter


def milliseconds(value: int) -> int:
    """The wall-clock part of a clock value, in milliseconds since the epoch."""
    return value >> COUNTER_BITS


def order_key(value: int, device: str) -> tuple[int, str]:
    """The total order of writes: the clock, then the device id as the final tie-breaker."""
    return value, device


def wall_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


class HybridClock:
    """The clock of this device; ``last`` is the newest value it issued or received."""

    def __init__(self, wall: Callable[[], datetime], last: int = 0) -> None:
        self._wall = wall
        self.last = last

    def now_ms(self) -> int:
        return wall_ms(self._wall())

    def tick(self, at_ms: int | None = None) -> int:
        """A new value for a local write, later than every value seen so far.

        ``at_ms`` is when the write happened, if earlier than now (a record saved before the
        sync ran); it is never taken beyond the wall clock.
        """
        now = self.now_ms()
        physical = now if at_ms is None else min(at_ms, now)
        candidate = pack(physical)
        # A full counter carries into the milliseconds: the clock runs 1 ms ahead, harmless.
        self.last = candidate if candidate > self.last else self.last + 1
        return self.last

    def check(self, remote: int) -> None:
        """Refuse a value from another device that is too far ahead of the wall clock here."""
        ahead = milliseconds(remote) - self.now_ms()
        if ahead > MAX_DRIFT_MS:
            raise PartnerClockAhead(ahead // 1000)

    def receive(self, remote: int) -> None:
        """Move past a value received from another device (checked first)."""
        self.check(remote)
        if remote > self.last:
            self.last = remote
