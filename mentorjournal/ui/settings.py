"""The window's own settings: the language, the idle-lock time and journal folders by path.

Nothing else is ever stored here: no name, no passphrase, no key, no record text (DESIGN.md
section 3). The file is an INI file of its own, in a 0700 folder, written 0600.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

from mentorjournal.i18n import Language

APP_NAME = "MentorJournal"
RECENT_LIMIT = 8
DEFAULT_IDLE_MINUTES = 10


def default_settings_file() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "window.ini"


class AppSettings:
    """A QSettings file with typed accessors; each change is written at once."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_settings_file()
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _sync(self) -> None:
        self._qsettings.sync()
        if self.path.exists():
            os.chmod(self.path, 0o600)

    @property
    def language(self) -> Language | None:
        """The language the user chose in the window; None: follow the system."""
        value = self._qsettings.value("language", "")
        try:
            return Language(str(value))
        except ValueError:
            return None

    @language.setter
    def language(self, language: Language) -> None:
        self._qsettings.setValue("language", language.value)
        self._sync()

    @property
    def idle_lock_ms(self) -> int:
        """How long without input before the journal locks itself (0: never)."""
        value = self._qsettings.value("lock/idle_ms", DEFAULT_IDLE_MINUTES * 60_000)
        try:
            return max(0, int(str(value)))
        except ValueError:
            return DEFAULT_IDLE_MINUTES * 60_000

    @idle_lock_ms.setter
    def idle_lock_ms(self, milliseconds: int) -> None:
        self._qsettings.setValue("lock/idle_ms", int(milliseconds))
        self._sync()

    @property
    def recent_journals(self) -> list[Path]:
        """Journal folders opened lately, newest first (paths only)."""
        value = self._qsettings.value("journals/recent", [])
        if isinstance(value, str):  # QSettings gives a lone string for a list of one
            value = [value]
        items: list[object] = list(value) if isinstance(value, list | tuple) else []
        return [Path(str(item)) for item in items if str(item)]

    def remember_journal(self, folder: Path) -> None:
        folder = folder.resolve()
        recent = [folder, *(path for path in self.recent_journals if path != folder)]
        self._qsettings.setValue("journals/recent", [str(path) for path in recent[:RECENT_LIMIT]])
        self._sync()
