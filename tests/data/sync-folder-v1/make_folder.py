"""Make ``tests/data/sync-folder-v1/folder``: a shared folder written by format 1 of the sync.

Run once, from the repository root, with the version whose files are to be kept::

    .venv/bin/python tests/data/sync-folder-v1/make_folder.py [--force]

The files are committed and never regenerated: every later version must keep reading them
(``tests/sync/test_folder_data_v1.py``). Anna owns the space and approved Ben; Anna wrote
two change files and an attachment, Ben one change file; a sync tool left a temporary file
and a conflicted copy. ``reader.json`` holds Ben's private keys (test keys, used nowhere
else) so that the test reads the folder as Ben.
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import sys
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.sync import blob_file, change_file, pairing
from mentorjournal.sync.change_file import ChangeHeader
from mentorjournal.sync.folder_layout import FolderLayout
from mentorjournal.sync.folder_writer import publish, write_change
from mentorjournal.sync.identity import Device
from mentorjournal.sync.pairing import MemberEntry, Membership

HERE = Path(__file__).resolve().parent
TARGET = HERE / "folder"
WRITTEN_AT_MS = 1_795_521_600_000  # 2026-11-24 12:00 UTC
ANNA_PAYLOADS = ["Anna 1: umowa — żółć 📝".encode(), "Anna 2: 目標 and a goal".encode()]
BEN_PAYLOADS = [b"Ben 1: homework done"]
BLOB_ID = "3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
BLOB = "Notatki ze spotkania — żółw.\n".encode()
RELATIONSHIP = "7d0c1f52-4b8e-4f4e-9a57-1b2c3d4e5f60"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _write(
    layout: FolderLayout, device: Device, space_id: str, key: bytes, payloads: list[bytes]
) -> None:
    previous = change_file.NO_PREVIOUS
    for seq, payload in enumerate(payloads, 1):
        header = ChangeHeader(
            bytes.fromhex(space_id),
            bytes.fromhex(device.device_id),
            1,
            seq,
            previous,
            seq * 100,
            seq * 100 + 9,
            WRITTEN_AT_MS,
            0,
        )
        previous = write_change(layout, device, header, payload, key, lambda s, d, b: None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--force", action="store_true")
    if TARGET.exists():
        if not parser.parse_args().force:
            sys.exit(f"{TARGET} exists; --force replaces it")
        shutil.rmtree(TARGET)
    TARGET.mkdir()
    layout = FolderLayout(TARGET)
    space_id = "5ace0000000000000000000000000001"
    anna, ben = Device.new("Anna Kowalska"), Device.new("Jan Nowak")
    key = crypto.random_key()
    pairing.publish_identity(layout, anna, space_id)
    first = Membership(
        space_id, 1, 1, RELATIONSHIP, False, (MemberEntry(anna.public, pairing.OWNER, 1),)
    )
    pairing.publish_membership(layout, anna, first)
    pairing.publish_identity(layout, ben, space_id)
    pairing.publish_key(layout, anna, space_id, 1, key, ben.public)
    pairing.publish_membership(layout, anna, first.with_member(ben.public))
    _write(layout, anna, space_id, key, ANNA_PAYLOADS)
    _write(layout, ben, space_id, key, BEN_PAYLOADS)
    blob = blob_file.build(space_id, 1, key, BLOB_ID, BLOB)
    publish(
        layout,
        anna.device_id,
        layout.blobs(anna.device_id) / (blob_file.blob_name(key, BLOB_ID) + ".mjb"),
        blob,
    )
    changes = layout.changes(anna.device_id)
    shutil.copyfile(
        changes / "0000000000000001.mjc",
        changes / "0000000000000001 (Jan's conflicted copy 2026-11-24).mjc",
    )
    (changes / ".syncthing.0000000000000003.mjc.tmp").write_bytes(b"MJSC\x00\x01 half")
    shutil.rmtree(layout.device(anna.device_id) / "tmp")
    shutil.rmtree(layout.device(ben.device_id) / "tmp")
    reader = {
        "space_id": space_id,
        "relationship_id": RELATIONSHIP,
        "owner": anna.device_id,
        "device_id": ben.device_id,
        "name": ben.name,
        "signing_key": _b64(ben.signing_key),
        "exchange_key": _b64(ben.exchange_key),
        "written_at_ms": WRITTEN_AT_MS,
        "anna_payloads": [p.decode() for p in ANNA_PAYLOADS],
        "blob_id": BLOB_ID,
        "blob": BLOB.decode(),
    }
    (HERE / "reader.json").write_text(
        json.dumps(reader, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
