"""``mentorjournal close``: judge the goals, write the reflection, close the relationship.

Without ``--draft`` the command finishes the closing: every verdict and text given is kept
together with the closing, or, when something is still missing, nothing at all is (the
error says what is missing, exit code 1). ``--draft`` keeps what was given and leaves the
closing open, to go on later (also from the window's Reflection tab). ``--reopen`` makes a
closed relationship active again; what was written is kept.
"""

from __future__ import annotations

import argparse
from typing import Any

from mentorjournal.cli import output
from mentorjournal.cli.context import Context
from mentorjournal.cli.errors import CliError, ExitCode
from mentorjournal.domain import GoalStatus, InvalidValue, Party
from mentorjournal.domain.errors import ClosingGap, Reason
from mentorjournal.i18n import _, ngettext
from mentorjournal.i18n.names import member_named, name
from mentorjournal.services.closing import REFLECTION_FIELDS, ClosingState, Verdict


def _pairs(raw: list[str] | None, option: str) -> list[tuple[str, str]]:
    """``ID=VALUE`` items of a repeatable option."""
    pairs = []
    for item in raw or []:
        goal, sign, value = item.partition("=")
        if not sign or not goal.strip():
            text = _("{option} takes GOAL_ID=VALUE, got “{text}”.").format(option=option, text=item)
            raise CliError(text, ExitCode.USAGE)
        pairs.append((goal.strip(), value))
    return pairs


def _status(text: str) -> GoalStatus:
    status = member_named(GoalStatus, text)
    if status is None:
        raise InvalidValue("--goal", Reason.NOT_ALLOWED, tuple(s.value for s in GoalStatus))
    return status


def run_close(args: argparse.Namespace, ctx: Context) -> int:
    ctx.labels.update({"outcome_note": "--why", "goal": "--goal", "rating": "--rating"})
    ctx.labels.update({field: "--" + field.replace("_", "-") for field in REFLECTION_FIELDS[:-1]})
    party = member_named(Party, args.party)
    if party is None:
        raise InvalidValue("--party", Reason.NOT_ALLOWED, tuple(p.value for p in Party))
    # Everything read from files (or standard input) before the journal is unlocked.
    verdicts = [(goal, _status(status)) for goal, status in _pairs(args.goal, "--goal")]
    whys = [(goal, ctx.inputs.text(text)) for goal, text in _pairs(args.why, "--why")]
    reflection: dict[str, Any] = {}
    for field in REFLECTION_FIELDS:
        given = getattr(args, field)
        if given is not None:
            reflection[field] = given if field == "rating" else ctx.inputs.text(given)
    with ctx.unlock(args.journal, before_change=True) as workspace:
        resolve = workspace.records.resolve
        relationship_id = resolve(args.relationship)
        closing = workspace.closing
        if args.reopen:
            state = closing.reopen(relationship_id)
        else:
            notes = {resolve(goal): text for goal, text in whys}
            given = [Verdict(resolve(goal), status) for goal, status in verdicts]
            given_ids = {verdict.goal_id for verdict in given}
            current = {goal.id: goal.status for goal in closing.state(relationship_id).goals}
            # A why without a verdict changes the note only: the goal keeps its status.
            given += [
                Verdict(goal_id, current.get(goal_id, GoalStatus.OPEN))
                for goal_id in notes
                if goal_id not in given_ids
            ]
            given = [Verdict(v.goal_id, v.status, notes.get(v.goal_id)) for v in given]
            state = closing.save(
                relationship_id,
                verdicts=given,
                reflections={party: reflection} if reflection else None,
                finish=not args.draft,
            )
    ctx.show(_as_json(state), lambda: _plain(state, args))
    return ExitCode.OK


def _as_json(state: ClosingState) -> Any:
    return output.jsonable(
        {
            "relationship": state.relationship,
            "closed": state.closed,
            "missing": state.gaps,
            "open_goal_ids": [goal.id for goal in state.open_goals],
            "goals": state.goals,
            "reflections": state.reflections,
            "evaluations": list(state.evaluations.values()),
        }
    )


def _plain(state: ClosingState, args: argparse.Namespace) -> str:
    title = state.relationship.title
    if state.closed:
        ended = output.when(state.relationship.ended_on)
        lines = [_("“{title}” is closed (ended {date}).").format(title=title, date=ended)]
    elif args.reopen:
        lines = [_("“{title}” is open again; what was written is kept.").format(title=title)]
    else:
        lines = [_("The closing of “{title}” is saved as a draft.").format(title=title)]
    for goal in state.goals:
        lines.append(f"  {output.short_id(goal.id)}  {name(goal.status)}  {goal.title}")
    if not state.closed and state.gaps:
        lines.append(_("Still missing before it can be closed:"))
        if ClosingGap.OPEN_GOALS in state.gaps:
            count = len(state.open_goals)
            lines.append(
                "  "
                + ngettext(
                    "{count} goal without a verdict (--goal ID=VERDICT)",
                    "{count} goals without a verdict (--goal ID=VERDICT)",
                    count,
                ).format(count=count)
            )
        if ClosingGap.OWN_REFLECTION in state.gaps:
            lines.append("  " + _("your reflection (--what-worked, --lessons … or --rating)"))
    return "\n".join(lines)
