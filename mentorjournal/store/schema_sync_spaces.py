"""The step that adds the shared-folder sync's own tables, as written. Never edit.

``sync_space``: each shared space this journal takes part in, with this journal's device in
it (its private keys live only here, in the encrypted database), how far it has written,
and the file it is about to write (so a crash after the rename is not taken for a clone).
``sync_key``: the space key of each epoch. ``sync_sent``: each change file this device
wrote, whole, to put back one that a rolled-back folder lost. ``sync_member``: the space's
devices and the last file accepted from each. ``sync_noted``: what was set aside or
noticed, so that each is reported once.
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE sync_space (
    space_id VARCHAR PRIMARY KEY NOT NULL,
    folder VARCHAR NOT NULL,
    relationship_id VARCHAR,
    include_private BOOLEAN NOT NULL,
    role VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    device_id VARCHAR NOT NULL,
    device_name VARCHAR NOT NULL,
    signing_key BLOB NOT NULL,
    exchange_key BLOB NOT NULL,
    owner_device VARCHAR NOT NULL,
    owner_signing BLOB NOT NULL,
    members_seq INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    last_hash BLOB,
    pending_seq INTEGER,
    pending_hash BLOB,
    last_sync DATETIME,
    created_at DATETIME NOT NULL)""",
    """CREATE TABLE sync_key (
    space_id VARCHAR NOT NULL REFERENCES sync_space(space_id),
    epoch INTEGER NOT NULL,
    key BLOB NOT NULL,
    PRIMARY KEY (space_id, epoch))""",
    """CREATE TABLE sync_sent (
    space_id VARCHAR NOT NULL REFERENCES sync_space(space_id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (space_id, seq))""",
    """CREATE TABLE sync_member (
    space_id VARCHAR NOT NULL REFERENCES sync_space(space_id),
    device_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    signing BLOB NOT NULL,
    exchange BLOB NOT NULL,
    role VARCHAR NOT NULL,
    joined_epoch INTEGER NOT NULL,
    removed_epoch INTEGER,
    removed_after_seq INTEGER,
    last_seq INTEGER NOT NULL,
    last_hash BLOB,
    last_activity DATETIME,
    PRIMARY KEY (space_id, device_id))""",
    """CREATE TABLE sync_noted (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id VARCHAR NOT NULL REFERENCES sync_space(space_id),
    fingerprint VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    device VARCHAR NOT NULL,
    count INTEGER NOT NULL,
    noted_at DATETIME NOT NULL,
    UNIQUE (space_id, fingerprint))""",
)
