"""Pair sync end to end from the command line: two real journals, one folder, the real ledger.

Each test pairs the journals as two people would (``sync start``, ``join``, ``approve`` after
comparing the safety phrase, ``sync now`` on both), then checks what the partner's journal
holds through ``list``, ``show`` and ``history``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.conftest import Cli


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "Syncthing" / "mentoring"
    shared.mkdir(parents=True)
    return shared


@pytest.fixture
def partner(cli: Cli, tmp_path: Path, passphrase: str) -> Path:
    journal = tmp_path / "partner-journal"
    cli.ok("init", "--name", "Jan Nowak", journal=journal)
    return journal


def pair(cli: Cli, relationship: str, partner: Path, folder: Path) -> None:
    """Share the relationship with the partner and let both sync once."""
    cli.ok("sync", "start", "--relationship", relationship, "--folder", str(folder))
    joined = cli.ok("sync", "join", "--folder", str(folder), "--json", journal=partner).json()
    cli.ok("sync", "approve", "--relationship", relationship, "--device", joined["device_id"])
    sync_both(cli, partner)


def sync_both(cli: Cli, partner: Path) -> None:
    cli.ok("sync", "now")
    cli.ok("sync", "now", journal=partner)
    cli.ok("sync", "now")


def show(cli: Cli, record: str, journal: Path | None = None) -> dict[str, Any]:
    shown: dict[str, Any] = cli.ok("show", record, "--json", journal=journal).json()
    return shown


def listed(cli: Cli, kind: str, journal: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = cli.ok("list", kind, "--json", journal=journal).json()
    return records


def test_the_partner_gets_the_relationship_and_its_shared_records(
    cli: Cli, relationship: str, partner: Path, folder: Path, tmp_path: Path
) -> None:
    goal = cli.add("goal", "--relationship", relationship, "--title", "Prowadzić bloga")
    session = cli.add(
        "session",
        "--relationship",
        relationship,
        "--date",
        "2026-11-20T17:00",
        "--notes",
        "We spoke about the blog.",
        "--private-notes",
        "He seemed tired.",
        "--goals",
        goal,
    )
    cli.add(
        "homework",
        "--relationship",
        relationship,
        "--title",
        "Read the AI policy",
        "--session",
        session,
        "--goal",
        goal,
    )
    slides = tmp_path / "talk.pdf"
    slides.write_bytes(b"%PDF-1.4 slides " * 100)
    material = cli.add(
        "material", "--relationship", relationship, "--title", "Slides", "--file", str(slides)
    )
    agreement = cli.add("agreement", "--relationship", relationship, "--frequency", "weekly")
    cli.ok("sign", agreement, "--party", "me")
    cli.add("session", "--relationship", relationship, "--date", "2026-11-21", "--private")

    pair(cli, relationship, partner, folder)

    theirs = show(cli, relationship, partner)
    assert (theirs["my_role"], theirs["partner_names"]) == ("mentor", ["Anna Kowalska"])
    assert [g["title"] for g in listed(cli, "goals", partner)] == ["Prowadzić bloga"]
    (their_session,) = listed(cli, "sessions", partner)
    assert their_session["notes"] == "We spoke about the blog."
    assert not their_session["private_notes"]
    assert [h["title"] for h in listed(cli, "homework", partner)] == ["Read the AI policy"]
    out = tmp_path / "saved"
    out.mkdir()
    cli.ok("attachment", material, "--out", str(out), journal=partner)
    assert [p.read_bytes() for p in out.iterdir()] == [slides.read_bytes()]
    cli.ok("sign", agreement, "--party", "me", journal=partner)
    sync_both(cli, partner)
    for journal in (cli.journal, partner):
        signed = {s["party"]: s["valid"] for s in show(cli, agreement, journal)["signatures"]}
        assert signed == {"me": True, "partner": True}


def test_both_edit_one_note_offline_and_both_edits_are_kept(
    cli: Cli, relationship: str, partner: Path, folder: Path
) -> None:
    notes = "Agenda.\n\nWe talked about the blog.\n\nNext time: the talk."
    session = cli.add(
        "session", "--relationship", relationship, "--date", "2026-11-20", "--notes", notes
    )
    pair(cli, relationship, partner, folder)

    cli.ok("set", session, "notes=" + notes.replace("Agenda.", "Agenda: the blog."))
    cli.ok("set", session, "notes=" + notes + "\n\nJan: I will draft the post.", journal=partner)
    sync_both(cli, partner)

    merged = "Agenda: the blog.\n\nWe talked about the blog.\n\nNext time: the talk." + (
        "\n\nJan: I will draft the post."
    )
    assert show(cli, session)["notes"] == merged
    assert show(cli, session, partner)["notes"] == merged


def test_a_small_field_edited_by_both_ends_the_same_with_the_other_value_in_history(
    cli: Cli, relationship: str, partner: Path, folder: Path
) -> None:
    goal = cli.add("goal", "--relationship", relationship, "--title", "Write a blog")
    pair(cli, relationship, partner, folder)

    cli.ok("set", goal, "title=Write a weekly blog")
    cli.clock.advance(seconds=1)
    cli.ok("set", goal, "title=Write a monthly blog", journal=partner)
    sync_both(cli, partner)

    assert show(cli, goal)["title"] == show(cli, goal, partner)["title"] == "Write a monthly blog"
    for journal in (cli.journal, partner):
        earlier = cli.ok("history", goal, "title", "--json", journal=journal).json()
        assert "Write a weekly blog" in [h["value"] for h in earlier]


def test_an_edit_concurrent_with_a_delete_brings_the_record_back_flagged(
    cli: Cli, relationship: str, partner: Path, folder: Path
) -> None:
    goal = cli.add("goal", "--relationship", relationship, "--title", "Write a blog")
    pair(cli, relationship, partner, folder)

    cli.ok("delete", goal)
    cli.ok("set", goal, "progress=40", journal=partner)
    cli.ok("sync", "now", "--json")
    cli.ok("sync", "now", journal=partner)
    report = cli.ok("sync", "now", "--json").json()

    assert show(cli, goal)["deleted_at"] is None
    assert show(cli, goal)["progress"] == show(cli, goal, partner)["progress"] == 40
    assert show(cli, goal, partner)["deleted_at"] is None
    assert [n["kind"] for n in report[0]["notices"]] == ["restored_after_delete"]


def test_emoji_and_cjk_edits_on_both_sides_keep_every_character(
    cli: Cli, relationship: str, partner: Path, folder: Path
) -> None:
    session = cli.add(
        "session",
        "--relationship",
        relationship,
        "--date",
        "2026-11-20",
        "--notes",
        "👩‍💻 会议 notes 🎉 end",
    )
    pair(cli, relationship, partner, folder)

    cli.ok("set", session, "notes=👩‍💻 会议记录 notes 🎉 end")
    cli.ok("set", session, "notes=👩‍💻 会议 notes 🎉 end 😀👍🏽 结束", journal=partner)
    sync_both(cli, partner)

    merged = "👩‍💻 会议记录 notes 🎉 end 😀👍🏽 结束"
    assert show(cli, session)["notes"] == show(cli, session, partner)["notes"] == merged


def test_the_own_devices_space_carries_a_private_diary_entry(
    cli: Cli, recovery_key: str, tmp_path: Path, folder: Path
) -> None:
    laptop = tmp_path / "laptop-journal"
    cli.ok("init", "--name", "Anna Kowalska", journal=laptop)
    cli.add("entry", "--text", "Private: I doubt my own feedback.")
    cli.ok("sync", "join-own", "--folder", str(folder))
    joined = cli.ok("sync", "join-own", "--folder", str(folder), "--json", journal=laptop).json()
    cli.ok("sync", "approve", "--device", joined["device_id"])
    sync_both(cli, laptop)

    (entry,) = listed(cli, "entries", laptop)
    assert entry["text"] == "Private: I doubt my own feedback."
    assert entry["scope"] == "private"


def test_after_leaving_nothing_more_arrives_and_the_records_stay(
    cli: Cli, relationship: str, partner: Path, folder: Path
) -> None:
    goal = cli.add("goal", "--relationship", relationship, "--title", "Write a blog")
    pair(cli, relationship, partner, folder)

    cli.ok("sync", "leave", "--relationship", relationship, journal=partner)
    cli.ok("set", goal, "title=Write a weekly blog")
    sync_both(cli, partner)

    assert show(cli, goal, partner)["title"] == "Write a blog"
    assert cli.ok("sync", "status", "--json", journal=partner).json() == []


def test_a_removed_device_gets_nothing_new_and_what_it_writes_is_not_taken(
    cli: Cli, relationship: str, partner: Path, folder: Path
) -> None:
    goal = cli.add("goal", "--relationship", relationship, "--title", "Write a blog")
    pair(cli, relationship, partner, folder)
    (their_device,) = [
        d["device_id"] for d in cli.ok("sync", "devices", "--json").json() if not d["this_device"]
    ]

    removed = cli.ok("sync", "remove", "--relationship", relationship, "--device", their_device)
    cli.ok("set", goal, "title=Write a weekly blog")
    cli.ok("set", goal, "progress=90", journal=partner)
    cli.ok("sync", "now")
    theirs = cli.ok("sync", "now", "--json", journal=partner).json()
    ours = cli.ok("sync", "now", "--json").json()

    assert "cannot be recalled" in removed.out
    assert show(cli, goal, partner)["title"] == "Write a blog"
    assert [n["kind"] for n in theirs[0]["notices"]] == ["removed"]
    assert (ours[0]["applied"], show(cli, goal)["progress"]) == (0, 0)


def test_an_attachment_still_travelling_is_named_as_such(
    cli: Cli, relationship: str, partner: Path, folder: Path, tmp_path: Path
) -> None:
    slides = tmp_path / "talk.pdf"
    slides.write_bytes(b"%PDF-1.4 slides")
    material = cli.add(
        "material", "--relationship", relationship, "--title", "Slides", "--file", str(slides)
    )
    cli.ok("sync", "start", "--relationship", relationship, "--folder", str(folder))
    joined = cli.ok("sync", "join", "--folder", str(folder), "--json", journal=partner).json()
    cli.ok("sync", "approve", "--relationship", relationship, "--device", joined["device_id"])
    cli.ok("sync", "now")
    for blob in folder.glob("devices/*/blobs/*.mjb"):
        blob.unlink()  # the sync tool has brought the change file, not the attachment yet
    received = cli.ok("sync", "now", journal=partner).out

    pending = cli("attachment", material, "--out", str(tmp_path), journal=partner)

    assert "An attachment has not arrived yet" in received
    assert pending.code == 1
    assert "has not arrived" in pending.error_line
