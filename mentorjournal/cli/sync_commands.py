"""``mentorjournal sync ...``: share a relationship with a partner through a folder.

Each command opens the journal, calls :class:`~mentorjournal.services.sync.SyncService`
and prints what it did (JSON with ``--json``). Without ``--relationship``, the commands
that act on one space act on the journal's own-devices space.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from mentorjournal.cli import output
from mentorjournal.cli.context import Context
from mentorjournal.cli.errors import ExitCode
from mentorjournal.domain.sync import DeviceInfo, Enrolment, JoinRequest, SpaceReport, SpaceStatus
from mentorjournal.i18n import _, ngettext
from mentorjournal.i18n.sync_words import describe_notice, describe_set_aside


def _enrolment(ctx: Context, enrolment: Enrolment, joined: bool) -> None:
    def plain() -> str:
        lines = [_("This device: {device}").format(device=enrolment.device_id)]
        if joined:
            lines += [
                _("Safety phrase: {phrase}").format(phrase=enrolment.safety_phrase),
                _("The owner's device words (as their `sync start` showed): {phrase}").format(
                    phrase=enrolment.owner_phrase
                ),
                _(
                    "Compare the safety phrase with your partner by phone or video; they "
                    "approve this device with `sync approve`."
                ),
            ]
        else:
            lines += [
                _("Safety phrase: {phrase}").format(phrase=enrolment.safety_phrase),
                _(
                    "Your partner runs `sync join` on this folder and reads these words back "
                    "to you; then compare the phrase `sync requests` shows."
                ),
            ]
        return "\n".join(lines)

    ctx.show(enrolment, plain)


def run_start(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        enrolment = workspace.sync.start(args.relationship, args.folder)
    _enrolment(ctx, enrolment, joined=False)
    return ExitCode.OK


def run_join(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        enrolment = workspace.sync.join(args.folder)
    _enrolment(ctx, enrolment, joined=True)
    return ExitCode.OK


def run_join_own(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        enrolment = workspace.sync.join_own(args.folder)
    _enrolment(ctx, enrolment, joined=bool(enrolment.owner_phrase))
    return ExitCode.OK


def run_requests(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        waiting = workspace.sync.requests(args.relationship)
    ctx.show(waiting, lambda: _requests(waiting))
    return ExitCode.OK


def _requests(waiting: Sequence[JoinRequest]) -> str:
    if not waiting:
        return _("No device is waiting for approval.")
    return "\n".join(
        _("{device}  {name}  safety phrase: {phrase}").format(
            device=r.device_id, name=r.name, phrase=r.safety_phrase
        )
        for r in waiting
    )


def run_approve(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        device = workspace.sync.approve(args.relationship, args.device)
    ctx.show({"approved": device}, lambda: _("Approved device {device}.").format(device=device))
    return ExitCode.OK


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        device = workspace.sync.remove(args.relationship, args.device)
    ctx.show(
        {"removed": device},
        lambda: _(
            "Removed device {device}: it gets no new changes from now on (a new key). What it "
            "already received cannot be recalled."
        ).format(device=device),
    )
    return ExitCode.OK


def run_leave(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        workspace.sync.leave(args.relationship)
    ctx.show(
        {"left": True},
        lambda: _("This journal no longer syncs that space; its records stay here."),
    )
    return ExitCode.OK


def run_now(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal, before_change=True) as workspace:
        reports = workspace.sync.now(args.relationship)
    ctx.show(reports, lambda: "\n".join(_report(r) for r in reports) or _no_spaces())
    return ExitCode.OK


def _no_spaces() -> str:
    return _("Nothing is shared yet; start with `mentorjournal sync start`.")


def _report(report: SpaceReport) -> str:
    lines = [
        _("Space {space}:").format(space=output.short_id(report.space_id)),
        "  "
        + ngettext("{count} change written", "{count} changes written", report.written).format(
            count=report.written
        )
        + ", "
        + ngettext("{count} applied", "{count} applied", report.applied).format(
            count=report.applied
        ),
    ]
    lines += [f"  {describe_notice(n)}" for n in report.notices]
    lines += [
        "  "
        + _("Set aside: {path} ({reason})").format(path=s.path, reason=describe_set_aside(s.reason))
        for s in report.set_aside
    ]
    if report.partner_activity is not None:
        lines.append(
            "  "
            + _("Partner's last change: {when}").format(when=output.when(report.partner_activity))
        )
    return "\n".join(lines)


def run_status(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        spaces = workspace.sync.status()
    ctx.show(spaces, lambda: "\n".join(_status(s) for s in spaces) or _no_spaces())
    return ExitCode.OK


def _status(space: SpaceStatus) -> str:
    what: Any = (
        _("relationship {id}").format(id=output.short_id(space.relationship_id))
        if space.relationship_id
        else _("your own devices")
    )
    last = output.when(space.last_sync) if space.last_sync else _("never")
    return _(
        "{space}  {what}  {state}  folder {folder}  last sync {last}  set aside {set_aside}"
    ).format(
        space=output.short_id(space.space_id),
        what=what,
        state=space.state.value,
        folder=space.folder,
        last=last,
        set_aside=space.set_aside,
    )


def run_devices(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        devices = workspace.sync.devices(args.relationship)
    ctx.show(devices, lambda: "\n".join(_device(d) for d in devices) or _no_spaces())
    return ExitCode.OK


def _device(device: DeviceInfo) -> str:
    marks = [device.role.value]
    if device.this_device:
        marks.append(_("this device"))
    if device.removed:
        marks.append(_("removed"))
    return f"{output.short_id(device.space_id)}  {device.device_id}  {device.name}  " + ", ".join(
        marks
    )
