"""An honest, simple estimate of a passphrase's strength, told in words.

It counts length and kinds of characters (lower case, upper case, digits, everything else,
Polish letters and spaces included) and estimates the bits a guesser would need if the
characters were chosen at random. People do not choose at random, so the words stay modest:
a long phrase of several words is what we recommend.
"""

from __future__ import annotations

import math
from enum import IntEnum

from mentorjournal.i18n import _, ngettext

MINIMUM_LENGTH = 8


class Strength(IntEnum):
    EMPTY = 0
    TOO_SHORT = 1
    WEAK = 2
    FAIR = 3
    STRONG = 4


def character_kinds(passphrase: str) -> int:
    kinds = (
        any(c.islower() for c in passphrase),
        any(c.isupper() for c in passphrase),
        any(c.isdigit() for c in passphrase),
        any(not c.isalnum() or not c.isascii() for c in passphrase),
    )
    return sum(kinds)


def estimate(passphrase: str) -> Strength:
    if not passphrase:
        return Strength.EMPTY
    if len(passphrase) < MINIMUM_LENGTH:
        return Strength.TOO_SHORT
    pool = 26 * bool(any(c.islower() for c in passphrase))
    pool += 26 * bool(any(c.isupper() for c in passphrase))
    pool += 10 * bool(any(c.isdigit() for c in passphrase))
    pool += 33 * bool(any(not c.isalnum() or not c.isascii() for c in passphrase))
    bits = len(passphrase) * math.log2(max(pool, 2))
    if len(set(passphrase)) <= 2:  # "aaaaaaaaaaaa" is not twelve random letters
        return Strength.WEAK
    if bits < 50:
        return Strength.WEAK
    if bits < 80:
        return Strength.FAIR
    return Strength.STRONG


def describe(passphrase: str) -> str:
    """The strength in words, with what it is based on."""
    strength = estimate(passphrase)
    if strength is Strength.EMPTY:
        return _("Strength: nothing typed yet. A phrase of four or more words is best.")
    length = ngettext("{count} character", "{count} characters", len(passphrase)).format(
        count=len(passphrase)
    )
    kinds = ngettext(
        "{count} kind of character", "{count} kinds of characters", character_kinds(passphrase)
    ).format(count=character_kinds(passphrase))
    verdict = {
        Strength.TOO_SHORT: _("too short (at least {minimum} characters)").format(
            minimum=MINIMUM_LENGTH
        ),
        Strength.WEAK: _("weak"),
        Strength.FAIR: _("fair"),
        Strength.STRONG: _("strong"),
    }[strength]
    return _("Strength: {verdict} ({length}, {kinds}).").format(
        verdict=verdict, length=length, kinds=kinds
    )
