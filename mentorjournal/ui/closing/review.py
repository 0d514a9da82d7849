"""What the closing's review step and the closed view say, as text and safe HTML.

Record text is Markdown written by the user (or by the partner, through the sync): it is
rendered by :func:`~mentorjournal.ui.editor.preview.render`, which escapes raw HTML, and
every other piece of text is escaped here.
"""

from __future__ import annotations

from html import escape

from mentorjournal.domain import EvaluationMoment, GoalStatus, Party, Reflection
from mentorjournal.domain.errors import ClosingGap
from mentorjournal.i18n import _, ngettext
from mentorjournal.i18n.names import field_label
from mentorjournal.services.closing import REFLECTION_FIELDS, ClosingState, written
from mentorjournal.ui.editor.preview import render
from mentorjournal.ui.names import goal_status_name
from mentorjournal.ui.tabs.dates import show_date


def reflection_title(party: Party) -> str:
    return _("My reflection") if party is Party.ME else _("My partner's reflection")


def missing_text(state: ClosingState) -> str:
    """What still stands between the user and closing, in one sentence (empty: nothing)."""
    parts = []
    if ClosingGap.OPEN_GOALS in state.gaps:
        count = len(state.open_goals)
        parts.append(
            ngettext(
                "{count} goal has no verdict yet", "{count} goals have no verdict yet", count
            ).format(count=count)
        )
    if ClosingGap.OWN_REFLECTION in state.gaps:
        parts.append(_("your reflection is not written"))
    if not parts:
        return ""
    return _("Still missing before closing: {missing}.").format(missing="; ".join(parts))


def summary_text(state: ClosingState) -> str:
    """One line above the steps: where the closing stands."""
    if state.closed:
        return _("Closed on {date}.").format(date=show_date(state.relationship.ended_on))
    return missing_text(state) or _("Everything is ready: review and close the relationship.")


def _goals_html(state: ClosingState) -> str:
    if not state.goals:
        return "<p>" + escape(_("This relationship has no goals to judge.")) + "</p>"
    items = []
    for goal in state.goals:
        verdict = goal_status_name(goal.status)
        if goal.status is GoalStatus.OPEN:
            verdict = _("no verdict yet")
        item = f"<li><b>{escape(goal.title)}</b> — {escape(verdict)}"
        if goal.outcome_note.strip():
            item += render(goal.outcome_note)
        items.append(item + "</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _reflection_html(party: Party, reflection: Reflection | None) -> str:
    head = f"<h3>{escape(reflection_title(party))}</h3>"
    if not written(reflection):
        return head + "<p>" + escape(_("Not written.")) + "</p>"
    assert reflection is not None
    parts = [head]
    for field in REFLECTION_FIELDS[:-1]:
        text = str(getattr(reflection, field))
        if text.strip():
            label = field_label(field, reflection.kind_of_record)
            parts.append(f"<h4>{escape(label)}</h4>{render(text)}")
    if reflection.rating is not None:
        rating = _("Overall rating: {rating} of 5").format(rating=reflection.rating)
        parts.append(f"<p>{escape(rating)}</p>")
    if reflection.finalised_on is not None:
        done = _("Finalised on {date}.").format(date=show_date(reflection.finalised_on))
        parts.append(f"<p><i>{escape(done)}</i></p>")
    return "".join(parts)


def _evaluations_html(state: ClosingState) -> str:
    lines = []
    for moment, title in (
        (EvaluationMoment.MIDPOINT, _("Mid-point evaluation")),
        (EvaluationMoment.FINAL, _("Final evaluation")),
    ):
        for party in Party:
            evaluation = state.evaluation(moment, party)
            who = _("me") if party is Party.ME else _("my partner")
            if evaluation is None:
                status = _("{title} ({who}): not answered").format(title=title, who=who)
            else:
                count = len(evaluation.scores)
                status = ngettext(
                    "{title} ({who}): {count} answer",
                    "{title} ({who}): {count} answers",
                    count,
                ).format(title=title, who=who, count=count)
            lines.append(f"<li>{escape(status)}</li>")
    return "<ul>" + "".join(lines) + "</ul>"


def closing_html(state: ClosingState) -> str:
    """The whole closing, for the review step and (read-only) once closed."""
    parts = [f"<h2>{escape(state.relationship.title)}</h2>"]
    missing = missing_text(state)
    if missing and not state.closed:
        parts.append(f"<p><b>{escape(missing)}</b></p>")
    goals, evaluations = _("Goals"), _("Evaluations")
    parts.append(f"<h3>{escape(goals)}</h3>{_goals_html(state)}")
    parts.append(f"<h3>{escape(evaluations)}</h3>{_evaluations_html(state)}")
    for party in Party:
        parts.append(_reflection_html(party, state.reflections.get(party)))
    return "".join(parts)
