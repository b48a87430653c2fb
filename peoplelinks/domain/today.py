"""Today: one ranked list of what to do now (DOMAIN.md sections 7, 8 and 9).

The first thing the app shows when something is due. Each line says what to
do, why (the reason in a few words), and the one key that does it. The ranking
follows the method: what is fixed in the calendar first (a meeting today),
then promises made (overdue follow-ups), then relationships about to lapse,
then the week's goals, then the search itself (target companies with nobody,
leads never contacted, people met but never asked for referrals).

Each kind is capped (``limit_per_kind``) so that a backlog of one kind (300
overdue keep-in-touch notes after a holiday) never hides the rest. The inputs
are plain data the service prepares; nothing here reads the store.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from peoplelinks.domain.enums import PlanStatus, Status
from peoplelinks.domain.facts import Person
from peoplelinks.domain.goals import SINGULAR, WeekProgress
from peoplelinks.domain.models import MeetingPlan
from peoplelinks.domain.schedule import Bucket, DueItem, DueReport

# Kinds in ranking order.
# Who today's list suggests reaching: never those who asked not to be, or declined.
REACHABLE = frozenset({Status.ACTIVE, Status.DORMANT, Status.LEAD})


def reachable(people: Mapping[int, Person]) -> tuple[list[int], list[int]]:
    """Ids of the leads one may reach, and of everyone else one may reach (not in the
    trash, neither not helpful nor do not contact)."""
    lead = Status.LEAD
    leads: list[int] = []
    others: list[int] = []
    for cid, person in people.items():
        if person.deleted_at is None and person.status in REACHABLE:
            (leads if person.status == lead else others).append(cid)
    return leads, others


KINDS = ("plan", "overdue", "keep-in-touch", "goal", "target", "lead", "ask-referrals")
# A plan still "planned" this many days after its date is offered for logging;
# older ones are left alone (the user may have dropped them without cancelling).
PLAN_LOOKBACK_DAYS = 7
CANDIDATE_WHY = "not seen in 6 months"

# What to do about a goal that is behind.
_GOAL_TITLES = {
    "meetings": "Plan face-to-face meetings",
    "events": "Find a professional-association event to attend",
    "followups": "Do the follow-ups you promised",
    "new_contacts": "Meet someone new: ask for referrals, go to an event",
}


@dataclass(frozen=True)
class TodayItem:
    """One thing to do now."""

    kind: str  # one of KINDS
    why: str  # the reason shown ("overdue since Tue 10 Nov")
    title: str  # what to do ("Priya Shah: send the article")
    contact_id: int | None
    followup_id: int | None = None
    plan_id: int | None = None
    action: str = "open"  # the key it offers: "log" | "plan" | "snooze" | "open" | "done"


class NeverAsked(NamedTuple):
    """A contact met ``meetings`` times (face to face) and never asked for referrals."""

    contact_id: int
    meetings: int


class Uncovered(NamedTuple):
    """A target company with nobody there, and whom to ask first (if anyone)."""

    company: str
    first_step_id: int | None
    first_step_name: str | None


class _Namer:
    """A contact's name from ``names``, else from the contact, else its id."""

    def __init__(self, names: Mapping[int, str]) -> None:
        self.names = names

    def __call__(self, contact_id: int, contact: Person | None = None) -> str:
        found = self.names.get(contact_id)
        if found:
            return found
        return contact.name if contact is not None else f"#{contact_id}"


def day_text(day: date, today: date) -> str:
    """"Tue 10 Nov", with the year when it is not this year's."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def _short_day(day: date, today: date) -> str:
    """"2 Oct", with the year when it is not this year's."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _plan_items(plans: Iterable[MeetingPlan], today: date, name: _Namer,
                limit: int) -> list[TodayItem]:
    """Meetings planned for today, then recent plans never logged (most recent first)."""
    since = today - timedelta(days=PLAN_LOOKBACK_DAYS)
    chosen = [p for p in plans if p.status == PlanStatus.PLANNED and since <= p.date <= today]
    chosen = heapq.nsmallest(limit, chosen, key=lambda p: (p.date != today, -p.date.toordinal(),
                                                           p.id))
    out = []
    for plan in chosen:
        who = name(plan.contact_id)
        if plan.date == today:
            why = f"meeting planned today at {plan.place}" if plan.place else \
                "meeting planned today"
            title = f"Meet {who}: {plan.purpose}" if plan.purpose else f"Meet {who}"
            action = "open"  # read the agenda before going
        else:
            why = f"meeting planned {day_text(plan.date, today)}, not logged yet"
            title = f"Log the meeting with {who}"
            action = "log"
        out.append(TodayItem("plan", why, title, plan.contact_id, plan_id=plan.id,
                             action=action))
    return out


def _followup_items(due: DueReport, today: date, name: _Namer, limit: int) -> list[TodayItem]:
    """Overdue follow-ups, oldest first, then those due today (kind "overdue" for both:
    the follow-ups to do now)."""
    overdue = heapq.nsmallest(limit, due.followups[Bucket.OVERDUE], key=lambda f: (f.due, f.id))
    today_due = heapq.nsmallest(limit - len(overdue), due.followups[Bucket.TODAY],
                                key=lambda f: f.id)
    out = []
    for fu in overdue + today_due:
        why = "due today" if fu.due >= today else f"overdue since {day_text(fu.due, today)}"
        out.append(TodayItem("overdue", why, f"{name(fu.contact_id)}: {fu.action}",
                             fu.contact_id, followup_id=fu.id, action="done"))
    return out


def _keep_in_touch_why(item: DueItem, today: date) -> str:
    if item.contact.next_contact_on is not None:
        return f"snoozed until {day_text(item.next_contact, today)}"
    if item.last_contact is None:
        return f"never in touch; due since {day_text(item.next_contact, today)}"
    return f"not in touch for {(today - item.last_contact).days} days"


def _keep_in_touch_items(due: DueReport, today: date, name: _Namer,
                         limit: int) -> list[TodayItem]:
    """Contacts due for a keep-in-touch note, most overdue first."""
    items = heapq.nsmallest(limit, due.keep_in_touch,
                            key=lambda i: (i.next_contact, i.contact.id))
    return [TodayItem("keep-in-touch", _keep_in_touch_why(i, today),
                      f"Get in touch with {name(i.contact.id, i.contact)}", i.contact.id,
                      action="log") for i in items]


def _goal_items(week: WeekProgress, candidates: Sequence[int], listed: set[int],
                name: _Namer, limit: int, candidate_why: str) -> list[TodayItem]:
    """One item per goal behind this week; after the meetings goal, people to meet
    (``candidates`` not already listed above)."""
    out = []
    for goal in week.goals:
        if goal.off or goal.met:
            continue
        n = goal.remaining
        what = SINGULAR.get(goal.name, goal.name) if n == 1 else goal.label
        out.append(TodayItem("goal", f"{n} more {what} this week",
                             _GOAL_TITLES.get(goal.name, "Work on this week's goals"), None,
                             action="open"))
        if goal.name == "meetings":
            fresh = [cid for cid in candidates if cid not in listed][:limit]
            out.extend(TodayItem("goal", candidate_why, f"Meet {name(cid)}", cid, action="plan")
                       for cid in fresh)
    return out


def _target_items(uncovered: Sequence[tuple[str, int | None, str | None]],
                  limit: int) -> list[TodayItem]:
    out = []
    for company, first_id, first_name in uncovered[:limit]:
        if first_id is not None and first_name:
            out.append(TodayItem("target", f"{company}: nobody there yet; start with "
                                 f"{first_name}", f"Ask {first_name} about {company}", first_id,
                                 action="plan"))
        else:
            out.append(TodayItem("target", f"{company}: nobody there yet",
                                 f"Find someone at {company}", None, action="open"))
    return out


def _lead_items(leads: Sequence[tuple[Person, date]], today: date, name: _Namer,
                limit: int) -> list[TodayItem]:
    """Leads never contacted, oldest first."""
    oldest = heapq.nsmallest(limit, leads, key=lambda lead: (lead[1], lead[0].id))
    return [TodayItem("lead", f"a lead since {_short_day(added, today)}, never contacted",
                      f"Contact {name(c.id, c)}", c.id, action="plan") for c, added in oldest]


def _ask_items(never_asked: Sequence[tuple[int, int]], name: _Namer,
               limit: int) -> list[TodayItem]:
    """People met most often first."""
    most = heapq.nsmallest(limit, never_asked, key=lambda x: (-x[1], x[0]))
    return [TodayItem("ask-referrals", f"met {_times(n)}, never asked for referrals",
                      f"Ask {name(cid)} who else you should talk to", cid, action="plan")
            for cid, n in most]


def today_list(*, today: date, due: DueReport | None = None,
               plans: Iterable[MeetingPlan] = (),
               leads: Sequence[tuple[Person, date]] = (),
               never_asked: Sequence[tuple[int, int]] = (),
               uncovered: Sequence[tuple[str, int | None, str | None]] = (),
               week: WeekProgress | None = None, goal_candidates: Sequence[int] = (),
               names: Mapping[int, str], limit_per_kind: int = 5,
               candidate_why: str = CANDIDATE_WHY) -> list[TodayItem]:
    """What to do now, ranked: plans (today's, then recent ones not logged), overdue
    follow-ups (oldest first, then those due today), keep-in-touch notes (most overdue
    first), goals behind this week (with people to meet), target companies with
    nobody, leads never contacted (oldest first), people met but never asked for
    referrals (most met first). Each kind holds at most ``limit_per_kind`` items; the
    goals add one line per goal behind on top of their candidates.
    """
    if limit_per_kind <= 0:
        return []
    name = _Namer(names)
    limit = limit_per_kind
    items = _plan_items(plans, today, name, limit)
    if due is not None:
        items += _followup_items(due, today, name, limit)
        items += _keep_in_touch_items(due, today, name, limit)
    if week is not None:
        listed = {i.contact_id for i in items if i.contact_id is not None}
        items += _goal_items(week, goal_candidates, listed, name, limit, candidate_why)
    items += _target_items(uncovered, limit)
    items += _lead_items(leads, today, name, limit)
    items += _ask_items(never_asked, name, limit)
    return items
