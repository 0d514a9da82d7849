"""The Agreement tab: the contract agreed at the first meeting, and who signed it.

One agreement per relationship. The principles are offered as a checklist and stored as a
Markdown list in the user's words; a signature is voided by any later edit of the text, and
the tab says so, with who signed which version, when, and whether the signer's device key
verifies it (in words, never by colour alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from mentorjournal.domain import Agreement, MeetingFormat, Party, RecordKind, Signature
from mentorjournal.i18n import N_, CatalogueMissing, Language, _, load_translation
from mentorjournal.ui.names import error_text, format_name
from mentorjournal.ui.tabs.dates import show_datetime
from mentorjournal.ui.tabs.record_tab import RecordTab
from mentorjournal.ui.tabs.table_model import Column
from mentorjournal.ui.worker import Worker

PRINCIPLES = (N_("space"), N_("respect"), N_("patience"), N_("perseverance"), N_("acceptance"))


@cache
def principle_names(principle: str) -> frozenset[str]:
    """The ways a principle may have been written: in every language of the app."""
    names = {principle.casefold()}
    for language in Language:
        try:
            names.add(load_translation(language).gettext(principle).casefold())
        except CatalogueMissing:
            continue  # a missing catalogue only narrows the match
    return frozenset(names)


def principles_text(chosen: list[str]) -> str:
    return "".join(f"- {_(p)}\n" for p in chosen)


def chosen_principles(text: str) -> set[str]:
    lines = {line.strip().lstrip("-*").strip().casefold() for line in text.splitlines()}
    return {p for p in PRINCIPLES if principle_names(p) & lines}


def signature_text(signature: Signature) -> str:
    """Who signed which version and when, and in words whether the signature holds: verified
    by the signer's device key, a local mark, void after an edit, or not verified at all."""
    when = show_datetime(signature.signed_at.astimezone().replace(tzinfo=None))
    name = signature.name
    if signature.verified is False:  # a forged or altered row never reads as signed
        return _(
            "Not verified: a signature in the name of {name} for version {version}, dated"
            " {when}, does not match their device key. It does not count as signed."
        ).format(name=name, version=signature.version or "?", when=when)
    if signature.version is None:
        parts = [_("Signed by {name} on {when} (version not recorded).")]
    else:
        parts = [_("Signed by {name}: version {version}, on {when}.")]
    if signature.verified:
        parts.append(_("Verified with {name}'s device key."))
    else:
        parts.append(_("No cryptographic signature: marked in this journal."))
    if not signature.valid:
        parts.append(_("This signature is void: the agreement changed after it."))
    return " ".join(parts).format(name=name, version=signature.version, when=when)


class AgreementTab(RecordTab):
    kind = RecordKind.AGREEMENT

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(worker, "agreement", parent)
        # One agreement: no list, and the button to write it sits above the form.
        self.left_panel.setVisible(False)
        self.right_layout.insertWidget(0, self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.sign_me.clicked.connect(lambda: self.sign(Party.ME))
        self.sign_partner.clicked.connect(lambda: self.sign(Party.PARTNER))
        self.model.modelReset.connect(self._one_agreement)
        self.model.rowsInserted.connect(self._one_agreement)
        self.retranslate()

    def columns(self) -> Sequence[Column[Agreement]]:
        return [Column(lambda: _("Agreement"), lambda a: _("Version {n}").format(n=a.version))]

    def build_form(self) -> None:
        self.meeting_format = self.add_combo(
            "meeting_format", N_("Meeting &format:"), MeetingFormat, optional=True
        )
        self.frequency = self.add_line("frequency", N_("F&requency:"))
        self.location = self.add_line("location", N_("&Place:"))
        self.tools = self.add_line("tools", N_("T&ools:"))
        self.duration = self.add_line("duration", N_("D&uration:"))
        self.principle_boxes: dict[str, QCheckBox] = {}
        row = QWidget(self.form_host)
        row.setObjectName("agreement_principles")
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        for principle in PRINCIPLES:
            box = QCheckBox(row)
            box.setObjectName(f"agreement_principle_{principle}")
            box.toggled.connect(lambda _on: self._principles_changed())
            self.principle_boxes[principle] = box
            line.addWidget(box)
        line.addStretch(1)
        self.principles_label = QLabel(self.form_host)
        self.form.addRow(self.principles_label, row)
        self.confidentiality = self.add_markdown("confidentiality", N_("&Confidentiality"))
        self.mentor_expectations = self.add_markdown(
            "mentor_expectations", N_("Mentor's e&xpectations")
        )
        self.mentee_expectations = self.add_markdown(
            "mentee_expectations", N_("Mentee's exp&ectations")
        )
        self.notes = self.add_markdown("notes", N_("Free &text"))
        self.signatures = QLabel(self.form_host)
        self.signatures.setObjectName("agreement_signatures")
        self.signatures.setWordWrap(True)
        self.form.addRow(self.signatures)
        buttons = QWidget(self.form_host)
        row_layout = QHBoxLayout(buttons)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.sign_me = QPushButton(buttons)
        self.sign_me.setObjectName("agreement_sign_me")
        self.sign_partner = QPushButton(buttons)
        self.sign_partner.setObjectName("agreement_sign_partner")
        row_layout.addWidget(self.sign_me)
        row_layout.addWidget(self.sign_partner)
        row_layout.addStretch(1)
        self.form.addRow(buttons)

    def _principles_changed(self) -> None:
        chosen = [p for p in PRINCIPLES if self.principle_boxes[p].isChecked()]
        self._set("principles", principles_text(chosen))

    def _one_agreement(self, *_args: object) -> None:
        self.new_button.setVisible(self.model.rowCount() == 0)

    def fill(self, record: Agreement) -> None:
        self.set_combo(self.meeting_format, record.meeting_format)
        self.frequency.setText(record.frequency)
        self.location.setText(record.location)
        self.tools.setText(record.tools)
        self.duration.setText(record.duration)
        chosen = chosen_principles(record.principles)
        for principle, box in self.principle_boxes.items():
            box.setChecked(principle in chosen)
        self.confidentiality.set_text(record.confidentiality)
        self.mentor_expectations.set_text(record.mentor_expectations)
        self.mentee_expectations.set_text(record.mentee_expectations)
        self.notes.set_text(record.notes)
        self._show_signatures(record)

    def clear_form(self) -> None:
        super().clear_form()
        self.meeting_format.setCurrentIndex(0)
        for box in self.principle_boxes.values():
            box.setChecked(False)
        self.signatures.clear()

    def _show_signatures(self, record: Agreement | None) -> None:
        if record is None:
            self.signatures.clear()
            return
        lines = [signature_text(signature) for signature in record.signatures]
        self.signatures.setText("\n".join(lines) or _("Not signed yet."))

    def _saved(self, record: Any) -> None:
        super()._saved(record)
        if isinstance(record, Agreement) and record.id == self.autosave.record_id:
            self._show_signatures(record)

    def sign(self, party: Party) -> None:
        record_id = self.autosave.record_id
        if record_id is None:
            return
        self.autosave.save_now()  # the signature covers the text as it is now
        self._worker.submit(
            lambda holder: holder.workspace.records.sign_agreement(record_id, party),
            self._saved,
            lambda error: self.show_state(
                _("Not signed: {reason}").format(reason=error_text(error))
            ),
            owner=self,
        )

    def new_values(self) -> dict[str, Any]:
        return {}

    def retranslate_tab(self) -> None:
        self.new_button.setText(_("&Write the agreement"))
        self.view.setAccessibleName(_("Versions of the agreement"))
        self.principles_label.setText(_("Principles:"))
        for principle, box in self.principle_boxes.items():
            box.setText(_(principle).capitalize())
        self.sign_me.setText(_("Sign as &me"))
        self.sign_partner.setText(_("Mark signed by my &partner"))
        record = self.current_record()
        self._show_signatures(record if isinstance(record, Agreement) else None)
        self.meeting_format.setItemText(0, format_name(None))
