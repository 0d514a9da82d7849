"""Key derivation, sealing and recovery keys, with the real primitives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorjournal import crypto
from mentorjournal.domain import DecryptionFailed, InvalidRecoveryKey


def test_sealed_data_opens_only_with_its_key_and_associated_data() -> None:
    key = crypto.random_key()
    sealed = crypto.seal(key, b"notatki z sesji", b"blob-1")

    assert crypto.open_sealed(key, sealed, b"blob-1") == b"notatki z sesji"
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(crypto.random_key(), sealed, b"blob-1")
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(key, sealed, b"blob-2")
    flipped = bytearray(sealed)
    flipped[-1] ^= 1
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(key, bytes(flipped), b"blob-1")
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(key, sealed[:10], b"blob-1")


def test_sealing_twice_gives_different_ciphertexts() -> None:
    key = crypto.random_key()
    assert crypto.seal(key, b"same", b"") != crypto.seal(key, b"same", b"")


def test_derivation_depends_on_passphrase_salt_and_parameters() -> None:
    salt = crypto.random_salt()
    params = crypto.TEST_PROFILE
    base = crypto.derive_key("hasło", salt, params)

    assert base == crypto.derive_key("hasło", salt, params)
    assert base != crypto.derive_key("haslo", salt, params)
    assert base != crypto.derive_key("hasło", crypto.random_salt(), params)
    stronger = crypto.KdfParams(params.memory_kib, params.iterations + 1, params.lanes)
    assert base != crypto.derive_key("hasło", salt, stronger)


def test_calibration_never_goes_below_the_rfc_9106_floor() -> None:
    floor = crypto.KdfParams(memory_kib=8 * 1024, iterations=2, lanes=1)
    chosen = crypto.calibrate(target_seconds=0.0, floor=floor)
    assert chosen.memory_kib == floor.memory_kib
    assert chosen.iterations >= floor.iterations
    assert chosen.lanes == floor.lanes
    assert crypto.KdfParams(65536, 3, 4) == crypto.RFC9106_SECOND


@given(st.binary(min_size=32, max_size=32))
def test_recovery_key_text_round_trips(secret: bytes) -> None:
    text = crypto.format_recovery_key(secret)
    assert crypto.parse_recovery_key(text) == secret
    assert crypto.parse_recovery_key(text.lower().replace("-", " ")) == secret


def test_a_mistyped_recovery_key_is_detected() -> None:
    _, text = crypto.new_recovery_key()
    position = 5
    replacement = "A" if text[position] != "A" else "B"
    mistyped = text[:position] + replacement + text[position + 1 :]
    with pytest.raises(InvalidRecoveryKey):
        crypto.parse_recovery_key(mistyped)
    with pytest.raises(InvalidRecoveryKey):
        crypto.parse_recovery_key(text[:-4])
    with pytest.raises(InvalidRecoveryKey):
        crypto.parse_recovery_key("not a key at all")
