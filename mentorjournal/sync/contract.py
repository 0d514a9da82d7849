"""What the folder side of the sync and the merge side say to each other.

The sync has two halves:

- the **folder** side (pairing, devices, the change files in the shared folder: their
  encryption, signatures, sequence numbers, and everything set aside) moves opaque payloads;
- the **merge** side (:class:`ChangeLedger`) turns the journal's shared records into payloads,
  and applies the payloads other devices wrote, converging whatever order they arrive in.

Neither half knows how the other works: the folder side never looks inside a payload, and the
merge side never sees a file, a key or a device's signature. ``services/sync.py`` joins them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class SpaceScope:
    """What one sync space carries.

    A pair's space carries one relationship's shared records; a person's own-devices space
    (``relationship_id is None``) carries the whole journal, private records included.
    """

    space_id: str
    relationship_id: str | None
    include_private: bool


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One batch of local changes, ready to be written into one change file."""

    payload: bytes  # plaintext; the folder side pads, encrypts and signs it
    hlc_min: int  # the batch's hybrid logical clock range, for the file's header
    hlc_max: int
    blob_ids: tuple[str, ...]  # attachments the batch refers to, to publish beside it
    mark: bytes  # opaque to the folder side; handed back to ``commit_outgoing``


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What applying one payload did to the journal."""

    records_changed: int
    restored_after_delete: tuple[str, ...]  # record ids brought back, flagged for the user
    values_kept_in_history: int  # losing values of concurrent edits, kept in field history
    blob_ids_needed: tuple[str, ...]  # attachments referred to and not yet in this journal


class ChangeLedger(Protocol):
    """The merge side, bound to one open journal and this device."""

    def outgoing(self, scope: SpaceScope) -> Outgoing | None:
        """The next batch of changes not yet committed as sent; None when there is none.

        Calling it again before ``commit_outgoing`` returns the same changes (a crash between
        writing the file and committing only means the batch is sent twice, which ``apply``
        takes as once).
        """
        ...

    def commit_outgoing(self, scope: SpaceScope, outgoing: Outgoing) -> None:
        """Record that ``outgoing`` is durably written to the folder."""
        ...

    def apply(self, scope: SpaceScope, payload: bytes, author_device: str) -> MergeReport:
        """Apply one verified payload from another device in one transaction; idempotent."""
        ...

    def forget_space(self, scope: SpaceScope) -> None:
        """Drop the merge state kept for a space the journal left (its records stay)."""
        ...
