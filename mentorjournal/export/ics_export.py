"""The sessions of one relationship as an iCalendar file (RFC 5545, written with icalendar).

Each session is one event whose UID is derived from the session's id, so importing a later
export into the same calendar updates the events instead of adding copies (DTSTAMP and
LAST-MODIFIED follow the session's last change). Meeting times are stored as the wall-clock
time where the meeting happens, without a zone, and are written the same way: as floating
local times, which calendars show at that hour wherever they are. The summary is the
agenda's first line; the description is the shared notes, never the private ones. Sessions
in the trash are left out.
"""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar, Event

from mentorjournal import __version__
from mentorjournal.domain import Relationship, Session, label
from mentorjournal.export.wording import Wording

UID_DOMAIN = "mentorjournal.invalid"  # a domain that is nobody's: UIDs are ours alone
DEFAULT_MINUTES = 60  # a session without a duration is shown as an hour

_FALLBACK_SUMMARY = label("Mentoring session: {title}")


def session_uid(session: Session) -> str:
    """The event's UID: the same for a session in every export."""
    return f"{session.id}@{UID_DOMAIN}"


def summary_of(session: Session, relationship: Relationship, wording: Wording) -> str:
    """The agenda's first line without Markdown's heading and list marks, or a sentence."""
    for line in session.agenda.splitlines():
        text = line.strip().lstrip("#").strip().removeprefix("- ").removeprefix("* ").strip()
        if text:
            return text
    return wording.text(_FALLBACK_SUMMARY).format(title=relationship.title)


def to_ics(relationship: Relationship, sessions: list[Session], wording: Wording) -> bytes:
    """The calendar file's bytes: one event per live session, oldest first."""
    calendar = Calendar()
    calendar.add("prodid", f"-//MentorJournal//MentorJournal {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", relationship.title)
    live = [session for session in sessions if session.deleted_at is None]
    for session in sorted(live, key=lambda s: (s.held_at, s.id)):
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", session.updated_at)
        event.add("created", session.created_at)
        event.add("last-modified", session.updated_at)
        event.add("dtstart", session.held_at)  # naive: a floating local time
        event.add("duration", timedelta(minutes=session.duration_minutes or DEFAULT_MINUTES))
        event.add("summary", summary_of(session, relationship, wording))
        if session.notes.strip():
            event.add("description", session.notes)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
