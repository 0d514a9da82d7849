"""Cryptographic primitives: key derivation, key wrapping, AEAD, recovery keys, signatures.

Only pyca/cryptography is used. Nothing here prompts, logs or formats SQL; callers pass bytes
and get bytes back, and failures surface as the typed errors of :mod:`mentorjournal.domain`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mentorjournal.domain import DecryptionFailed, InvalidRecoveryKey, JournalLocked

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
SALT_BYTES = 16
RECOVERY_CHECK_BYTES = 3


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost parameters, stored in ``journal.key`` beside the salt."""

    memory_kib: int
    iterations: int
    lanes: int


# RFC 9106 section 4, second recommended option: the floor for every real journal.
RFC9106_SECOND = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)
# Cheap parameters for tests only; never chosen by the application itself.
TEST_PROFILE = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
MAX_ITERATIONS = 40
CALIBRATION_RUNS = 3

# Bounds on the Argon2id cost a stored file may ask for. Anything outside them is damage (or
# an attack that would make unlocking run for hours, or crash in the library), refused
# before any derivation. They leave room for calibration on a machine many times slower
# than today's (calibration uses 64 MiB and at most 40 passes), while the worst allowed
# cost, 8 GiB of memory passes, stays a matter of seconds, not hours.
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MIN_ITERATIONS = 1
MAX_KDF_ITERATIONS = 64
MAX_LANES = 16
MAX_COST_KIB_PASSES = 8 * 1024 * 1024  # memory x passes: 8 GiB touched at most


def kdf_params_acceptable(params: KdfParams) -> bool:
    """Whether stored Argon2id parameters are within the bounds above (and valid Argon2)."""
    return (
        1 <= params.lanes <= MAX_LANES
        and MIN_ITERATIONS <= params.iterations <= MAX_KDF_ITERATIONS
        and 8 * params.lanes <= params.memory_kib <= MAX_MEMORY_KIB
        and params.memory_kib * params.iterations <= MAX_COST_KIB_PASSES
    )


def normalize_passphrase(passphrase: str) -> bytes:
    """Return the bytes that stand for a passphrase, the same on every platform.

    NFC normalisation makes a Polish passphrase typed on macOS (often decomposed) unlock a
    journal created on Windows (composed).
    """
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Derive a 256-bit wrapping key from a passphrase with Argon2id.

    Parameters outside :func:`kdf_params_acceptable` raise ``ValueError``: callers that read
    parameters from a file check them first and report damage.
    """
    if not kdf_params_acceptable(params):
        raise ValueError("Argon2id parameters out of bounds")
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalize_passphrase(passphrase))


def calibrate(target_seconds: float = 0.5, floor: KdfParams = RFC9106_SECOND) -> KdfParams:
    """Pick Argon2id parameters that take about ``target_seconds`` here, never below ``floor``."""
    salt = os.urandom(SALT_BYTES)
    # The first run pays for faulting in the memory; the fastest of the rest is the cost.
    timings = []
    for _ in range(CALIBRATION_RUNS):
        started = time.perf_counter()
        derive_key("calibration", salt, floor)
        timings.append(time.perf_counter() - started)
    guess = _scaled(floor, floor.iterations, min(timings[1:]), target_seconds)
    if guess.iterations == floor.iterations:
        return guess
    # Cost is not quite proportional to passes (filling the memory is paid once): refine once.
    started = time.perf_counter()
    derive_key("calibration", salt, guess)
    return _scaled(floor, guess.iterations, time.perf_counter() - started, target_seconds)


def _scaled(floor: KdfParams, iterations: int, elapsed: float, target: float) -> KdfParams:
    wanted = round(iterations * target / max(elapsed, 1e-3))
    return KdfParams(
        floor.memory_kib, min(max(wanted, floor.iterations), MAX_ITERATIONS), floor.lanes
    )


class SecretKey:
    """A key kept in one mutable buffer, so that locking can overwrite it.

    Python copies ``bytes`` freely and never wipes them; a key that lives only here (and in
    the short-lived copies :meth:`reveal` hands out for one call) leaves nothing behind once
    :meth:`wipe` has run. After that, every use raises :class:`JournalLocked`.
    """

    __slots__ = ("_buffer",)

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self._buffer = bytearray(key)

    def reveal(self) -> bytes:
        """A copy of the key for one call; keep it no longer than that call."""
        if not self._buffer:
            raise JournalLocked()
        return bytes(self._buffer)

    def wipe(self) -> None:
        """Overwrite the key with zeros and forget it; harmless when already wiped."""
        self._buffer[:] = bytes(len(self._buffer))
        self._buffer.clear()

    @property
    def wiped(self) -> bool:
        return not self._buffer

    def __repr__(self) -> str:
        return "SecretKey(wiped)" if self.wiped else "SecretKey(...)"


def random_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def random_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def subkey(master: bytes, purpose: bytes, salt: bytes | None = None) -> bytes:
    """Derive an independent 256-bit key for one purpose from a high-entropy master key."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=purpose)
    return hkdf.derive(master)


def seal(key: bytes, plaintext: bytes, associated_data: bytes) -> bytes:
    """AES-256-GCM encrypt; returns nonce || ciphertext || tag."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, associated_data)


def open_sealed(key: bytes, sealed: bytes, associated_data: bytes) -> bytes:
    """Reverse :func:`seal`; raises :class:`DecryptionFailed` if anything was altered."""
    if len(sealed) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionFailed()
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    try:
        return AESGCM(key).decrypt(nonce, body, associated_data)
    except InvalidTag:
        raise DecryptionFailed() from None


def sealed_size(plaintext_size: int) -> int:
    return NONCE_BYTES + plaintext_size + TAG_BYTES


# Recovery keys: 32 random bytes and a 3-byte SHA-256 check, in base32 groups of four
# letters, so a mistyped key is told apart from a wrong one.


def new_recovery_key() -> tuple[bytes, str]:
    """Return a fresh recovery secret and the text shown (and printed) for it."""
    secret = random_key()
    return secret, format_recovery_key(secret)


def format_recovery_key(secret: bytes) -> str:
    check = hashlib.sha256(secret).digest()[:RECOVERY_CHECK_BYTES]
    text = base64.b32encode(secret + check).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Return the secret of a typed recovery key; tolerant of case, spaces and dashes."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    expected_chars = -(-(KEY_BYTES + RECOVERY_CHECK_BYTES) * 8 // 5)
    if len(cleaned) != expected_chars:
        raise InvalidRecoveryKey()
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(padded)
    except ValueError:
        raise InvalidRecoveryKey() from None
    secret, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if hashlib.sha256(secret).digest()[:RECOVERY_CHECK_BYTES] != check:
        raise InvalidRecoveryKey()
    return secret


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


# Device keys for sync: Ed25519 signs what a device writes into a shared folder, X25519
# receives the space key. Keys travel as their 32 raw bytes.

SIGNATURE_BYTES = 64
PUBLIC_KEY_BYTES = 32
_WRAP_PURPOSE = b"mentorjournal key wrap v1"


def new_signing_key() -> bytes:
    """A fresh Ed25519 private key, as its 32 raw bytes."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def signing_public_key(private: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def sign(private: bytes, message: bytes) -> bytes:
    """The Ed25519 signature (64 bytes) of ``message``."""
    return Ed25519PrivateKey.from_private_bytes(private).sign(message)


def signature_valid(public: bytes, message: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is ``public``'s Ed25519 signature of ``message``; never raises."""
    if len(public) != PUBLIC_KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def new_exchange_key() -> bytes:
    """A fresh X25519 private key, as its 32 raw bytes."""
    return X25519PrivateKey.generate().private_bytes_raw()


def exchange_public_key(private: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def wrap_to(recipient_public: bytes, key: bytes, context: bytes) -> bytes:
    """Encrypt a 32-byte ``key`` so that only the holder of ``recipient_public`` can read it.

    An ephemeral X25519 exchange, HKDF-SHA256 over the shared secret (salted with both public
    keys), AES-256-GCM with ``context`` as associated data. Returns ephemeral public || sealed.
    """
    if len(key) != KEY_BYTES:
        raise ValueError("only 32-byte keys are wrapped")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    wrapping = subkey(shared, _WRAP_PURPOSE + context, salt=ephemeral_public + recipient_public)
    return ephemeral_public + seal(wrapping, key, context)


def unwrap_from(private: bytes, wrapped: bytes, context: bytes) -> bytes:
    """Reverse :func:`wrap_to`; :class:`DecryptionFailed` for another recipient or altered bytes."""
    if len(wrapped) != PUBLIC_KEY_BYTES + sealed_size(KEY_BYTES):
        raise DecryptionFailed()
    ephemeral_public, sealed = wrapped[:PUBLIC_KEY_BYTES], wrapped[PUBLIC_KEY_BYTES:]
    mine = X25519PrivateKey.from_private_bytes(private)
    try:
        shared = mine.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError:  # a low-order point: never produced by wrap_to
        raise DecryptionFailed() from None
    own_public = mine.public_key().public_bytes_raw()
    wrapping = subkey(shared, _WRAP_PURPOSE + context, salt=ephemeral_public + own_public)
    return open_sealed(wrapping, sealed, context)


def keyed_hash(key: bytes, data: bytes) -> bytes:
    """HMAC-SHA256: a name for ``data`` that only holders of ``key`` can compute."""
    return hmac.new(key, data, hashlib.sha256).digest()
