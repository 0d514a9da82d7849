"""Idle lock: notice input anywhere in the application and say when there was none for long.

An application-wide event filter records the moment of the last key, click, wheel or touch;
one single-shot timer checks that moment when it fires, so typing does not restart a timer
on every key.

Signals:
    idle(): no input for ``interval_ms``; emitted once, then the watch stops until ``start``.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleLock(QObject):
    """Watches the application's input while started; ``interval_ms`` 0 never fires."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._interval = interval_ms
        self._since_input = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setObjectName("idle_lock_timer")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._watching = False

    @property
    def interval_ms(self) -> int:
        return self._interval

    def set_interval(self, interval_ms: int) -> None:
        self._interval = interval_ms
        if self._watching:
            self.stop()
            self.start()

    def start(self) -> None:
        app = QApplication.instance()
        if self._interval <= 0 or app is None:
            return
        if not self._watching:
            app.installEventFilter(self)
            self._watching = True
        self._since_input.start()
        self._timer.start(self._interval)

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if self._watching and app is not None:
            app.removeEventFilter(self)
        self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._since_input.restart()
        return False

    def _check(self) -> None:
        remaining = self._interval - self._since_input.elapsed()
        if remaining > 0:
            self._timer.start(int(remaining))
            return
        self.stop()
        self.idle.emit()
