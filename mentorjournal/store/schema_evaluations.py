"""The step that adds evaluations (the mid-point and final questionnaires), as written.

Never edit: later versions add steps. The answers are ``question_id=score`` items, a JSON
list like a relationship's focus areas.
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE evaluation (
    id TEXT PRIMARY KEY NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    deleted_at DATETIME,
    scope VARCHAR NOT NULL,
    relationship_id VARCHAR NOT NULL REFERENCES relationship(id),
    moment VARCHAR NOT NULL,
    party VARCHAR NOT NULL,
    answers JSON NOT NULL,
    comment VARCHAR NOT NULL,
    answered_on DATE)""",
    "CREATE INDEX ix_evaluation_relationship ON evaluation(relationship_id)",
)
