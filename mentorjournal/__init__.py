"""MentorJournal: an offline, end-to-end encrypted journal for mentoring."""

__version__ = "0.1.0"
