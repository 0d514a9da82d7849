"""The step that adds the merge side of the sync's state, as written. Never edit.

- ``sync_change``: which records changed, in order (``seq``); filled by triggers that
  :mod:`mentorjournal.store.sync_ledger` puts on every record table when a journal first
  syncs, so outgoing changes are found by an index, never by reading every record;
- ``sync_tracked``: the record kinds whose tables have those triggers;
- ``sync_record``: per record, each field's last write (clock, device, value) as JSON, and
  what the record's row held when the merge last looked at it (``base``, to tell a local
  edit from a merged one);
- ``sync_text``: the CRDT state of each long text field;
- ``sync_merge_sent``: per sync space, the last ``sync_change.seq`` durably sent;
- ``sync_wait``: records (or links) waiting for a record not yet arrived;
- ``sync_state``: the device's clock and how far local changes were taken in.
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE sync_change (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id VARCHAR NOT NULL UNIQUE,
    kind VARCHAR NOT NULL)""",
    "CREATE TABLE sync_tracked (kind VARCHAR PRIMARY KEY NOT NULL)",
    """CREATE TABLE sync_record (
    record_id VARCHAR PRIMARY KEY NOT NULL,
    kind VARCHAR NOT NULL,
    relationship_id VARCHAR,
    created_at VARCHAR NOT NULL,
    registers VARCHAR NOT NULL,
    base VARCHAR NOT NULL)""",
    """CREATE TABLE sync_text (
    record_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    state BLOB NOT NULL,
    PRIMARY KEY (record_id, field))""",
    "CREATE TABLE sync_merge_sent (space_id VARCHAR PRIMARY KEY NOT NULL, seq INTEGER NOT NULL)",
    """CREATE TABLE sync_wait (
    record_id VARCHAR NOT NULL,
    waits_for VARCHAR NOT NULL,
    PRIMARY KEY (record_id, waits_for))""",
    "CREATE TABLE sync_state (key VARCHAR PRIMARY KEY NOT NULL, value INTEGER NOT NULL)",
    "CREATE INDEX ix_sync_wait_for ON sync_wait(waits_for)",
)
