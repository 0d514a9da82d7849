"""The desktop app: its start, languages, lock, and the throwaway demo journal.

:func:`run` builds the QApplication and the database worker, installs the user's language
(ours and Qt's own ``qtbase`` translations), and hands over to :class:`AppController`: the
start dialog first, the main window once the journal is open, and the start (unlock) dialog
again after a lock (Ctrl+L, or no input for the idle time).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import platformdirs
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSocketNotifier,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QWidget

from mentorjournal.i18n import (
    CatalogueMissing,
    Language,
    _,
    language_from_environment,
    use_language,
)
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.sample_journal import DEMO_PASSPHRASE, OWNER, build_sample
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.disposal import GuiThreadCollector, dispose_when_finished, settle
from mentorjournal.ui.lock import IdleLock
from mentorjournal.ui.settings import APP_NAME, AppSettings
from mentorjournal.ui.start.dialog import StartDialog
from mentorjournal.ui.worker import Holder, Worker

log = logging.getLogger(__name__)


class MainWindowLike(Protocol):
    """What the controller needs of the main window (ui/main_window.py)."""

    @property
    def lock_requested(self) -> Any: ...
    def load(self) -> None: ...
    def flush(self, on_done: Callable[[], None]) -> None: ...
    def clear(self) -> None: ...
    def show(self) -> None: ...
    def hide(self) -> None: ...
    def isVisible(self) -> bool: ...


WindowFactory = Callable[[Worker], MainWindowLike]


def default_journal_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "journal"


def default_lock_dir() -> Path:
    """Instance locks live in the user cache folder, which no sync tool replicates."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "locks"


def main_window(worker: Worker) -> MainWindowLike:
    from mentorjournal.ui.main_window import MainWindow  # type: ignore[import-not-found,unused-ignore]

    window: MainWindowLike = MainWindow(worker)
    return window


class Translations:
    """Our catalogue and Qt's ``qtbase`` translations, switched together at run time."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._qt: QTranslator | None = None

    def install(self, language: Language) -> Language:
        """Show ``language`` from now on; returns the language actually installed."""
        try:
            use_language(language)
        except CatalogueMissing:
            log.warning("No compiled catalogue for %s; run make install", language.value)
            language = Language.ENGLISH
            use_language(language)
        changed = False
        if self._qt is not None:
            changed = self._app.removeTranslator(self._qt)
            self._qt = None
        if language is not Language.ENGLISH:
            translator = QTranslator(self._app)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{language.value}", folder):
                changed = self._app.installTranslator(translator) or changed
                self._qt = translator
        system = QLocale.system()
        same = system.name().split("_")[0] == language.value
        QLocale.setDefault(system if same else QLocale(language.value))
        if not changed:  # every widget retranslates on this event (installing one sends it)
            QCoreApplication.postEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        return language


class AppController(QObject):
    """Start dialog -> main window -> (lock) -> start dialog, and the language switch.

    Signals:
        quit_requested(): the user closed the start dialog; the app should end.
    """

    quit_requested = Signal()

    def __init__(
        self,
        worker: Worker,
        app_settings: AppSettings,
        settings: Settings,
        translations: Translations,
        window_factory: WindowFactory = main_window,
        *,
        demo: bool = False,
    ) -> None:
        super().__init__()
        self.worker = worker
        self.app_settings = app_settings
        self.translations = translations
        self._window_factory = window_factory
        self.window: MainWindowLike | None = None
        self._locking = False
        self._demo = demo
        self.dialog = StartDialog(worker, app_settings, settings, demo=demo)
        self.dialog.unlocked.connect(self._unlocked)
        self.dialog.rejected.connect(self.quit_requested)
        self.idle_lock = IdleLock(app_settings.idle_lock_ms, self)
        self.idle_lock.idle.connect(self.lock)

    def start(self, folder: Path) -> None:
        self.dialog.show_for(folder)
        self.dialog.show()

    def start_demo(self, folder: Path, settings: Settings) -> None:
        """Build the sample journal in ``folder`` on the worker, then open it."""

        def build(holder: Holder) -> None:
            workspace, _key = workspaces.create(folder, DEMO_PASSPHRASE, OWNER, settings)
            holder.workspace = workspace
            build_sample(workspace.records, settings.clock().astimezone().date())

        def failed(error: BaseException) -> None:
            self.dialog.show_for(folder)

        self.dialog.show_for(folder)
        self.dialog.show()
        self.dialog.run_task(
            build,
            lambda: _("Preparing the demo journal…"),
            lambda _none: self._demo_ready(folder),
            failed,
        )

    def _demo_ready(self, folder: Path) -> None:
        self.dialog.hide()
        self._unlocked(folder)

    def _unlocked(self, folder: Path) -> None:
        self._folder = folder
        if self.window is None:
            self.window = self._window_factory(self.worker)
            self.window.lock_requested.connect(self.lock)
            requested = getattr(self.window, "language_requested", None)
            if requested is not None:
                requested.connect(self.switch_language)
            self._add_actions(self.window)
            actions = getattr(self.window, "journal_actions", None)
            if actions is not None:
                actions.locked.connect(self.locked_by_rekey)
                actions.open_restored.connect(self.switch_journal)
        self.window.load()
        self.window.show()
        self.idle_lock.start()

    def _add_actions(self, window: MainWindowLike) -> None:
        """The idle-lock setting, in the window's Journal menu."""
        menu = getattr(window, "menu_journal", None)
        if not isinstance(menu, QMenu):
            return
        self.action_idle_lock = QAction(menu)
        self.action_idle_lock.setObjectName("action_idle_lock")
        self.action_idle_lock.triggered.connect(lambda: self.ask_idle_minutes(menu))
        menu.addAction(self.action_idle_lock)
        self.retranslate()

    def ask_idle_minutes(self, parent: QWidget) -> None:
        """Ask after how many minutes without input the journal locks itself."""
        dialog = QInputDialog(parent.window())
        dialog.setObjectName("idle_lock_dialog")
        dialog.setWindowTitle(_("Lock when idle"))
        dialog.setLabelText(_("Lock the journal after this many minutes without input (0: never):"))
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(0, 24 * 60)
        dialog.setIntValue(self.app_settings.idle_lock_ms // 60_000)

        def chosen(minutes: int) -> None:
            self.app_settings.idle_lock_ms = minutes * 60_000
            self.idle_lock.set_interval(minutes * 60_000)

        dialog.intValueSelected.connect(chosen)
        dispose_when_finished(dialog)
        dialog.open()

    def retranslate(self) -> None:
        action = getattr(self, "action_idle_lock", None)
        if action is not None:
            action.setText(_("Lock when &idle…"))

    def lock(self) -> None:
        """Save what is pending, lock the journal, clear the window, ask to unlock again."""
        window = self.window
        if self._locking or window is None or not window.isVisible():
            return
        actions = getattr(window, "journal_actions", None)
        if actions is not None and actions.rekeying:
            return  # the re-key locks the journal itself, once its new key was kept
        self._locking = True
        self.idle_lock.stop()
        sync = getattr(window, "sync", None)
        if sync is not None:
            sync.stop()  # no folder watched and no sync queued once locking began

        def flushed() -> None:
            self.worker.lock(self._locked)

        window.flush(flushed)

    def _locked(self, _none: None) -> None:
        self._locking = False
        if self.window is not None:
            self.window.clear()
            self.window.hide()
        self.dialog.show_for(self._folder)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def locked_by_rekey(self) -> None:
        """A re-key closed the journal (and its new key was kept): ask for the new passphrase."""
        self.idle_lock.stop()
        self._locked(None)

    def switch_journal(self, folder: Path, restored: workspaces.Workspace) -> None:
        """Open ``restored`` (unlocked, in ``folder``) in place of the current journal.

        The current one is saved and locked first: putting the restored workspace into the
        holder closes the one there, on the worker thread that owns both.
        """
        window = self.window
        if window is None:
            return
        self.idle_lock.stop()

        def install(holder: Holder) -> None:
            holder.workspace = restored

        def installed(_none: None) -> None:
            window.clear()
            if not self._demo:
                self.app_settings.remember_journal(folder)
            self._unlocked(folder)

        def flushed() -> None:
            self.worker.submit(install, installed)

        window.flush(flushed)

    def switch_language(self, language: str) -> None:
        installed = self.translations.install(Language(language))
        self.app_settings.language = installed
        self.retranslate()


def display_missing(environ: dict[str, str] | os._Environ[str]) -> bool:
    """True on Linux and the BSDs when there is no display server to show a window on."""
    if sys.platform in ("win32", "darwin") or environ.get("QT_QPA_PLATFORM"):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


class QuitOnSignals:
    """Ctrl+C and SIGTERM end the event loop, so the demo journal is deleted on the way out."""

    def __init__(self, app: QCoreApplication) -> None:
        self.received: int | None = None
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {
            number: signal.signal(number, self._note) for number in (signal.SIGINT, signal.SIGTERM)
        }
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(lambda *_args: self._wake(app))

    def _note(self, number: int, _frame: object) -> None:
        self.received = number

    def _wake(self, app: QCoreApplication) -> None:
        try:
            self._reader.recv(64)
        except BlockingIOError:
            return
        app.exit(0)  # not quit(): a window may refuse to close, a signal may not be refused

    def restore(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._reader.close()
        self._writer.close()


def run(
    argv: Sequence[str],
    *,
    demo: bool = False,
    window_factory: WindowFactory = main_window,
    journal_dir: Path | None = None,
) -> int:
    """Open the app (``demo``: on a throwaway sample journal); the process's exit code."""
    app_settings = AppSettings()
    language = app_settings.language or language_from_environment(os.environ)
    try:
        use_language(language)
    except CatalogueMissing:
        use_language(Language.ENGLISH)
    if display_missing(os.environ):
        print(
            _("mentorjournal: no display to open the window on (DISPLAY is not set)."),
            file=sys.stderr,
        )
        return 1
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("mentorjournal")
    translations = Translations(app)
    translations.install(language)
    signals = QuitOnSignals(app)
    collector = GuiThreadCollector()  # the worker thread must never run a collection
    worker = Worker()
    demo_folder = Path(tempfile.mkdtemp(prefix="mentorjournal-demo-")) if demo else None
    try:
        if demo_folder is not None:
            # Sample data only, deleted on exit: the cheap Argon2id profile keeps it quick.
            settings = Settings(lock_dir=demo_folder / "locks", kdf=workspaces.THROWAWAY_KDF)
        else:
            settings = Settings(lock_dir=default_lock_dir())
        controller = AppController(
            worker,
            app_settings,
            settings,
            translations,
            window_factory,
            demo=demo_folder is not None,
        )
        controller.quit_requested.connect(app.quit)
        if demo_folder is not None:
            controller.start_demo(demo_folder / "journal", settings)
        else:
            controller.start(journal_dir or default_journal_dir())
        code = app.exec()
    finally:
        worker.shutdown()
        settle()
        collector.stop()
        signals.restore()
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)
    return 128 + signals.received if signals.received else code
