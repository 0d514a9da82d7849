"""Evaluations are added and changed from the command line like every other record."""

from __future__ import annotations

import json

from tests.acceptance.conftest import Cli


def test_an_evaluation_is_added_with_its_answers_and_listed(cli: Cli, relationship: str) -> None:
    evaluation = cli.add(
        "evaluation",
        "--relationship",
        relationship,
        "--moment",
        "final",
        "--answers",
        "worth_it=5",
        "--answers",
        "goals_clear=4",
        "--comment",
        "Dużo się nauczyłam.",
    )
    shown = json.loads(cli.ok("show", evaluation, "--json").out)
    assert shown["answers"] == ["goals_clear=4", "worth_it=5"]
    assert shown["moment"] == "final"
    assert evaluation[:8] in cli.ok("list", "evaluations", "--relationship", relationship).out


def test_a_score_out_of_range_is_refused_in_words_and_nothing_is_added(
    cli: Cli, relationship: str
) -> None:
    refused = cli("add", "evaluation", "--relationship", relationship, "--answers", "worth_it=9")
    assert refused.code != 0
    assert "between 1 and 5" in refused.err
    assert "No records." in cli.ok("list", "evaluations", "--relationship", relationship).out
