"""The report's charts as numbers: sessions per month, goals by status, evaluation answers.

Each :class:`~.report_model.Chart` carries its caption and a table of the same numbers, so a
reader who cannot see the bars (or reads the HTML with a screen reader) loses nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from mentorjournal.domain import Evaluation, EvaluationMoment, Goal, GoalStatus, Session
from mentorjournal.domain.questionnaire import questionnaire
from mentorjournal.export.report_model import Block, Chart, Paragraph, Section, Series, Table
from mentorjournal.i18n import Language, _
from mentorjournal.i18n.names import name


def capital(text: str) -> str:
    """``text`` with a capital first letter, as a table's header or a legend shows it."""
    return text[:1].upper() + text[1:]


class _Words(Protocol):
    def month(self, value: date) -> str: ...

    def number(self, value: float) -> str: ...


def section(
    sessions: Sequence[Session],
    goals: Sequence[Goal],
    evaluations: Sequence[Evaluation],
    words: _Words,
    language: Language,
) -> Section:
    blocks: list[Block] = [
        _sessions_per_month(sessions, words),
        _goal_status(goals),
        _evaluations(evaluations, words, language),
    ]
    return Section("charts", _("Charts"), tuple(blocks))


def _months(first: date, last: date) -> list[date]:
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _sessions_per_month(sessions: Sequence[Session], words: _Words) -> Block:
    if not sessions:
        return Paragraph(_("No session was held in this period, so there is no chart of them."))
    counted = Counter(s.held_at.date().replace(day=1) for s in sessions)
    months = _months(min(counted), max(counted))
    labels = tuple(words.month(m) for m in months)
    values = tuple(float(counted[m]) for m in months)
    return _count_chart(_("Sessions per month"), (_("Month"), _("Sessions")), labels, values)


def _goal_status(goals: Sequence[Goal]) -> Block:
    if not goals:
        return Paragraph(_("No goal was set, so there is no chart of their status."))
    counted = Counter(goal.status for goal in goals)
    labels = tuple(capital(name(status)) for status in GoalStatus)
    values = tuple(float(counted[status]) for status in GoalStatus)
    return _count_chart(_("Goals by status"), (_("Status"), _("Goals")), labels, values)


def _count_chart(
    caption: str, headings: tuple[str, str], labels: tuple[str, ...], values: tuple[float, ...]
) -> Chart:
    """A bar chart of counts, with its numbers in a table of two columns (``headings``)."""
    table = Table(caption, headings, tuple(zip(labels, map(_count, values), strict=True)))
    series = Series(headings[1], values, tuple(map(_bar_label, values)))
    return Chart(caption, labels, (series,), max(values), table)


def _count(value: float) -> str:
    return str(int(value))


def _bar_label(value: float) -> str:
    """A count over its bar; none over an empty one (the table still says 0)."""
    return _count(value) if value else ""


def _evaluations(evaluations: Sequence[Evaluation], words: _Words, language: Language) -> Block:
    if not evaluations:
        return Paragraph(_("No evaluation questionnaire was answered."))
    questions = questionnaire(language.value).questions
    moments = (EvaluationMoment.MIDPOINT, EvaluationMoment.FINAL)
    averages: dict[EvaluationMoment, list[float]] = {}
    for moment in moments:
        answered = [e.scores for e in evaluations if e.moment is moment]
        averages[moment] = [_average([s[q.id] for s in answered if q.id in s]) for q in questions]
    numbers = tuple(_("Q{number}").format(number=i) for i in range(1, len(questions) + 1))
    caption = _(
        "Evaluation answers, mid-point against final (average of both parties, "
        "1 = strongly disagree, 5 = strongly agree; no bar and — where nobody answered)"
    )
    rows = tuple(
        (
            f"{number}. {question.text}",
            words.number(averages[moments[0]][i]) if averages[moments[0]][i] else "—",
            words.number(averages[moments[1]][i]) if averages[moments[1]][i] else "—",
        )
        for i, (number, question) in enumerate(zip(numbers, questions, strict=True))
    )
    columns = (_("Statement"), *(capital(name(moment)) for moment in moments))
    series = tuple(
        Series(
            capital(name(m)),
            tuple(averages[m]),
            tuple(words.number(v) if v else "" for v in averages[m]),
        )
        for m in moments
    )
    return Chart(caption, numbers, series, 5.0, Table(caption, columns, rows))


def _average(scores: list[int]) -> float:
    return round(sum(scores) / len(scores), 1) if scores else 0.0
