"""The journal.key format: what it holds, and how damage is told from a wrong passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal import crypto
from mentorjournal.domain import JournalDamaged, NewerJournalFormat, WrongPassphrase
from mentorjournal.store import keyfile


def _key_file() -> tuple[keyfile.KeyFile, bytes, bytes]:
    data_key = crypto.random_key()
    recovery_secret = crypto.random_key()
    made = keyfile.new_key_file(data_key, "hasło", recovery_secret, crypto.TEST_PROFILE)
    return made, data_key, recovery_secret


def test_both_slots_unwrap_the_same_data_key(tmp_path: Path) -> None:
    made, data_key, recovery_secret = _key_file()
    path = tmp_path / "journal.key"
    keyfile.save(made, path)

    loaded = keyfile.load(path)
    assert path.stat().st_size == keyfile.SIZE
    assert loaded.params == crypto.TEST_PROFILE
    assert loaded.unwrap_with_passphrase("hasło") == data_key
    assert loaded.unwrap_with_recovery(recovery_secret) == data_key
    with pytest.raises(WrongPassphrase):
        loaded.unwrap_with_passphrase("haslo")


def test_the_data_key_is_not_stored_in_the_clear(tmp_path: Path) -> None:
    made, data_key, recovery_secret = _key_file()
    raw = made.to_bytes()
    assert data_key not in raw
    assert recovery_secret not in raw


@pytest.mark.parametrize("offset", [0, 5, 20, 30, 40, 60, 120, 180, keyfile.SIZE - 1])
def test_any_altered_byte_is_reported_as_damage(tmp_path: Path, offset: int) -> None:
    made, _, _ = _key_file()
    raw = bytearray(made.to_bytes())
    raw[offset] ^= 0x40
    with pytest.raises(JournalDamaged) as caught:
        keyfile.parse(bytes(raw), tmp_path / "journal.key")
    assert caught.value.part == "key"


def test_truncated_and_empty_files_are_damage(tmp_path: Path) -> None:
    made, _, _ = _key_file()
    raw = made.to_bytes()
    for broken in (raw[:-1], raw[:100], b"", raw + b"\x00"):
        with pytest.raises(JournalDamaged):
            keyfile.parse(broken, tmp_path / "journal.key")


def test_a_key_file_from_a_newer_version_is_named_as_such(tmp_path: Path) -> None:
    made, _, _ = _key_file()
    raw = bytearray(made.to_bytes())
    raw[4:6] = (keyfile.VERSION + 1).to_bytes(2, "big")
    body = bytes(raw[:-32]) + b"a longer body of a future format"
    with pytest.raises(NewerJournalFormat):
        keyfile.parse(body + crypto.sha256(body), tmp_path / "journal.key")


def test_weakened_parameters_do_not_unwrap(tmp_path: Path) -> None:
    """Someone who edits the cost parameters and fixes the digest still gets nothing."""
    made, _, _ = _key_file()
    raw = bytearray(made.to_bytes())
    raw[26:30] = (made.params.iterations + 1).to_bytes(4, "big")
    body = bytes(raw[: keyfile.SIZE - 32])
    forged = keyfile.parse(body + crypto.sha256(body), tmp_path / "journal.key")
    with pytest.raises(WrongPassphrase):
        forged.unwrap_with_passphrase("hasło")


def test_rewrapping_keeps_the_recovery_slot() -> None:
    made, data_key, recovery_secret = _key_file()
    changed = made.with_passphrase(data_key, "nowe", crypto.TEST_PROFILE)
    assert changed.recovery_slot == made.recovery_slot
    assert changed.salt != made.salt
    assert changed.unwrap_with_passphrase("nowe") == data_key
    assert changed.unwrap_with_recovery(recovery_secret) == data_key
    with pytest.raises(WrongPassphrase):
        changed.unwrap_with_passphrase("hasło")


def _with_params(made: keyfile.KeyFile, memory: int, iterations: int, lanes: int) -> bytes:
    """The key file's bytes with other Argon2id parameters and a digest that fits them."""
    raw = bytearray(made.to_bytes())
    raw[22:34] = b"".join(value.to_bytes(4, "big") for value in (memory, iterations, lanes))
    body = bytes(raw[: keyfile.SIZE - 32])
    return body + crypto.sha256(body)


@pytest.mark.parametrize(
    ("memory", "iterations", "lanes"),
    [
        (64 * 1024, 4_000_000, 4),  # hours of work
        (64 * 1024, 3, 0xFFFFFF),  # lanes Argon2 refuses: once an internal error
        (0xFFFFFFFF, 3, 4),  # 4 TiB of memory
        (1024 * 1024, 64, 4),  # each within bounds, together 64 GiB of passes
        (16, 3, 4),  # less memory than Argon2 allows for 4 lanes
    ],
)
def test_absurd_argon2_cost_is_damage_refused_before_any_derivation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory: int, iterations: int, lanes: int
) -> None:
    made, _, _ = _key_file()
    path = tmp_path / "journal.key"
    path.write_bytes(_with_params(made, memory, iterations, lanes))

    def no_derivation(*args: object) -> bytes:
        raise AssertionError("Argon2id ran on parameters from a crafted file")

    monkeypatch.setattr(crypto, "derive_key", no_derivation)
    with pytest.raises(JournalDamaged):
        keyfile.load(path)


def test_the_bounds_leave_room_for_calibration_on_a_slow_machine() -> None:
    slowest = crypto.KdfParams(
        crypto.RFC9106_SECOND.memory_kib, crypto.MAX_ITERATIONS, crypto.RFC9106_SECOND.lanes
    )
    for params in (crypto.TEST_PROFILE, crypto.RFC9106_SECOND, slowest):
        assert crypto.kdf_params_acceptable(params)
    with pytest.raises(ValueError, match="out of bounds"):
        crypto.derive_key("x", crypto.random_salt(), crypto.KdfParams(64 * 1024, 4_000_000, 4))
