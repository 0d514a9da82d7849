"""The transport half of ``sync now`` for one space: write the outbox, read, hand over.

Writing: for each batch the merge side has (``ChangeLedger.outgoing``), its attachments are
published, then the change file (the journal records the file's number and hash before it
is written, and as written after the rename), and only then is the batch committed. A full
disk stops the loop: the batch stays in the outbox and is written next time.

Reading: the new, verified files of the other devices are applied one by one; each is
marked accepted only after the merge side applied it, so a crash re-applies (idempotent)
rather than loses. Attachments they need are fetched when they have arrived, and looked for
again on later syncs until they do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mentorjournal.domain import DiskFull, JournalReadOnly
from mentorjournal.domain.errors import ChangesRejected, NewerChangesFormat, PartnerClockAhead
from mentorjournal.domain.sync import (
    DeviceCloned,
    Notice,
    NoticeKind,
    SetAside,
    SetAsideReason,
    SpaceState,
)
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.files import mapped_os_errors
from mentorjournal.store.rekey import reached
from mentorjournal.store.sync_spaces_state import StoredNote, StoredSpace, SyncSpaces
from mentorjournal.sync import blob_file, change_file, enrolment, folder_writer
from mentorjournal.sync.change_file import ChangeHeader
from mentorjournal.sync.contract import ChangeLedger, SpaceScope
from mentorjournal.sync.folder_layout import FolderLayout, change_seq
from mentorjournal.sync.folder_reader import Accepted, Member, Noted, SpaceView, read_new
from mentorjournal.sync.identity import PublicDevice, check_own_files

MAX_BATCHES = 100_000  # a merge side that hands out the same batch forever is not followed
BLOB_PREFIX = "blob:"


@dataclass
class Outcome:
    written: int = 0
    applied: int = 0
    noted: list[Noted] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)  # attachments that arrived in this sync


def scope_of(space: StoredSpace) -> SpaceScope:
    return SpaceScope(space.space_id, space.relationship_id, space.include_private)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


class SpaceSync:
    """One ``sync now`` of one space of an open journal."""

    def __init__(
        self, spaces: SyncSpaces, ledger: ChangeLedger, blobs: BlobStore, now: datetime
    ) -> None:
        self.spaces = spaces
        self.ledger = ledger
        self.blobs = blobs
        self.now = now

    def run(self, space: StoredSpace) -> tuple[StoredSpace, Outcome]:
        outcome = Outcome()
        layout = FolderLayout(Path(space.folder))
        if not layout.devices.is_dir():  # emptied or gone: nothing is deleted because of it
            outcome.noted.append(Noted("folder-missing", notice=Notice(NoticeKind.FOLDER_MISSING)))
            return space, outcome
        space, notices = enrolment.refresh(self.spaces, space)
        outcome.noted += [Noted(f"{n.kind}:{space.members_seq}", notice=n) for n in notices]
        if space.state == SpaceState.ACTIVE.value:
            space = self._check_own(layout, space, outcome)
        if space.state == SpaceState.ACTIVE.value:
            self._put_back_lost(layout, space)
            self._write(layout, space, outcome)
        if space.state in (SpaceState.ACTIVE.value, SpaceState.CLONED.value):
            self._read(layout, space, outcome)
            self._fetch_pending_blobs(layout, space, outcome)
        return self.spaces.get(space.space_id), outcome

    # -- writing ---------------------------------------------------------------------------

    def _check_own(self, layout: FolderLayout, space: StoredSpace, outcome: Outcome) -> StoredSpace:
        pending = (
            (space.pending_seq, space.pending_hash)
            if space.pending_seq is not None and space.pending_hash is not None
            else None
        )
        try:
            if check_own_files(layout, space.device_id, space.last_seq, space.last_hash, pending):
                assert pending is not None
                self.spaces.record_written(space.space_id, *pending)
        except DeviceCloned:
            self.spaces.update(space.space_id, state=SpaceState.CLONED.value)
            outcome.noted.append(
                Noted(
                    f"cloned:{space.device_id}",
                    notice=Notice(NoticeKind.OWN_DEVICE_CLONED, space.device_id),
                )
            )
        folder_writer.clear_staging(layout, space.device_id)
        return self.spaces.get(space.space_id)

    def _put_back_lost(self, layout: FolderLayout, space: StoredSpace) -> None:
        """Put back, byte for byte, own files the folder lost (restored to an older state):
        the partners then get them, and the chain of this device stays whole."""
        try:
            names = [p.name for p in layout.changes(space.device_id).iterdir()]
        except OSError:
            names = []
        present = {seq for name in names if (seq := change_seq(name)) is not None}
        missing = [seq for seq in range(1, space.last_seq + 1) if seq not in present]
        for seq, data in self.spaces.sent(space.space_id, missing).items():
            target = layout.change(space.device_id, seq)
            folder_writer.publish(layout, space.device_id, target, data)

    def _write(self, layout: FolderLayout, space: StoredSpace, outcome: Outcome) -> None:
        keys = self.spaces.keys(space.space_id)
        epoch = space.epoch if space.epoch in keys else max(keys)
        device = enrolment.device_of(space)
        scope = scope_of(space)
        seq, previous = space.last_seq, space.last_hash or change_file.NO_PREVIOUS
        for _ in range(MAX_BATCHES):
            batch = self.ledger.outgoing(scope)
            if batch is None:
                return
            header = ChangeHeader(
                bytes.fromhex(space.space_id),
                bytes.fromhex(space.device_id),
                epoch,
                seq + 1,
                previous,
                batch.hlc_min,
                batch.hlc_max,
                _ms(self.now),
                0,
            )
            try:
                for blob_id in batch.blob_ids:
                    self._publish_blob(layout, space, epoch, keys[epoch], blob_id)
                previous = folder_writer.write_change(
                    layout,
                    device,
                    header,
                    batch.payload,
                    keys[epoch],
                    lambda s, d, b: self.spaces.record_pending(space.space_id, s, d, b),
                )
            except (DiskFull, JournalReadOnly):
                full = Notice(NoticeKind.DISK_FULL)
                outcome.noted.append(Noted(f"disk-full:{_ms(self.now)}", notice=full))
                return
            seq += 1
            self.spaces.record_written(space.space_id, seq, previous)
            reached("sync-recorded")
            self.ledger.commit_outgoing(scope, batch)
            outcome.written += 1

    def pass_on(self, space: StoredSpace, blob_ids: list[str]) -> None:
        """Publish attachments that arrived through another space after their records were
        passed on here (their author cannot publish them in this folder)."""
        layout = FolderLayout(Path(space.folder))
        if space.state != SpaceState.ACTIVE.value or not layout.devices.is_dir():
            return
        keys = self.spaces.keys(space.space_id)
        epoch = space.epoch if space.epoch in keys else max(keys)
        for blob_id in blob_ids:
            self._publish_blob(layout, space, epoch, keys[epoch], blob_id)

    def _publish_blob(
        self, layout: FolderLayout, space: StoredSpace, epoch: int, key: bytes, blob_id: str
    ) -> None:
        name = blob_file.blob_name(key, blob_id) + ".mjb"
        target = layout.blobs(space.device_id) / name
        if target.exists() or not self.blobs.has(blob_id):
            # Not here: a partner's attachment still travelling, passed on with its record.
            # Its author publishes it; this device's change must not wait for it.
            return
        data = blob_file.build(space.space_id, epoch, key, blob_id, self.blobs.get(blob_id))
        folder_writer.publish(layout, space.device_id, target, data)

    # -- reading ---------------------------------------------------------------------------

    def _read(self, layout: FolderLayout, space: StoredSpace, outcome: Outcome) -> None:
        stored = self.spaces.members(space.space_id)
        members = {
            m.device_id: Member(
                PublicDevice(m.device_id, m.name, m.signing, m.exchange),
                m.removed_epoch,
                m.removed_after_seq,
            )
            for m in stored
        }
        accepted = {
            m.device_id: Accepted(m.last_seq, m.last_hash or change_file.NO_PREVIOUS)
            for m in stored
        }
        keys = self.spaces.keys(space.space_id)
        view = SpaceView(layout, space.space_id, space.device_id, members, keys)
        result = read_new(view, accepted, _ms(self.now))
        outcome.noted += result.noted
        scope = scope_of(space)
        waiting: set[str] = set()  # devices whose changes wait from one file on
        for change in result.changes:
            if change.device_id in waiting:
                continue
            try:
                report = self.ledger.apply(scope, change.payload, change.device_id)
            except (PartnerClockAhead, NewerChangesFormat, ChangesRejected) as refused:
                # Not accepted: the file is read again at every sync, and applies (in order,
                # with the device's later files) once this app or the clocks allow.
                waiting.add(change.device_id)
                kind = (
                    NoticeKind.CHANGES_UNREADABLE
                    if type(refused) is ChangesRejected
                    else NoticeKind.CHANGES_WAITING
                )
                outcome.noted.append(
                    Noted(
                        f"merge-{kind.value}:{change.device_id}:{change.seq}",
                        notice=Notice(kind, change.device_id),
                    )
                )
                continue
            # The partner's last activity: when they wrote it, by their clock (never later
            # than now: a clock set to 2099 is named in a notice, not shown as activity).
            written = datetime.fromtimestamp(change.header.written_at_ms / 1000, tz=UTC)
            self.spaces.accept(
                space.space_id, change.device_id, change.seq, change.digest, min(written, self.now)
            )
            outcome.applied += 1
            if report.restored_after_delete:
                back = Notice(
                    NoticeKind.RESTORED_AFTER_DELETE,
                    change.device_id,
                    len(report.restored_after_delete),
                )
                outcome.noted.append(
                    Noted(f"restored:{change.device_id}:{change.seq}", notice=back)
                )
            for blob_id in report.blob_ids_needed:
                outcome.noted.append(
                    Noted(
                        BLOB_PREFIX + blob_id,
                        notice=Notice(NoticeKind.BLOB_PENDING, change.device_id),
                    )
                )

    def _fetch_pending_blobs(
        self, layout: FolderLayout, space: StoredSpace, outcome: Outcome
    ) -> None:
        """Fetch attachments named by applied changes; those not arrived are tried again."""
        wanted = {
            n.fingerprint[len(BLOB_PREFIX) :]
            for n in outcome.noted
            if n.fingerprint.startswith(BLOB_PREFIX)
        }
        wanted |= {
            n.fingerprint[len(BLOB_PREFIX) :]
            for n in self.spaces.noted(space.space_id)
            if n.fingerprint.startswith(BLOB_PREFIX)
        }
        if not wanted:
            return
        keys = self.spaces.keys(space.space_id)
        arrived, newly = [], set()
        for blob_id in sorted(wanted):
            if self.blobs.has(blob_id):
                arrived.append(blob_id)
                continue
            content = blob_file.find_blob(layout, space.space_id, keys, blob_id)
            if content is not None:
                with mapped_os_errors(layout.root):
                    self.blobs.put_as(blob_id, content)
                arrived.append(blob_id)
                newly.add(blob_id)
        outcome.fetched = [b for b in arrived if b in newly]
        fetched = {BLOB_PREFIX + blob_id for blob_id in arrived}
        outcome.noted = [n for n in outcome.noted if n.fingerprint not in fetched]
        self.spaces.resolve(space.space_id, [BLOB_PREFIX + b for b in arrived])


def to_stored(noted: Noted, now: datetime) -> StoredNote:
    if noted.set_aside is not None:
        return StoredNote(
            noted.fingerprint, noted.set_aside.reason.value, noted.set_aside.path, "", 1, now
        )
    assert noted.notice is not None
    notice = noted.notice
    return StoredNote(noted.fingerprint, notice.kind.value, "", notice.device, notice.count, now)


def set_aside_of(note: StoredNote) -> SetAside | None:
    if note.reason in {reason.value for reason in SetAsideReason}:
        return SetAside(note.path, SetAsideReason(note.reason))
    return None
