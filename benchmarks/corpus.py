"""Deterministic, realistic-looking journal content for the benchmark.

Notes mix Polish sentences (with their diacritics) and English ones, drawn from a vocabulary
with a Zipf-like distribution, so a few content words occur in almost every record and most
occur rarely. A handful of words outside the vocabulary are planted in a known number of
records, so a search for them has a known answer.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from mentorjournal.domain.text_fold import fold


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Content words, most frequent first: the first ones end up in nearly every record.
POLISH = _words(
    "spotkanie zespół projekt rozwój cel umiejętności praca rozmowa zadanie kariera "
    "wdrożenie ścieżka informacja zwrotna odpowiedzialność priorytet decyzja zmiana klient "
    "pewność siebie komunikacja szef współpraca termin plan tydzień miesiąc pytanie problem "
    "rozwiązanie doświadczenie wiedza szkolenie prezentacja konferencja książka artykuł "
    "notatki postęp wynik ocena awans wynagrodzenie stres równowaga odpoczynek zdrowie "
    "motywacja energia strach wątpliwość sukces porażka nauka błąd lekcja zaufanie granice "
    "delegowanie negocjacje konflikt emocje słuchanie pytania mocne słabe strony nawyk "
    "poranek wieczór kawa spacer biuro zdalnie hybrydowo kolega koleżanka menedżer "
    "kierowniczka zarząd budżet wdrożeniowy proces jakość kod przegląd architektura "
    "dokumentacja testy wydanie klientka użytkownik badanie rynek strategia misja wizja "
    "wartości kultura organizacja struktura rekrutacja rozmowa kwalifikacyjna portfolio "
    "sieć kontaktów polecenie mentorka mentor mentee podopieczna podopieczny refleksja "
    "dziennik wniosek obserwacja zachowanie pochwała krytyka złość radość wdzięczność "
    "cierpliwość odwaga ciekawość skupienie rozproszenie kalendarz spóźnienie urlop "
    "przerwa wypalenie regeneracja sen sport rodzina dzieci przeprowadzka wyjazd "
    "Kraków Łódź Wrocław Gdańsk Poznań Białystok Rzeszów Toruń Częstochowa Kielce"
)

ENGLISH = _words(
    "meeting feedback goal career team project growth skills manager promotion "
    "confidence leadership stakeholder roadmap deadline priority review presentation "
    "interview negotiation conflict delegation boundaries burnout balance habit "
    "reflection journal lesson mistake success failure trust listening question answer "
    "strength weakness opportunity risk plan week month quarter budget hiring onboarding "
    "architecture testing release customer research strategy vision values culture "
    "network referral portfolio conference talk book article course certificate "
    "workshop retrospective standup sprint backlog estimate scope quality mentoring "
    "coaching sponsorship visibility influence decision tradeoff ownership autonomy "
    "curiosity courage patience focus distraction calendar vacation energy motivation "
    "anxiety gratitude praise criticism emotion behaviour observation insight progress"
)

POLISH_GLUE = _words("i w na że się to nie z do jak ale o po co już tak jest był była od przy")
ENGLISH_GLUE = _words("the a and to of in that is was for on with it we she he about but")

# Planted words and how many records hold them; none is a prefix of a vocabulary word.
RARE_WORDS: dict[str, int] = {
    "źdźbło": 12,
    "chrząszcz": 40,
    "serendipity": 8,
    "xylograph": 3,
}

FIRST_NAMES = _words(
    "Zofia Łukasz Małgorzata Paweł Agnieszka Jędrzej Katarzyna Michał Żaneta Grzegorz "
    "Bożena Tomasz Ewa Sławomir Joanna Wojciech Dorota Przemysław Anna Mikołaj"
)
LAST_NAMES = _words(
    "Wójcik Żak Kowalczyk Łęcka Nowak Szymańska Dąbrowski Kamińska Wiśniewski Zieliński "
    "Woźniak Krawczyk Grabowska Pietrzak Jabłońska Król Wróbel Mazur Sikora Błaszczyk"
)


def _zipf_weights(count: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + 1) for rank in range(count)))


@dataclass(frozen=True, slots=True)
class Scale:
    """How much of everything the journal holds."""

    relationships: int
    sessions: int
    homework: int
    entries: int
    goals_per_relationship: int = 3

    @classmethod
    def of(cls, factor: float) -> Scale:
        def part(full: int, floor: int) -> int:
            return max(floor, round(full * factor))

        return cls(
            relationships=part(20, 2),
            sessions=part(10_000, 20),
            homework=part(20_000, 20),
            entries=part(5_000, 10),
        )


class Writer:
    """Sentences, paragraphs and notes from one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self._polish_weights = _zipf_weights(len(POLISH))
        self._english_weights = _zipf_weights(len(ENGLISH))

    def sentence(self, extra: str | None = None) -> str:
        rng = self.rng
        polish = rng.random() < 0.6
        vocabulary, weights = (
            (POLISH, self._polish_weights) if polish else (ENGLISH, self._english_weights)
        )
        glue = POLISH_GLUE if polish else ENGLISH_GLUE
        length = rng.randint(6, 16)
        content = rng.choices(vocabulary, cum_weights=weights, k=length)
        words = [w if rng.random() < 0.6 else f"{rng.choice(glue)} {w}" for w in content]
        if extra is not None:
            words.insert(rng.randrange(len(words) + 1), extra)
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice(".....?!")

    def paragraph(self, extra: str | None = None) -> str:
        count = self.rng.randint(3, 6)
        planted = self.rng.randrange(count) if extra else -1
        return " ".join(self.sentence(extra if i == planted else None) for i in range(count))

    def paragraphs(self, low: int, high: int, extra: str | None = None) -> str:
        count = self.rng.randint(low, high)
        planted = self.rng.randrange(count) if extra else -1
        return "\n\n".join(self.paragraph(extra if i == planted else None) for i in range(count))

    def line(self, low: int = 3, high: int = 8) -> str:
        words = self.sentence().rstrip(".?!").split()[: self.rng.randint(low, high)]
        return " ".join(words)

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"


def plant(rng: random.Random, slots: int) -> dict[int, str]:
    """Which record (by position among ``slots`` text records) gets which rare word."""
    chosen = rng.sample(range(slots), min(slots, sum(RARE_WORDS.values())))
    planted: dict[int, str] = {}
    iterator = iter(chosen)
    for word, count in RARE_WORDS.items():
        for _ in range(count):
            index = next(iterator, None)
            if index is not None:
                planted[index] = word
    return planted


def planted_counts(planted: dict[int, str]) -> dict[str, int]:
    counts = dict.fromkeys(RARE_WORDS, 0)
    for word in planted.values():
        counts[word] += 1
    return counts


def check_vocabulary() -> None:
    """A planted word must not be a prefix of, or equal to, any word the text may contain."""
    everyday = {fold(w) for w in (*POLISH, *ENGLISH, *POLISH_GLUE, *ENGLISH_GLUE)}
    for word in RARE_WORDS:
        folded = fold(word)
        clashes = [w for w in everyday if w.startswith(folded)]
        if clashes:
            raise ValueError(f"planted word {word!r} clashes with {clashes}")
