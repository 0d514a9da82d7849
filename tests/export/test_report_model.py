"""The report model: what the closing report says, before any PDF or HTML is laid out."""

from __future__ import annotations

from datetime import date

import pytest

from mentorjournal.export.report_model import (
    Chart,
    Note,
    Paragraph,
    Report,
    ReportOptions,
    Section,
    Table,
    build_report,
)
from mentorjournal.i18n import Language, current_language, load_translation, use_language
from mentorjournal.services.reports import gather
from mentorjournal.services.workspace import Workspace
from tests.export.report_journal import (
    EARLY_SESSION,
    FINAL_SCORES,
    MID_SCORES,
    PRIVATE_CANARY,
    Filled,
    fill,
)


@pytest.fixture
def filled(workspace: Workspace) -> Filled:
    return fill(workspace)


def _report(workspace: Workspace, filled: Filled, **options: object) -> Report:
    source = gather(workspace, filled.relationship_id, today=date(2026, 11, 23))
    return build_report(source, ReportOptions(**options))  # type: ignore[arg-type]


def _everything_said(report: Report) -> str:
    """Every word of the report, as one text."""
    pieces = [report.cover.title, report.cover.subtitle]
    pieces += [f"{fact.label} {fact.value}" for fact in report.cover.facts]
    for section in report.sections:
        pieces.append(section.title)
        blocks = list(section.blocks)
        for part in section.parts:
            pieces.append(part.title)
            blocks += part.blocks
        for block in blocks:
            pieces.append(repr(block))
    return "\n".join(pieces)


def _section(report: Report, key: str) -> Section:
    return next(section for section in report.sections if section.key == key)


def test_private_notes_and_private_records_are_left_out_unless_asked_for(
    workspace: Workspace, filled: Filled
):
    shared = _everything_said(_report(workspace, filled))
    private = _everything_said(_report(workspace, filled, include_private=True))

    assert PRIVATE_CANARY not in shared
    assert f"Cel {PRIVATE_CANARY}" in private  # the private goal
    assert f"{PRIVATE_CANARY} Delegowanie" in private  # a session's private notes


def test_the_date_range_keeps_only_what_happened_inside_it(workspace: Workspace, filled: Filled):
    report = _report(workspace, filled, date_from=date(2026, 8, 1), date_to=date(2026, 9, 30))
    sessions = _section(report, "sessions")
    said = _everything_said(report)

    assert len(sessions.parts) == 3  # August, and the two of September
    assert EARLY_SESSION not in said
    assert "Podsumowanie" not in said
    assert "Przeczytać rozdział" not in said  # homework due in October
    facts = {fact.label: fact.value for fact in report.cover.facts}
    assert facts["Period of this report"] == "from August 1, 2026 to September 30, 2026"


def test_a_polish_report_speaks_polish_and_the_app_keeps_its_language(
    workspace: Workspace, filled: Filled
):
    use_language(Language.ENGLISH)
    polish = load_translation(Language.POLISH)

    report = _report(workspace, filled, language=Language.POLISH)

    assert current_language() is Language.ENGLISH
    titles = [section.title for section in report.sections]
    assert polish.gettext("Goals and their outcomes") in titles
    assert "Goals and their outcomes" not in titles
    assert report.language is Language.POLISH
    assert "23 listopada 2026" in _everything_said(report)


def test_the_agreement_says_which_signature_an_edit_voided(workspace: Workspace, filled: Filled):
    agreement = _section(_report(workspace, filled), "agreement")
    table = next(block for block in agreement.blocks if isinstance(block, Table))
    by_name = {row[0]: row[-1] for row in table.rows}

    assert by_name["Anna Kowalska"].startswith("valid: signed version 2")
    assert by_name["Jan Nowak"].startswith("void: the text was changed")


def test_charts_carry_their_numbers_and_evaluations_compare_mid_point_with_final(
    workspace: Workspace, filled: Filled
):
    charts = _section(_report(workspace, filled), "charts")
    sessions, goals, answers = charts.blocks
    assert isinstance(sessions, Chart)
    assert isinstance(goals, Chart)
    assert isinstance(answers, Chart)

    assert sessions.categories == ("Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026")
    assert sessions.series[0].values == (1.0, 1.0, 2.0, 1.0)
    assert dict(zip(goals.categories, goals.series[0].values, strict=True)) == {
        "Open": 1.0,
        "Achieved": 1.0,
        "Not achievable": 1.0,
        "Dropped": 1.0,
    }  # the private goal is left out
    assert answers.series[0].values == tuple(map(float, MID_SCORES))
    assert answers.series[1].values == tuple(map(float, FINAL_SCORES))
    assert answers.table.rows[0][1:] == (str(MID_SCORES[0]), str(FINAL_SCORES[0]))


def test_next_steps_come_from_both_reflections_and_the_goals_still_open(
    workspace: Workspace, filled: Filled
):
    steps = _section(_report(workspace, filled), "next_steps")
    notes = {block.label: block.markdown for block in steps.blocks if isinstance(block, Note)}

    assert notes["Anna Kowalska"].startswith("1. Konferencja")
    assert notes["Jan Nowak"] == "Nagrywać filmy."
    assert notes["Goals still open"] == "- Delegowanie"


def test_an_empty_relationship_says_so_in_words(workspace: Workspace):
    from tests.services.records_helpers import add_relationship

    rid = add_relationship(workspace, "Ola Wiśniewska")
    report = build_report(gather(workspace, rid), ReportOptions())

    for key in ("agreement", "goals", "sessions", "reflections", "next_steps"):
        section = _section(report, key)
        assert any(isinstance(block, Paragraph) for block in section.blocks), key
