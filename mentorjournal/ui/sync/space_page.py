"""The page of the Sync panel for a space that exists: what it is, who is in it, what went wrong.

Its lists are plain lists a screen reader walks line by line: the requests waiting (each
with its safety phrase), the devices, the files set aside with the reason in words, and the
notices kept. The panel (:mod:`.panel`) decides what is enabled and what the buttons do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.domain.sync import JoinRequest
from mentorjournal.i18n import _
from mentorjournal.services.sync_watch import SpaceDetails
from mentorjournal.ui.sync import words
from mentorjournal.ui.sync.words import SELECTABLE


def _list(parent: QWidget, name: str) -> QListWidget:
    view = QListWidget(parent)
    view.setObjectName(name)
    view.setWordWrap(True)
    # As tall as its lines, up to about six; a longer list scrolls.
    view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    view.setMaximumHeight(view.fontMetrics().lineSpacing() * 6 + 2 * view.frameWidth() + 4)
    return view


def _label(parent: QWidget, name: str, selectable: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and paths come from the folder
    label.setObjectName(name)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(SELECTABLE)
    return label


def _button(parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    return button


def _boxed(box: QGroupBox, *widgets: QWidget) -> None:
    """A box: its list and notes one under the other, then its buttons in a row."""
    layout = QVBoxLayout(box)
    buttons = QHBoxLayout()
    for widget in widgets:
        if isinstance(widget, QPushButton):
            buttons.addWidget(widget)
        else:
            layout.addWidget(widget)
    if buttons.count():
        buttons.addStretch(1)
        layout.addLayout(buttons)


class SpacePage(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_scroll")
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        shared = QWidget()
        self.summary = _label(shared, "sync_summary", selectable=True)
        self.phrase = _label(shared, "sync_phrase", selectable=True)
        self.sync_button = _button(shared, "sync_now")
        self.requests_box = QGroupBox(shared)
        self.requests = _list(self.requests_box, "sync_requests")
        self.approve_button = _button(self.requests_box, "sync_approve")
        self.refuse_button = _button(self.requests_box, "sync_refuse")
        self.devices_box = QGroupBox(shared)
        self.devices = _list(self.devices_box, "sync_devices")
        self.remove_button = _button(self.devices_box, "sync_remove")
        self.remove_note = _label(self.devices_box, "sync_remove_note")
        self.aside_box = QGroupBox(shared)
        self.set_aside = _list(self.aside_box, "sync_set_aside")
        self.notices_box = QGroupBox(shared)
        self.notices = _list(self.notices_box, "sync_notices")
        self.leave_button = _button(shared, "sync_leave")

        _boxed(self.requests_box, self.requests, self.approve_button, self.refuse_button)
        _boxed(self.devices_box, self.devices, self.remove_note, self.remove_button)
        _boxed(self.aside_box, self.set_aside)
        _boxed(self.notices_box, self.notices)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(shared)
        layout.addLayout(top)
        layout.addWidget(self.phrase)
        for box in (self.requests_box, self.devices_box, self.aside_box, self.notices_box):
            layout.addWidget(box)
        layout.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.setWidget(shared)

    def clear_page(self) -> None:
        for view in (self.requests, self.devices, self.set_aside, self.notices):
            view.clear()
        self.summary.clear()
        self.summary.setAccessibleDescription("")
        self.phrase.clear()
        self.phrase.setAccessibleName("")

    def fill(self, details: SpaceDetails, pending: list[JoinRequest]) -> None:
        """Show ``details``; ``pending`` are the requests still to answer."""
        self.clear_page()
        summary = "\n".join(words.summary_lines(details.status, details.folder_reachable))
        self.summary.setText(summary)
        self.summary.setAccessibleDescription(summary)
        phrase = _(
            "This device's safety phrase (read it to your partner when pairing): {phrase}"
        ).format(phrase=details.own_phrase)
        self.phrase.setText(phrase)
        self.phrase.setAccessibleName(phrase)
        self.requests.addItems([words.request_line(r) for r in pending])
        self.requests_box.setVisible(bool(pending))
        self.devices.addItems([words.device_line(d) for d in details.devices])
        self.set_aside.addItems([words.set_aside_line(s) for s in details.set_aside])
        if not details.set_aside:
            self.set_aside.addItem(_("No file set aside."))
        self.notices.addItems([words.notice_line(n) for n in details.notices])
        self.notices_box.setVisible(bool(details.notices))
        if pending:
            self.requests.setCurrentRow(0)

    def retranslate(self) -> None:
        self.summary.setAccessibleName(_("Sharing status"))
        self.sync_button.setText(_("Sync &now"))
        self.sync_button.setToolTip(_("F5 or Ctrl+Shift+S"))
        self.requests_box.setTitle(_("Requests to join"))
        self.requests.setAccessibleName(_("Requests to join, with their safety phrases"))
        self.approve_button.setText(_("A&pprove…"))
        self.refuse_button.setText(_("Ref&use"))
        self.devices_box.setTitle(_("Devices of this shared space"))
        self.devices.setAccessibleName(_("Devices of this shared space"))
        self.remove_button.setText(_("Remove dev&ice…"))
        self.remove_note.setText(
            _(
                "Removing a device gives the others a new key from then on; what it already "
                "received cannot be recalled."
            )
        )
        self.aside_box.setTitle(_("Files set aside, and why"))
        self.set_aside.setAccessibleName(_("Files set aside, and why"))
        self.notices_box.setTitle(_("Notices"))
        self.notices.setAccessibleName(_("Notices about this shared space"))
        self.leave_button.setText(_("&Leave this shared space…"))
