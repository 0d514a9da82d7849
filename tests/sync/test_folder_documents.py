"""Identities, membership lists, wrapped keys and attachments in the folder: real keys, real
files, then damage; and a device that finds files of its own it did not write."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import pytest

from mentorjournal import crypto
from mentorjournal.domain.sync import DeviceCloned
from mentorjournal.sync import blob_file, pairing
from mentorjournal.sync.folder_layout import FolderLayout
from mentorjournal.sync.identity import Device, check_own_files, read_identity
from mentorjournal.sync.pairing import MemberEntry, Membership
from tests.sync.folder_space import Space


@pytest.fixture
def layout(tmp_path: Path) -> FolderLayout:
    return FolderLayout(tmp_path / "shared")


SPACE = secrets.token_hex(16)


def test_an_identity_reads_back_and_any_flipped_byte_refuses_it(layout: FolderLayout) -> None:
    device = Device.new("Zoë Żak")
    pairing.publish_identity(layout, device, SPACE)
    path = layout.identity(device.device_id)
    whole = path.read_bytes()

    assert read_identity(layout, device.device_id, SPACE) == device.public
    assert read_identity(layout, device.device_id, secrets.token_hex(16)) is None
    for offset in range(len(whole)):
        damaged = bytearray(whole)
        damaged[offset] ^= 0x01
        path.write_bytes(bytes(damaged))
        assert read_identity(layout, device.device_id, SPACE) is None, offset


def test_membership_lists_count_only_when_the_owner_signed_them(layout: FolderLayout) -> None:
    owner, ben, eve = Device.new("Anna"), Device.new("Ben"), Device.new("Eve")
    first = Membership(SPACE, 1, 1, None, True, (MemberEntry(owner.public, pairing.OWNER, 1),))
    pairing.publish_membership(layout, owner, first)
    pairing.publish_membership(layout, owner, first.with_member(ben.public))
    # Eve writes a newer list into the owner's folder, signed with her own key.
    forged = pairing.membership_document(first.with_member(eve.public).with_member(eve.public), eve)
    (layout.members(owner.device_id) / "00000003.mjm").write_bytes(forged)
    # ...and copies list 2 under number 4: a list is taken only under its own number.
    shutil.copyfile(
        layout.members(owner.device_id) / "00000002.mjm",
        layout.members(owner.device_id) / "00000004.mjm",
    )

    newest = pairing.read_membership(layout, owner.public, SPACE)

    assert newest is not None
    assert newest.seq == 2
    assert [m.device.device_id for m in newest.current()] == [owner.device_id, ben.device_id]


def test_a_wrapped_key_opens_only_for_its_device(layout: FolderLayout) -> None:
    owner, ben, eve = Device.new("Anna"), Device.new("Ben"), Device.new("Eve")
    key = crypto.random_key()
    pairing.publish_key(layout, owner, SPACE, 1, key, ben.public)
    # Eve renames Ben's key file to her own id: the signed content names Ben.
    shutil.copyfile(
        next(layout.keys(owner.device_id).iterdir()),
        layout.keys(owner.device_id) / f"00000001-{eve.device_id}.mjk",
    )

    assert pairing.read_keys(layout, owner.public, ben, SPACE) == {1: key}
    assert pairing.read_keys(layout, owner.public, eve, SPACE) == {}
    assert pairing.read_keys(layout, eve.public, ben, SPACE) == {}  # not signed by Eve


def test_the_safety_phrase_is_the_same_on_both_sides_and_changes_with_any_key() -> None:
    anna, ben, eve = Device.new("Anna"), Device.new("Ben"), Device.new("Eve")

    phrase = pairing.safety_phrase(SPACE, anna.public, ben.public)

    assert phrase == pairing.safety_phrase(SPACE, ben.public, anna.public)
    assert len(phrase.split()) == 6
    assert phrase != pairing.safety_phrase(SPACE, anna.public, eve.public)
    assert phrase != pairing.safety_phrase(secrets.token_hex(16), anna.public, ben.public)


def test_attachments_are_found_by_id_and_refused_when_altered(tmp_path: Path) -> None:
    space = Space(tmp_path / "shared")
    ben = space.add_member("Ben")
    blob_id, content = "0b5e7f2e-7f4b-4d7e-9a1c-2b3c4d5e6f70", "żółw 🐢".encode() * 100
    name = blob_file.blob_name(space.keys[1], blob_id) + ".mjb"
    path = space.layout.blobs(ben.device.device_id) / name
    path.parent.mkdir(parents=True)
    path.write_bytes(blob_file.build(space.space_id, 1, space.keys[1], blob_id, content))
    whole = path.read_bytes()

    found = blob_file.find_blob(space.layout, space.space_id, space.keys, blob_id)
    other = blob_file.find_blob(space.layout, space.space_id, space.keys, "another-id")

    assert found == content
    assert other is None
    assert "żółw".encode() not in whole
    assert blob_id not in name
    for offset in range(0, len(whole), 97):
        damaged = bytearray(whole)
        damaged[offset] ^= 0x04
        path.write_bytes(bytes(damaged))
        assert blob_file.find_blob(space.layout, space.space_id, space.keys, blob_id) is None


def test_files_of_my_device_that_i_did_not_write_stop_me(tmp_path: Path) -> None:
    space = Space(tmp_path / "shared")
    me = space.add_member("Anna")
    first = space.write(me, b"one")
    digest = crypto.sha256(first.read_bytes())

    assert check_own_files(space.layout, me.device.device_id, 1, digest, None) is False
    second = space.write(me, b"written by a clone")
    pending = (2, crypto.sha256(second.read_bytes()))
    assert check_own_files(space.layout, me.device.device_id, 1, digest, pending) is True
    with pytest.raises(DeviceCloned):
        check_own_files(space.layout, me.device.device_id, 1, digest, None)
    with pytest.raises(DeviceCloned):
        check_own_files(space.layout, me.device.device_id, 2, crypto.sha256(b"mine"), None)


def test_everything_written_into_the_folder_is_owner_only(tmp_path: Path) -> None:
    space = Space(tmp_path / "shared")
    space.root.mkdir()
    writer = space.add_member("Ben")
    space.write(writer, b"one")
    pairing.publish_identity(space.layout, writer.device, space.space_id)

    written = list((space.root / "devices").rglob("*"))

    assert {oct(p.stat().st_mode & 0o777) for p in written if p.is_dir()} == {"0o700"}
    assert {oct(p.stat().st_mode & 0o777) for p in written if p.is_file()} == {"0o600"}
