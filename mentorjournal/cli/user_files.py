"""Files the user names on the command line: text and attachments to read, exports to write.

Only these files are ever written outside the journal, and only where the user asked.
"""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path

from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.domain import DiskFull, JournalReadOnly
from mentorjournal.i18n import _


def read_bytes(path: Path) -> bytes:
    """A file the user named, or a clear error (missing: exit 4, unreadable: exit 1)."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise CliError(
            _("Cannot read {path}: there is no such file.").format(path=path), ExitCode.NOT_FOUND
        ) from None
    except OSError:
        raise CliError(_("Cannot read {path}.").format(path=path), ExitCode.FAILURE) from None


def read_text_file(path: Path) -> str:
    try:
        return read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(_("{path} is not UTF-8 text.").format(path=path), ExitCode.USAGE) from None


def require_file(path: Path) -> Path:
    if not path.is_file():
        raise CliError(
            _("Cannot read {path}: there is no such file.").format(path=path), ExitCode.NOT_FOUND
        )
    return path


def refuse_existing(path: Path, *, force: bool = False) -> None:
    """Never overwrite a file the user already has unless they said so."""
    if path.exists() and not force:
        raise CliError(
            _("{path} already exists; choose another name or add --force.").format(path=path),
            ExitCode.FAILURE,
        )


def write_new_file(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path``; an existing file is replaced only with ``force``."""
    refuse_existing(path, force=force)
    opened = False
    try:
        with open(path, "wb" if force else "xb") as handle:
            opened = True
            handle.write(data)
    except FileExistsError:
        raise CliError(
            _("{path} already exists; choose another name or add --force.").format(path=path),
            ExitCode.FAILURE,
        ) from None
    except OSError as error:
        if opened:  # a half-written copy is of no use to anyone
            with contextlib.suppress(OSError):
                path.unlink()
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            raise DiskFull(path) from None
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise JournalReadOnly(path) from None
        raise CliError(_("Cannot write {path}.").format(path=path), ExitCode.FAILURE) from None
