"""Read a JSON export back, checking everything before anything is imported.

A file that is not JSON, not our format, from a newer version, or holds a value of the wrong
type, an unknown kind or field, a duplicate id, an attachment whose digest does not match, or
a link to a record that is not in it is refused whole with a typed error that names the
place (``records.goal[2].status``), never the value.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, NoReturn

from mentorjournal.domain import (
    RECORDS,
    FieldSpec,
    FieldType,
    HistoryEntry,
    Party,
    Record,
    RecordDeclaration,
    RecordKind,
    Scope,
    Signature,
)
from mentorjournal.domain.errors import (
    ExportFileInvalid,
    ExportMissingLink,
    ExportUnknownKind,
    NewerExportFormat,
)
from mentorjournal.export.json_format import FORMAT, VERSION, JournalContent
from mentorjournal.export.json_values import ValueReader

_COMMON = ("id", "created_at", "updated_at", "deleted_at", "scope")
_TOP = frozenset(
    {
        "format",
        "version",
        "app_version",
        "exported_at",
        "journal",
        "relationship_id",
        "records",
        "history",
        "attachments",
    }
)
_SIGNATURE = frozenset(
    {"party", "name", "signed_at", "text_hash", "valid", "version", "device", "verified", "seal"}
)


def read_export(data: bytes, path: Path) -> JournalContent:
    """The content of the export file ``path`` (whose bytes are ``data``), fully checked."""
    return _Reader(path).content(_parse(data, path))


def _check_links(content: JournalContent, path: Path) -> None:
    """An export is self-contained: every link points to a record of the file, of the kind
    its field needs (a relationship's export holds everything tied to it)."""
    in_file = {record.id: record.kind_of_record for record in content.records}
    for where, target, kind in _links(content):
        if in_file.get(target) is not kind:
            raise ExportMissingLink(path, where)


def _parse(data: bytes, path: Path) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) != len(pairs):
            raise ValueError("a key appears twice")
        return found

    def no_constant(name: str) -> NoReturn:
        raise ValueError(name)

    try:
        return json.loads(
            data.decode("utf-8-sig"),
            object_pairs_hook=no_duplicates,
            parse_constant=no_constant,
        )
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError included
        raise ExportFileInvalid(path, "(json)") from None


def _links(content: JournalContent) -> list[tuple[str, str, RecordKind]]:
    """Every link of every record: (where, target id, kind of record it must point to)."""
    links: list[tuple[str, str, RecordKind]] = []
    counts: dict[RecordKind, int] = {}
    for record in content.records:
        kind = record.kind_of_record
        index = counts[kind] = counts.get(kind, -1) + 1
        for spec in RECORDS[kind].columns:
            if spec.ref_kind is None:
                continue
            value = getattr(record, spec.name)
            targets = value if isinstance(value, tuple) else (value,) if value else ()
            where = f"records.{kind.value}[{index}].{spec.name}"
            links.extend((where, target, spec.ref_kind) for target in targets)
    return links


class _Reader(ValueReader):
    """Checks one parsed document; every refusal names its place in the file."""

    def content(self, document: Any) -> JournalContent:
        top = self.mapping(document, "(top)")
        if top.get("format") != FORMAT:
            self.fail("format")
        version = top.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.fail("version")
        if version > VERSION:
            raise NewerExportFormat(version, VERSION)
        self.keys(top, _TOP, "(top)", required=_TOP - {"app_version", "exported_at"})
        journal = self.mapping(top["journal"], "journal")
        self.keys(journal, {"owner_name", "created_at", "schema_version"}, "journal")
        records = self.records(top["records"])
        by_id = {record.id: record for record in records}
        relationship_id = self.optional_id(top["relationship_id"], "relationship_id")
        if relationship_id is not None:
            chosen = by_id.get(relationship_id)
            if chosen is None or chosen.kind_of_record is not RecordKind.RELATIONSHIP:
                raise ExportMissingLink(self.path, "relationship_id")
        content = JournalContent(
            owner_name=self.text(journal["owner_name"], "journal.owner_name"),
            schema_version=self.integer(journal["schema_version"], "journal.schema_version"),
            journal_created_at=self.optional_text(journal["created_at"], "journal.created_at"),
            relationship_id=relationship_id,
            records=tuple(records),
            history=self.history(top["history"], by_id),
            seals=self.seals,
            attachments=self.attachments(top["attachments"], records),
        )
        _check_links(content, self.path)
        return content

    # -- records ----------------------------------------------------------------------------

    def records(self, value: Any) -> list[Record]:
        by_kind = self.mapping(value, "records")
        self.seals: dict[tuple[str, Party], bytes] = {}
        records: list[Record] = []
        seen: set[str] = set()
        for name, items in by_kind.items():
            try:
                kind = RecordKind(name)
            except ValueError:
                raise ExportUnknownKind(self.path, f"records.{name}") from None
            if kind not in RECORDS:
                raise ExportUnknownKind(self.path, f"records.{name}")
            for index, item in enumerate(self.sequence(items, f"records.{name}")):
                record = self.record(RECORDS[kind], item, f"records.{name}[{index}]")
                if record.id in seen:
                    self.fail(f"records.{name}[{index}].id")
                seen.add(record.id)
                records.append(record)
        order = list(RECORDS)  # kinds in the journal's order: each after what it links to
        records.sort(key=lambda record: order.index(record.kind_of_record))
        return records

    def record(self, declaration: RecordDeclaration, value: Any, where: str) -> Record:
        item = self.mapping(value, where)
        names = {spec.name for spec in declaration.columns}
        extra = {"signatures"} if declaration.kind is RecordKind.AGREEMENT else set()
        self.keys(item, {*_COMMON, *names, *extra}, where, required=set(_COMMON))
        values: dict[str, Any] = {
            "id": self.identifier(item["id"], f"{where}.id"),
            "created_at": self.moment(item["created_at"], f"{where}.created_at"),
            "updated_at": self.moment(item["updated_at"], f"{where}.updated_at"),
            "deleted_at": self.optional_moment(item["deleted_at"], f"{where}.deleted_at"),
            "scope": self.member(Scope, item["scope"], f"{where}.scope"),
        }
        if declaration.always_private and values["scope"] is not Scope.PRIVATE:
            self.fail(f"{where}.scope")
        for spec in declaration.columns:
            values[spec.name] = self.field(spec, item, f"{where}.{spec.name}")
        if declaration.kind is RecordKind.AGREEMENT:
            values["signatures"] = self.signatures(
                item.get("signatures", []), values["id"], f"{where}.signatures"
            )
        try:
            return declaration.model(**values)
        except TypeError:  # a field the model has beyond its declaration
            self.fail(where)

    def field(self, spec: FieldSpec, item: Mapping[str, Any], where: str) -> Any:
        if spec.name not in item:  # left out: what a new record would hold
            if spec.is_list:
                return ()
            if spec.nullable:
                return None
            if spec.default is not None:
                return spec.default
            if spec.is_text:
                return ""
            self.fail(where)
        value = item[spec.name]
        if value is None:
            if spec.nullable:
                return None
            self.fail(where)
        return self.typed(spec, value, where)

    def typed(self, spec: FieldSpec, value: Any, where: str) -> Any:
        kind = spec.field_type
        if kind in (FieldType.TEXT, FieldType.LINE):
            return self.text(value, where, spec.max_length)
        if kind is FieldType.ENUM:
            assert spec.enum is not None
            return self.member(spec.enum, value, where)
        if kind is FieldType.DATE:
            return self.day(value, where)
        if kind is FieldType.DATETIME:
            return self.wall_clock(value, where)
        if kind is FieldType.INT:
            number = self.integer(value, where)
            low = spec.minimum if spec.minimum is not None else number
            high = spec.maximum if spec.maximum is not None else number
            if not low <= number <= high:
                self.fail(where)
            return number
        if kind is FieldType.REF:
            return self.identifier(value, where)
        items = self.sequence(value, where)
        if spec.max_items is not None and len(items) > spec.max_items:
            self.fail(where)
        if kind is FieldType.REFS:
            return tuple(self.identifier(one, f"{where}[{i}]") for i, one in enumerate(items))
        return tuple(
            self.text(one, f"{where}[{i}]", spec.max_length) for i, one in enumerate(items)
        )

    def signatures(self, value: Any, agreement_id: str, where: str) -> tuple[Signature, ...]:
        signatures = []
        for index, raw in enumerate(self.sequence(value, where)):
            at = f"{where}[{index}]"
            item = self.mapping(raw, at)
            self.keys(item, _SIGNATURE, at, required={"party", "name", "signed_at", "text_hash"})
            party = self.member(Party, item["party"], f"{at}.party")
            text_hash = self.text(item["text_hash"], f"{at}.text_hash")
            if len(text_hash) != 64 or any(c not in "0123456789abcdef" for c in text_hash):
                self.fail(f"{at}.text_hash")
            seal = item.get("seal")
            if seal is not None:
                self.seals[(agreement_id, party)] = self.base64(seal, f"{at}.seal")
            signatures.append(
                Signature(
                    party=party,
                    name=self.text(item["name"], f"{at}.name"),
                    signed_at=self.moment(item["signed_at"], f"{at}.signed_at"),
                    text_hash=text_hash,
                    valid=item.get("valid") is True,  # the journal works it out again
                    version=None
                    if item.get("version") is None
                    else self.integer(item["version"], f"{at}.version"),
                    device_id=None
                    if item.get("device") is None
                    else self.text(item["device"], f"{at}.device", 64),
                )
            )
        if len({s.party for s in signatures}) != len(signatures):  # one per party
            self.fail(where)
        return tuple(signatures)

    # -- history and attachments ------------------------------------------------------------

    def history(self, value: Any, by_id: Mapping[str, Record]) -> tuple[HistoryEntry, ...]:
        entries = []
        for index, raw in enumerate(self.sequence(value, "history")):
            at = f"history[{index}]"
            item = self.mapping(raw, at)
            self.keys(item, {"record_id", "field", "value", "replaced_at"}, at)
            record = by_id.get(self.identifier(item["record_id"], f"{at}.record_id"))
            if record is None:
                raise ExportMissingLink(self.path, f"{at}.record_id")
            field = self.text(item["field"], f"{at}.field")
            if field not in RECORDS[record.kind_of_record].text_fields:
                self.fail(f"{at}.field")
            entries.append(
                HistoryEntry(
                    id=index + 1,
                    record_id=record.id,
                    field=field,
                    value=self.text(item["value"], f"{at}.value"),
                    replaced_at=self.moment(item["replaced_at"], f"{at}.replaced_at"),
                )
            )
        return tuple(entries)

    def attachments(self, value: Any, records: Collection[Record]) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for blob_id, raw in self.mapping(value, "attachments").items():
            at = f"attachments.{blob_id}"
            self.identifier(blob_id, at)
            item = self.mapping(raw, at)
            self.keys(item, {"sha256", "data"}, at)
            data = self.base64(item["data"], f"{at}.data")
            if hashlib.sha256(data).hexdigest() != item["sha256"]:
                self.fail(f"{at}.sha256")
            files[blob_id] = data
        # Materials name their attachment by id (attachment_id, a one-line field).
        wanted = {getattr(record, "attachment_id", None) for record in records} - {None}
        for wanted_id in wanted:
            if wanted_id not in files:
                raise ExportMissingLink(self.path, f"attachments.{wanted_id}")
        if set(files) - wanted:
            self.fail("attachments")  # a file no material names: not what we write
        return files
