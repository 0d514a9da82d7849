"""One Markdown text field: a plain-text editor with a rendered preview beside it.

A keystroke does as little as possible: it marks the field edited (the autosave reads the text
only when it saves) and restarts the preview's timer, so a 20,000-word note stays fast to
type in. The preview is rendered only when shown and only after typing pauses, and the
Markdown is converted on a helper thread (about 70 ms for 20,000 words) so that keys typed
meanwhile are not held up; a rendering of older text is dropped.

Signals:
    edited(): the user changed the text (not emitted by :meth:`set_text`).
    history_requested(): the user asked for the field's earlier versions.
    preview_updated(): the preview shows the text as it was when typing paused.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, ThreadPoolExecutor
from time import perf_counter

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mentorjournal.i18n import _
from mentorjournal.ui import icons
from mentorjournal.ui.editor.preview import SafePreview, render

PREVIEW_DELAY_MS = 400

# One helper thread converts Markdown for every preview; it never touches a widget.
_CONVERTER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="markdown-preview")


class _Rendered(QObject):
    """Carries a converted text from the helper thread to the GUI thread (a queued signal)."""

    done = Signal(int, str)


class MarkdownField(QWidget):
    """Editor, preview toggle, history button and (for private notes) a private marker."""

    edited = Signal()
    history_requested = Signal()
    preview_updated = Signal()

    def __init__(
        self,
        name: str,
        label: str,
        *,
        private: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._label_source = label  # English; translated in retranslate()
        self._private = private
        self._loading = False
        self._render_ms = 0.0
        self._render_number = 0
        self._render_started = 0.0
        self._rendered = _Rendered(self)
        self._rendered.done.connect(self._show_rendered)

        self.label = QLabel(self)
        self.label.setObjectName(f"{name}_label")
        self.private_mark = QLabel(self)
        self.private_mark.setObjectName(f"{name}_private_mark")
        self.private_mark.setVisible(private)
        if private:
            self.private_mark.setPixmap(icons.private().pixmap(16, 16))
        self.private_words = QLabel(self)
        self.private_words.setObjectName(f"{name}_private_words")
        self.private_words.setVisible(private)
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName(f"{name}_preview_button")
        self.preview_button.setCheckable(True)
        self.history_button = QPushButton(self)
        self.history_button.setObjectName(f"{name}_history_button")

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName(f"{name}_editor")
        self.editor.setTabChangesFocus(True)
        self.label.setBuddy(self.editor)
        self.preview = SafePreview(self)
        self.preview.setObjectName(f"{name}_preview")
        self.preview.setVisible(False)

        header = QHBoxLayout()
        header.addWidget(self.label)
        header.addWidget(self.private_mark)
        header.addWidget(self.private_words)
        header.addStretch(1)
        header.addWidget(self.preview_button)
        header.addWidget(self.history_button)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName(f"{name}_splitter")
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._render_preview)
        self.editor.textChanged.connect(self._changed)
        self.preview_button.toggled.connect(self._toggle_preview)
        self.history_button.clicked.connect(self.history_requested)
        self.retranslate()

    # -- content ------------------------------------------------------------------------

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        """Show a record's text; it starts a new undo history and is not an edit."""
        self._loading = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._loading = False
        self._render_now_if_shown()

    def clear(self) -> None:
        self.set_text("")
        self._render_number += 1  # a conversion under way is never shown
        self.preview.clear()

    def _changed(self) -> None:
        if self._loading:
            return
        self.edited.emit()
        if self.preview_button.isChecked():
            # Wait longer after a slow render, so a huge note never renders between keys.
            self._preview_timer.start(max(PREVIEW_DELAY_MS, int(self._render_ms * 3)))

    def _toggle_preview(self, shown: bool) -> None:
        self.preview.setVisible(shown)
        self._render_now_if_shown()

    def _render_now_if_shown(self) -> None:
        if self.preview_button.isChecked():
            self._render_preview()
        else:
            self._render_number += 1
            self.preview.clear()

    def _render_preview(self) -> None:
        self._render_number += 1
        number = self._render_number
        self._render_started = perf_counter()
        future = _CONVERTER.submit(render, self.editor.toPlainText())
        signal = self._rendered

        def converted(done: Future[str]) -> None:
            with contextlib.suppress(RuntimeError):  # the field was deleted meanwhile
                signal.done.emit(number, done.result())

        future.add_done_callback(converted)

    def _show_rendered(self, number: int, html: str) -> None:
        if number != self._render_number or not self.preview_button.isChecked():
            return  # older text, or the preview was closed meanwhile
        self.preview.setHtml(html)
        self.preview_updated.emit()
        self._render_ms = (perf_counter() - self._render_started) * 1000

    # -- words --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.label.setText(_(self._label_source))
        self.editor.setAccessibleName(_(self._label_source).replace("&", ""))
        self.preview.setAccessibleName(
            _("Preview of {field}").format(field=_(self._label_source).replace("&", ""))
        )
        self.private_words.setText(_("Private: never shared with your partner"))
        self.private_mark.setAccessibleName(_("Private"))
        self.preview_button.setText(_("Pre&view"))
        self.preview_button.setToolTip(_("Show the text as it will look"))
        self.history_button.setText(_("&History…"))
        self.history_button.setToolTip(_("Earlier versions of this text, with restore"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
