"""How a Qt object of the window ends: on the GUI thread, by Qt, never by Python's collector.

The rule, for every window, dialog and helper: **a Qt object ends by its parent, by**
:func:`dispose` **or** :func:`dispose_when_finished` **(never a bare ``deleteLater()``), or as a
top-level object of the app; the cyclic garbage collector runs only on the GUI thread**
(:class:`GuiThreadCollector`, installed by ``ui/app.py`` and by the window tests).

Why. Python's cyclic collector runs on whichever thread crosses its allocation threshold; here
that is often the database worker, in the middle of a query. When it frees the wrapper of a
Qt object that Python owns, shiboken runs the C++ destructor on that thread, with the GIL
released, while the GUI thread may be deleting a dialog (``deleteLater``) that is connected to
one of those objects. ``QObject::~QObject`` then calls ``disconnectNotify`` on the sender, and
shiboken looks up its Python override on a wrapper the other thread is freeing: a
use-after-free, seen as a rare segmentation fault in ``Sbk_GetPyOverride`` ->
``getHiddenDataFromQObject``. It is the known hazard of Python's collector with Qt bindings
(napari/napari#1029, AcademySoftwareFoundation/OpenCue#598, nexpy/nexpy#300,
saga-soft/novelWriter#2927): collect on the GUI thread only, and let Qt, not the collector,
decide when a Qt object dies. ``tests/ui/test_disposal.py`` reproduces it.
"""

from __future__ import annotations

import gc
import itertools

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QDialog

# Objects handed to dispose() and their parents, held until Qt reports them destroyed, so
# that no collection (on any thread) frees their wrappers while Qt may still call into them.
_dying: dict[int, tuple[QObject, QObject | None]] = {}
_keys = itertools.count()


def dispose(obj: QObject) -> None:
    """Let Qt delete ``obj`` on its own thread at the next turn of the event loop.

    Its Python wrapper, and its parent's, stay alive until Qt has destroyed it; the same
    object disposed twice is deleted once.
    """
    key = next(_keys)
    _dying[key] = (obj, obj.parent())

    def destroyed() -> None:  # no argument: the dying object is never wrapped again
        _dying.pop(key, None)

    obj.destroyed.connect(destroyed)
    obj.deleteLater()


def dispose_when_finished(dialog: QDialog) -> None:
    """Dispose of ``dialog`` once it is answered (accepted or rejected)."""
    dialog.finished.connect(lambda _result: dispose(dialog))


def disposing() -> int:
    """How many disposed objects Qt has not deleted yet."""
    return len(_dying)


def flush_disposals() -> None:
    """Delete now, on this (the GUI) thread, every object whose deletion was deferred."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class GuiThreadCollector(QObject):
    """Python's cyclic garbage collector, run by a GUI-thread timer instead of automatically.

    While it is started, automatic collection is off for the whole process (the worker
    thread can no longer trigger it); the timer collects each generation whose count passed
    the usual threshold, between two events of the GUI thread. :meth:`stop` puts the
    collector back as it found it.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setObjectName("gui_thread_collector")
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation that is due, as automatic collection would."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def settle() -> None:
    """Delete what was disposed, collect the garbage and delete what that released, here.

    For the end of a window's life (tests' teardown, quitting): afterwards no Qt object of it
    is left for a collection on another thread to destroy.
    """
    flush_disposals()
    gc.collect()
    flush_disposals()
