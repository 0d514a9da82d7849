"""Tell whether a journal folder sits inside a folder that a sync tool replicates.

A live SQLite database copied by Dropbox & co. while it is being written ends up corrupted,
so the UI and the command line warn when a journal is created or opened in such a place.
Detection looks at the folder and its parents for the marks each tool leaves.
"""

from __future__ import annotations

from pathlib import Path

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
    ("sync", "Syncthing"),
)


def replicating_tool(folder: Path) -> str | None:
    """The name of the sync tool that seems to replicate ``folder``, if any."""
    resolved = folder.expanduser().resolve()
    for current in (resolved, *resolved.parents):
        found = _tool_marked_in(current) or _tool_named(current.name)
        if found:
            return found
    return None


def _tool_marked_in(directory: Path) -> str | None:
    for marker, tool in _MARKERS:
        if (directory / marker).exists():
            return tool
    try:
        names = [entry.name for entry in directory.iterdir()] if directory.is_dir() else []
    except OSError:
        return None
    for prefix, tool in _MARKER_PREFIXES:
        if any(name.startswith(prefix) and name.endswith(".db") for name in names):
            return tool
    return None


def _tool_named(name: str) -> str | None:
    lowered = name.lower()
    for prefix, tool in _NAMES:
        if prefix == "sync":
            if lowered == "sync":
                return tool
        elif (
            lowered == prefix
            or lowered.startswith(prefix + " ")
            or lowered.startswith(prefix + "-")
        ):
            return tool
    return None
