"""The closing report of one relationship, as a PDF or an accessible HTML file.

Runs where every service runs, on the thread that owns the workspace (in the window, the
database worker). The records are read here and handed to ``export/``, which never touches
the store; the finished file is written only where the user asked, crash-safe and private
to them (:mod:`mentorjournal.services.user_files`): a failed or cancelled export leaves any
file already at the target as it was.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from mentorjournal.domain import (
    Agreement,
    CancelToken,
    Evaluation,
    Goal,
    Homework,
    InvalidValue,
    Progress,
    Record,
    RecordKind,
    Reflection,
    Relationship,
    Session,
    no_progress,
)
from mentorjournal.domain.errors import Reason
from mentorjournal.domain.progress import check_cancelled
from mentorjournal.export.report_model import ReportOptions, ReportSource, build_report
from mentorjournal.services.user_files import check_output, write_private_file
from mentorjournal.services.workspace import Workspace

R = TypeVar("R", bound=Record)

__all__ = ["ReportFormat", "ReportOptions", "export_report", "gather"]


class ReportFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"


def _listed(
    workspace: Workspace, kind: RecordKind, relationship_id: str, model: type[R]
) -> tuple[R, ...]:
    found = workspace.records.list_records(kind, relationship_id=relationship_id)
    return tuple(record for record in found if isinstance(record, model))


def gather(workspace: Workspace, relationship_id: str, today: date | None = None) -> ReportSource:
    """Every record the report may show of the relationship ``relationship_id`` (an id or
    its first characters); the trash is left out."""
    full_id = workspace.records.resolve(relationship_id)
    relationship = workspace.records.get(full_id)
    if not isinstance(relationship, Relationship):
        raise InvalidValue("relationship", Reason.NOT_A_RELATIONSHIP)
    agreements = _listed(workspace, RecordKind.AGREEMENT, full_id, Agreement)
    return ReportSource(
        relationship=relationship,
        owner_name=workspace.records.owner_name(),
        agreement=agreements[0] if agreements else None,
        goals=_listed(workspace, RecordKind.GOAL, full_id, Goal),
        sessions=_listed(workspace, RecordKind.SESSION, full_id, Session),
        homework=_listed(workspace, RecordKind.HOMEWORK, full_id, Homework),
        reflections=_listed(workspace, RecordKind.REFLECTION, full_id, Reflection),
        evaluations=_listed(workspace, RecordKind.EVALUATION, full_id, Evaluation),
        today=today or workspace.settings.clock().astimezone().date(),
    )


def export_report(
    workspace: Workspace,
    relationship_id: str,
    target: Path,
    report_format: ReportFormat,
    options: ReportOptions,
    *,
    force: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Path:
    """Write the report to ``target``; return it. Nothing is written unless all went well.

    An existing file is replaced only with ``force``; the journal's own files never.
    """
    # reportlab is imported when a report is made, never when the window or the command starts.
    from mentorjournal.export.html_report import render_html
    from mentorjournal.export.pdf import render_pdf

    check_output(target, workspace.path, force=force)
    source = gather(workspace, relationship_id)
    check_cancelled(cancel)
    report = build_report(source, options)
    if report_format is ReportFormat.PDF:
        data = render_pdf(report, progress=progress, cancel=cancel)
    else:
        data = render_html(report)
        progress(1, 1)
    check_cancelled(cancel)
    write_private_file(target, data, workspace.path, force=force)
    return target
