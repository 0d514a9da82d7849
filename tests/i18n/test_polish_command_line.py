"""With ``LANG=pl_PL.UTF-8`` nothing the command line prints is English.

English is recognised by the catalogue's own msgids: a word of an English message that is not
also a word of some Polish text is a failure when it appears in the output. What the user types
stays as it is (command and option names, values such as ``--kind reverse``, ids, paths), and
is set apart before the words are compared.
"""

from __future__ import annotations

import argparse
import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mentorjournal.cli.parser import build_parser
from mentorjournal.cli.record_commands import LIST_CHOICES
from mentorjournal.domain import RECORDS
from mentorjournal.i18n.names import VOCABULARIES
from tests.acceptance.conftest import Cli, Result
from tests.i18n.compiled import PO_FILE

_WORD = re.compile(r"[^\W\d_]+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[a-z]")
# Text the user typed or names of things: `commands`, --options, paths, ids, variables.
_TYPED_SPANS = re.compile(r"`[^`]*`|(?<!\w)--?[\w-]+|\S*[/\\]\S*|MENTORJOURNAL_\w+")
_HEX_ID = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{4}){0,4}(?:-[0-9a-f]{12})?")


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(_PLACEHOLDER.sub(" ", text))}


def _texts(value: object) -> list[str]:
    """The one or several (plural) texts of a catalogue entry."""
    return [str(text) for text in value] if isinstance(value, tuple | list) else [str(value)]


def _english_words() -> set[str]:
    """Words of the English msgids that no Polish text of the catalogue uses."""
    with open(PO_FILE, "rb") as handle:
        catalogue = read_po(handle, locale="pl")
    english: set[str] = set()
    polish: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = _texts(message.id)
        texts = _texts(message.string)
        english.update(*(_words(text) for text in ids))
        polish.update(*(_words(text) for text in texts))
    return english - polish


def _typed_words() -> set[str]:
    """Names the user types: subcommands, choices, values of the vocabularies, field names."""
    typed = {"mentorjournal", *LIST_CHOICES}
    typed |= {member.value for vocabulary in VOCABULARIES for member in vocabulary}
    typed |= {spec.name for record in RECORDS.values() for spec in record.fields} | {"scope"}
    pending = [build_parser(Path("journal"))]
    while pending:
        parser = pending.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                typed |= set(action.choices)
                pending.extend(action.choices.values())
            elif action.choices:
                typed |= {str(choice) for choice in action.choices}
    return typed


ENGLISH = _english_words()
TYPED = _typed_words()


def english_in(text: str) -> set[str]:
    """The English words of ``text``, after what the user types was set apart."""
    found: set[str] = set()
    for token in re.split(r"[\s,|]+", _TYPED_SPANS.sub(" ", text)):
        bare = token.strip(".,;:()[]{}'\"„”“!?…")
        if bare in TYPED or _HEX_ID.fullmatch(bare) or "=" in bare:
            continue
        found |= _words(bare) & ENGLISH
    return found


def test_the_detector_finds_english():
    # Guards the test below: English output must be caught, Polish and typed names not.
    assert english_in("Wrong passphrase; the journal stays locked.") >= {"wrong", "locked"}
    assert english_in("usage: mentorjournal list [-h] KIND") >= {"usage", "kind"}
    assert english_in("etap: aktywna  ostatnie spotkanie: 2026-11-20 17:00") == set()
    assert english_in("relacja  [reverse, mentee, active]  list --kind goal") == set()


def _run_everything(cli: Cli, relationship: str, monkeypatch: pytest.MonkeyPatch) -> list[Result]:
    goal = cli.add(
        "goal", "--relationship", relationship, "--title", "Wystąpienie", "--progress", "40"
    )
    cli.add(
        "session",
        "--relationship",
        relationship,
        "--date",
        "2026-11-01T17:00",
        "--agenda",
        "Pierwsze spotkanie",
        "--notes",
        "Ustaliliśmy zasady.",
    )
    cli.add(
        "homework",
        "--relationship",
        relationship,
        "--title",
        "Przeczytać rozdział",
        "--due",
        "2026-11-02",
    )
    agreement = cli.add("agreement", "--relationship", relationship, "--frequency", "co tydzień")
    cli.ok("sign", agreement, "--party", "me")
    cli.ok("set", goal, "description=Pierwsza wersja")
    cli.ok("set", goal, "description=Druga wersja")
    results = [
        cli("--help", with_journal=False),
        cli("add", "--help", with_journal=False),
        cli("list", "--help", with_journal=False),
        cli("search", "--help", with_journal=False),
        cli("add", "goal", "--help", with_journal=False),
        cli("add", "session", "--help", with_journal=False),
        cli("add", "relationship", "--help", with_journal=False),
        cli("list", with_journal=False),  # a usage error: KIND is missing
        cli("list", "goals", "--bogus"),  # an unknown option
        cli("list", "shoes"),  # an invalid choice
        cli("history", goal, "description", "--restore", "drugi"),  # an invalid int
        cli("dashboard"),
        cli("list", "relationships"),
        cli("list", "goals"),
        cli("list", "sessions"),
        cli("list", "homework"),
        cli("list", "agreements"),
        cli("list", "materials"),
        cli("show", relationship),
        cli("show", goal),
        cli("show", agreement),
        cli("history", goal, "description"),
        cli("search", "spotkanie"),
        cli("search", "nieznane"),
        cli("verify"),
        cli("show", "0000dead"),  # not found
        cli("add", "relationship", "--partner", "Ewa", "--kind", "mentoring"),  # not allowed
        cli("add", "goal", "--relationship", relationship),  # required
        cli("set", goal, "progress=500"),  # out of range
        cli("set", goal, "colour=red"),  # unknown field
        cli("set", goal, "nonsense"),  # not FIELD=VALUE
        cli("history", goal, "progress"),  # no history
        cli("attachment", goal, "--out", "x"),  # not a material
        cli("list", "goals", journal=cli.journal / "nowhere"),  # no journal
        cli("init", "--name", "Anna"),  # a journal exists
    ]
    existing = cli.journal.parent / "istniejący.txt"
    existing.write_text("już jest", encoding="utf-8")
    results += [
        cli("backup", "--out", str(existing)),  # would overwrite
        cli("restore", str(cli.journal.parent / "brak.backup"), journal=cli.journal.parent / "n"),
        cli("recover", "--recovery-key", "AAAA-BBBB"),  # mistyped recovery key
        cli("search", "x", "--kind", "shoes"),  # not a kind
        cli("sign", agreement, "--party", "someone"),  # not a party
        cli("add", "goal", "--relationship", relationship, "--title", "@brak.txt"),
        cli("add", "homework", "--relationship", relationship, "--title", "x", "--goal", agreement),
        cli("dashboard", "--relationship", goal),  # not a relationship
    ]
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "nie to hasło")
    results.append(cli("list", "goals"))  # wrong passphrase
    monkeypatch.delenv("MENTORJOURNAL_PASSPHRASE")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    results.append(cli("list", "goals"))  # no passphrase and no terminal to ask for it
    return results


def test_nothing_the_polish_command_line_prints_is_english(
    cli: Cli, relationship: str, polish: None, monkeypatch: pytest.MonkeyPatch
):
    results = _run_everything(cli, relationship, monkeypatch)

    english = {
        index: found
        for index, result in enumerate(results)
        if (found := english_in(result.out + result.err))
    }
    assert english == {}, [(results[index], words) for index, words in english.items()]
    # The failures failed and the rest succeeded: the output checked is the real one.
    codes = [result.code for result in results]
    assert codes[:7] == [0] * 7
    assert set(codes[7:11]) == {2}
    assert set(codes[11:25]) == {0}
    assert 0 not in codes[25:]


def test_polish_names_of_values_are_accepted(cli: Cli, relationship: str, polish: None):
    group = cli.add(
        "relationship",
        "--partner",
        "Ewa",
        "--kind",
        "Grupowy",
        "--role",
        "mentor",
        "--stage",
        "w_przygotowaniu",
    )
    record = cli.ok("show", group, "--json").json()

    assert (record["kind"], record["stage"]) == ("group", "preparing")
    hits = cli.ok("search", "Ewa", "--kind", "relacja", "--json").json()
    assert [hit["record_id"] for hit in hits] == [group]


def test_list_takes_the_name_of_a_kind_in_either_language(cli: Cli, relationship: str):
    goal = cli.add("goal", "--relationship", relationship, "--title", "Blog")

    for name in ("goals", "goal", "cel", "Cel"):
        assert [item["id"] for item in cli.ok("list", name, "--json").json()] == [goal]
    assert cli("list", "celownik").code == 2
