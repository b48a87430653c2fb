"""The objective and the goals dashboard as styled, literal content.

What ``peoplelinks goals`` prints, for the ``o`` view: the objective, this
week's goals as bars, the last weeks as a small chart and the streak, the shape
of the network, what was asked and told, and who opens doors. Built with
``Content.assemble`` from (text, style) pairs: the role, the companies, the
pitch and the names are always literal text, never markup.
"""

from __future__ import annotations

from textual.content import Content

from peoplelinks.domain.enums import Level
from peoplelinks.domain.goals import GoalProgress, WeekProgress
from peoplelinks.domain.models import Objective
from peoplelinks.domain.network import NetworkShape
from peoplelinks.service import PeopleLinks
from peoplelinks.service.strategy import Dashboard
from peoplelinks.tui.cells import fit
from peoplelinks.tui.widgets.contact_card import hanging

Part = str | tuple[str, str] | Content
LABEL = 13  # the width of an objective row's label ("target firms ")
GOAL_LABEL = 25  # "  face-to-face meetings  "
BAR = 20  # cells of a progress bar
NAME = 24  # cells of a referrer's name
NO_OBJECTIVE = "No objective yet — press e to write one"
JOB_SEEKER_WARNING = ("Over half your recent meetings were with job seekers: network with "
                      "people who are working")
# Eighths of a cell, for one week of one goal in the chart.
STEPS = " ▁▂▃▄▅▆▇█"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _row(parts: list[Part], label: str, words: list[str], width: int | None,
         indent: int = LABEL) -> None:
    """``label`` then ``words`` wrapped under themselves (nothing when all empty)."""
    if any(words):
        parts += [(f"  {label:<{indent - 2}}", "dim"), hanging(words, width, indent), "\n"]


def objective_parts(objective: Objective, width: int | None) -> list[Part]:
    """The objective: role and level, industries, targets, locations, pitch."""
    parts: list[Part] = [("Objective", "bold $text-primary"), ("  e: edit", "dim"), "\n"]
    if not objective.is_set:
        return [*parts, ("  " + NO_OBJECTIVE, "italic $text-warning"), "\n"]
    role = objective.role or "—"
    if objective.level != Level.UNKNOWN:
        role += f" ({objective.level})"
    _row(parts, "role", role.split(" "), width)
    for label, values in (("industries", objective.industries),
                          ("targets", objective.target_companies),
                          ("locations", objective.locations)):
        # Entries may hold commas ("Fabrikam, Inc."): joined by " · ".
        _row(parts, label, [f"{value} ·" for value in values[:-1]] + values[-1:], width)
    _row(parts, "pitch", objective.pitch.split(" "), width)
    return parts


def bar(goal: GoalProgress, cells: int = BAR) -> list[Part]:
    """One goal's progress as ``██████░░░░ 3/5`` (a met goal in the success colour)."""
    if goal.off:
        return [("off", "dim")]
    filled = min(cells, round(cells * goal.done / goal.target))
    colour = "$text-success" if goal.met else "$text-accent"
    parts: list[Part] = [("█" * filled, colour), ("░" * (cells - filled), "dim"),
                         f" {goal.done}/{goal.target}"]
    if goal.met:
        parts.append(("  ✓ met", "bold $text-success"))
    return parts


def week_parts(week: WeekProgress) -> list[Part]:
    """This week's goals, one bar each."""
    parts: list[Part] = [("This week", "bold $text-primary"),
                         (f"  {week.start:%a %d %b} – {week.end:%a %d %b}", "dim"), "\n"]
    for goal in week.goals:
        parts += [f"  {goal.label:<{GOAL_LABEL - 2}}", *bar(goal), "\n"]
    return parts


def _cell(goal: GoalProgress) -> tuple[str, str]:
    """One goal in one week: a block as high as the share done (green when met)."""
    if goal.off:
        return ("·", "dim")
    if goal.met:
        return ("█", "$text-success")
    return (STEPS[min(8, 8 * goal.done // goal.target)] if goal.done else "▁", "$text-warning"
            if goal.done else "dim")


def history_parts(board: Dashboard) -> list[Part]:
    """The last weeks, one column each (oldest first), and the streak."""
    weeks = board.weeks
    parts: list[Part] = [(f"Last {len(weeks)} weeks", "bold $text-primary"),
                         (f"  {weeks[0].start:%d %b} → {weeks[-1].start:%d %b}, "
                          "this week last", "dim"), "\n"]
    for index, goal in enumerate(weeks[-1].goals):
        parts.append(f"  {goal.label:<{GOAL_LABEL - 2}}")
        for week in weeks:
            text, style = _cell(week.goals[index])
            parts += [(text, style), " "]
        parts.append("\n")
    parts.append(f"  {'every goal met':<{GOAL_LABEL - 2}}")
    for week in weeks:
        parts += [("■", "$text-success") if week.all_met else ("□", "dim"), " "]
    streak = board.streak
    parts += ["\n", "  Streak: ", (f"{streak} week" + ("" if streak == 1 else "s"), "bold"),
              " in a row with every goal met", "\n"]
    return parts


def shape_parts(shape: NetworkShape, width: int | None) -> list[Part]:
    """Where the contacts come from, how far past the first generation, at what level,
    and how many meetings were with job seekers."""
    parts: list[Part] = [("Network", "bold $text-primary"),
                         (f"  {shape.total:,} contacts, {shape.leads:,} leads", "dim"), "\n"]
    indent = 15
    circles = [f"{circle} {count}" for circle, count in shape.per_circle.items()]
    _row(parts, "circles", " · ".join(circles).split(" "), width, indent)
    gens = [f"gen {gen}: {count}" for gen, count in shape.per_generation.items()]
    _row(parts, "generations", " · ".join(gens).split(" ") or ["—"], width, indent)
    past = (f"{shape.month_meetings_past_first} of {shape.month_meetings} meetings this month "
            f"({_percent(shape.month_meetings_past_first, shape.month_meetings)})")
    _row(parts, "past gen 1", past.split(" "), width, indent)
    levels = " · ".join(f"{level} {n}" for level, n in shape.meetings_by_level.items() if n)
    target = ("" if shape.target_level == Level.UNKNOWN else
              f" — target {shape.target_level}: {shape.meetings_at_target} of "
              f"{shape.level_meetings} at or above")
    _row(parts, "by level", f"{levels or 'no meetings'} (90 days){target}".split(" "), width,
         indent)
    seekers = (f"{shape.recent_with_job_seekers} of {shape.recent_meetings} recent meetings "
               f"({_percent(shape.recent_with_job_seekers, shape.recent_meetings)})")
    _row(parts, "job seekers", seekers.split(" "), width, indent)
    if shape.too_many_job_seekers:
        parts += [("  ⚠ ", "$text-warning"),
                  (hanging(JOB_SEEKER_WARNING.split(" "), width, 4), "bold $text-warning"),
                  "\n"]
    return parts


def asking_parts(board: Dashboard, service: PeopleLinks, width: int | None) -> list[Part]:
    """People told the objective, recommendations asked and given, the top referrers."""
    told = board.objective_shared
    parts: list[Part] = [("Asking", "bold $text-primary"), "\n",
                         f"  objective told to {told} {'person' if told == 1 else 'people'}"
                         f" · recommendations asked {board.recommendations_asked}"
                         f" · given {board.recommendations_given}", "\n"]
    referrers = board.shape.top_referrers
    parts += ["\n", ("Top referrers", "bold $text-primary"), "\n"]
    if not referrers:
        return [*parts, ("  nobody has introduced anyone yet", "dim"), "\n"]
    contacts = service.db.contacts
    for referrer in referrers:
        contact = contacts.get(referrer.contact_id)
        name = contact.name if contact else f"#{referrer.contact_id}"
        parts += ["  ", (fit(name, NAME), "bold"),
                  (f"  introduced {referrer.referred}, {referrer.became_active} became "
                   "active", "dim"), "\n"]
    return parts


def dashboard_content(service: PeopleLinks, width: int | None = None) -> Content:
    """The whole view, ``width`` cells wide if given (long rows wrap under themselves)."""
    board = service.dashboard()
    parts: list[Part] = [*objective_parts(service.db.objective, width), "\n",
                         *week_parts(board.week), "\n", *history_parts(board), "\n",
                         *shape_parts(board.shape, width), "\n",
                         *asking_parts(board, service, width)]
    return Content.assemble(*parts)
