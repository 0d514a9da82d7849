"""The sections of the closing report, built while the report's language is in use.

Called only by :func:`mentorjournal.export.report_model.build_report`, which switches the
language around it. Dates and numbers are written by Babel in that language.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from mentorjournal.domain import (
    RECORDS,
    Agreement,
    Assignee,
    GoalStatus,
    HomeworkStatus,
    Party,
    Record,
    RecordKind,
    Scope,
    Signature,
)
from mentorjournal.export import report_charts
from mentorjournal.export.report_charts import capital
from mentorjournal.export.report_model import (
    Block,
    Cover,
    Fact,
    Facts,
    Note,
    Paragraph,
    Part,
    Report,
    ReportOptions,
    ReportSource,
    Section,
    SignatureLine,
    SignatureLines,
    Table,
)
from mentorjournal.i18n import Language, _, pgettext
from mentorjournal.i18n.names import field_label, name


class Words:
    """Dates and numbers in the report's language."""

    def __init__(self, language: Language) -> None:
        self.locale = language.value

    def day(self, value: date | None) -> str:
        return format_date(value, "long", locale=self.locale) if value else "—"

    def moment(self, value: datetime) -> str:
        return format_datetime(value, "d MMMM y, HH:mm", locale=self.locale)

    def month(self, value: date) -> str:
        return format_date(value, "LLL y", locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, "#,##0.#", locale=self.locale)


def report(source: ReportSource, options: ReportOptions, language: Language) -> Report:
    words = Words(language)
    chosen = _Chosen(source, options)
    relationship = source.relationship
    partners = ", ".join(relationship.partner_names)
    heading = relationship.title or partners
    title = _("Closing report: {relationship}").format(relationship=heading)
    sections = (
        _agreement(chosen.agreement, words, source.owner_name, partners),
        _goals(chosen, words),
        _sessions(chosen, words),
        _homework(chosen, words),
        report_charts.section(chosen.sessions, chosen.goals, chosen.evaluations, words, language),
        _reflections(chosen, source.owner_name, partners, words),
        _next_steps(chosen, source.owner_name, partners),
        _signatures(source.owner_name, relationship.partner_names, relationship.my_role.value),
    )
    return Report(
        language=language,
        title=title,
        subject=_("The closing report of a mentoring relationship with {partners}").format(
            partners=partners
        ),
        author=source.owner_name,
        cover=_cover(source, options, words, heading, partners),
        sections=sections,
        page_of=_("Page {page} of {pages}"),
        contents_label=_("Contents"),
    )


class _Chosen:
    """The records the report shows: private ones only when asked, dated ones in range."""

    def __init__(self, source: ReportSource, options: ReportOptions) -> None:
        self.options = options
        self.agreement = source.agreement if self._shown(source.agreement) else None
        self.goals = tuple(g for g in source.goals if self._shown(g))
        self.sessions = tuple(
            sorted(
                (s for s in source.sessions if self._shown(s) and self._in_range(s.held_at.date())),
                key=lambda s: s.held_at,
            )
        )
        self.homework = tuple(
            h
            for h in source.homework
            if self._shown(h) and self._in_range(h.done_on or h.due_date or h.created_at.date())
        )
        self.reflections = tuple(
            sorted(
                (r for r in source.reflections if self._shown(r)),
                key=lambda r: r.party is not Party.ME,
            )
        )
        self.evaluations = tuple(
            e
            for e in source.evaluations
            if self._shown(e) and self._in_range(e.answered_on or e.created_at.date())
        )

    def _shown(self, record: Record | None) -> bool:
        if record is None:
            return False
        return self.options.include_private or record.scope is not Scope.PRIVATE

    def _in_range(self, day: date) -> bool:
        low, high = self.options.date_from, self.options.date_to
        return (low is None or day >= low) and (high is None or day <= high)


def _notes(
    kind: RecordKind, record: object, names: Iterable[str], *, private: bool = False
) -> tuple[Block, ...]:
    """The Markdown fields ``names`` of ``record`` that hold something, each under its label.

    A field its declaration calls private (a session's private notes) only with ``private``.
    """
    declaration = RECORDS[kind]
    return tuple(
        Note(field_label(field, kind), text)
        for field in names
        if private or not getattr(declaration.field(field), "private", False)
        if (text := str(getattr(record, field) or "")).strip()
    )


def _cover(
    source: ReportSource, options: ReportOptions, words: Words, heading: str, partners: str
) -> Cover:
    relationship = source.relationship
    facts = [
        Fact(field_label("partner_names", RecordKind.RELATIONSHIP), partners),
        Fact(_("Prepared by"), f"{source.owner_name} ({name(relationship.my_role)})"),
        Fact(field_label("kind", RecordKind.RELATIONSHIP), name(relationship.kind)),
        Fact(field_label("stage", RecordKind.RELATIONSHIP), name(relationship.stage)),
        Fact(
            field_label("started_on", RecordKind.RELATIONSHIP), words.day(relationship.started_on)
        ),
        Fact(field_label("ended_on", RecordKind.RELATIONSHIP), words.day(relationship.ended_on)),
    ]
    if relationship.focus_areas:
        facts.insert(3, Fact(_("Focus areas"), ", ".join(relationship.focus_areas)))
    if options.date_from or options.date_to:
        period = _("from {start} to {end}").format(
            start=words.day(options.date_from) if options.date_from else "…",
            end=words.day(options.date_to) if options.date_to else "…",
        )
        facts.append(Fact(_("Period of this report"), period))
    facts.append(Fact(_("Prepared on"), words.day(source.today)))
    notices = [_("This report holds the shared records of the relationship.")]
    if options.include_private:
        notices = [_("This report includes private notes: share it with care.")]
    return Cover(_("Closing report"), heading, tuple(facts), tuple(notices))


def _agreement(agreement: Agreement | None, words: Words, owner: str, partners: str) -> Section:
    title = _("The agreement")
    if agreement is None:
        return Section("agreement", title, (Paragraph(_("No agreement was written down.")),))
    kind = RecordKind.AGREEMENT
    facts = [
        Fact(field_label(field, kind), value)
        for field in ("frequency", "duration", "location", "tools")
        if (value := getattr(agreement, field))
    ]
    if agreement.meeting_format is not None:
        facts.insert(0, Fact(field_label("meeting_format", kind), name(agreement.meeting_format)))
    facts.append(Fact(field_label("version", kind), str(agreement.version)))
    blocks: list[Block] = [Facts(tuple(facts))]
    blocks += _notes(
        kind,
        agreement,
        ("confidentiality", "mentor_expectations", "mentee_expectations", "principles", "notes"),
    )
    rows = []
    for signature in agreement.signatures:
        who = owner if signature.party is Party.ME else partners
        version = str(signature.version) if signature.version is not None else "—"
        rows.append(
            (
                signature.name or who,
                version,
                words.moment(signature.signed_at),
                _verification(signature),
                _signature_state(signature, agreement.version),
            )
        )
    if rows:
        columns = (
            _("Signed by"),
            _("Version signed"),
            _("Signed on"),
            _("Verification"),
            _("Signature"),
        )
        blocks.append(Table(_("Signatures of the agreement"), columns, tuple(rows)))
    else:
        blocks.append(Paragraph(_("Nobody has signed the agreement.")))
    return Section("agreement", title, tuple(blocks))


def _verification(signature: Signature) -> str:
    """Whether the signer's device key verifies the signature, in words."""
    if signature.verified is None:
        return _("no cryptographic signature (marked in the journal)")
    if signature.verified:
        return _("verified with {name}'s device key").format(name=signature.name)
    return _("not verified: it does not match the signer's device key")


def _signature_state(signature: Signature, current_version: int) -> str:
    """Whether the signature holds for the text as it is now."""
    if signature.verified is False:
        return _("does not count as signed")
    if signature.valid:
        return _("valid: signed version {version}, the current text").format(
            version=current_version
        )
    return _("void: the text was changed after this signature")


def _goals(chosen: _Chosen, words: Words) -> Section:
    kind = RecordKind.GOAL
    parts = []
    for goal in chosen.goals:
        facts = (
            Fact(field_label("status", kind), name(goal.status)),
            Fact(_("Progress"), f"{goal.progress}%"),
            Fact(field_label("target_date", kind), words.day(goal.target_date)),
        )
        notes = _notes(kind, goal, ("description", "success_criteria", "outcome_note"))
        parts.append(Part(goal.title, (Facts(facts), *notes)))
    empty = () if parts else (Paragraph(_("No goal was set.")),)
    return Section("goals", _("Goals and their outcomes"), empty, tuple(parts))


def _sessions(chosen: _Chosen, words: Words) -> Section:
    kind = RecordKind.SESSION
    titles = {goal.id: goal.title for goal in chosen.goals}
    fields = ("agenda", "notes", "private_notes", "takeaways")
    private = chosen.options.include_private
    parts = []
    for session in chosen.sessions:
        facts = []
        if session.duration_minutes:
            facts.append(
                Fact(_("Duration"), _("{minutes} min").format(minutes=session.duration_minutes))
            )
        if session.format is not None:
            facts.append(Fact(field_label("format", kind), name(session.format)))
        linked = [titles[g] for g in session.goal_ids if g in titles]
        if linked:
            facts.append(Fact(field_label("goal_ids", kind), "; ".join(linked)))
        blocks: tuple[Block, ...] = (Facts(tuple(facts)),) if facts else ()
        parts.append(
            Part(
                words.moment(session.held_at),
                blocks + _notes(kind, session, fields, private=private),
            )
        )
    empty = () if parts else (Paragraph(_("No session was held in this period.")),)
    return Section("sessions", _("Timeline of sessions"), empty, tuple(parts))


def _homework(chosen: _Chosen, words: Words) -> Section:
    statuses = (HomeworkStatus.DONE, HomeworkStatus.DROPPED, HomeworkStatus.OPEN)
    summary_rows = []
    parts = []
    for assignee in Assignee:
        items = [h for h in chosen.homework if h.assignee is assignee]
        counts = [sum(1 for h in items if h.status is status) for status in statuses]
        summary_rows.append((capital(name(assignee)), *map(str, counts), str(len(items))))
        if not items:
            continue
        items.sort(key=lambda h: (statuses.index(h.status), h.due_date or date.max, h.title))
        rows = tuple(
            (h.title, name(h.status), words.day(h.due_date), words.day(h.done_on)) for h in items
        )
        kind = RecordKind.HOMEWORK
        columns = (
            field_label("title", kind),
            field_label("status", kind),
            field_label("due_date", kind),
            field_label("done_on", kind),
        )
        caption = _("Done first, then dropped, then open")
        parts.append(Part(_HOMEWORK_OF[assignee](), (Table(caption, columns, rows),)))
    summary = Table(
        _("Homework done, dropped and open, by assignee"),
        (_("Assignee"), *(capital(name(status)) for status in statuses), _("All")),
        tuple(summary_rows),
    )
    title = pgettext("report section", "Homework")
    return Section("homework", title, (summary,), tuple(parts))


_HOMEWORK_OF = {
    Assignee.MENTOR: lambda: _("The mentor's homework"),
    Assignee.MENTEE: lambda: _("The mentee's homework"),
}


def _author(party: Party, owner: str, partners: str) -> str:
    return owner if party is Party.ME else partners


def _reflections(chosen: _Chosen, owner: str, partners: str, words: Words) -> Section:
    kind = RecordKind.REFLECTION
    parts = []
    for reflection in chosen.reflections:
        facts = [Fact(field_label("finalised_on", kind), words.day(reflection.finalised_on))]
        if reflection.rating is not None:
            facts.insert(0, Fact(_("Overall rating"), f"{reflection.rating} / 5"))
        notes = _notes(
            kind,
            reflection,
            ("goal_outcomes", "what_worked", "what_did_not", "lessons", "feedback"),
        )
        who = _author(reflection.party, owner, partners)
        title = _("The reflection of {name}").format(name=who)
        parts.append(Part(title, (Facts(tuple(facts)), *notes)))
    empty = () if parts else (Paragraph(_("No reflection was written yet.")),)
    return Section("reflections", _("Reflections"), empty, tuple(parts))


def _next_steps(chosen: _Chosen, owner: str, partners: str) -> Section:
    blocks: list[Block] = [
        Note(_author(r.party, owner, partners), r.next_steps)
        for r in chosen.reflections
        if r.next_steps.strip()
    ]
    open_goals = [g.title for g in chosen.goals if g.status is GoalStatus.OPEN]
    if open_goals:
        listed = "\n".join(f"- {_escape_markdown(title)}" for title in open_goals)
        blocks.append(Note(_("Goals still open"), listed))
    if not blocks:
        blocks.append(Paragraph(_("No next steps were written down.")))
    return Section("next_steps", _("Next steps"), tuple(blocks))


def _escape_markdown(text: str) -> str:
    """A title as literal text inside Markdown: its ``*`` or ``#`` never become markup."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!<>|" else c for c in text)


def _signatures(owner: str, partners: Iterable[str], my_role: str) -> Section:
    partner_role = {"mentor": "mentee", "mentee": "mentor"}.get(my_role, "peer")
    roles = {
        "mentor": pgettext("signature role", "Mentor"),
        "mentee": pgettext("signature role", "Mentee"),
        "peer": pgettext("signature role", "Peer"),
    }
    lines = [SignatureLine(owner, roles[my_role])]
    lines += [SignatureLine(partner, roles[partner_role]) for partner in partners]
    block = SignatureLines(tuple(lines), _("Signature"), _("Date"))
    return Section("signatures", _("Signatures"), (block,))
