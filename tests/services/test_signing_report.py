"""The closing report states who signed which version, when, and whether the device key
verified it: read back from the PDF (pypdf) and from the HTML, after a real sync."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from mentorjournal.domain import Party
from mentorjournal.services.reports import ReportFormat, ReportOptions, export_report
from mentorjournal.services.workspace import Settings
from tests.services.signing_helpers import Pair, shared_pair, tamper


def _squeezed(text: str) -> str:
    """Without white space: table cells wrap wherever the column width says."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def pair(tmp_path: Path, settings: Settings) -> Iterator[Pair]:
    with shared_pair(tmp_path, settings) as made:
        made.anna.records.sign_agreement(made.agreement_id, Party.ME)
        made.exchange()
        made.anna.records.update(made.agreement_id, {"notes": "Spotkania co dwa tygodnie."})
        made.exchange()
        made.jan.records.sign_agreement(made.agreement_id, Party.ME)
        made.exchange()
        yield made


def _report(pair: Pair, target: Path, report_format: ReportFormat) -> str:
    export_report(
        pair.jan, pair.relationship_id, target, report_format, ReportOptions(), force=True
    )
    if report_format is ReportFormat.PDF:
        return "\n".join(page.extract_text() for page in PdfReader(target).pages)
    return html.unescape(re.sub(r"<[^>]+>", " ", target.read_text(encoding="utf-8")))


@pytest.mark.parametrize("report_format", [ReportFormat.PDF, ReportFormat.HTML])
def test_the_report_says_who_signed_which_version_and_that_it_was_verified(
    pair: Pair, tmp_path: Path, report_format: ReportFormat
) -> None:
    text = _squeezed(_report(pair, tmp_path / f"raport.{report_format.value}", report_format))

    for heading in ("Signedby", "Versionsigned", "Signedon", "Verification"):
        assert heading in text
    # Anna signed version 1, then the text changed; Jan signed version 2, the current one.
    assert _squeezed("Anna Kowalska 1 23 November 2026") in text
    assert _squeezed("Jan Nowak 2 23 November 2026") in text
    assert _squeezed("verified with Anna Kowalska's device key") in text
    assert _squeezed("verified with Jan Nowak's device key") in text
    assert _squeezed("void: the text was changed after this signature") in text
    assert _squeezed("valid: signed version 2, the current text") in text


def test_a_forged_signature_is_reported_as_not_verified(pair: Pair, tmp_path: Path) -> None:
    tamper(pair.jan, pair.agreement_id, Party.PARTNER.value, lambda row: setattr(row, "name", "X"))

    text = _squeezed(_report(pair, tmp_path / "raport.pdf", ReportFormat.PDF))

    assert _squeezed("not verified: it does not match the signer's device key") in text
    assert _squeezed("does not count as signed") in text
