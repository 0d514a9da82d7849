"""The start dialog: create, unlock or recover a journal, or open another journal folder.

The slow work (Argon2id takes about half a second, creating a journal a little more) runs
on the database worker; meanwhile the page is disabled, a busy bar moves and a status line
says what is happening. Errors are said in words on the page; what was typed stays.

Signals:
    unlocked(Path): the journal in that folder is now open in the worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import MentorJournalError
from mentorjournal.i18n import _
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.sample_journal import DEMO_PASSPHRASE
from mentorjournal.services.workspace import Settings
from mentorjournal.ui.disposal import dispose
from mentorjournal.ui.errors import describe_error
from mentorjournal.ui.settings import AppSettings
from mentorjournal.ui.start.pages import CreatePage, RecoverPage, UnlockPage, show_error
from mentorjournal.ui.start.recovery_key_page import RecoveryKeyPage
from mentorjournal.ui.worker import Holder, Worker

log = logging.getLogger(__name__)


def is_journal(folder: Path) -> bool:
    return (folder / "journal.key").exists() or (folder / "journal.db").exists()


class StartDialog(QDialog):
    unlocked = Signal(Path)

    def __init__(
        self,
        worker: Worker,
        app_settings: AppSettings,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        demo: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("start_dialog")
        self._worker = worker
        self._app_settings = app_settings
        self._settings = settings
        # The demo journal is thrown away and opened with a cheap key derivation: it is
        # never remembered, and no other journal is opened, made or recovered from it.
        self._demo = demo
        self._folder = Path()
        self._busy = False
        self._status_text: Callable[[], str] = str

        self.create_page = CreatePage()
        self.unlock_page = UnlockPage()
        self.recover_page = RecoverPage()
        self.recovery_page = RecoveryKeyPage()
        self.pages = QStackedWidget()
        self.pages.setObjectName("start_pages")
        for page in (self.create_page, self.unlock_page, self.recover_page, self.recovery_page):
            self.pages.addWidget(page)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("start_busy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.status = QLabel()
        self.status.setObjectName("start_status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status)
        self.setMinimumWidth(660)

        self.create_page.create_button.clicked.connect(self._create)
        self.create_page.open_other.clicked.connect(self._choose_folder)
        self.unlock_page.unlock_button.clicked.connect(self._unlock)
        self.unlock_page.passphrase.returnPressed.connect(self._unlock)
        self.unlock_page.other_folder.clicked.connect(self._choose_folder)
        self.unlock_page.new_journal.clicked.connect(self._choose_new_folder)
        self.unlock_page.recover.clicked.connect(self._show_recover)
        self.unlock_page.folder.activated.connect(
            lambda _index: self.show_for(self.unlock_page.chosen_folder())
        )
        self.recover_page.recover_button.clicked.connect(self._recover)
        self.recover_page.back.clicked.connect(lambda: self.show_for(self._folder))
        self.recovery_page.done.clicked.connect(self._leave_recovery_page)
        self.retranslate()

    # -- which page --------------------------------------------------------------------------

    @property
    def folder(self) -> Path:
        return self._folder

    def show_for(self, folder: Path) -> None:
        """Unlock the journal in ``folder``, or create one there if it holds none."""
        self._folder = folder
        for label in (self.create_page.error, self.unlock_page.error, self.recover_page.error):
            show_error(label, "")
        if is_journal(folder):
            recent = [] if self._demo else self._app_settings.recent_journals
            self.unlock_page.set_folders(recent, folder)
            for button in (
                self.unlock_page.other_folder,
                self.unlock_page.new_journal,
                self.unlock_page.recover,
            ):
                button.setVisible(not self._demo)
            self.unlock_page.demo_passphrase = DEMO_PASSPHRASE if self._demo else ""
            self.unlock_page.retranslate()
            self._show_page(self.unlock_page, self.unlock_page.unlock_button)
            self.unlock_page.passphrase.setFocus()
        else:
            self.create_page.set_folder(folder)
            self._show_page(self.create_page, self.create_page.create_button)
            self.create_page.name.setFocus()

    def _show_recover(self) -> None:
        self._folder = self.unlock_page.chosen_folder()
        show_error(self.recover_page.error, "")
        self._show_page(self.recover_page, self.recover_page.recover_button)
        self.recover_page.key.setFocus()

    def _show_page(self, page: QWidget, default: QPushButton) -> None:
        """Show ``page``; Enter presses its main button, never another page's."""
        for button in self.findChildren(QPushButton):
            button.setDefault(button is default)
            button.setAutoDefault(False)
        self.pages.setCurrentWidget(page)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose a journal folder"), str(self._folder.parent)
        )
        if chosen:
            self.show_for(Path(chosen))

    def _choose_new_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose an empty folder for the new journal"), str(self._folder.parent)
        )
        if chosen:
            self.show_for(Path(chosen))

    # -- the work, on the worker ---------------------------------------------------------------

    def run_task(
        self,
        task: Callable[[Holder], Any],
        status: Callable[[], str],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run ``task`` on the worker with the dialog busy until it answers."""
        self._set_busy(True, status)

        def done(result: Any) -> None:
            self._set_busy(False)
            on_done(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            on_error(error)

        self._worker.submit(task, done, failed, owner=self)

    def _set_busy(self, busy: bool, status: Callable[[], str] = str) -> None:
        self._busy = busy
        self._status_text = status
        self.pages.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        self._show_status()

    def _show_status(self) -> None:
        text = self._status_text() if self._busy else ""
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.busy_bar.setAccessibleName(text)

    def _create(self) -> None:
        page = self.create_page
        problem = page.problem()
        show_error(page.error, problem)
        if problem:
            return
        folder, name, passphrase = self._folder, page.name.text().strip(), page.pair.first.text()
        settings = self._settings

        def create(holder: Holder) -> str:
            workspace, recovery_key = workspaces.create(folder, passphrase, name, settings)
            holder.workspace = workspace
            return recovery_key

        def created(recovery_key: str) -> None:
            page.pair.clear()
            self.recovery_page.show_key(recovery_key, folder)
            self._show_page(self.recovery_page, self.recovery_page.done)
            self.recovery_page.copy.setFocus()

        self.run_task(
            create,
            lambda: _("Creating the journal and its keys… this takes a few seconds."),
            created,
            lambda error: show_error(page.error, describe_error(error)),
        )

    def _unlock(self) -> None:
        page = self.unlock_page
        if self._busy or not page.passphrase.text():
            return
        folder, passphrase = page.chosen_folder(), page.passphrase.text()
        self._folder = folder
        settings = self._settings

        def unlock(holder: Holder) -> None:
            holder.workspace = workspaces.unlock(folder, passphrase, settings)
            _daily_backup(holder)

        def failed(error: BaseException) -> None:
            show_error(page.error, describe_error(error))
            page.passphrase.setFocus()

        self.run_task(unlock, lambda: _("Unlocking…"), lambda _none: self._opened(), failed)

    def _recover(self) -> None:
        page = self.recover_page
        problem = page.pair.problem()
        show_error(page.error, problem)
        if problem or self._busy:
            return
        folder, key, passphrase = self._folder, page.key.text().strip(), page.pair.first.text()
        settings = self._settings

        def recover(holder: Holder) -> None:
            workspaces.check_recovery_key(key)
            holder.workspace = workspaces.recover(folder, key, passphrase, settings)

        def recovered(_none: None) -> None:
            page.key.clear()
            page.pair.clear()
            self._opened()

        self.run_task(
            recover,
            lambda: _("Checking the recovery key and setting the new passphrase…"),
            recovered,
            lambda error: show_error(page.error, describe_error(error)),
        )

    def _opened(self) -> None:
        self.unlock_page.passphrase.clear()
        if not self._demo:
            self._app_settings.remember_journal(self._folder)
        self.accept()
        self.unlocked.emit(self._folder)

    # -- leaving the recovery key page -------------------------------------------------------

    def _leave_recovery_page(self) -> None:
        if self.recovery_page.was_kept:
            self.recovery_page.forget_key()
            self._opened()
            return
        box = QMessageBox(self)
        box.setObjectName("recovery_not_kept")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Recovery key not kept"))
        box.setText(_("You have not copied, saved or printed the recovery key."))
        box.setInformativeText(
            _(
                "It is shown only now. Without it, a forgotten passphrase means the journal "
                "cannot be opened by anyone, ever. Go back and keep it?"
            )
        )
        back = box.addButton(_("&Go back to the key"), QMessageBox.ButtonRole.RejectRole)
        back.setObjectName("recovery_go_back")
        leave = box.addButton(_("Continue &without it"), QMessageBox.ButtonRole.DestructiveRole)
        leave.setObjectName("recovery_leave")
        box.setDefaultButton(back)
        box.setEscapeButton(back)

        def answered() -> None:
            box.setObjectName("")  # answered: a later question is a new box
            dispose(box)
            if box.clickedButton() is leave:
                self.recovery_page.forget_key()
                self._opened()

        box.finished.connect(answered)
        box.open()

    def reject(self) -> None:
        if self._busy:
            return  # the worker is in the middle of it; the answer must land somewhere
        if self.pages.currentWidget() is self.recovery_page:
            self._leave_recovery_page()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy or self.pages.currentWidget() is self.recovery_page:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle("MentorJournal")  # the name, in every language
        self._show_status()


def _daily_backup(holder: Holder) -> None:
    """Today's automatic backup after unlocking; a failure does not keep the journal shut."""
    try:
        holder.workspace.ensure_daily_backup()
    except (MentorJournalError, OSError) as error:
        log.warning("The daily backup was not made: %s", type(error).__name__)
