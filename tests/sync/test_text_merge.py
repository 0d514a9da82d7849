"""Long text as a CRDT: saved strings become minimal edits, in the right place, merged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorjournal.sync import text_merge

# Emoji (with joiners and flags), combining marks, CJK, Polish: every width of UTF-8 and UTF-16.
TRICKY = st.lists(
    st.sampled_from(
        [*"ab ząłŻ\n", "\u0301", "\u0328", "中", "文", "😀", "👩‍🏫", "🇵🇱", "\u200d", "𝄞"]
    ),
    max_size=20,
).map("".join)


def _state(device: str, text: str) -> bytes:
    return text_merge.record_edit(None, device, text)


def test_the_changed_span_keeps_the_common_beginning_and_end() -> None:
    assert text_merge.changed_span("Ala ma kota", "Ala ma psa i kota") == (7, 7, "psa i ")
    assert text_merge.changed_span("abc", "abc") == (3, 3, "")
    assert text_merge.changed_span("😀中😀", "😀😀") == (1, 2, "")


@settings(max_examples=150, deadline=None)
@given(old=TRICKY, new=TRICKY)
def test_a_saved_string_is_exactly_what_the_document_then_holds(old: str, new: str) -> None:
    state = text_merge.record_edit(_state("a", old), "a", new)
    assert text_merge.text_of(state) == new


@settings(max_examples=150, deadline=None)
@given(base=TRICKY, left=TRICKY, right=TRICKY)
def test_concurrent_inserts_at_the_two_ends_are_both_kept_in_place(
    base: str, left: str, right: str
) -> None:
    # Marked, so that each insert has one place (at the very start, at the very end).
    left, right, base = f"«{left}", f"{right}»", f"|{base}|"
    start = _state("a", base)
    ours = text_merge.record_edit(start, "a", left + base)
    theirs = text_merge.record_edit(start, "b", base + right)

    merged_here, text_here = text_merge.merge(ours, theirs)
    merged_there, text_there = text_merge.merge(theirs, ours)

    assert text_here == text_there == left + base + right
    assert text_merge.text_of(merged_here) == text_merge.text_of(merged_there)


def test_edits_inside_emoji_and_cjk_text_land_between_the_right_characters() -> None:
    base = "😀 面试 e\u0301 🇵🇱 koniec"
    start = _state("a", base)
    ours = text_merge.record_edit(start, "a", base.replace("面试", "面试准备"))
    theirs = text_merge.record_edit(start, "b", base.replace("koniec", "koniec!"))

    assert text_merge.merge(ours, theirs)[1] == "😀 面试准备 e\u0301 🇵🇱 koniec!"


def test_merging_is_idempotent_and_order_free() -> None:
    start = _state("a", "jeden dwa trzy")
    ours = text_merge.record_edit(start, "a", "zero jeden dwa trzy")
    theirs = text_merge.record_edit(start, "b", "jeden dwa trzy cztery")
    once, _ = text_merge.merge(ours, theirs)
    twice, text = text_merge.merge(once, theirs)

    assert text == "zero jeden dwa trzy cztery"
    assert text_merge.text_of(twice) == text_merge.text_of(once)
    assert text_merge.merge(theirs, ours)[1] == text


def test_devices_have_different_client_ids() -> None:
    assert text_merge.client_id("device-a") != text_merge.client_id("device-b")
    assert text_merge.client_id("device-a") == text_merge.client_id("device-a")


def test_a_text_written_once_travels_short_and_merges_like_its_full_document() -> None:
    written = _state("a", "Notatka 😀 中文")
    assert text_merge.text_of(written) == "Notatka 😀 中文"
    edited_elsewhere = text_merge.record_edit(written, "b", "Notatka 😀 中文, dopisek")
    edited_here = text_merge.record_edit(written, "a", "Ważna notatka 😀 中文")

    assert text_merge.merge(written, edited_elsewhere)[1] == "Notatka 😀 中文, dopisek"
    assert text_merge.merge(edited_here, edited_elsewhere)[1] == "Ważna notatka 😀 中文, dopisek"
    assert text_merge.merge(edited_elsewhere, written)[1] == "Notatka 😀 中文, dopisek"
