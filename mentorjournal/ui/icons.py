"""Icons the views use, taken from the platform's style so they follow the system theme.

An icon never carries meaning alone: every flagged row also says it in words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QStyle


def _standard(pixmap: QStyle.StandardPixmap) -> QIcon:
    style = QApplication.style()
    return style.standardIcon(pixmap) if style is not None else QIcon()


def warning() -> QIcon:
    """Past the meeting interval, overdue homework."""
    return _standard(QStyle.StandardPixmap.SP_MessageBoxWarning)


def private() -> QIcon:
    """Private notes, never shared with the partner."""
    return _standard(QStyle.StandardPixmap.SP_MessageBoxInformation)


def done() -> QIcon:
    return _standard(QStyle.StandardPixmap.SP_DialogApplyButton)


def blank() -> QIcon:
    """Keeps rows without a flag aligned with the flagged ones."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)
