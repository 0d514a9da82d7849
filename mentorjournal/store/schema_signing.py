"""The step that makes agreement signatures verifiable (version 6), as written.

Never edit: later versions add steps. A signature row gains the device that signed it (its
Ed25519 key is in the sync membership) and the agreement version it signed; rows made before
this step keep both empty and read as signed without a cryptographic signature. The devices'
signing keys are kept in ``signing_device`` (filled from the sync membership by a trigger).
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    "ALTER TABLE agreement_signature ADD COLUMN signer_device VARCHAR",
    "ALTER TABLE agreement_signature ADD COLUMN agreement_version INTEGER",
    # The signing key of every device this journal has known, kept after the device is
    # removed or the space is left, so that what it signed stays verifiable. ``own``: a
    # device of this journal's owner (this journal's, or one of its own-devices space).
    """CREATE TABLE signing_device (
    device_id VARCHAR PRIMARY KEY NOT NULL,
    signing BLOB NOT NULL,
    own BOOLEAN NOT NULL)""",
    """INSERT OR IGNORE INTO signing_device (device_id, signing, own)
    SELECT m.device_id, m.signing, s.include_private OR s.device_id = m.device_id
    FROM sync_member AS m JOIN sync_space AS s ON s.space_id = m.space_id""",
    # The first key known for a device is the one kept: a later list cannot swap it.
    """CREATE TRIGGER signing_device_kept AFTER INSERT ON sync_member BEGIN
    INSERT OR IGNORE INTO signing_device (device_id, signing, own)
    SELECT NEW.device_id, NEW.signing, COALESCE(
        (SELECT include_private OR device_id = NEW.device_id
         FROM sync_space WHERE space_id = NEW.space_id), 0);
    END""",
)
