"""Long text merged as a CRDT (pycrdt's ``Text``), so that concurrent edits are all kept.

The window and the command line save a field as a whole new string; :func:`record_edit`
turns old -> new into the smallest edit of the CRDT document that holds the field: the
common beginning and end are kept, the span between them is replaced. Two people editing
different parts of one note therefore keep both edits when their documents merge.

pycrdt's ``Text`` counts its indexes in UTF-8 bytes (its Rust core, yrs, uses byte offsets
by default), while Python counts code points. The span is found in code points and turned
into byte offsets here, so emoji, combining marks and CJK never shift an edit.

A document's state is kept as a pycrdt update (``Doc.get_update()``) and travels as such;
merging two states is applying one to the other, in any order, any number of times.

A text no one has edited since it was written is kept and sent in a short *initial* form
(:data:`_INITIAL`, the writing device and the text): its CRDT document is the one that device
makes by inserting the text into an empty document, the same bytes wherever it is rebuilt.
The first sync of thousands of notes then builds no CRDT document at all (it cost about
half of that sync); a document is made the first time a text is edited or merged.
"""

from __future__ import annotations

import hashlib

from pycrdt import Doc, Text

_NAME = "text"
# Never the start of a pycrdt update of one text: 0xFF opens a varint of at least 2^35 clients.
_INITIAL = b"\xffMJ0"


def client_id(device: str) -> int:
    """The CRDT client id of a device: stable, and different between devices in practice."""
    return int.from_bytes(hashlib.sha256(device.encode("utf-8")).digest()[:4], "big")


def initial(device: str, text: str) -> bytes:
    """The state of a text ``device`` wrote into an empty document, in its short form."""
    return b"%s%s\x00%s" % (_INITIAL, device.encode("utf-8"), text.encode("utf-8"))


def _initial_parts(state: bytes) -> tuple[str, str] | None:
    if not state.startswith(_INITIAL):
        return None
    device, _, text = state[len(_INITIAL) :].partition(b"\x00")
    return device.decode("utf-8"), text.decode("utf-8")


def digest(text: str) -> str:
    """A short fingerprint of a text: what the merge keeps to tell whether a long text changed."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _expanded(state: bytes) -> bytes:
    """A state as a pycrdt update, the short initial form rebuilt."""
    parts = _initial_parts(state)
    if parts is None:
        return state
    document: Doc[Text] = Doc(client_id=client_id(parts[0]))
    text = document.get(_NAME, type=Text)
    text.insert(0, parts[1])
    return document.get_update()


def _document(state: bytes | None, client: int | None = None) -> tuple[Doc[Text], Text]:
    document: Doc[Text] = Doc() if client is None else Doc(client_id=client)
    if state:
        document.apply_update(_expanded(state))
    return document, document.get(_NAME, type=Text)


def text_of(state: bytes | None) -> str:
    """The text a state holds ("" for none)."""
    if not state:
        return ""
    parts = _initial_parts(state)
    return parts[1] if parts is not None else str(_document(state)[1])


def changed_span(old: str, new: str) -> tuple[int, int, str]:
    """Where ``new`` differs from ``old``: (start, end in ``old``, replacement), in code points."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return start, end_old, new[start:end_new]


def _utf8_length(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def record_edit(state: bytes | None, device: str, new: str) -> bytes:
    """The state after this device changed the document's text to ``new``.

    The edit is made against the text the state holds, so it applies on top of whatever
    was merged into it before.
    """
    if not state:
        return initial(device, new)
    document, text = _document(state, client_id(device))
    old = str(text)
    if old == new:
        return state
    start, end, replacement = changed_span(old, new)
    byte_start = _utf8_length(old[:start])
    removed = _utf8_length(old[start:end])
    with document.transaction():
        if removed:
            del text[byte_start : byte_start + removed]
        if replacement:
            text.insert(byte_start, replacement)
    return document.get_update()


def merge(local: bytes | None, remote: bytes) -> tuple[bytes, str]:
    """Both states merged, and the text they now hold."""
    if not local or local == remote:
        return remote, text_of(remote)
    document, text = _document(local)
    document.apply_update(_expanded(remote))
    return document.get_update(), str(text)
