"""What a passphrase must be to be set: the rule both front ends apply before setting one.

A passphrase has to be typed again at every unlock, so one that cannot be typed at a prompt
(a line break, another control character) or that is not text at all (bytes that are not
valid in the user's character set) would lock the user out; it is refused when it is set.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class PassphraseProblem(StrEnum):
    """Why a passphrase cannot be set; the front ends put it into words."""

    EMPTY = "empty"
    CONTROL_CHARACTER = "control_character"
    NOT_TEXT = "not_text"


def problem_with(passphrase: str) -> PassphraseProblem | None:
    """What is wrong with ``passphrase`` as a new passphrase, or None when it can be set."""
    if not is_text(passphrase):
        return PassphraseProblem.NOT_TEXT
    if not passphrase.strip():
        return PassphraseProblem.EMPTY
    if any(unicodedata.category(character) == "Cc" for character in passphrase):
        return PassphraseProblem.CONTROL_CHARACTER
    return None


def is_text(value: str) -> bool:
    """False for a string holding lone surrogates: bytes Python could not decode.

    Such strings reach us from ``sys.argv`` and ``os.environ`` when their bytes are not valid
    in the locale's encoding; they cannot be stored, hashed or shown as text.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
