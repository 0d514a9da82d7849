"""Commands on the records of a journal: add, list, show, set, delete, history, search ..."""

from __future__ import annotations

import argparse
from pathlib import Path

from mentorjournal.cli import output, record_options
from mentorjournal.cli.context import Context, shown_path
from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.domain import (
    InvalidValue,
    Material,
    Party,
    RecordKind,
)
from mentorjournal.services.user_files import (
    check_output,
    output_path,
    read_bytes,
    text_name,
    write_private_file,
)

# What `list` accepts, plural as the issue writes it, and the kind each stands for.
LIST_CHOICES: dict[str, RecordKind] = {
    "relationships": RecordKind.RELATIONSHIP,
    "agreements": RecordKind.AGREEMENT,
    "goals": RecordKind.GOAL,
    "sessions": RecordKind.SESSION,
    "homework": RecordKind.HOMEWORK,
    "materials": RecordKind.MATERIAL,
    "entries": RecordKind.ENTRY,
    "reflections": RecordKind.REFLECTION,
}


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    kind = RecordKind(args.record_kind)
    ctx.labels.update(record_options.field_labels(kind))
    # Everything the user points at is read before the journal is unlocked.
    values = record_options.given_values(args, ctx.inputs)
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
    ctx.show(records, lambda: output.record_list(records, ctx.say))
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
            raise CliError("error.bad_assignment", ExitCode.USAGE, text=item)
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
        resolved = record_options.resolve_references(kind, changes, workspace.records.resolve)
        record = workspace.records.update(record_id, resolved)
    ctx.show(record, lambda: ctx.say("record.updated", id=record.id))
    return ExitCode.OK


def run_delete(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal, before_change=True) as workspace:
        record = workspace.records.delete(workspace.records.resolve(args.id))
    ctx.show(record, lambda: ctx.say("record.deleted", id=output.short_id(record.id)))
    return ExitCode.OK


def run_undelete(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal, before_change=True) as workspace:
        record = workspace.records.undelete(workspace.records.resolve(args.id))
    ctx.show(record, lambda: ctx.say("record.undeleted", id=output.short_id(record.id)))
    return ExitCode.OK


def run_history(args: argparse.Namespace, ctx: Context) -> int:
    field = args.field.strip().replace("-", "_")
    with ctx.unlock(args.journal, before_change=args.restore is not None) as workspace:
        record_id = workspace.records.resolve(args.id)
        entries = workspace.records.history(record_id, field)
        if args.restore is None:
            ctx.show(entries, lambda: output.history_list(entries, field, ctx.say))
            return ExitCode.OK
        if all(entry.id != args.restore for entry in entries):
            raise CliError(
                "error.history_not_found",
                ExitCode.NOT_FOUND,
                number=args.restore,
                field=field,
                id=output.short_id(record_id),
            )
        record = workspace.records.restore_history(record_id, args.restore)
    ctx.show(
        record, lambda: ctx.say("history.restored", field=field, id=output.short_id(record.id))
    )
    return ExitCode.OK


def _kinds(raw: list[str] | None) -> list[RecordKind]:
    allowed = tuple(kind.value for kind in RecordKind)
    kinds = []
    for value in raw or []:
        name = value.strip().lower()
        plural = LIST_CHOICES.get(name)
        if plural is None and name not in allowed:
            raise InvalidValue("--kind", "not_allowed", allowed)
        kinds.append(plural or RecordKind(name))
    return kinds


def run_search(args: argparse.Namespace, ctx: Context) -> int:
    query = ctx.inputs.text(args.query)
    kinds = _kinds(args.kind)
    with ctx.unlock(args.journal) as workspace:
        relationship_id = None
        if args.relationship is not None:
            relationship_id = workspace.records.resolve(args.relationship)
        hits = workspace.search.search(query, relationship_id=relationship_id, kinds=kinds)
    ctx.show(hits, lambda: output.search_results(hits, ctx.say))
    return ExitCode.OK


def run_dashboard(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.unlock(args.journal) as workspace:
        if args.relationship is None:
            boards = workspace.dashboard.all()
        else:
            relationship_id = workspace.records.resolve(args.relationship)
            boards = [workspace.dashboard.for_relationship(relationship_id)]
    ctx.show(boards, lambda: output.dashboards(boards, ctx.say))
    return ExitCode.OK


def run_sign(args: argparse.Namespace, ctx: Context) -> int:
    allowed = tuple(party.value for party in Party)
    if args.party not in allowed:
        raise InvalidValue("--party", "not_allowed", allowed)
    party = Party(args.party)
    with ctx.unlock(args.journal, before_change=True) as workspace:
        agreement = workspace.records.sign_agreement(workspace.records.resolve(args.id), party)
    name = next((s.name for s in agreement.signatures if s.party is party), "")
    ctx.show(
        agreement, lambda: ctx.say("record.signed", id=output.short_id(agreement.id), name=name)
    )
    return ExitCode.OK


def run_attachment(args: argparse.Namespace, ctx: Context) -> int:
    """Save a material's attached file, decrypted, where the user asked and nowhere else."""
    out: Path = args.out
    check_output(out, args.journal, force=args.force)
    with ctx.unlock(args.journal) as workspace:
        material = workspace.records.get(workspace.records.resolve(args.id))
        if not isinstance(material, Material):
            raise InvalidValue("id", "not_a_material")
        if material.attachment_id is None:
            raise CliError(
                "error.no_attachment", ExitCode.NOT_FOUND, id=output.short_id(material.id)
            )
        name, data = workspace.records.read_attachment(material.id)
    target = output_path(out, name, fallback="attachment")
    write_private_file(target, data, args.journal, force=args.force)
    shown = shown_path(target)
    result = {"material_id": material.id, "attachment_name": name, "path": shown}
    ctx.show(result, lambda: ctx.say("attachment.saved", name=name, path=shown))
    return ExitCode.OK
