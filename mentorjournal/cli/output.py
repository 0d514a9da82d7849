"""Read models as JSON and as plain text for people.

JSON uses the read models' own field names (plus ``kind_of_record`` for records), ISO 8601
for dates and times, and the string values of enums. Plain text shows ids shortened to eight
characters, which every command accepts as a prefix.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from mentorjournal.cli.messages import Messages
from mentorjournal.domain import (
    Agreement,
    Dashboard,
    Entry,
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

SHORT_ID = 8
_PREVIEW = 60


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


def to_json(value: Any) -> str:
    return json.dumps(jsonable(value), ensure_ascii=False, indent=2)


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
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def summary(record: Record) -> str:
    """One line that tells a record apart in a list."""
    return "  ".join(part for part in _summary_parts(record) if part)


def _summary_parts(record: Record) -> list[str]:
    head = short_id(record.id)
    match record:
        case Relationship():
            return [head, record.title, f"[{record.kind}, {record.my_role}, {record.stage}]"]
        case Agreement():
            signed = ", ".join(record.signed_by) or "-"
            fmt = record.meeting_format.value if record.meeting_format else ""
            return [head, f"v{record.version}", fmt, first_line(record.frequency), f"[{signed}]"]
        case Goal():
            due = f"({when(record.target_date)})" if record.target_date else ""
            return [head, str(record.status), f"{record.progress}%", record.title, due]
        case Session():
            minutes = f"{record.duration_minutes} min" if record.duration_minutes else ""
            fmt = record.format.value if record.format else ""
            topic = first_line(record.agenda or record.notes)
            return [head, when(record.held_at), minutes, fmt, topic]
        case Homework():
            due = when(record.due_date) if record.due_date else ""
            return [head, str(record.status), due, str(record.assignee), record.title]
        case Material():
            source = record.attachment_name or record.url
            return [head, record.title, source, _scope_mark(record)]
        case Entry():
            return [head, when(record.created_at), record.title or first_line(record.text)]
        case Reflection():
            rating = f"{record.rating}/5" if record.rating else ""
            return [head, str(record.party), rating, when(record.finalised_on)]
    return [head]


def _scope_mark(record: Record) -> str:
    return "(private)" if record.scope is Scope.PRIVATE else ""


def record_list(records: Sequence[Record], say: Messages) -> str:
    if not records:
        return say("list.empty")
    return "\n".join(summary(record) for record in records)


def record_details(record: Record) -> str:
    """Every field as ``name: value``; multi-line text indented below its name."""
    lines = [f"kind_of_record: {record.kind_of_record.value}"]
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if field.name == "signatures":
            lines.append("signatures:" if value else "signatures: -")
            lines.extend(
                f"  {s.party}: {s.name}, {when(s.signed_at)}"
                + ("" if s.valid else " (text changed since: no longer valid)")
                for s in value
            )
            continue
        lines.extend(_field_lines(field.name, value))
    return "\n".join(lines)


def _field_lines(name: str, value: Any) -> list[str]:
    if value is None or value == "" or value == ():
        return [f"{name}: -"]
    if isinstance(value, tuple):
        return [f"{name}: {', '.join(str(item) for item in value)}"]
    if isinstance(value, datetime | date):
        return [f"{name}: {when(value)}"]
    if isinstance(value, Enum):
        return [f"{name}: {value.value}"]
    text = str(value)
    if "\n" not in text:
        return [f"{name}: {text}"]
    return [f"{name}:", *(f"    {line}" for line in text.splitlines())]


def history_list(entries: Sequence[HistoryEntry], field: str, say: Messages) -> str:
    if not entries:
        return say("history.none", field=field)
    return "\n".join(
        f"{entry.id}  {when(entry.replaced_at)}  {first_line(entry.value)}" for entry in entries
    )


def search_results(hits: Sequence[SearchHit], say: Messages) -> str:
    if not hits:
        return say("search.none")
    blocks = []
    for hit in hits:
        title = hit.title or "-"
        blocks.append(f"{short_id(hit.record_id)}  {hit.kind.value}  {title}\n    {hit.snippet}")
    return "\n".join(blocks)


def dashboards(boards: Iterable[Dashboard], say: Messages) -> str:
    blocks = [_dashboard(board, say) for board in boards]
    return "\n\n".join(blocks) if blocks else say("dashboard.none")


def _dashboard(board: Dashboard, say: Messages) -> str:
    last = when(board.last_session_at) if board.last_session_at else say("dashboard.none_yet")
    if board.days_since_last_session is not None:
        last += f" ({say('dashboard.days_since')}: {board.days_since_last_session})"
    interval = f"{say('dashboard.interval')}: {board.interval_days}"
    if board.overdue:
        interval += f"  ! {say('dashboard.overdue')}"
    upcoming = board.next_session_at
    signed = ", ".join(board.agreement_signed_by) or say("dashboard.not_signed")
    goals = ", ".join(
        f"{status.value} {count}" for status, count in board.goals_by_status.items() if count
    )
    lines = [
        f"{board.title}  ({short_id(board.relationship_id)})",
        f"  {say('dashboard.stage')}: {board.stage.value}",
        f"  {say('dashboard.last_session')}: {last}",
        f"  {interval}",
        f"  {say('dashboard.next_session')}: "
        + (when(upcoming) if upcoming else say("dashboard.none_planned")),
        "  " + say("dashboard.homework", open=board.open_homework, overdue=board.overdue_homework),
        f"  {say('dashboard.agreement')}: {signed}",
        f"  {say('dashboard.goals')}: {goals or say('dashboard.no_goals')}",
    ]
    return "\n".join(lines)
