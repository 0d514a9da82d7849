"""Defect 10 of issue 5: list options are bounded like every other text the user gives."""

from __future__ import annotations

from pathlib import Path

from tests.acceptance.conftest import Cli


def test_a_10_mb_partner_is_refused_like_a_10_mb_title(cli: Cli, relationship: str, tmp_path: Path):
    huge = tmp_path / "partner.txt"
    huge.write_text("Jan" * 3_500_000, encoding="utf-8")  # 10.5 MB, no comma, one name
    before = cli.ok("list", "relationships", "--json").json()

    partner = cli("add", "relationship", "--partner", f"@{huge}")
    title = cli("add", "goal", "--relationship", relationship, "--title", f"@{huge}")

    assert (partner.code, title.code) == (2, 2)
    assert "--partner" in partner.error_line
    assert "--title" in title.error_line
    assert cli.ok("list", "relationships", "--json").json() == before
