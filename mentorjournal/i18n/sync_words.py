"""Words for the shared-folder sync: why a file was set aside, each notice about a space, and
the sentence of each sync error (gathered into :func:`~.describe.describe_error`).

The sync reports typed values (:mod:`mentorjournal.domain.sync`); the command line and the
window put them into words here. A test walks both enums, so a new value without words fails.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from mentorjournal.domain.errors import (
    ChangesRejected,
    MentorJournalError,
    NewerChangesFormat,
    PartnerClockAhead,
)
from mentorjournal.domain.sync import (
    AlreadySynced,
    AttachmentPending,
    DeviceCloned,
    DeviceNotFound,
    NewerSyncFormat,
    NoSpaceInFolder,
    Notice,
    NoticeKind,
    NotSpaceOwner,
    SetAsideReason,
    SpaceNotFound,
    SyncError,
    SyncFolderUnusable,
)
from mentorjournal.i18n import _, ngettext

Describer = Callable[[MentorJournalError], str]


def describe_set_aside(reason: SetAsideReason) -> str:
    """Why a file of a shared folder was set aside (it stays where it is)."""
    texts: dict[SetAsideReason, str] = {
        SetAsideReason.IN_PROGRESS: _("still being written by the sync tool"),
        SetAsideReason.CONFLICTED_COPY: _("a copy the sync tool made; ignored"),
        SetAsideReason.UNEXPECTED: _("not a file MentorJournal writes"),
        SetAsideReason.TRUNCATED: _("incomplete (truncated)"),
        SetAsideReason.NOT_OURS: _("not a MentorJournal file"),
        SetAsideReason.NEWER_FORMAT: _("written by a newer MentorJournal; update to read it"),
        SetAsideReason.OTHER_SPACE: _("belongs to another shared folder"),
        SetAsideReason.MOVED: _("moved from another device's folder"),
        SetAsideReason.RENAMED: _("an old file put back under a new name (replayed)"),
        SetAsideReason.UNKNOWN_DEVICE: _("from a device nobody approved"),
        SetAsideReason.REMOVED_DEVICE: _("from a device after it was removed"),
        SetAsideReason.TAMPERED: _("altered or forged: its signature does not match"),
        SetAsideReason.NO_KEY: _("sealed with a key this journal was not given"),
        SetAsideReason.UNREADABLE: _("does not decrypt with the shared key"),
        SetAsideReason.FORKED: _(
            "does not follow its device's previous file (a restored or copied device?)"
        ),
    }
    return texts[reason]


def describe_notice(notice: Notice) -> str:
    """One line about a shared space; nothing is ever deleted because of it."""
    if notice.kind is NoticeKind.CLOCK_AHEAD:
        return ngettext(
            "Device {device}'s clock is {count} day ahead; its changes still apply.",
            "Device {device}'s clock is {count} days ahead; its changes still apply.",
            notice.count,
        ).format(device=notice.device[:8], count=notice.count)
    if notice.kind is NoticeKind.RESTORED_AFTER_DELETE:
        return ngettext(
            "{count} deleted record is back: device {device} edited it while the delete "
            "travelled. Delete it again if it should go.",
            "{count} deleted records are back: device {device} edited them while the delete "
            "travelled. Delete them again if they should go.",
            notice.count,
        ).format(device=notice.device[:8], count=notice.count)
    texts: dict[NoticeKind, str] = {
        NoticeKind.ROLLED_BACK: _(
            "Device {device}'s files went back to an older state (the folder was restored or "
            "rolled back); nothing was deleted, and its newer changes are kept."
        ),
        NoticeKind.WAITING: _(
            "Waiting for file {count} of device {device}; the later ones apply once it arrives."
        ),
        NoticeKind.CLOCK_AHEAD: "",
        NoticeKind.RESTORED_AFTER_DELETE: "",
        NoticeKind.FOLDER_MISSING: _(
            "The shared folder is empty or gone; nothing was deleted from the journal."
        ),
        NoticeKind.OWN_DEVICE_CLONED: _(
            "Another copy of this journal writes as this device (restored from a backup, or "
            "copied); this copy stopped writing. Leave the space and join it again."
        ),
        NoticeKind.BLOB_PENDING: _("An attachment has not arrived yet; it is shown as pending."),
        NoticeKind.AWAITING_APPROVAL: _(
            "Waiting for the owner to approve this device (compare the safety phrase)."
        ),
        NoticeKind.REMOVED: _(
            "The owner removed this device from the shared space; it no longer syncs."
        ),
        NoticeKind.DISK_FULL: _(
            "The shared folder cannot be written (disk full or read-only); the changes wait "
            "and are written at the next sync."
        ),
        NoticeKind.CHANGES_WAITING: _(
            "Changes from device {device} wait: they were written by a newer version of the "
            "app, or by a clock more than a day ahead of this one. They apply once this app "
            "is updated or the clocks agree; nothing is lost."
        ),
        NoticeKind.CHANGES_UNREADABLE: _(
            "Changes from device {device} cannot be read, although the device signed them; "
            "they and its later changes wait, and nothing of them was applied."
        ),
    }
    return texts[notice.kind].format(device=notice.device[:8], count=notice.count)


def _changes_rejected(error: MentorJournalError) -> str:
    if isinstance(error, NewerChangesFormat):
        return _(
            "Changes from another device were written by a newer MentorJournal; they wait "
            "until you update MentorJournal. Nothing else is affected."
        )
    return _("Changes from another device could not be read; they were set aside, nothing applied.")


def _clock_ahead(error: MentorJournalError) -> str:
    assert isinstance(error, PartnerClockAhead)
    hours = error.ahead_seconds // 3600
    return ngettext(
        "Changes from another device wait: its clock is {count} hour ahead of this one. "
        "Check the date and time of both devices.",
        "Changes from another device wait: its clock is {count} hours ahead of this one. "
        "Check the date and time of both devices.",
        hours,
    ).format(count=hours)


def _sync_what(error: MentorJournalError) -> str:
    if isinstance(error, SpaceNotFound):
        text = _(
            "“{what}” is not shared through a folder; `mentorjournal sync status` lists what is."
        )
    elif isinstance(error, AlreadySynced):
        text = _("“{what}” is already shared through a folder; nothing was changed.")
    elif isinstance(error, DeviceNotFound):
        text = _("No device or request has the id “{what}” (give at least its first 4 characters).")
    elif isinstance(error, NotSpaceOwner):
        text = _("Only the device that started this shared space approves or removes devices.")
    else:
        assert isinstance(error, DeviceCloned)
        text = _(
            "Another copy of this journal (restored from a backup, or copied to another "
            "computer) writes to the shared folder as this device; this copy stopped writing. "
            "Leave the space and join it again to go on."
        )
    what = getattr(error, "device", None) or getattr(error, "what", "")
    return text.format(what=what)


def _newer_sync(error: MentorJournalError) -> str:
    assert isinstance(error, NewerSyncFormat)
    return _(
        "The shared folder was set up by a newer MentorJournal (format {found}; this version "
        "reads up to {supported}); update MentorJournal to sync it."
    ).format(found=error.found, supported=error.supported)


def sync_describers(
    with_path: Callable[[str, MentorJournalError], str],
) -> dict[type[MentorJournalError], Describer]:
    """Each sync error class with its sentence; ``with_path`` fills a ``{path}`` sentence."""
    simple: dict[type[MentorJournalError], str] = {
        SyncError: _("Sync failed; nothing in the journal was lost."),
        SyncFolderUnusable: _("{path} is not a folder; give an existing folder to share through."),
        NoSpaceInFolder: _(
            "{path} holds no shared space to join (or not of this kind); ask your partner for "
            "the folder they started with `sync start`."
        ),
        AttachmentPending: _(
            "The attached file {path} has not arrived through the shared folder yet; it is "
            "fetched at a later sync."
        ),
    }
    describers: dict[type[MentorJournalError], Describer] = {
        cls: functools.partial(with_path, text) for cls, text in simple.items()
    }
    for cls in (SpaceNotFound, AlreadySynced, DeviceNotFound, NotSpaceOwner, DeviceCloned):
        describers[cls] = _sync_what
    describers[NewerSyncFormat] = _newer_sync
    describers[ChangesRejected] = _changes_rejected
    describers[NewerChangesFormat] = _changes_rejected
    describers[PartnerClockAhead] = _clock_ahead
    return describers
