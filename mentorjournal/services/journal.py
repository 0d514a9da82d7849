"""Use cases on the records of one unlocked journal: add, change, delete, restore, history."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from mentorjournal.domain import (
    RECORDS,
    SCOPE_FIELD,
    Agreement,
    FieldSpec,
    FieldType,
    GoalStatus,
    HistoryEntry,
    HomeworkStatus,
    InvalidValue,
    Material,
    Party,
    Record,
    RecordKind,
    RecordNotFound,
    Relationship,
    Scope,
    label,
)
from mentorjournal.domain.errors import Reason
from mentorjournal.domain.fields import MAX_LINE
from mentorjournal.domain.questionnaire import answer_items, parse_answers
from mentorjournal.domain.sync import AttachmentPending
from mentorjournal.services.values import parse_value
from mentorjournal.store.blobs import BlobStore
from mentorjournal.store.records import RecordStore

Clock = Callable[[], datetime]

OWNER_NAME_KEY = "owner_name"
CREATED_AT_KEY = "created_at"

_OWNER_NAME = FieldSpec(
    "name", FieldType.LINE, label=label("Your name"), required=True, max_length=MAX_LINE
)

# What a new record holds when the user leaves a field out, as its declaration says.
_DEFAULTS: dict[RecordKind, dict[str, Any]] = {
    kind: {spec.name: spec.default for spec in declaration.fields if spec.default is not None}
    for kind, declaration in RECORDS.items()
}

_ID_CHARACTERS = frozenset("0123456789abcdef-")


class JournalService:
    """Every change a user makes to records goes through here, validated."""

    def __init__(self, records: RecordStore, blobs: BlobStore, clock: Clock) -> None:
        self._records = records
        self._blobs = blobs
        self._clock = clock

    # -- reading ------------------------------------------------------------------------

    def get(self, record_id: str) -> Record:
        return self._records.get(record_id)

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of the one record whose id starts with ``id_or_prefix``."""
        prefix = id_or_prefix.strip().lower()
        # Ids are UUIDs: anything else (``%``, ``_``) would act as a wildcard in the lookup.
        if not set(prefix) <= _ID_CHARACTERS:
            raise RecordNotFound(id_or_prefix)
        return self._records.resolve(prefix)

    def list_records(
        self, kind: RecordKind, *, relationship_id: str | None = None, trash: bool = False
    ) -> list[Record]:
        if relationship_id is not None:
            self._require(relationship_id, RecordKind.RELATIONSHIP)
        found = self._records.list_records(kind, relationship_id=relationship_id, trash=trash)
        if relationship_id is None and kind is not RecordKind.RELATIONSHIP and not trash:
            # Like search, lists leave out what belongs to a relationship in the trash.
            hidden = {r.id for r in self._records.list_records(RecordKind.RELATIONSHIP, trash=True)}
            found = [r for r in found if getattr(r, "relationship_id", None) not in hidden]
        return found

    def history(self, record_id: str, field: str) -> list[HistoryEntry]:
        return self._records.history(record_id, field)

    def owner_name(self) -> str:
        return self._records.meta(OWNER_NAME_KEY) or ""

    def read_attachment(self, material_id: str) -> tuple[str, bytes]:
        material = self._records.get(material_id)
        if not isinstance(material, Material) or material.attachment_id is None:
            raise RecordNotFound(material_id)
        name = material.attachment_name or "attachment"
        if not self._blobs.has(material.attachment_id):  # a partner's file still travelling
            raise AttachmentPending(name)
        return name, self._blobs.get(material.attachment_id)

    # -- writing ------------------------------------------------------------------------

    def initialise(self, owner_name: str) -> None:
        """Store who keeps this journal; done once, right after creation."""
        name = parse_value(_OWNER_NAME, owner_name)
        self._records.set_meta(OWNER_NAME_KEY, name)
        self._records.set_meta(CREATED_AT_KEY, self._clock().isoformat())

    def add(self, kind: RecordKind, values: Mapping[str, Any]) -> Record:
        """Create a record of ``kind`` from user values (text or typed)."""
        declaration = RECORDS[kind]
        merged = {**_DEFAULTS[kind], **values}
        parsed: dict[str, Any] = {}
        for spec in declaration.fields:
            if not spec.given_on_creation:
                continue
            raw = merged.get(spec.name)
            if raw is None and not spec.required:
                continue
            parsed[spec.name] = parse_value(spec, raw)
        unknown = {name for name in merged if declaration.field(name) is None}
        if unknown:
            raise InvalidValue(sorted(unknown)[0], Reason.UNKNOWN_FIELD)
        parsed["scope"] = self._scope_for(kind, merged.get("scope"))
        self._check_links(kind, parsed)
        if kind is RecordKind.RELATIONSHIP and not parsed.get("title"):
            parsed["title"] = ", ".join(parsed["partner_names"])
        if kind is RecordKind.AGREEMENT:
            live = self._records.list_records(
                RecordKind.AGREEMENT, relationship_id=parsed["relationship_id"]
            )
            if live:
                raise InvalidValue("relationship_id", Reason.AGREEMENT_EXISTS)
        self._complete_status(kind, parsed, given=set(values))
        _check_answers(kind, parsed)
        return self._records.insert(kind, parsed)

    def add_material_file(self, values: Mapping[str, Any], file_name: str, data: bytes) -> Record:
        """A material with an attachment; the file is stored encrypted in ``blobs/``."""
        blob_id = self._blobs.put(data)
        try:
            record = self.add(RecordKind.MATERIAL, values)
        except BaseException:
            self._blobs.discard(blob_id)  # a refused material leaves no attachment behind
            raise
        return self._records.update(
            record.id,
            {"attachment_id": blob_id, "attachment_name": file_name, "attachment_size": len(data)},
        )

    def update(self, record_id: str, changes: Mapping[str, Any]) -> Record:
        """Change fields of a record; text fields keep their earlier values in history."""
        current = self._records.get(record_id)
        kind = current.kind_of_record
        parsed: dict[str, Any] = {}
        for name, raw in changes.items():
            spec = RECORDS[kind].field(name)
            if spec is None:
                raise InvalidValue(name, Reason.UNKNOWN_FIELD)
            if not spec.settable:
                raise InvalidValue(name, Reason.NOT_SETTABLE)
            if name == "scope":
                parsed[name] = self._scope_for(kind, raw, clearable=False)
            else:
                parsed[name] = parse_value(spec, raw)
            # Fields with a default (status, role, progress, ...) always hold a value.
            if parsed[name] is None and name in _DEFAULTS[kind]:
                raise InvalidValue(name, Reason.REQUIRED)
        merged_links = {"relationship_id": getattr(current, "relationship_id", None), **parsed}
        self._check_links(kind, merged_links)
        if "status" in parsed and parsed["status"] == getattr(current, "status", None):
            del parsed["status"]  # unchanged: keep the done date it got when it changed
        self._complete_status(kind, parsed, given=set(parsed))
        _check_answers(kind, parsed)
        return self._records.update(record_id, parsed)

    def delete(self, record_id: str) -> Record:
        return self._records.set_deleted(record_id, True)

    def undelete(self, record_id: str) -> Record:
        record = self._records.get(record_id)
        if isinstance(record, Agreement) and record.deleted_at is not None:
            live = self._records.list_records(
                RecordKind.AGREEMENT, relationship_id=record.relationship_id
            )
            if live:
                raise InvalidValue("relationship_id", Reason.AGREEMENT_EXISTS)
        return self._records.set_deleted(record_id, False)

    def restore_history(self, record_id: str, history_id: int) -> Record:
        """Put an earlier value back; the value it replaces goes into history in turn."""
        field, value = self._records.history_value(record_id, history_id)
        return self._records.update(record_id, {field: value})

    def sign_agreement(self, agreement_id: str, party: Party) -> Agreement:
        agreement = self._records.get(agreement_id)
        if not isinstance(agreement, Agreement):
            raise InvalidValue("id", Reason.NOT_AN_AGREEMENT)
        if party is Party.ME:
            name = self.owner_name()
        else:
            relationship = self._records.get(agreement.relationship_id)
            assert isinstance(relationship, Relationship)
            name = ", ".join(relationship.partner_names)
        signed = self._records.sign_agreement(agreement_id, party, name)
        assert isinstance(signed, Agreement)
        return signed

    # -- rules --------------------------------------------------------------------------

    def _scope_for(self, kind: RecordKind, raw: Any, clearable: bool = True) -> Scope:
        """The scope for ``raw``; left out of a new record, the kind's default."""
        always_private = RECORDS[kind].always_private
        if raw is None and clearable:
            return Scope.PRIVATE if always_private else Scope.SHARED
        scope = parse_value(SCOPE_FIELD, raw)
        if not isinstance(scope, Scope):
            # Never fall back to shared: a cleared scope must not send private text to sync.
            raise InvalidValue("scope", Reason.REQUIRED, tuple(s.value for s in Scope))
        if always_private and scope is not Scope.PRIVATE:
            raise InvalidValue("scope", Reason.ENTRY_ALWAYS_PRIVATE)
        return scope

    def _check_links(self, kind: RecordKind, values: Mapping[str, Any]) -> None:
        """Every referenced record exists, has the right kind and the same relationship."""
        relationship_id = values.get("relationship_id")
        for spec in RECORDS[kind].fields:
            if spec.ref_kind is None or not values.get(spec.name):
                continue
            targets = values[spec.name]
            for target in targets if spec.field_type is FieldType.REFS else [targets]:
                record = self._require(target, spec.ref_kind, spec.name)
                linked = getattr(record, "relationship_id", None)
                if spec.ref_kind is not RecordKind.RELATIONSHIP and linked != relationship_id:
                    raise InvalidValue(spec.name, Reason.OTHER_RELATIONSHIP)

    def _require(self, record_id: str, kind: RecordKind, field: str = "id") -> Record:
        record = self._records.get(record_id)
        if record.kind_of_record is not kind:
            raise InvalidValue(field, Reason.not_a(kind))
        if record.deleted_at is not None:
            raise InvalidValue(field, Reason.IN_TRASH)
        return record

    def _complete_status(
        self, kind: RecordKind, values: dict[str, Any], *, given: set[str]
    ) -> None:
        """Done homework gets a done date; an achieved goal is complete.

        ``given`` names the fields the user set: those are never overridden (defaults are).
        """
        status = values.get("status")
        if kind is RecordKind.HOMEWORK and status is not None and "done_on" not in given:
            values["done_on"] = (
                self._clock().astimezone().date() if status is HomeworkStatus.DONE else None
            )
        if kind is RecordKind.GOAL and status is GoalStatus.ACHIEVED and "progress" not in given:
            values["progress"] = 100


def _check_answers(kind: RecordKind, values: dict[str, Any]) -> None:
    """An evaluation's answers name known questions with scores 1-5, stored in their order."""
    if kind is RecordKind.EVALUATION and values.get("answers") is not None:
        values["answers"] = answer_items(parse_answers(values["answers"]))
