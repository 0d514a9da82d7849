"""Pair sync through a shared folder: the use cases the front ends call.

:class:`SyncService` joins the folder side (``mentorjournal.sync``: pairing, change files,
everything set aside) with the merge side, a :class:`ChangeLedger` passed in. A space is
named by its relationship's id; ``None`` names the journal's own-devices space.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from mentorjournal.domain import Material, RecordKind, Relationship, Scope
from mentorjournal.domain.sync import (
    AlreadySynced,
    DeviceInfo,
    Enrolment,
    JoinRequest,
    SpaceNotFound,
    SpaceReport,
    SpaceRole,
    SpaceState,
    SpaceStatus,
)
from mentorjournal.services.journal import JournalService
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.journal import OpenJournal
from mentorjournal.store.sync_spaces_state import StoredSpace, SyncSpaces
from mentorjournal.sync import enrolment
from mentorjournal.sync.contract import ChangeLedger, SpaceScope
from mentorjournal.sync.ledger import JournalLedger
from mentorjournal.sync.transport import SpaceSync, set_aside_of, to_stored

Clock = Callable[[], datetime]
LedgerFactory = Callable[[OpenJournal, Clock], ChangeLedger]


def default_ledger(journal: OpenJournal, clock: Clock) -> ChangeLedger:
    """The merge side the workspace uses (looked up when a workspace is made)."""
    return JournalLedger(journal, wall=clock)


class SyncService:
    """The shared-folder spaces of one unlocked journal."""

    def __init__(
        self,
        journal: OpenJournal,
        records: JournalService,
        ledger: ChangeLedger,
        blobs: BlobStore,
        clock: Clock,
    ) -> None:
        self._spaces = SyncSpaces(journal)
        self._records = records
        self._ledger = ledger
        self._blobs = blobs
        self._clock = clock

    def _now(self) -> datetime:
        return self._clock().astimezone(UTC)

    def _space(self, relationship_id: str | None) -> StoredSpace:
        """The space of a relationship (its id, or the id's first 4+ characters; a joiner
        may not hold the relationship yet), or with None the own-devices space."""
        spaces = self._spaces.spaces()
        if relationship_id is None:
            found = [s for s in spaces if s.include_private]
        else:
            wanted = relationship_id.strip().lower()
            found = [s for s in spaces if s.relationship_id == wanted]
            if not found and len(wanted) >= 4:
                found = [s for s in spaces if (s.relationship_id or "").startswith(wanted)]
        if len(found) != 1:
            raise SpaceNotFound(relationship_id or "")
        return found[0]

    def _relationship(self, relationship_id: str) -> str:
        resolved = self._records.resolve(relationship_id)  # RecordNotFound if none
        if not isinstance(self._records.get(resolved), Relationship):
            raise SpaceNotFound(relationship_id)
        return resolved

    # -- pairing -------------------------------------------------------------------------

    def start(self, relationship_id: str, folder: Path) -> Enrolment:
        """Share a relationship through ``folder`` (an empty folder the sync tool replicates)."""
        resolved = self._relationship(relationship_id)
        if any(s.relationship_id == resolved for s in self._spaces.spaces()):
            raise AlreadySynced(resolved)
        return enrolment.start(
            self._spaces, folder, resolved, self._records.owner_name(), self._now()
        )

    def join(self, folder: Path) -> Enrolment:
        """Ask to join the pair's space in ``folder``; the owner approves after comparing."""
        return enrolment.join(self._spaces, folder, self._records.owner_name(), False, self._now())

    def join_own(self, folder: Path) -> Enrolment:
        """This journal's own-devices space (private records too): join the one in
        ``folder``, or start it there when the folder holds no space yet."""
        if any(s.include_private for s in self._spaces.spaces()):
            raise AlreadySynced(str(folder))
        if not enrolment.holds_space(folder):
            return enrolment.start(
                self._spaces, folder, None, self._records.owner_name(), self._now()
            )
        return enrolment.join(self._spaces, folder, self._records.owner_name(), True, self._now())

    def requests(self, relationship_id: str | None) -> list[JoinRequest]:
        return enrolment.requests(self._spaces, self._space(relationship_id))

    def approve(self, relationship_id: str | None, device_id: str) -> str:
        """Approve a waiting device (after comparing the safety phrase); returns its id."""
        return enrolment.approve(self._spaces, self._space(relationship_id), device_id).device_id

    def remove(self, relationship_id: str | None, device_id: str) -> str:
        """Remove a device: a new space key from now on; returns its id."""
        return enrolment.remove(self._spaces, self._space(relationship_id), device_id).device_id

    def leave(self, relationship_id: str | None) -> None:
        """Stop syncing the space; records stay, the folder is left as it is."""
        space = self._space(relationship_id)
        self._ledger.forget_space(
            SpaceScope(space.space_id, space.relationship_id, space.include_private)
        )
        self._spaces.remove(space.space_id)

    # -- syncing -------------------------------------------------------------------------

    def now(self, relationship_id: str | None = None, *, every: bool = True) -> list[SpaceReport]:
        """Write the outbox, read what the others wrote, apply it; one report per space.

        With ``every`` (the default) and no relationship, every space is synced.
        """
        spaces = (
            self._spaces.spaces()
            if every and relationship_id is None
            else [self._space(relationship_id)]
        )
        return [self._sync(space) for space in spaces]

    def _sync(self, space: StoredSpace) -> SpaceReport:
        now = self._now()
        transport = SpaceSync(self._spaces, self._ledger, self._blobs, now)
        space, outcome = transport.run(space)
        if outcome.fetched:
            for other in self._spaces.spaces():
                if other.space_id != space.space_id:
                    transport.pass_on(other, self._carried(other, outcome.fetched))
        new = self._spaces.note(space.space_id, [to_stored(n, now) for n in outcome.noted])
        self._spaces.update(space.space_id, last_sync=now)
        fresh = {note.fingerprint for note in new}
        return SpaceReport(
            space.space_id,
            space.relationship_id,
            SpaceState(space.state),
            outcome.written,
            outcome.applied,
            tuple(n.set_aside for n in outcome.noted if n.set_aside and n.fingerprint in fresh),
            tuple(n.notice for n in outcome.noted if n.notice and n.fingerprint in fresh),
            now,
            self._partner_activity(space),
        )

    def _carried(self, space: StoredSpace, blob_ids: list[str]) -> list[str]:
        """The attachments among ``blob_ids`` that ``space`` carries: all of them in an
        own-devices space; in a pair's, only those of its relationship's shared materials."""
        if space.include_private:
            return blob_ids
        shared = {
            m.attachment_id
            for m in self._records.list_records(RecordKind.MATERIAL)
            if isinstance(m, Material)
            and m.relationship_id == space.relationship_id
            and m.scope is Scope.SHARED
        }
        return [blob_id for blob_id in blob_ids if blob_id in shared]

    def _partner_activity(self, space: StoredSpace) -> datetime | None:
        moments = [
            m.last_activity
            for m in self._spaces.members(space.space_id)
            if m.device_id != space.device_id and m.last_activity is not None
        ]
        return max(moments, default=None)

    def status(self) -> list[SpaceStatus]:
        result = []
        for space in self._spaces.spaces():
            members = self._spaces.members(space.space_id)
            noted = self._spaces.noted(space.space_id)
            result.append(
                SpaceStatus(
                    space.space_id,
                    space.relationship_id,
                    space.include_private,
                    SpaceRole(space.role),
                    SpaceState(space.state),
                    space.device_id,
                    space.folder,
                    space.epoch,
                    sum(1 for m in members if m.removed_epoch is None),
                    sum(1 for n in noted if set_aside_of(n) is not None),
                    space.last_sync,
                    self._partner_activity(space),
                )
            )
        return result

    def devices(self, relationship_id: str | None = None) -> list[DeviceInfo]:
        spaces = (
            self._spaces.spaces() if relationship_id is None else [self._space(relationship_id)]
        )
        return [
            DeviceInfo(
                space.space_id,
                m.device_id,
                m.name,
                SpaceRole(m.role),
                m.device_id == space.device_id,
                m.removed_epoch is not None,
                m.last_activity,
            )
            for space in spaces
            for m in self._spaces.members(space.space_id)
        ]
