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
"""

from __future__ import annotations

import hashlib

from pycrdt import Doc, Text

_NAME = "text"


def client_id(device: str) -> int:
    """The CRDT client id of a device: stable, and different between devices in practice."""
    return int.from_bytes(hashlib.sha256(device.encode("utf-8")).digest()[:4], "big")


def _document(state: bytes | None, client: int | None = None) -> tuple[Doc[Text], Text]:
    document: Doc[Text] = Doc() if client is None else Doc(client_id=client)
    if state:
        document.apply_update(state)
    return document, document.get(_NAME, type=Text)


def text_of(state: bytes | None) -> str:
    """The text a state holds ("" for none)."""
    if not state:
        return ""
    return str(_document(state)[1])


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
    document, text = _document(state, client_id(device))
    old = str(text)
    if old == new:
        return state if state else document.get_update()
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
    document, text = _document(local)
    document.apply_update(remote)
    return document.get_update(), str(text)
