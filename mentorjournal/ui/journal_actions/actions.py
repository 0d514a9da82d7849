"""The Journal menu's safety actions: change passphrase (re-key), back up, restore, verify.

Every one runs on the database worker; the slow ones show a progress dialog with Cancel.
Results and refusals are said in words, in a message box or the window's status line.

Signals:
    status(str): a sentence for the window's status line.
    locked(): a re-key closed the journal and its new recovery key was kept; the app shows
        the unlock page.
    open_restored(Path, object): the user wants to open the journal just restored into that
        folder; the object is its unlocked workspace, owned by the worker thread. The app
        flushes and locks the current journal, then puts this one in its place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QVBoxLayout, QWidget

from mentorjournal.domain import Cancelled, CancelToken, Problem, Progress
from mentorjournal.i18n import _, ngettext
from mentorjournal.i18n.describe import describe_problem
from mentorjournal.services import workspace as workspaces
from mentorjournal.services.workspace import Workspace
from mentorjournal.ui.disposal import dispose, dispose_when_finished
from mentorjournal.ui.errors import describe_error
from mentorjournal.ui.journal_actions.dialogs import ChangePassphraseDialog, RestoreDialog
from mentorjournal.ui.journal_actions.progress import LongTask, ProgressRun
from mentorjournal.ui.start.pages import show_error
from mentorjournal.ui.start.recovery_key_page import RecoveryKeyPage
from mentorjournal.ui.worker import Holder, Worker

Flush = Callable[[Callable[[], None]], None]


class NewKeyDialog(QDialog):
    """The new recovery key after a re-key, on the page the create flow uses; it closes
    only once the key was copied, saved or printed (the old key opens nothing any more)."""

    def __init__(self, recovery_key: str, folder: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("new_key_dialog")
        self.setWindowTitle(_("Your new recovery key"))
        self.page = RecoveryKeyPage(self, replacing=True)
        self.page.show_key(recovery_key, folder)
        self.page.done.setEnabled(False)
        self.page.kept.connect(lambda: self.page.done.setEnabled(True))
        self.page.done.clicked.connect(self.accept)
        QVBoxLayout(self).addWidget(self.page)
        # The whole key in view: a key read off a half-scrolled field gets copied wrong.
        width = self.page.key.fontMetrics().horizontalAdvance(recovery_key)
        self.page.key.setMinimumWidth(width + 24)

    def reject(self) -> None:
        if self.page.was_kept:
            super().reject()

    def done(self, code: int) -> None:
        self.page.forget_key()
        super().done(code)


class JournalActions(QObject):
    status = Signal(str)
    locked = Signal()
    open_restored = Signal(Path, object)

    def __init__(self, worker: Worker, window: QWidget, flush: Flush, clear: Callable[[], None]):
        super().__init__(window)
        self._worker = worker
        self._window = window
        self._flush = flush
        self._clear = clear
        self.run: ProgressRun | None = None
        self.change_dialog: ChangePassphraseDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.backup_dialog: QFileDialog | None = None
        self.key_dialog: NewKeyDialog | None = None
        self.box: QMessageBox | None = None
        # From the start of a re-key until its new key was kept, locking must wait: the
        # key is shown only once, and the lock would hide it.
        self.rekeying = False
        self.action_change_passphrase = self._action("action_change_passphrase", self.change)
        self.action_backup = self._action("action_backup", self.backup)
        self.action_restore = self._action("action_restore", self.restore)
        self.action_verify = self._action("action_verify", self.verify)
        self.retranslate()

    def _action(self, name: str, slot: Callable[[], None]) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    @property
    def actions(self) -> list[QAction]:
        return [
            self.action_change_passphrase,
            self.action_backup,
            self.action_restore,
            self.action_verify,
        ]

    def retranslate(self) -> None:
        self.action_change_passphrase.setText(_("Change &passphrase…"))
        self.action_backup.setText(_("&Back up…"))
        self.action_restore.setText(_("&Restore a backup…"))
        self.action_verify.setText(_("&Check the journal"))

    # -- shared ------------------------------------------------------------------------------

    def _long(
        self,
        label: str,
        task: LongTask,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.run = ProgressRun(self._worker, self._window, label, task, on_done, on_error)

    def _tell(
        self, name: str, icon: QMessageBox.Icon, title: str, text: str, more: str = ""
    ) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self._window)
        box.setObjectName(name)
        box.setInformativeText(more)
        self._keep(box)
        box.open()

    def _keep(self, box: QMessageBox) -> None:
        """Show ``box`` as :attr:`box` until it is answered, then let it go."""

        def gone() -> None:
            if self.box is box:
                self.box = None
            dispose(box)

        self.box = box
        box.finished.connect(gone)

    def _failed(self, title: str) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if isinstance(error, Cancelled):
                self.status.emit(_("Cancelled; nothing was changed."))
                return
            self._tell("failure_box", QMessageBox.Icon.Warning, title, describe_error(error))

        return failed

    # -- change passphrase, re-key -----------------------------------------------------------

    def change(self) -> None:
        dialog = ChangePassphraseDialog(self._window)
        self.change_dialog = dialog
        dialog.accepted.connect(lambda: self._change(dialog.passphrase, dialog.rekey.isChecked()))
        dialog.finished.connect(dialog.forget)
        dispose_when_finished(dialog)
        dialog.open()

    def _change(self, passphrase: str, rekey: bool) -> None:
        if rekey:
            self.rekeying = True
            self._flush(lambda: self._rekey(passphrase))
            return

        def change(holder: Holder) -> None:
            holder.workspace.change_passphrase(passphrase)

        self.status.emit(_("Changing the passphrase…"))
        self._worker.submit(
            change,
            lambda _none: self.status.emit(
                _("The passphrase was changed. Unlock with the new one from now on.")
            ),
            self._failed(_("The passphrase was not changed")),
        )

    def _rekey(self, passphrase: str) -> None:
        def rekey(holder: Holder, progress: Progress, cancel: CancelToken) -> tuple[str, Path]:
            folder = holder.workspace.path
            recovery_key = holder.workspace.rekey(passphrase, progress=progress, cancel=cancel)
            holder.close()  # rekey closed the workspace; the holder lets it go too
            return recovery_key, folder

        self._long(
            _("Re-encrypting the journal, its attachments and backups under a new key…"),
            rekey,
            self._rekeyed,
            self._rekey_failed,
        )

    def _rekey_failed(self, error: BaseException) -> None:
        self.rekeying = False
        self._failed(_("The journal was not re-encrypted"))(error)

    def _rekeyed(self, result: tuple[str, Path]) -> None:
        recovery_key, folder = result
        self._clear()  # the journal is locked: nothing of it stays on screen
        dialog = NewKeyDialog(recovery_key, folder, self._window)
        self.key_dialog = dialog
        dispose_when_finished(dialog)
        dialog.finished.connect(self._key_kept)
        dialog.open()

    def _key_kept(self) -> None:
        self.rekeying = False
        self.locked.emit()

    # -- back up -----------------------------------------------------------------------------

    def backup(self) -> None:
        dialog = QFileDialog(self._window, _("Choose the folder for the backup"), str(Path.home()))
        dialog.setObjectName("backup_folder_dialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda name: self._backup(Path(name)))
        dispose_when_finished(dialog)
        self.backup_dialog = dialog
        dialog.open()

    def _backup(self, folder: Path) -> None:
        def backup(holder: Holder, progress: Progress, cancel: CancelToken) -> Path:
            return holder.workspace.backup(folder, progress=progress, cancel=cancel)

        def written(path: Path) -> None:
            self.status.emit(_("Backup written to {path}.").format(path=path))
            self._tell(
                "backup_box",
                QMessageBox.Icon.Information,
                _("Backup written"),
                _("The backup was written to {path}.").format(path=path),
                _(
                    "It is encrypted: it opens only with the passphrase this journal has "
                    "today. Keep it on another disk or computer."
                ),
            )

        self._long(_("Writing an encrypted backup…"), backup, written, self._failed(_("No backup")))

    # -- restore -----------------------------------------------------------------------------

    def restore(self) -> None:
        dialog = RestoreDialog(self._window)
        self.restore_dialog = dialog
        dialog.submitted.connect(lambda: self._restore(dialog))
        dispose_when_finished(dialog)
        dialog.open()

    def _restore(self, dialog: RestoreDialog) -> None:
        problem = dialog.problem()
        show_error(dialog.error, problem)
        if problem:
            return
        backup_file, folder, passphrase = dialog.values()
        dialog.set_busy(True)

        def restore(holder: Holder, progress: Progress, cancel: CancelToken) -> Workspace:
            settings = holder.workspace.settings
            return workspaces.restore(
                backup_file, folder, passphrase, settings, progress=progress, cancel=cancel
            )

        def failed(error: BaseException) -> None:
            dialog.set_busy(False)
            if isinstance(error, Cancelled):
                show_error(dialog.error, _("Cancelled; nothing was restored."))
            else:
                show_error(dialog.error, describe_error(error))

        def restored(workspace: Workspace) -> None:
            dialog.passphrase.clear()
            dialog.accept()
            self._offer_to_open(folder, workspace)

        self._long(_("Restoring the backup…"), restore, restored, failed)

    def _offer_to_open(self, folder: Path, workspace: Workspace) -> None:
        box = QMessageBox(self._window)
        box.setObjectName("restored_box")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Backup restored"))
        box.setText(_("The backup was restored into {path}.").format(path=folder))
        box.setInformativeText(
            _("Open the restored journal now? This journal is saved and locked first.")
        )
        open_it = box.addButton(_("&Open it"), QMessageBox.ButtonRole.AcceptRole)
        open_it.setObjectName("restored_open")
        later = box.addButton(_("&Not now"), QMessageBox.ButtonRole.RejectRole)
        later.setObjectName("restored_not_now")
        box.setDefaultButton(open_it)
        self._keep(box)

        def answered() -> None:
            if box.clickedButton() is open_it:
                self.open_restored.emit(folder, workspace)
            else:
                self._worker.submit(lambda _holder: workspace.close())
                self.status.emit(_("The backup was restored into {path}.").format(path=folder))

        box.finished.connect(answered)
        box.open()

    # -- verify ------------------------------------------------------------------------------

    def verify(self) -> None:
        def verify(holder: Holder, progress: Progress, cancel: CancelToken) -> list[Problem]:
            return holder.workspace.verify(progress=progress, cancel=cancel)

        self._long(
            _("Checking every file of the journal…"),
            verify,
            self._verified,
            self._failed(_("The check did not finish")),
        )

    def _verified(self, problems: list[Problem]) -> None:
        if not problems:
            self._tell(
                "verify_box",
                QMessageBox.Icon.Information,
                _("Journal checked"),
                _("The journal is sound: every file was read and decrypts as it should."),
            )
            return
        lines = "\n".join(f"• {describe_problem(problem)}" for problem in problems)
        self._tell(
            "verify_box",
            QMessageBox.Icon.Warning,
            _("Journal checked"),
            ngettext(
                "The check found {count} problem:",
                "The check found {count} problems:",
                len(problems),
            ).format(count=len(problems))
            + "\n"
            + lines,
            _("Restore the journal from a backup made before the damage (Journal › Restore)."),
        )
