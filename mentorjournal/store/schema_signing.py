"""The step that makes agreement signatures verifiable (version 6), as written.

Never edit: later versions add steps. A signature row gains the device that signed it (its
Ed25519 key is in the sync membership) and the agreement version it signed; rows made before
this step keep both empty and read as signed without a cryptographic signature.
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    "ALTER TABLE agreement_signature ADD COLUMN signer_device VARCHAR",
    "ALTER TABLE agreement_signature ADD COLUMN agreement_version INTEGER",
)
