"""The Materials tab: links, notes and files (stored encrypted), each private or shared.

A file is read and written on the worker, and only where the user chose in a file dialog.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from mentorjournal.domain import Material, RecordKind, Scope
from mentorjournal.i18n import N_, _
from mentorjournal.safe_files import atomic_writer
from mentorjournal.ui.names import error_text, scope_name
from mentorjournal.ui.tabs.record_tab import RecordTab
from mentorjournal.ui.tabs.table_model import Column
from mentorjournal.ui.worker import Worker


def _what(material: Material) -> str:
    if material.attachment_name:
        return _("file: {name}").format(name=material.attachment_name)
    if material.url:
        return material.url
    return _("note")


class MaterialsTab(RecordTab):
    kind = RecordKind.MATERIAL

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(worker, "materials", parent)
        self.attach_button = QPushButton(self)
        self.attach_button.setObjectName("materials_attach")
        self.attach_button.clicked.connect(self.attach_file)
        self.button_row.insertWidget(1, self.attach_button)
        self.save_file.clicked.connect(self.save_attachment)
        self.retranslate()

    def columns(self) -> Sequence[Column[Material]]:
        return [
            Column(lambda: _("Material"), lambda m: m.title),
            Column(lambda: _("What"), _what),
            Column(lambda: _("Shared"), lambda m: scope_name(m.scope)),
        ]

    def build_form(self) -> None:
        self.title = self.add_line("title", N_("&Title:"))
        self.url = self.add_line("url", N_("&Link:"))
        self.scope = self.add_combo("scope", N_("&Visible to:"), Scope)
        row = QWidget(self.form_host)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.file_name = QLabel(row)
        self.file_name.setObjectName("materials_file_name")
        self.save_file = QPushButton(row)
        self.save_file.setObjectName("materials_save_file")
        line.addWidget(self.file_name, 1)
        line.addWidget(self.save_file)
        self.file_label = QLabel(self.form_host)
        self.file_label.setBuddy(self.save_file)
        self.form.addRow(self.file_label, row)
        self.note = self.add_markdown("note", N_("&Note"))

    def fill(self, record: Material) -> None:
        self.title.setText(record.title)
        self.url.setText(record.url)
        self.set_combo(self.scope, record.scope)
        self.file_name.setText(record.attachment_name or _("no file"))
        self.save_file.setEnabled(record.attachment_id is not None)
        self.note.set_text(record.note)

    def clear_form(self) -> None:
        super().clear_form()
        self.file_name.clear()
        self.save_file.setEnabled(False)

    def new_values(self) -> dict[str, Any]:
        return {"title": _("New material")}

    def attach_file(self) -> None:
        relationship = self.relationship
        if relationship is None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(self, _("Attach a file"))
        if not chosen:
            return
        path = Path(chosen)
        values = {"relationship_id": relationship.id, "title": path.name}
        self._worker.submit(
            lambda holder: holder.workspace.records.add_material_file(
                values, path.name, path.read_bytes()
            ),
            self._created,
            lambda error: self.show_state(
                _("Not added: {reason}").format(reason=error_text(error))
            ),
            owner=self,
        )

    def save_attachment(self) -> None:
        record = self.current_record()
        if not isinstance(record, Material) or record.attachment_id is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the file as"), record.attachment_name or ""
        )
        if not chosen:
            return
        target = Path(chosen)
        material_id = record.id

        def save(holder: Any) -> None:
            _name, data = holder.workspace.records.read_attachment(material_id)
            with atomic_writer(target) as handle:
                if hasattr(os, "fchmod"):
                    os.fchmod(handle.fileno(), 0o600)  # decrypted content: the owner only
                handle.write(data)

        self._worker.submit(
            save,
            lambda _result: self.show_state(_("Saved to {path}.").format(path=str(target))),
            lambda error: self.show_state(
                _("Not saved: {reason}").format(reason=error_text(error))
            ),
            owner=self,
        )

    def retranslate_tab(self) -> None:
        # No mnemonic: the tab bar and the menus hold the letters; Tab reaches the list.
        self.list_label.setText(_("Materials:"))
        self.view.setAccessibleName(_("Materials"))
        self.new_button.setText(_("&New link or note"))
        if hasattr(self, "attach_button"):
            self.attach_button.setText(_("Attach a &file…"))
        self.file_label.setText(_("File:"))
        self.save_file.setText(_("&Save the file as…"))
