"""Where journals live and what a folder is, for both front ends.

The default journal folder and the instance-lock folder come from the platform's user folders
(platformdirs). A journal folder placed inside a folder that a sync tool replicates gets a
warning from the front ends: a live SQLite database copied by Dropbox & co. while it is being
written ends up corrupted (DESIGN.md section 3). Detection looks at the folder and its parents
for the marks each tool leaves and for the names the tools give their folders.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "MentorJournal"
# The files that make a folder a journal (DESIGN.md section 3).
JOURNAL_FILES = ("journal.key", "journal.db")

# Files or folders a sync tool keeps at the root of what it replicates.
_MARKERS: tuple[tuple[str, str], ...] = (
    (".stfolder", "Syncthing"),
    (".dropbox", "Dropbox"),
    (".dropbox.cache", "Dropbox"),
    (".owncloudsync.log", "Nextcloud"),
    (".nextcloudsync.log", "Nextcloud"),
)
_MARKER_PREFIXES: tuple[tuple[str, str], ...] = ((".sync_", "Nextcloud"),)
# Folder names the tools create by default.
_NAMES: tuple[tuple[str, str], ...] = (
    ("dropbox", "Dropbox"),
    ("onedrive", "OneDrive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "Nextcloud"),
)


def default_journal_dir() -> Path:
    """``MentorJournal/journal`` in the platform's user data folder."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "journal"


def default_lock_dir() -> Path:
    """Instance locks live in the user cache folder, which no sync tool replicates."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "locks"


def is_journal(root: Path) -> bool:
    """True when ``root`` is a folder holding a journal's files (whole or not).

    A folder that cannot be looked into counts as a journal, so that opening it reports what
    is wrong with it and creating one there is refused.
    """
    try:
        return root.is_dir() and any((root / name).exists() for name in JOURNAL_FILES)
    except OSError:
        return True


def file_in_the_way(folder: Path) -> Path | None:
    """The file that stands where ``folder`` or one of its parents should be, if any.

    A journal (or an export's folder) cannot be made there: ``folder`` itself is a file, or
    its path runs through one.
    """
    for path in (folder, *folder.parents):
        try:
            if path.exists():
                return None if path.is_dir() else path
        except OSError:
            return None
    return None


def replicating_tool(folder: Path) -> str | None:
    """The name of the sync tool that seems to replicate ``folder``, if any."""
    try:
        resolved = folder.expanduser().resolve()
    except (OSError, RuntimeError):  # a symlink loop, a folder we may not look at
        return None
    for current in (resolved, *resolved.parents):
        found = _tool_marked_in(current) or _tool_named(current.name)
        if found:
            return found
    return None


def _tool_marked_in(directory: Path) -> str | None:
    try:
        for marker, tool in _MARKERS:
            if (directory / marker).exists():
                return tool
        names = [entry.name for entry in directory.iterdir()] if directory.is_dir() else []
    except OSError:  # a parent we may not read tells us nothing
        return None
    for prefix, tool in _MARKER_PREFIXES:
        if any(name.startswith(prefix) and name.endswith(".db") for name in names):
            return tool
    return None


def _tool_named(name: str) -> str | None:
    lowered = name.lower()
    if lowered == "sync":  # Syncthing's default folder is exactly "Sync"
        return "Syncthing"
    for prefix, tool in _NAMES:
        if lowered == prefix or lowered.startswith((prefix + " ", prefix + "-")):
            return tool
    return None
