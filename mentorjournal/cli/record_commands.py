"""Commands on the records of a journal: add, list, show, set, delete, history, search ..."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mentorjournal.cli import output, record_options
from mentorjournal.cli.context import Context, shown_path
from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.cli.parser import LIST_CHOICES as LIST_CHOICES  # re-exported: tests use it
from mentorjournal.domain import (
    RECORDS,
    InvalidValue,
    Material,
    Party,
    RecordKind,
    Scope,
)
from mentorjournal.domain.errors import Reason
from mentorjournal.i18n import _
from mentorjournal.i18n.names import member_named
from mentorjournal.services.user_files import (
    check_output,
    output_path,
    read_bytes,
    text_name,
    write_private_file,
)


def _named_values(kind: RecordKind, values: Mapping[str, Any]) -> dict[str, Any]:
    """Values of closed vocabularies given by their Polish (or English) names, as values.

    ``--kind odwrócony`` and ``--kind Odwrocony`` mean ``--kind reverse``; anything else is
    left for the services to check (and refuse with the list of values).
    """
    vocabularies = {spec.name: spec.enum for spec in RECORDS[kind].fields if spec.enum is not None}
    vocabularies["scope"] = Scope
    named = dict(values)
    for field, vocabulary in vocabularies.items():
        given = named.get(field)
        member = member_named(vocabulary, given) if isinstance(given, str) else None
        if member is not None:
            named[field] = member.value
    return named


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    kind = RecordKind(args.record_kind)
    ctx.labels.update(record_options.field_labels(kind))
    # Everything the user points at is read before the journal is unlocked.
    values = _named_values(kind, record_options.given_values(args, ctx.inputs))
    attachment: Path | None = getattr(args, "file", None)
    data = read_bytes(attachment) if attachment is not None else None
    with ctx.unlock(args.journal, before_change=True) as workspace:
        values = record_options.resolve_references(kind, values, workspace.records.resolve)
        if attachment is not None and data is not None:
            record = workspace.records.add_material_file(values, text_name(attachment), data)
        else:
            record = workspace.records.add(kind, values)
    ctx.show(record, lambda: record.id)
    return ExitCode.OK


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    kind = LIST_CHOICES[args.what]
    with ctx.unlock(args.journal) as workspace:
        relationship_id = None
        if args.relationship is not None:
            relationship_id = workspace.records.resolve(args.relationship)
        records = workspace.records.list_records(
            kind, relationship_id=relationship_id, trash=args.trash
        )
    ctx.show(records, lambda: output.record_list(records))
    return ExitCode.OK


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        record = workspace.records.get(workspace.records.resolve(args.id))
    ctx.show(record, lambda: output.record_details(record))
    return ExitCode.OK


def _assignments(raw: list[str], ctx: Context) -> list[tuple[str, str]]:
    pairs = []
    for item in raw:
        name, sign, value = item.partition("=")
        if not sign or not name.strip():
            text = _("Expected FIELD=VALUE, got “{text}”.").format(text=item)
            raise CliError(text, ExitCode.USAGE)
        pairs.append((name.strip(), ctx.inputs.text(value)))
    return pairs


def run_set(args: argparse.Namespace, ctx: Context) -> int:
    pairs = _assignments(args.assignments, ctx)
    with ctx.unlock(args.journal, before_change=True) as workspace:
        record_id = workspace.records.resolve(args.id)
        kind = workspace.records.get(record_id).kind_of_record
        changes: dict[str, str] = {}
        for name, value in pairs:
            spec = record_options.spec_for_set(kind, name)
            changes[spec.name] = value
        resolved = record_options.resolve_references(
            kind, _named_values(kind, changes), workspace.records.resolve
        )
        record = workspace.records.update(record_id, resolved)
    ctx.show(record, lambda: _("Updated {id}.").format(id=record.id))
    return ExitCode.OK


def run_delete(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal, before_change=True) as workspace:
        record = workspace.records.delete(workspace.records.resolve(args.id))
    ctx.show(
        record,
        lambda: _("Moved {id} to the trash (`mentorjournal undelete {id}` brings it back).").format(
            id=output.short_id(record.id)
        ),
    )
    return ExitCode.OK


def run_undelete(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal, before_change=True) as workspace:
        record = workspace.records.undelete(workspace.records.resolve(args.id))
    ctx.show(
        record,
        lambda: _("Restored {id} from the trash.").format(id=output.short_id(record.id)),
    )
    return ExitCode.OK


def run_history(args: argparse.Namespace, ctx: Context) -> int:
    field = args.field.strip().replace("-", "_")
    with ctx.unlock(args.journal, before_change=args.restore is not None) as workspace:
        record_id = workspace.records.resolve(args.id)
        entries = workspace.records.history(record_id, field)
        if args.restore is None:
            ctx.show(entries, lambda: output.history_list(entries, field))
            return ExitCode.OK
        if all(entry.id != args.restore for entry in entries):
            text = _(
                "{field} of {id} has no earlier value number {number}; "
                "`mentorjournal history {id} {field}` lists them."
            ).format(number=args.restore, field=field, id=output.short_id(record_id))
            raise CliError(text, ExitCode.NOT_FOUND)
        record = workspace.records.restore_history(record_id, args.restore)
    ctx.show(
        record,
        lambda: _("Restored an earlier {field} of {id}.").format(
            field=field, id=output.short_id(record.id)
        ),
    )
    return ExitCode.OK


def _kinds(raw: list[str] | None) -> list[RecordKind]:
    allowed = tuple(kind.value for kind in RecordKind)
    kinds = []
    for value in raw or []:
        kind = LIST_CHOICES.get(value.strip().lower()) or member_named(RecordKind, value)
        if kind is None:
            raise InvalidValue("--kind", Reason.NOT_ALLOWED, allowed)
        kinds.append(kind)
    return kinds


def run_search(args: argparse.Namespace, ctx: Context) -> int:
    query = ctx.inputs.text(args.query)
    kinds = _kinds(args.kind)
    with ctx.unlock(args.journal) as workspace:
        relationship_id = None
        if args.relationship is not None:
            relationship_id = workspace.records.resolve(args.relationship)
        hits = workspace.search.search(query, relationship_id=relationship_id, kinds=kinds)
    ctx.show(hits, lambda: output.search_results(hits))
    return ExitCode.OK


def run_dashboard(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        if args.relationship is None:
            boards = workspace.dashboard.all()
        else:
            relationship_id = workspace.records.resolve(args.relationship)
            boards = [workspace.dashboard.for_relationship(relationship_id)]
    ctx.show(boards, lambda: output.dashboards(boards))
    return ExitCode.OK


def run_sign(args: argparse.Namespace, ctx: Context) -> int:
    party = member_named(Party, args.party)
    if party is None:
        raise InvalidValue("--party", Reason.NOT_ALLOWED, tuple(p.value for p in Party))
    with ctx.unlock(args.journal, before_change=True) as workspace:
        agreement = workspace.records.sign_agreement(workspace.records.resolve(args.id), party)
    name = next((s.name for s in agreement.signatures if s.party is party), "")
    ctx.show(
        agreement,
        lambda: _("Agreement {id} signed by {name}.").format(
            id=output.short_id(agreement.id), name=name
        ),
    )
    return ExitCode.OK


def run_attachment(args: argparse.Namespace, ctx: Context) -> int:
    """Save a material's attached file, decrypted, where the user asked and nowhere else."""
    out: Path = args.out
    check_output(out, args.journal, force=args.force)
    with ctx.unlock(args.journal) as workspace:
        material = workspace.records.get(workspace.records.resolve(args.id))
        if not isinstance(material, Material):
            raise InvalidValue("id", Reason.NOT_A_MATERIAL)
        if material.attachment_id is None:
            text = _("The material {id} has no attached file.")
            raise CliError(text.format(id=output.short_id(material.id)), ExitCode.NOT_FOUND)
        name, data = workspace.records.read_attachment(material.id)
    target = output_path(out, name, fallback="attachment")
    write_private_file(target, data, args.journal, force=args.force)
    shown = shown_path(target)
    result = {"material_id": material.id, "attachment_name": name, "path": shown}
    ctx.show(
        result,
        lambda: _("Saved the attachment “{name}” to {path}.").format(name=name, path=shown),
    )
    return ExitCode.OK
