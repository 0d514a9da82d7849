"""Relationship › Export closing report…: the options, where to save, and the work on the worker.

The dialog asks what the report holds (private notes or not, a period, its language) and in
which forms (PDF, accessible HTML, or both), and says that the files are not encrypted. A save
dialog then asks for the file; with both forms the HTML goes beside the PDF under the same
name. The export runs on the database worker with a progress dialog and Cancel, and the
result is said in words.

Signals (of :class:`ReportExport`):
    status(str): a sentence for the window's status line.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain import Cancelled, CancelToken, Progress, Relationship
from mentorjournal.i18n import Language, _, current_language
from mentorjournal.services.reports import ReportFormat, ReportOptions, export_report
from mentorjournal.ui.disposal import dispose_when_finished
from mentorjournal.ui.errors import describe_error
from mentorjournal.ui.journal_actions.progress import ProgressRun
from mentorjournal.ui.worker import Holder, Worker

Flush = Callable[[Callable[[], None]], None]
_LANGUAGE_NAMES = {Language.ENGLISH: "English", Language.POLISH: "Polski"}


class ReportDialog(QDialog):
    """The report's options; OK only when at least one form is chosen and the period holds."""

    def __init__(self, parent: QWidget, relationship: Relationship) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.relationship = relationship
        self.include_private = self._check("report_include_private")
        self.limit_from = self._check("report_limit_from")
        self.limit_to = self._check("report_limit_to")
        self.date_from = self._date("report_from", relationship.started_on)
        self.date_to = self._date("report_to", relationship.ended_on)
        self.language = QComboBox(self)
        self.language.setObjectName("report_language")
        for language, name in _LANGUAGE_NAMES.items():
            self.language.addItem(name, language.value)
        self.language.setCurrentIndex(self.language.findData(current_language().value))
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.pdf = self._check("report_pdf", checked=True)
        self.html = self._check("report_html")
        self.notice = QLabel(self)
        self.notice.setObjectName("report_notice")
        self.notice.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("report_error")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("report_ok")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.include_private)
        for check, edit in ((self.limit_from, self.date_from), (self.limit_to, self.date_to)):
            row = QHBoxLayout()
            row.addWidget(check)
            row.addWidget(edit, 1)
            form.addRow(row)
            check.toggled.connect(edit.setEnabled)
            edit.setEnabled(False)
        form.addRow(self.language_label, self.language)
        form.addRow(self.pdf)
        form.addRow(self.html)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        order = (
            self.include_private,
            self.limit_from,
            self.date_from,
            self.limit_to,
            self.date_to,
            self.language,
            self.pdf,
            self.html,
            self.buttons,
        )
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.setMinimumWidth(480)
        self.retranslate()

    def _check(self, name: str, *, checked: bool = False) -> QCheckBox:
        box = QCheckBox(self)
        box.setObjectName(name)
        box.setChecked(checked)
        return box

    def _date(self, name: str, day: date | None) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
        return edit

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export the closing report"))
        self.include_private.setText(_("Include &private notes and private records"))
        self.limit_from.setText(_("Only &from"))
        self.limit_to.setText(_("Only &until"))
        self.date_from.setAccessibleName(_("First day of the report"))
        self.date_to.setAccessibleName(_("Last day of the report"))
        self.language_label.setText(_("&Language of the report:"))
        self.pdf.setText(_("P&DF, to print or hand over"))
        self.html.setText(_("Accessible &HTML, for screen readers"))
        self.notice.setText(
            _(
                "The exported files are not encrypted: anyone who gets them can read them. "
                "They are written only where you choose."
            )
        )
        self.ok.setText(_("&Export…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def options(self) -> ReportOptions:
        return ReportOptions(
            include_private=self.include_private.isChecked(),
            date_from=_day(self.date_from) if self.limit_from.isChecked() else None,
            date_to=_day(self.date_to) if self.limit_to.isChecked() else None,
            language=Language(self.language.currentData()),
        )

    def formats(self) -> list[ReportFormat]:
        chosen = ((self.pdf, ReportFormat.PDF), (self.html, ReportFormat.HTML))
        return [report_format for box, report_format in chosen if box.isChecked()]

    def problem(self) -> str:
        """Why the choices cannot be exported, in words; empty when they can."""
        if not self.formats():
            return _("Choose PDF, HTML or both.")
        options = self.options()
        if options.date_from and options.date_to and options.date_from > options.date_to:
            return _("The first day of the report is after its last day.")
        return ""

    def _submit(self) -> None:
        self.error.setText(self.problem())
        if not self.error.text():
            self.accept()


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class ReportExport(QObject):
    status = Signal(str)

    def __init__(
        self,
        worker: Worker,
        window: QWidget,
        current: Callable[[], Relationship | None],
        flush: Flush,
    ) -> None:
        super().__init__(window)
        self._worker = worker
        self._window = window
        self._current = current
        self._flush = flush
        self.dialog: ReportDialog | None = None
        self.save_dialog: QFileDialog | None = None
        self.run: ProgressRun | None = None
        self.box: QMessageBox | None = None
        self.action = QAction(window)
        self.action.setObjectName("action_export_report")
        self.action.triggered.connect(lambda _checked=False: self.start())
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(_("Export closing &report…"))

    def start(self) -> None:
        """Ask for the options of the chosen relationship's report."""
        relationship = self._current()
        if relationship is None:
            return
        dialog = ReportDialog(self._window, relationship)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._choose_file(dialog))
        dispose_when_finished(dialog)
        dialog.open()

    def _choose_file(self, dialog: ReportDialog) -> None:
        formats, options = dialog.formats(), dialog.options()
        relationship = dialog.relationship
        suffix = formats[0].value
        name = f"{relationship.title or ', '.join(relationship.partner_names)}.{suffix}"
        chooser = QFileDialog(
            self._window, _("Save the closing report"), str(Path.home() / name.replace("/", "-"))
        )
        chooser.setObjectName("report_save_dialog")
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix(suffix)
        chooser.setNameFilter(
            _("PDF files (*.pdf)") if suffix == "pdf" else _("HTML files (*.html)")
        )
        chooser.fileSelected.connect(
            lambda chosen: self._export(relationship.id, Path(chosen), formats, options)
        )
        dispose_when_finished(chooser)
        self.save_dialog = chooser
        chooser.open()

    def _export(
        self,
        relationship_id: str,
        chosen: Path,
        formats: list[ReportFormat],
        options: ReportOptions,
    ) -> None:
        # The file the user chose may be replaced (the save dialog asked); a file beside it
        # never is, and it is written first, so a refusal leaves nothing half done.
        targets = [(f, chosen.with_suffix(f".{f.value}")) for f in formats]
        targets.sort(key=lambda target: target[1] == chosen)

        def export(holder: Holder, progress: Progress, cancel: CancelToken) -> list[Path]:
            return [
                export_report(
                    holder.workspace,
                    relationship_id,
                    target,
                    report_format,
                    options,
                    force=target == chosen,
                    progress=progress,
                    cancel=cancel,
                )
                for report_format, target in targets
            ]

        def start() -> None:
            self.run = ProgressRun(
                self._worker,
                self._window,
                _("Writing the closing report…"),
                export,
                self._written,
                self._failed,
            )

        self._flush(start)  # what was typed a moment ago is in the report

    def _written(self, paths: list[Path]) -> None:
        listed = "\n".join(str(path) for path in paths)
        self.status.emit(
            _("Closing report written to {path}.").format(path=", ".join(map(str, paths)))
        )
        self._tell(
            "report_written_box",
            QMessageBox.Icon.Information,
            _("Closing report written"),
            _("The closing report was written to:\n{paths}").format(paths=listed),
            _("It is not encrypted: keep it where only you and your partner can read it."),
        )

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.status.emit(_("Cancelled; no report was written."))
            return
        self._tell(
            "report_failed_box",
            QMessageBox.Icon.Warning,
            _("No report was written"),
            describe_error(error),
        )

    def _tell(
        self, name: str, icon: QMessageBox.Icon, title: str, text: str, more: str = ""
    ) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self._window)
        box.setObjectName(name)
        box.setInformativeText(more)
        self.box = box
        dispose_when_finished(box)
        box.open()
