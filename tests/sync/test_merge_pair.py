"""A mentor's and a mentee's journals sharing one relationship through their ledgers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import (
    Agreement,
    Entry,
    Goal,
    GoalStatus,
    Party,
    Reflection,
    Relationship,
    Role,
    Session,
)
from mentorjournal.sync import changes
from tests.conftest import MovableClock
from tests.services.records_helpers import add, update
from tests.sync.merge_helpers import (
    Device,
    history_values,
    make_device,
    pair,
    payload_texts,
    sync,
)

CANARY = "KANAREK-prywatny-7f3a"


@pytest.fixture
def mentor(tmp_path: Path, clock: MovableClock) -> Iterator[Device]:
    device = make_device(tmp_path, "anna", "Anna Kowalska", clock)
    yield device
    device.close()


@pytest.fixture
def mentee(tmp_path: Path, clock: MovableClock) -> Iterator[Device]:
    device = make_device(tmp_path, "jan", "Jan Nowak", clock)
    yield device
    device.close()


@pytest.fixture
def relationship(mentor: Device) -> Relationship:
    return add(mentor.workspace, Relationship, {"partner_names": "Jan Nowak", "my_role": "mentor"})


def _session(device: Device, relationship: Relationship, **values: str) -> Session:
    return add(
        device.workspace,
        Session,
        {"relationship_id": relationship.id, "held_at": "2026-11-20T18:30", **values},
    )


def test_the_partner_gets_the_relationship_seen_from_their_side(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    session = _session(mentor, relationship, notes="Cele na kwartał 🎯")
    sync(mentor, mentee, pair(relationship.id))

    theirs = mentee.workspace.records.get(relationship.id)
    assert isinstance(theirs, Relationship)
    assert theirs.my_role is Role.MENTEE
    assert theirs.partner_names == ("Anna Kowalska",)
    assert theirs.title == "Anna Kowalska"
    arrived = mentee.workspace.records.get(session.id)
    assert isinstance(arrived, Session)
    assert arrived.notes == "Cele na kwartał 🎯"
    # The mentor's own view is untouched by the round trip.
    mine = mentor.workspace.records.get(relationship.id)
    assert isinstance(mine, Relationship)
    assert (mine.my_role, mine.partner_names) == (Role.MENTOR, ("Jan Nowak",))


def test_private_records_and_private_fields_never_enter_a_payload(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    session = _session(mentor, relationship, notes="wspólne", private_notes=f"{CANARY} notatka")
    hidden = add(
        mentor.workspace,
        Goal,
        {"relationship_id": relationship.id, "title": f"{CANARY} cel", "scope": "private"},
    )
    diary = add(mentor.workspace, Entry, {"relationship_id": relationship.id, "text": CANARY})
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)
    update(mentor.workspace, session, {"private_notes": f"{CANARY} druga wersja"})
    sync(mentor, mentee, scope)

    assert mentor.sent
    for payload in mentor.sent:
        assert CANARY not in payload_texts(payload)
    arrived = mentee.workspace.records.get(session.id)
    assert isinstance(arrived, Session)
    assert arrived.private_notes == ""
    for record in (hidden, diary):
        with pytest.raises(Exception, match=record.id):
            mentee.workspace.records.get(record.id)


def test_both_edits_of_one_note_made_offline_are_kept(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    base = "Plan: 1) 面试 准备 2) CV ✍️ 3) portfolio"
    session = _session(mentor, relationship, notes=base)
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)

    update(mentor.workspace, session, {"notes": "Anna 👩‍🏫: " + base})
    mine = mentee.workspace.records.get(session.id)
    assert isinstance(mine, Session)
    update(mentee.workspace, mine, {"notes": base + " 4) q\u0301uiz 🇵🇱"})
    sync(mentor, mentee, scope)

    expected = "Anna 👩‍🏫: " + base + " 4) q\u0301uiz 🇵🇱"
    for device in (mentor, mentee):
        merged = device.workspace.records.get(session.id)
        assert isinstance(merged, Session)
        assert merged.notes == expected
    # Each side keeps the text it had before the merge in the note's history.
    assert "Anna 👩‍🏫: " + base in history_values(mentor.workspace, session, "notes")
    assert base + " 4) q\u0301uiz 🇵🇱" in history_values(mentee.workspace, session, "notes")


def test_a_small_field_edited_on_both_sides_ends_the_same_and_the_other_value_is_kept(
    mentor: Device, mentee: Device, relationship: Relationship, clock: MovableClock
) -> None:
    goal = add(mentor.workspace, Goal, {"relationship_id": relationship.id, "title": "Prezentacja"})
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)

    update(mentor.workspace, goal, {"title": "Prezentacja na konferencji"})
    clock.advance(minutes=5)
    update(mentee.workspace, goal, {"title": "Prezentacja dla zarządu"})
    update(mentor.workspace, goal, {"status": "achieved"})
    reports = sync(mentor, mentee, scope)

    titles = set()
    for device in (mentor, mentee):
        merged = device.workspace.records.get(goal.id)
        assert isinstance(merged, Goal)
        titles.add(merged.title)
        assert merged.status is GoalStatus.ACHIEVED  # edited on one side only: no conflict
    assert titles == {"Prezentacja dla zarządu"}  # the later edit wins everywhere
    for device in (mentor, mentee):
        assert "Prezentacja na konferencji" in history_values(device.workspace, goal, "title")
    assert sum(report.values_kept_in_history for report in reports) >= 2


def test_an_edit_concurrent_with_a_delete_brings_the_record_back_flagged(
    mentor: Device, mentee: Device, relationship: Relationship, clock: MovableClock
) -> None:
    goal = add(mentor.workspace, Goal, {"relationship_id": relationship.id, "title": "Blog"})
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)

    mentor.workspace.records.delete(goal.id)
    clock.advance(minutes=1)
    theirs = mentee.workspace.records.get(goal.id)
    update(mentee.workspace, theirs, {"description": "Pierwszy wpis w grudniu"})
    reports = sync(mentor, mentee, scope)

    assert goal.id in {rid for report in reports for rid in report.restored_after_delete}
    for device in (mentor, mentee):
        back = device.workspace.records.get(goal.id)
        assert isinstance(back, Goal)
        assert back.deleted_at is None
        assert back.description == "Pierwszy wpis w grudniu"


def test_a_delete_after_seeing_every_edit_holds_on_both_sides(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    goal = add(mentor.workspace, Goal, {"relationship_id": relationship.id, "title": "Blog"})
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)
    mentee.workspace.records.delete(goal.id)
    reports = sync(mentor, mentee, scope)

    assert not any(report.restored_after_delete for report in reports)
    for device in (mentor, mentee):
        assert device.workspace.records.get(goal.id).deleted_at is not None


def test_applying_the_same_payload_twice_equals_once(
    mentor: Device, mentee: Device, relationship: Relationship, clock: MovableClock
) -> None:
    session = _session(mentor, relationship, notes="Pierwsza wersja")
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)
    update(mentor.workspace, session, {"notes": "Druga wersja"})
    clock.advance(minutes=1)
    theirs = mentee.workspace.records.get(session.id)
    update(mentee.workspace, theirs, {"agenda": "Agenda Jana"})
    [payload] = mentor.send(scope)

    first = mentee.ledger.apply(scope, payload, mentor.device_id)
    after_once = mentee.workspace.records.get(session.id)
    history_once = history_values(mentee.workspace, session, "notes")
    again = mentee.ledger.apply(scope, payload, mentor.device_id)

    assert first.records_changed == 1
    assert again.records_changed == 0
    assert mentee.workspace.records.get(session.id) == after_once
    assert history_values(mentee.workspace, session, "notes") == history_once


def test_a_session_arriving_before_its_relationship_waits_for_it(
    mentor: Device, mentee: Device, relationship: Relationship, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mentorjournal.sync.ledger.MAX_RECORDS", 1)
    session = _session(mentor, relationship, notes="Najpierw sesja")
    scope = pair(relationship.id)
    batches = mentor.send(scope)
    assert len(batches) == 2  # the relationship's batch, then the session's

    mentee.receive(scope, [batches[1], batches[1]], mentor.device_id)
    with pytest.raises(Exception, match=session.id):
        mentee.workspace.records.get(session.id)
    mentee.receive(scope, [batches[0], batches[1], batches[0]], mentor.device_id)

    arrived = mentee.workspace.records.get(session.id)
    assert isinstance(arrived, Session)
    assert arrived.notes == "Najpierw sesja"


def test_parties_and_signatures_are_seen_from_each_side_and_an_edit_voids_them(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    reflection = add(
        mentor.workspace,
        Reflection,
        {"relationship_id": relationship.id, "party": "me", "lessons": "Słuchać więcej"},
    )
    agreement = add(
        mentor.workspace,
        Agreement,
        {"relationship_id": relationship.id, "principles": "Szczerość"},
    )
    mentor.workspace.records.sign_agreement(agreement.id, Party.ME)
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)
    mentee.workspace.records.sign_agreement(agreement.id, Party.ME)
    sync(mentor, mentee, scope)

    theirs = mentee.workspace.records.get(reflection.id)
    assert isinstance(theirs, Reflection)
    assert theirs.party is Party.PARTNER
    for device, mine, partner in (
        (mentor, "Anna Kowalska", "Anna Kowalska"),
        (mentee, "Jan Nowak", "Jan Nowak"),
    ):
        signed = device.workspace.records.get(agreement.id)
        assert isinstance(signed, Agreement)
        by_party = {s.party: s for s in signed.signatures}
        assert set(by_party) == {Party.ME, Party.PARTNER}
        assert all(s.valid for s in signed.signatures)
        assert by_party[Party.ME].name == mine
        assert partner in signed.signed_by

    their_agreement = mentee.workspace.records.get(agreement.id)
    update(mentee.workspace, their_agreement, {"principles": "Szczerość i punktualność"})
    sync(mentor, mentee, scope)
    for device in (mentor, mentee):
        voided = device.workspace.records.get(agreement.id)
        assert isinstance(voided, Agreement)
        assert voided.principles == "Szczerość i punktualność"
        assert len(voided.signatures) == 2
        assert voided.signed_by == ()


def test_an_attachment_this_journal_lacks_is_reported(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    material = mentor.workspace.records.add_material_file(
        {"relationship_id": relationship.id, "title": "Slajdy"}, "slajdy.pdf", b"%PDF-1.7 ..."
    )
    scope = pair(relationship.id)
    payloads = mentor.send(scope)
    reports = mentee.receive(scope, payloads, mentor.device_id)

    needed = {blob for report in reports for blob in report.blob_ids_needed}
    assert needed == {material.attachment_id}  # type: ignore[attr-defined]


def test_nothing_new_means_no_batch(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)
    add(
        mentor.workspace,
        Goal,
        {"relationship_id": relationship.id, "title": "x", "scope": "private"},
    )

    assert mentor.ledger.outgoing(scope) is None
    assert mentee.ledger.outgoing(scope) is None


def test_an_unsent_batch_is_offered_again_until_committed(
    mentor: Device, relationship: Relationship
) -> None:
    scope = pair(relationship.id)
    first = mentor.ledger.outgoing(scope)
    again = mentor.ledger.outgoing(scope)

    assert first is not None
    assert again is not None
    assert first.payload == again.payload
    mentor.ledger.commit_outgoing(scope, first)
    assert mentor.ledger.outgoing(scope) is None


def test_a_signed_agreement_deleted_on_one_side_is_deleted_on_both(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    agreement = add(
        mentor.workspace, Agreement, {"relationship_id": relationship.id, "notes": "Umowa"}
    )
    mentor.workspace.records.sign_agreement(agreement.id, Party.ME)
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)
    mentee.workspace.records.sign_agreement(agreement.id, Party.ME)
    sync(mentor, mentee, scope)
    mentor.workspace.records.delete(agreement.id)
    reports = sync(mentor, mentee, scope)

    assert not any(report.restored_after_delete for report in reports)
    for device in (mentor, mentee):
        assert device.workspace.records.get(agreement.id).deleted_at is not None


def test_each_side_names_the_relationship_its_own_way_after_it_arrived(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    named = update(mentor.workspace, relationship, {"title": "Mentoring Q4"})
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)
    theirs = mentee.workspace.records.get(relationship.id)
    assert isinstance(theirs, Relationship)
    assert (theirs.title, theirs.partner_names) == ("Mentoring Q4", ("Anna Kowalska",))

    update(mentee.workspace, theirs, {"title": "Z Anną", "partner_names": "Anna K."})
    update(mentor.workspace, named, {"title": "Jan, Q4", "stage": "active"})
    sync(mentor, mentee, scope)

    mine = mentor.workspace.records.get(relationship.id)
    theirs = mentee.workspace.records.get(relationship.id)
    assert isinstance(mine, Relationship)
    assert isinstance(theirs, Relationship)
    assert (mine.title, mine.partner_names) == ("Jan, Q4", ("Jan Nowak",))
    assert (theirs.title, theirs.partner_names) == ("Z Anną", ("Anna K.",))
    assert mine.stage is theirs.stage  # everything else is shared


def test_a_partner_cannot_change_a_record_of_another_relationship(
    mentor: Device, mentee: Device, relationship: Relationship
) -> None:
    other = add(mentor.workspace, Relationship, {"partner_names": "Ola Wiśniewska"})
    secret = add(mentor.workspace, Goal, {"relationship_id": other.id, "title": "Tylko z Olą"})
    scope = pair(relationship.id)
    sync(mentor, mentee, scope)
    # The partner's journal writes a record with that goal's id into this relationship.
    forged = add(mentee.workspace, Goal, {"relationship_id": relationship.id, "title": "Podmiana"})
    decoded = [changes.decode(p) for p in mentee.send(scope)]
    for payload in decoded:
        for record in payload.records:
            if record.record_id == forged.id:
                record.record_id = secret.id
    mentor.receive(scope, [changes.encode(p.owner, p.records) for p in decoded], mentee.device_id)

    kept = mentor.workspace.records.get(secret.id)
    assert isinstance(kept, Goal)
    assert (kept.title, kept.relationship_id) == ("Tylko z Olą", other.id)
