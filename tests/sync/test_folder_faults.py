"""Every fault a shared folder can show, at the level of files: set aside, said, nothing lost.

The files are written by the real writer (real keys, real encryption and signatures), then
damaged the way a sync tool, a provider or an attacker would damage them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentorjournal import crypto
from mentorjournal.sync import change_file
from mentorjournal.sync.folder_reader import Accepted
from tests.sync.folder_space import NOW_MS, Space, accepted_after, notices, reasons


@pytest.fixture
def space(tmp_path: Path) -> Space:
    return Space(tmp_path / "shared")


def test_new_files_come_in_order_verified_and_only_once(space: Space) -> None:
    ben = space.add_member("Ben")
    for text in (b"first", b"second", b"third"):
        space.write(ben, text)

    first = space.read()
    again = space.read(accepted_after(first))

    assert [c.payload for c in first.changes] == [b"first", b"second", b"third"]
    assert [c.seq for c in first.changes] == [1, 2, 3]
    assert first.noted == []
    assert again.changes == []
    assert again.noted == []


def test_payloads_are_padded_to_power_of_two_buckets(space: Space) -> None:
    ben = space.add_member("Ben")
    small = space.write(ben, b"x")
    larger = space.write(ben, b"y" * 3000)
    big = space.write(ben, b"z" * 5000)

    overhead = change_file.HEADER.size + crypto.sealed_size(0) + crypto.SIGNATURE_BYTES
    assert small.stat().st_size == larger.stat().st_size == 4096 + overhead
    assert big.stat().st_size == 8192 + overhead
    assert b"yyyy" not in larger.read_bytes()


def test_a_file_truncated_at_any_byte_is_set_aside_as_truncated(space: Space) -> None:
    ben = space.add_member("Ben")
    path = space.write(ben, "notatka 📝 筆記".encode())
    whole = path.read_bytes()

    for cut in range(len(whole)):
        path.write_bytes(whole[:cut])
        result = space.read()
        assert result.changes == [], cut
        assert reasons(result) == ["truncated"], cut

    path.write_bytes(whole)  # the rest of it arrives: it applies
    assert [c.payload.decode() for c in space.read().changes] == ["notatka 📝 筆記"]


def test_one_flipped_bit_anywhere_in_the_header_sets_the_file_aside(space: Space) -> None:
    ben = space.add_member("Ben")
    path = space.write(ben, b"shared notes")
    whole = path.read_bytes()

    for bit in range(change_file.HEADER.size * 8):
        damaged = bytearray(whole)
        damaged[bit // 8] ^= 1 << (bit % 8)
        path.write_bytes(bytes(damaged))
        result = space.read()
        assert result.changes == [], bit
        assert len(reasons(result)) == 1, bit


def test_one_flipped_bit_in_the_body_or_signature_is_tampering(space: Space) -> None:
    ben = space.add_member("Ben")
    path = space.write(ben, b"shared notes")
    whole = path.read_bytes()

    # One bit in each 61st byte after the header: every part of body and signature.
    for offset in range(change_file.HEADER.size, len(whole), 61):
        damaged = bytearray(whole)
        damaged[offset] ^= 0x10
        path.write_bytes(bytes(damaged))
        result = space.read()
        assert result.changes == [], offset
        assert reasons(result) == ["tampered"], offset


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (".syncthing.0000000000000002.mjc.tmp", "in_progress"),
        ("~0000000000000002.mjc.tmp", "in_progress"),
        (".0000000000000002.mjc.1a2b3c4d.tmp", "in_progress"),
        ("0000000000000002.mjc.partial", "in_progress"),
        ("0000000000000001 (Ben's conflicted copy 2026-11-23).mjc", "conflicted_copy"),
        ("0000000000000001.sync-conflict-20261123-120000-ABCDEFG.mjc", "conflicted_copy"),
        ("0000000000000001-LAPTOP-ANNA.mjc", "conflicted_copy"),
        ("0000000000000001 (1).mjc", "conflicted_copy"),
        ("notes.txt", "unexpected"),
    ],
)
def test_sync_tools_temporary_files_and_copies_are_set_aside_and_the_rest_applies(
    space: Space, name: str, reason: str
) -> None:
    ben = space.add_member("Ben")
    first = space.write(ben, b"one")
    shutil.copyfile(first, first.with_name(name))

    result = space.read()

    assert [c.payload for c in result.changes] == [b"one"]
    assert reasons(result) == [reason]


def test_a_file_moved_to_another_devices_folder_is_set_aside(space: Space) -> None:
    ben, cleo = space.add_member("Ben"), space.add_member("Cleo")
    moved = space.write(ben, b"ben's")
    target = space.layout.change(cleo.device.device_id, 1)
    target.parent.mkdir(parents=True)
    shutil.copyfile(moved, target)
    moved.unlink()

    result = space.read()

    assert result.changes == []
    assert reasons(result) == ["moved"]


def test_an_old_file_replayed_under_a_new_number_is_set_aside(space: Space) -> None:
    ben = space.add_member("Ben")
    first = space.write(ben, b"one")
    space.write(ben, b"two")
    accepted = accepted_after(space.read())
    shutil.copyfile(first, space.layout.change(ben.device.device_id, 3))

    result = space.read(accepted)

    assert result.changes == []
    assert reasons(result) == ["renamed"]


def test_a_rolled_back_folder_is_a_notice_never_a_deletion(space: Space) -> None:
    ben = space.add_member("Ben")
    for text in (b"one", b"two", b"three"):
        space.write(ben, text)
    accepted = accepted_after(space.read())
    space.layout.change(ben.device.device_id, 3).unlink()
    space.layout.change(ben.device.device_id, 2).unlink()

    result = space.read(accepted)

    assert result.changes == []
    assert notices(result) == [("rolled_back", ben.device.device_id, 3)]


def test_the_folder_emptied_applies_nothing_and_says_so(space: Space) -> None:
    ben = space.add_member("Ben")
    space.write(ben, b"one")
    accepted = accepted_after(space.read())
    shutil.rmtree(space.root / "devices")
    space.root.joinpath("devices").mkdir()

    result = space.read(accepted)

    assert result.changes == []
    assert notices(result) == [("rolled_back", ben.device.device_id, 1)]


def test_files_arriving_out_of_order_wait_for_the_missing_one(space: Space) -> None:
    ben = space.add_member("Ben")
    for text in (b"one", b"two", b"three"):
        space.write(ben, text)
    second = space.layout.change(ben.device.device_id, 2)
    held_back = second.read_bytes()
    second.unlink()

    early = space.read()
    second.write_bytes(held_back)
    late = space.read(accepted_after(early))

    assert [c.payload for c in early.changes] == [b"one"]
    assert notices(early) == [("waiting", ben.device.device_id, 2)]
    assert [c.payload for c in late.changes] == [b"two", b"three"]


def test_a_device_nobody_approved_can_write_but_is_never_applied(space: Space) -> None:
    space.add_member("Ben")
    eve = space.outsider()
    space.write(eve, b"injected", key=crypto.random_key())

    result = space.read()

    assert result.changes == []
    assert reasons(result) == ["unknown_device"]


def test_a_forgery_in_a_members_folder_fails_its_signature(space: Space) -> None:
    ben = space.add_member("Ben")
    eve = space.outsider()
    eve.device = type(eve.device)(
        ben.device.device_id, "Eve", eve.device.signing_key, eve.device.exchange_key
    )
    space.write(eve, b"forged", key=space.keys[1])  # even with the space key

    assert reasons(space.read()) == ["tampered"]


def test_a_removed_device_is_applied_up_to_its_removal_only(space: Space) -> None:
    ben = space.add_member("Ben", removed_epoch=2)
    space.keys[2] = crypto.random_key()
    space.write(ben, b"before", epoch=1)
    space.write(ben, b"after", epoch=2)

    result = space.read()

    assert [c.payload for c in result.changes] == [b"before"]
    assert reasons(result) == ["removed_device"]


def test_a_file_of_an_epoch_whose_key_this_journal_lacks_is_set_aside(space: Space) -> None:
    ben = space.add_member("Ben")
    space.write(ben, b"new epoch", epoch=2, key=crypto.random_key())

    assert reasons(space.read()) == ["no_key"]


def test_a_signed_file_sealed_with_another_key_is_unreadable(space: Space) -> None:
    ben = space.add_member("Ben")
    space.write(ben, b"wrong key", key=crypto.random_key())

    assert reasons(space.read()) == ["unreadable"]


def test_a_file_from_another_pairs_folder_is_set_aside(space: Space, tmp_path: Path) -> None:
    ben = space.add_member("Ben")
    other = Space(tmp_path / "other", members=space.members, writers=space.writers)
    stray = other.write(ben, b"another pair")
    target = space.layout.change(ben.device.device_id, 1)
    target.parent.mkdir(parents=True)
    shutil.copyfile(stray, target)

    assert reasons(space.read()) == ["other_space"]


def test_a_newer_format_is_set_aside_as_such(space: Space) -> None:
    ben = space.add_member("Ben")
    path = space.write(ben, b"from the future")
    data = bytearray(path.read_bytes())
    data[4:6] = (2).to_bytes(2, "big")
    path.write_bytes(bytes(data))

    assert reasons(space.read()) == ["newer_format"]


def test_a_fork_of_a_devices_history_is_set_aside(space: Space) -> None:
    ben = space.add_member("Ben")
    space.write(ben, b"one")
    accepted = accepted_after(space.read())
    space.layout.change(ben.device.device_id, 1).unlink()
    ben.seq, ben.previous = 1, crypto.sha256(b"a file this journal never saw")
    space.write(ben, b"two, after another one")

    assert reasons(space.read(accepted)) == ["forked"]


@pytest.mark.parametrize("days_ahead", [3, 27_000])  # days off, and a clock set to 2099
def test_a_clock_far_ahead_is_named_and_its_files_still_apply(
    space: Space, days_ahead: int
) -> None:
    ben = space.add_member("Ben")
    space.write(ben, b"from the future", written_at_ms=NOW_MS + days_ahead * 86_400_000)

    result = space.read()

    assert [c.payload for c in result.changes] == [b"from the future"]
    assert notices(result) == [("clock_ahead", ben.device.device_id, days_ahead)]


def test_one_bad_device_does_not_stop_the_others(space: Space) -> None:
    ben, cleo = space.add_member("Ben"), space.add_member("Cleo")
    space.write(ben, b"ben")
    space.layout.change(ben.device.device_id, 1).write_bytes(b"MJSC")
    space.write(cleo, b"cleo")

    result = space.read()

    assert [c.payload for c in result.changes] == [b"cleo"]
    assert reasons(result) == ["truncated"]


def test_accepted_state_of_one_device_is_not_taken_for_another(space: Space) -> None:
    ben = space.add_member("Ben")
    space.write(ben, b"one")
    wrong = {ben.device.device_id: Accepted(0, crypto.sha256(b"x"))}

    assert [c.payload for c in space.read(wrong).changes] == [b"one"]
