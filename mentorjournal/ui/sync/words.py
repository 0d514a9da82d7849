"""What the sync panel says: states, devices, files set aside, notices, a sync's outcome.

Reasons and notices are worded once, in :mod:`mentorjournal.i18n.describe` (shared with the
command line); this module only arranges them into the window's lines. Everything is
translated when called.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from mentorjournal.domain.sync import (
    DeviceInfo,
    JoinRequest,
    NoSpaceInFolder,
    SetAside,
    SpaceNotFound,
    SpaceReport,
    SpaceRole,
    SpaceState,
    SpaceStatus,
)
from mentorjournal.i18n import _, ngettext
from mentorjournal.i18n.sync_words import describe_notice, describe_set_aside
from mentorjournal.services.sync_watch import KeptNotice
from mentorjournal.ui.errors import describe_error
from mentorjournal.ui.tabs.dates import show_datetime

# Texts a user may copy (a folder, a safety phrase), and reach with Tab to have them read.
SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


def _local(moment: datetime | None) -> str:
    if moment is None:
        return _("never")
    return show_datetime(moment.astimezone().replace(tzinfo=None))


def sync_error_text(error: BaseException) -> str:
    """Why a sync step failed, in the window's words (the shared ones name commands)."""
    if isinstance(error, NoSpaceInFolder):
        return _(
            "{path} holds no shared space to join; ask your partner for the folder they "
            "shared (or, for your own devices, choose an empty folder on the first one)."
        ).format(path=error.path)
    if isinstance(error, SpaceNotFound):
        return _("This relationship is not shared through a folder (any more).")
    return describe_error(error)


def state_text(state: SpaceState) -> str:
    texts = {
        SpaceState.AWAITING: _(
            "Waiting for approval: the owner compares the safety phrase, then approves."
        ),
        SpaceState.ACTIVE: _("active, syncing"),
        SpaceState.CLONED: _(
            "Stopped: another copy of this journal writes as this device. Leave and join again."
        ),
        SpaceState.REMOVED: _("Stopped: the owner removed this device."),
    }
    return texts[state]


def summary_lines(status: SpaceStatus, reachable: bool) -> list[str]:
    """The space in a few lines: folder, who owns it, state, last sync, partner's activity."""
    role = (
        _("This device started the sharing and approves devices.")
        if status.role is SpaceRole.OWNER
        else _("This device joined; the partner's device approves devices.")
    )
    lines = [
        _("Shared through the folder {folder}").format(folder=status.folder),
        role,
        _("State: {state}").format(state=state_text(status.state)),
        _("Last sync: {moment}").format(moment=_local(status.last_sync)),
        _("Partner's last activity: {moment}").format(moment=_local(status.partner_activity)),
    ]
    if not reachable:
        lines.append(
            _(
                "The folder cannot be found now; nothing is deleted, and syncing resumes when "
                "it is back."
            )
        )
    return lines


def device_line(device: DeviceInfo) -> str:
    who = device.name
    if device.this_device:
        who = _("{name} (this device)").format(name=device.name)
    if device.removed:
        state = _("removed")
    elif device.role is SpaceRole.OWNER:
        state = _("owner")
    else:
        state = _("member")
    return _("{who}, {state}, device {id}, last activity: {moment}").format(
        who=who, state=state, id=device.device_id[:8], moment=_local(device.last_activity)
    )


def request_line(request: JoinRequest) -> str:
    return _("{name} (device {id}): safety phrase “{phrase}”").format(
        name=request.name, id=request.device_id[:8], phrase=request.safety_phrase
    )


def set_aside_line(item: SetAside) -> str:
    return _("{path}: {reason}").format(path=item.path, reason=describe_set_aside(item.reason))


def notice_line(kept: KeptNotice) -> str:
    return _("{moment}: {notice}").format(
        moment=_local(kept.noted_at), notice=describe_notice(kept.notice)
    )


def report_text(reports: list[SpaceReport]) -> str:
    """One line after a sync: what was sent and received, and what was set aside."""
    if not reports:
        return _("Nothing is shared through a folder yet.")
    written = sum(r.written for r in reports)
    applied = sum(r.applied for r in reports)
    aside = sum(len(r.set_aside) for r in reports)
    parts = [
        ngettext("Synced: {count} change sent", "Synced: {count} changes sent", written).format(
            count=written
        ),
        ngettext("{count} received", "{count} received", applied).format(count=applied),
    ]
    if aside:
        parts.append(
            ngettext("{count} file set aside", "{count} files set aside", aside).format(count=aside)
        )
    notices = [describe_notice(n) for r in reports for n in r.notices]
    return "; ".join(parts) + "." + "".join(f" {text}" for text in notices)
