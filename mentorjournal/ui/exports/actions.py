"""The Journal menu's export and import entries: JSON, Markdown, a calendar, and JSON back in.

Each export opens its form (:class:`ExportDialog`), which says before anything is written
that the export is not encrypted; the work runs on the database worker with progress and
Cancel, and the result is said in words.

Signals:
    status(str): a sentence for the window's status line.
    imported(): records were imported; the window shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from mentorjournal.domain import Cancelled, CancelToken, Progress, Relationship
from mentorjournal.i18n import _, current_language, ngettext
from mentorjournal.i18n.names import field_label, name
from mentorjournal.services.exports import MarkdownOptions, Wording
from mentorjournal.services.importing import ImportResult
from mentorjournal.ui.disposal import dispose, dispose_when_finished
from mentorjournal.ui.errors import describe_error
from mentorjournal.ui.exports.dialog import ExportDialog, ExportKind
from mentorjournal.ui.journal_actions.progress import ProgressRun
from mentorjournal.ui.worker import Holder, Worker

Flush = Callable[[Callable[[], None]], None]


def wording() -> Wording:
    """The words of the readable exports: the window's language when the export starts."""
    return Wording(_, name, field_label, current_language().value)


class ExportActions(QObject):
    status = Signal(str)
    imported = Signal()

    def __init__(
        self,
        worker: Worker,
        window: QWidget,
        flush: Flush,
        current: Callable[[], Relationship | None],
    ) -> None:
        super().__init__(window)
        self._worker = worker
        self._window = window
        self._flush = flush
        self._current = current
        self.dialog: ExportDialog | None = None
        self.import_dialog: QFileDialog | None = None
        self.run: ProgressRun | None = None
        self.box: QMessageBox | None = None
        self.action_export_json = self._action("action_export_json", ExportKind.JSON)
        self.action_export_markdown = self._action("action_export_markdown", ExportKind.MARKDOWN)
        self.action_export_ics = self._action("action_export_ics", ExportKind.ICS)
        self.action_import_json = QAction(window)
        self.action_import_json.setObjectName("action_import_json")
        self.action_import_json.triggered.connect(lambda _checked=False: self.import_json())
        self.retranslate()

    def _action(self, name: str, kind: ExportKind) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: self.export(kind))
        return action

    @property
    def actions(self) -> list[QAction]:
        return [
            self.action_export_json,
            self.action_export_markdown,
            self.action_export_ics,
            self.action_import_json,
        ]

    def retranslate(self) -> None:
        self.action_export_json.setText(_("Export to &JSON…"))
        self.action_export_markdown.setText(_("Export to &Markdown…"))
        self.action_export_ics.setText(_("Export sessions to a &calendar (ICS)…"))
        self.action_import_json.setText(_("&Import from JSON…"))

    # -- exports -----------------------------------------------------------------------------

    def export(self, kind: ExportKind) -> None:
        dialog = ExportDialog(kind, self._current(), self._window)
        self.dialog = dialog
        dialog.submitted.connect(lambda: self._submit(dialog))
        dispose_when_finished(dialog)
        dialog.open()

    def _submit(self, dialog: ExportDialog) -> None:
        problem = dialog.problem()
        dialog.show_problem(problem)
        if problem:
            return
        dialog.set_busy(True)
        # What was typed a moment ago is saved before the export reads the journal.
        self._flush(lambda: self._start(dialog))

    def _start(self, dialog: ExportDialog) -> None:
        kind, out, force = dialog.kind, dialog.target(), dialog.replace.isChecked()
        relationship_id = dialog.relationship_id()
        options = MarkdownOptions(
            include_private=dialog.include_private.isChecked(),
            include_diary=dialog.include_diary.isChecked(),
        )
        words = wording()

        def task(holder: Holder, progress: Progress, cancel: CancelToken) -> Path:
            exports = holder.workspace.exports
            if kind is ExportKind.JSON:
                return exports.export_json(
                    out,
                    relationship_id=relationship_id,
                    force=force,
                    progress=progress,
                    cancel=cancel,
                )
            if kind is ExportKind.MARKDOWN:
                return exports.export_markdown(
                    out,
                    wording=words,
                    relationship_id=relationship_id,
                    options=options,
                    force=force,
                    progress=progress,
                    cancel=cancel,
                )
            assert relationship_id is not None
            return exports.export_ics(out, relationship_id, wording=words, force=force)[0]

        def failed(error: BaseException) -> None:
            dialog.set_busy(False)
            if isinstance(error, Cancelled):
                dialog.show_problem(_("Cancelled; nothing was written."))
            else:
                dialog.show_problem(describe_error(error))

        def written(path: Path) -> None:
            dialog.accept()
            self.status.emit(_("Exported to {path}.").format(path=path))
            self._tell(
                "export_done_box",
                QMessageBox.Icon.Information,
                _("Export written"),
                _("The export was written to {path}.").format(path=path),
                _("It is not encrypted: keep it safe, and delete it when you no longer need it."),
            )

        self.run = ProgressRun(
            self._worker, self._window, _("Writing the export…"), task, written, failed
        )

    # -- import ------------------------------------------------------------------------------

    def import_json(self) -> None:
        dialog = QFileDialog(self._window, _("Choose a JSON export to import"), str(Path.home()))
        dialog.setObjectName("import_file_dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(_("JSON exports (*.json)"))
        dialog.fileSelected.connect(lambda selected: self._flush(lambda: self._import(selected)))
        dispose_when_finished(dialog)
        self.import_dialog = dialog
        dialog.open()

    def _import(self, selected: str) -> None:
        path = Path(selected)

        def task(holder: Holder, progress: Progress, cancel: CancelToken) -> ImportResult:
            return holder.workspace.importing.import_json(path, progress=progress, cancel=cancel)

        def done(result: ImportResult) -> None:
            text = ngettext(
                "{count} record was imported.", "{count} records were imported.", result.added
            ).format(count=result.added)
            more = ""
            if result.skipped:
                more = ngettext(
                    "{count} record was in the journal already and was left as it was.",
                    "{count} records were in the journal already and were left as they were.",
                    result.skipped,
                ).format(count=result.skipped)
            self.status.emit(text)
            self._tell("import_done_box", QMessageBox.Icon.Information, _("Imported"), text, more)
            self.imported.emit()

        def failed(error: BaseException) -> None:
            if isinstance(error, Cancelled):
                self.status.emit(_("Cancelled; nothing was changed."))
                return
            self._tell(
                "failure_box",
                QMessageBox.Icon.Warning,
                _("Nothing was imported"),
                describe_error(error),
            )

        self.run = ProgressRun(
            self._worker, self._window, _("Importing the export…"), task, done, failed
        )

    # -- shared ------------------------------------------------------------------------------

    def _tell(
        self, object_name: str, icon: QMessageBox.Icon, title: str, text: str, more: str = ""
    ) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self._window)
        box.setObjectName(object_name)
        box.setInformativeText(more)

        def gone(_code: Any = None) -> None:
            if self.box is box:
                self.box = None
            dispose(box)

        self.box = box
        box.finished.connect(gone)
        box.open()
