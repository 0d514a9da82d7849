"""Read models as JSON and as plain text for people, safe for any terminal.

JSON uses the read models' own field names (plus ``kind_of_record`` for records), ISO 8601
for dates and times, and the string values of enums. Plain text shows ids shortened to eight
characters, which every command accepts as a prefix, and names and labels in the user's
language.

Record text may come from a partner (through the sync) or from a pasted file, so text for
people is neutralised before it reaches the terminal: control characters (escape sequences,
NUL ...) are shown as visible symbols, and characters the terminal's charset cannot show
are replaced instead of failing the command.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

from mentorjournal.domain import (
    Agreement,
    Dashboard,
    Entry,
    Evaluation,
    Goal,
    HistoryEntry,
    Homework,
    Material,
    Record,
    Reflection,
    Relationship,
    Scope,
    SearchHit,
    Session,
)
from mentorjournal.i18n import _, ngettext
from mentorjournal.i18n.names import field_label, name

SHORT_ID = 8
_PREVIEW = 60

# -- what a terminal may receive ------------------------------------------------------------

# C0 controls and DEL have visible "control pictures" (ESC -> U+241B); C1 controls and the
# bidirectional overrides, which can reorder what a line seems to say, are shown escaped.
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# What json.dumps leaves raw in strings (it escapes C0 itself; newlines outside strings are
# the indentation's own).
_JSON_RAW_CONTROL = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# Typographic characters that have a plain stand-in where a charset lacks them.
_PLAIN = str.maketrans({"„": '"', "”": '"', "“": '"', "‘": "'", "’": "'", "…": "...", "–": "-"})


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, *, multiline: bool = True) -> str:
    """``text`` with every control character made visible; line breaks and tabs stay where
    ``multiline`` allows them (a line break becomes ␊ on a one-line display)."""
    text = text.replace("\r\n", "\n")
    if not multiline:
        return _CONTROL.sub(_picture, text)
    return "".join(
        part if part in "\n\t" else _CONTROL.sub(_picture, part)
        for part in re.split("([\n\t])", text)
    )


def encodable(text: str, encoding: str | None) -> str:
    """``text`` as the terminal's charset can show it: typographic quotes become plain ones
    and anything else it lacks becomes ``?``, instead of an error after the work was done."""
    encoding = encoding or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.translate(_PLAIN).encode(encoding, "replace").decode(encoding)
    except LookupError:  # an encoding Python does not know: keep to ASCII
        return text.translate(_PLAIN).encode("ascii", "replace").decode("ascii")
    return text


# -- JSON ----------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """Plain JSON values for read models and what they contain."""
    if isinstance(value, Record):
        return {**_dataclass_fields(value), "kind_of_record": value.kind_of_record.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _dataclass_fields(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(jsonable(key)): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def _dataclass_fields(value: Any) -> dict[str, Any]:
    return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}


def _escape_json_control(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def to_json(value: Any, encoding: str | None = "utf-8") -> str:
    """``value`` as JSON that decodes to exactly ``value``.

    json.dumps escapes C0 controls itself; DEL, C1 controls and bidirectional overrides are
    escaped here too (only string literals can hold them, where ``\\uXXXX`` means the same),
    so no raw control ever reaches a terminal. Where the charset lacks a character, the whole
    text is ASCII with escapes: still exact, never ``?``.
    """
    text = _JSON_RAW_CONTROL.sub(
        _escape_json_control, json.dumps(jsonable(value), ensure_ascii=False, indent=2)
    )
    try:
        text.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return json.dumps(jsonable(value), ensure_ascii=True, indent=2)
    return text


# -- plain text ----------------------------------------------------------------------------


def short_id(record_id: str | None) -> str:
    return (record_id or "")[:SHORT_ID]


def when(value: datetime | date | None) -> str:
    """Dates as ISO; timestamps in local time to the minute (they are stored in UTC)."""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo is not None else value
        return local.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def first_line(text: str, width: int = _PREVIEW) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    line = visible(line, multiline=False)
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def summary(record: Record) -> str:
    """One line that tells a record apart in a list."""
    parts = (visible(part, multiline=False) for part in _summary_parts(record))
    return "  ".join(part for part in parts if part)


def _name(value: StrEnum | None) -> str:
    return name(value) if value is not None else ""


def _summary_parts(record: Record) -> list[str]:
    head = short_id(record.id)
    match record:
        case Relationship():
            kinds = ", ".join((name(record.kind), name(record.my_role), name(record.stage)))
            return [head, record.title, f"[{kinds}]"]
        case Agreement():
            signed = ", ".join(record.signed_by) or "-"
            fmt = _name(record.meeting_format)
            return [head, f"v{record.version}", fmt, first_line(record.frequency), f"[{signed}]"]
        case Goal():
            due = f"({when(record.target_date)})" if record.target_date else ""
            return [head, name(record.status), f"{record.progress}%", record.title, due]
        case Session():
            minutes = (
                _("{minutes} min").format(minutes=record.duration_minutes)
                if record.duration_minutes
                else ""
            )
            topic = first_line(record.agenda or record.notes)
            return [head, when(record.held_at), minutes, _name(record.format), topic]
        case Homework():
            due = when(record.due_date) if record.due_date else ""
            return [head, name(record.status), due, name(record.assignee), record.title]
        case Material():
            source = record.attachment_name or record.url
            return [head, record.title, source, _scope_mark(record)]
        case Entry():
            return [head, when(record.created_at), record.title or first_line(record.text)]
        case Reflection():
            rating = f"{record.rating}/5" if record.rating else ""
            return [head, name(record.party), rating, when(record.finalised_on)]
        case Evaluation():
            return [head, name(record.moment), name(record.party), when(record.answered_on)]
    return [head]


def _scope_mark(record: Record) -> str:
    return f"({name(Scope.PRIVATE)})" if record.scope is Scope.PRIVATE else ""


def record_list(records: Sequence[Record]) -> str:
    if not records:
        return _("No records.")
    return "\n".join(summary(record) for record in records)


def record_details(record: Record) -> str:
    """Every field as ``label: value``; multi-line text indented below its label."""
    lines = [f"{field_label('kind_of_record')}: {name(record.kind_of_record)}"]
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        label = field_label(field.name, record.kind_of_record)
        if field.name == "signatures":
            lines.append(f"{label}:" if value else f"{label}: -")
            lines.extend(
                f"  {name(s.party)}: {visible(s.name, multiline=False)}, {when(s.signed_at)}"
                + ("" if s.valid else " " + _("(text changed since: no longer valid)"))
                + ("" if s.verified is not False else " " + _("(not verified: does not count)"))
                for s in value
            )
            continue
        lines.extend(_field_lines(label, value))
    return "\n".join(lines)


def _field_lines(label: str, value: Any) -> list[str]:
    if value is None or value == "" or value == ():
        return [f"{label}: -"]
    if isinstance(value, tuple):
        items = ", ".join(visible(str(item), multiline=False) for item in value)
        return [f"{label}: {items}"]
    if isinstance(value, datetime | date):
        return [f"{label}: {when(value)}"]
    if isinstance(value, StrEnum):
        return [f"{label}: {name(value)}"]
    if isinstance(value, bool):
        answer = _("yes") if value else _("no")
        return [f"{label}: {answer}"]
    text = visible(str(value))
    if "\n" not in text:
        return [f"{label}: {text}"]
    return [f"{label}:", *(f"    {line}" for line in text.splitlines())]


def history_list(entries: Sequence[HistoryEntry], field: str) -> str:
    if not entries:
        return _("{field} has no earlier values.").format(field=field_label(field))
    return "\n".join(
        f"{entry.id}  {when(entry.replaced_at)}  {first_line(entry.value)}" for entry in entries
    )


def search_results(hits: Sequence[SearchHit]) -> str:
    if not hits:
        return _("Nothing found.")
    blocks = []
    for hit in hits:
        title = visible(hit.title, multiline=False) or "-"
        snippet = visible(hit.snippet, multiline=False)
        blocks.append(f"{short_id(hit.record_id)}  {name(hit.kind)}  {title}\n    {snippet}")
    return "\n".join(blocks)


def dashboards(boards: Iterable[Dashboard]) -> str:
    blocks = [_dashboard(board) for board in boards]
    if not blocks:
        return _("No relationships yet; add one with `mentorjournal add relationship`.")
    return "\n\n".join(blocks)


def _dashboard(board: Dashboard) -> str:
    last = when(board.last_session_at) if board.last_session_at else _("none yet")
    days = board.days_since_last_session
    if days is not None:
        last += " (" + ngettext("{count} day ago", "{count} days ago", days).format(count=days)
        last += ")"
    interval = ngettext(
        "meeting interval: {count} day", "meeting interval: {count} days", board.interval_days
    ).format(count=board.interval_days)
    if board.overdue:
        interval += "  ! " + _("OVERDUE: time to meet")
    upcoming = board.next_session_at
    signed = ", ".join(board.agreement_signed_by) or _("nobody yet")
    goals = ", ".join(
        f"{name(status)} {count}" for status, count in board.goals_by_status.items() if count
    )
    homework = ngettext(
        "homework: {count} open, {overdue} overdue",
        "homework: {count} open, {overdue} overdue",
        board.open_homework,
    ).format(count=board.open_homework, overdue=board.overdue_homework)
    lines = [
        f"{visible(board.title, multiline=False)}  ({short_id(board.relationship_id)})",
        "  " + _("stage: {stage}").format(stage=name(board.stage)),
        "  " + _("last session: {when}").format(when=last),
        f"  {interval}",
        "  "
        + _("next session: {when}").format(when=when(upcoming) if upcoming else _("none planned")),
        f"  {homework}",
        "  " + _("agreement signed by: {names}").format(names=visible(signed, multiline=False)),
        "  " + _("goals: {counts}").format(counts=goals or _("none")),
    ]
    return "\n".join(lines)
