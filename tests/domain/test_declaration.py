"""A field added to a record's declaration reaches every layer: one edit plus a migration.

``MoodySession`` is the real session declaration with one more line, as a developer adding a
field would write it. Its table is checked against a journal that a throwaway migration
changed, a row goes through SQLCipher and back into the read model, and validation and the
command line's ``add`` options pick the field up with nothing else edited.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import pytest
from sqlalchemy import MetaData
from sqlmodel import Session as OrmSession

from mentorjournal.cli import record_options
from mentorjournal.domain import InvalidValue, Nature, RecordKind, Session, label
from mentorjournal.domain.fields import declare, line, markdown
from mentorjournal.services.values import parse_value
from mentorjournal.services.workspace import Workspace
from mentorjournal.store.conversion import to_read_model
from mentorjournal.store.tables import metadata as journal_metadata
from mentorjournal.store.tables import table_for


@dataclass(frozen=True, slots=True, kw_only=True)
class MoodySession(Session):
    mood: Annotated[str, line(label("Mood"), max_length=40)]  # the one edit


MOODY = declare(MoodySession, RecordKind.SESSION, title="agenda")

# The journal's other tables, and the session table as the declaration now makes it.
_METADATA = MetaData()
for _table in journal_metadata.tables.values():
    if _table.name != "session":
        _table.to_metadata(_METADATA)
MoodyRow = table_for(MOODY, _METADATA)

# What the migration of a new schema version would run (and freeze beside it).
_MIGRATION = "ALTER TABLE session ADD COLUMN mood VARCHAR NOT NULL DEFAULT ''"


def test_the_declaration_describes_the_new_field() -> None:
    spec = MOODY.field("mood")

    assert spec is not None
    assert (spec.label, spec.nature, spec.max_length) == ("Mood", Nature.LINE, 40)
    assert (spec.settable, spec.required, spec.private) == (True, False, False)
    assert "mood" in MOODY.text_fields  # searched, and its earlier values kept


def test_the_table_matches_the_migrated_journal_and_a_row_reads_back(
    workspace: Workspace,
) -> None:
    engine = workspace.journal.engine
    relationship = workspace.records.add(RecordKind.RELATIONSHIP, {"partner_names": "Ola"})
    with engine.begin() as connection:
        connection.exec_driver_sql(_MIGRATION)
        stored = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(session)")]
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    values: dict[str, Any] = {
        "id": "5e55b0a4-0000-4000-8000-000000000001",
        "created_at": now,
        "updated_at": now,
        "scope": "shared",
        "relationship_id": relationship.id,
        "held_at": datetime(2026, 11, 20, 17, 0),
        "mood": "spokojny",
    }
    with OrmSession(engine) as session, session.begin():
        session.add(MoodyRow(**values))
    with OrmSession(engine) as session:
        row = session.get(MoodyRow, "5e55b0a4-0000-4000-8000-000000000001")
        assert row is not None
        record = to_read_model(RecordKind.SESSION, row, declaration=MOODY)

    assert stored == [column.name for column in MoodyRow.__table__.columns]  # type: ignore[attr-defined]
    assert isinstance(record, MoodySession)
    assert (record.mood, record.held_at, record.goal_ids) == (
        "spokojny",
        datetime(2026, 11, 20, 17, 0),
        (),
    )


def test_validation_applies_the_declared_constraints() -> None:
    spec = MOODY.field("mood")
    assert spec is not None

    assert parse_value(spec, "  bardzo   spokojny ") == "bardzo spokojny"
    with pytest.raises(InvalidValue) as error:
        parse_value(spec, "x" * 41)
    assert (error.value.field, error.value.reason) == ("mood", "too_long")


def test_add_offers_the_new_field_as_an_option() -> None:
    parser = argparse.ArgumentParser()
    record_options.register(parser, RecordKind.SESSION, MOODY)

    args = parser.parse_args(["--date", "2026-11-20", "--mood", "spokojny"])

    assert "--mood" in parser.format_help()
    assert vars(args)[record_options.FIELD_DEST_PREFIX + "mood"] == "spokojny"


def test_a_marker_that_does_not_fit_its_type_is_refused_at_import() -> None:
    @dataclass(frozen=True, slots=True, kw_only=True)
    class Clumsy(Session):
        mood: Annotated[int, markdown(label("Mood"))]

    with pytest.raises(TypeError, match=r"Clumsy\.mood"):
        declare(Clumsy, RecordKind.SESSION, title="agenda")


def test_a_record_is_named_by_a_text_field() -> None:
    with pytest.raises(TypeError, match="held_at"):
        declare(MoodySession, RecordKind.SESSION, title="held_at")
