"""The database checks of ``verify``, as typed problems: SQLCipher's pages, SQLite's structure."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy.exc
from sqlalchemy import Engine

from mentorjournal.domain import MentorJournalError
from mentorjournal.domain.problems import Problem, ProblemKind
from mentorjournal.store import database

_CHECKS = (
    ("cipher_integrity_check", ProblemKind.DATABASE_PAGES),
    ("integrity_check", ProblemKind.DATABASE_STRUCTURE),
)


def database_problems(engine: Engine, path: Path) -> list[Problem]:
    """What SQLCipher's page check and SQLite's structure check report; empty when sound."""
    problems: list[Problem] = []
    try:
        with database.translate_errors(path):
            for pragma, kind in _CHECKS:
                problems += _run(engine, pragma, kind, path)
    except MentorJournalError as error:
        problems.append(
            Problem(
                kind=ProblemKind.DATABASE_UNREADABLE, path=str(path), detail=type(error).__name__
            )
        )
    return problems


def _run(engine: Engine, pragma: str, kind: ProblemKind, path: Path) -> list[Problem]:
    # Each check on a connection of its own: after a page fails its HMAC, SQLCipher refuses
    # every later read on that connection, so it is discarded, not pooled.
    with engine.connect() as connection:
        try:
            rows = connection.exec_driver_sql(f"PRAGMA {pragma}").fetchall()
        except sqlalchemy.exc.DBAPIError as error:
            connection.invalidate()
            return [Problem(kind=kind, path=str(path), detail=str(getattr(error, "orig", error)))]
        found = [str(row[0]) for row in rows if str(row[0]) != "ok"]
        if found:
            connection.invalidate()
        return [Problem(kind=kind, path=str(path), detail=detail) for detail in found]
