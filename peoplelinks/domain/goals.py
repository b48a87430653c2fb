"""Weekly goals counted from the log, their history and the streak (DOMAIN.md section 9).

A week runs Monday to Sunday in the user's local time. Talks carry a local
date already; follow-ups (``done_at``) and contacts (``created``) carry UTC
timestamps, which are turned into a local day first: a follow-up done on Sunday
at 23:30 in California is Monday in UTC, yet it belongs to Sunday's week.

Everything here is pure: the service hands over the records and the time zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from peoplelinks.domain.enums import Kind, Status
from peoplelinks.domain.facts import Person
from peoplelinks.domain.models import Contact, FollowUp, Interaction, WeeklyGoals

# The goals in the order they are shown, with the words that describe them.
GOAL_NAMES = ("meetings", "events", "followups", "new_contacts")
LABELS = {
    "meetings": "face-to-face meetings",
    "events": "professional events",
    "followups": "follow-ups done",
    "new_contacts": "new contacts",
}
# The same, for exactly one (``"1 more face-to-face meeting"``).
SINGULAR = {
    "meetings": "face-to-face meeting",
    "events": "professional event",
    "followups": "follow-up done",
    "new_contacts": "new contact",
}

# A UTC offset is never more than a day (+14:00 / -12:00 at most): a timestamp
# further than this from a range of local days cannot fall inside it, so the
# costly time-zone conversion is skipped for it.
_MAX_OFFSET = timedelta(days=1, hours=2)

# The kinds the meetings goal counts (Kind.counts_as_meeting), as a set for speed.
_MEETING_KINDS = frozenset(k for k in Kind if k.counts_as_meeting)


def week_start(day: date) -> date:
    """The Monday on or before ``day``."""
    return day - timedelta(days=day.weekday())


def local_day(moment: datetime, tz: tzinfo | None) -> date:
    """The day ``moment`` (stored in UTC) falls on in ``tz``.

    ``tz=None`` means the machine's local zone *at that instant*, so a daylight
    saving change between then and now is handled (a fixed offset taken from
    ``datetime.now().astimezone().tzinfo`` is not: prefer None or a ZoneInfo).
    """
    return moment.astimezone(tz).date()


@dataclass(frozen=True)
class WeekCounts:
    """What the log holds for one week, goal by goal."""

    meetings: int = 0
    events: int = 0
    followups: int = 0
    new_contacts: int = 0


@dataclass(frozen=True)
class GoalProgress:
    """One goal in one week: how many were done against the target (0: goal off)."""

    name: str  # a WeeklyGoals field: meetings, events, followups, new_contacts
    done: int
    target: int

    @property
    def off(self) -> bool:
        """True when the user turned this goal off (target 0)."""
        return self.target == 0

    @property
    def met(self) -> bool:
        """True when the target is reached; a goal that is off counts as met."""
        return self.done >= self.target

    @property
    def remaining(self) -> int:
        """How many more are needed to meet the target (0 when met or off)."""
        return max(0, self.target - self.done)

    @property
    def label(self) -> str:
        """What the goal counts, in words ("face-to-face meetings")."""
        return LABELS.get(self.name, self.name)


@dataclass(frozen=True)
class WeekProgress:
    """Every goal of the week starting ``start`` (a Monday)."""

    start: date
    goals: tuple[GoalProgress, ...]

    @property
    def end(self) -> date:
        """The Sunday that closes the week."""
        return self.start + timedelta(days=6)

    @property
    def all_met(self) -> bool:
        """True when at least one goal is on and every goal that is on is met.

        With every goal off there is nothing to meet, so nothing to celebrate
        and no streak to keep.
        """
        on = [g for g in self.goals if not g.off]
        return bool(on) and all(g.met for g in on)

    def goal(self, name: str) -> GoalProgress | None:
        """The goal called ``name``, if present."""
        return next((g for g in self.goals if g.name == name), None)


def progress(start: date, counts: WeekCounts, goals: WeeklyGoals) -> WeekProgress:
    """The week starting ``start``: each goal's count against its target."""
    return WeekProgress(
        start=start,
        goals=tuple(GoalProgress(name, getattr(counts, name), getattr(goals, name))
                    for name in GOAL_NAMES),
    )


# Counts per local day; the weeks are folded from them (see :func:`fold_weeks`).
DayCounts = dict[date, int]


def talk_days(first: date, end: date,
              interactions: Iterable[Interaction]) -> tuple[DayCounts, DayCounts]:
    """Meetings and events per day, from ``first`` to before ``end``."""
    meetings: DayCounts = {}
    events: DayCounts = {}
    event = Kind.EVENT  # enum members as locals: looking one up costs as much as a test
    for talk in interactions:
        day = talk.date
        if first <= day < end:
            kind = talk.kind
            if kind in _MEETING_KINDS:
                meetings[day] = meetings.get(day, 0) + 1
            if kind == event:
                events[day] = events.get(day, 0) + 1
    return meetings, events


def utc_bounds(first: date, end: date) -> tuple[datetime, datetime]:
    """Cheap UTC bounds around the days: only timestamps near them are converted."""
    return (datetime(first.year, first.month, first.day, tzinfo=UTC) - _MAX_OFFSET,
            datetime(end.year, end.month, end.day, tzinfo=UTC) + _MAX_OFFSET)


def done_days(first: date, end: date, followups: Iterable[FollowUp],
              tz: tzinfo | None) -> DayCounts:
    """Follow-ups done per local day (``done_at``), around ``first`` to ``end``."""
    low, high = utc_bounds(first, end)
    done: DayCounts = {}
    for fu in followups:
        done_at = fu.done_at
        if done_at is not None and low <= done_at < high and fu.done:
            day = done_at.astimezone(tz).date()
            done[day] = done.get(day, 0) + 1
    return done


def added_days(first: date, end: date, contacts: Iterable[Person],
               tz: tzinfo | None) -> DayCounts:
    """Contacts added per local day (``created``), neither in the trash nor leads."""
    low, high = utc_bounds(first, end)
    added: DayCounts = {}
    lead = Status.LEAD
    for contact in contacts:
        created = contact.created
        if (low <= created < high and contact.deleted_at is None
                and contact.status != lead):
            day = created.astimezone(tz).date()
            added[day] = added.get(day, 0) + 1
    return added


def fold_weeks(first: date, end: date, per_day: Sequence[DayCounts]) -> dict[date, list[int]]:
    """Week start -> [meetings, events, followups, new contacts], from the day counts
    in the order of :data:`GOAL_NAMES`; days outside ``first``..``end`` are left out
    (converted timestamps may fall just outside)."""
    out: dict[date, list[int]] = {}
    for slot, days in enumerate(per_day):
        for day, n in days.items():
            if first <= day < end:
                week = day - timedelta(days=day.weekday())
                out.setdefault(week, [0, 0, 0, 0])[slot] += n
    return out


def _bucket(first: date, last: date, *, interactions: Iterable[Interaction],
            followups: Iterable[FollowUp], contacts: Iterable[Contact],
            tz: tzinfo | None) -> dict[date, list[int]]:
    """Counts per week start for the weeks from ``first`` to ``last`` (Mondays), in one
    pass over each collection. The lists hold meetings, events, followups, new contacts.

    Counts are kept per local day in the loops (a dict increment) and folded into
    weeks at the end, over at most seven entries a week: the loops run over tens of
    thousands of records, so they do as little as possible.
    """
    end = last + timedelta(days=7)  # exclusive
    return fold_weeks(first, end, [*talk_days(first, end, interactions),
                                   done_days(first, end, followups, tz),
                                   added_days(first, end, contacts, tz)])


def _counts(raw: list[int] | None) -> WeekCounts:
    return WeekCounts(*raw) if raw else WeekCounts()


def count_week(start: date, *, interactions: Iterable[Interaction],
               followups: Iterable[FollowUp], contacts: Iterable[Contact],
               tz: tzinfo | None) -> WeekCounts:
    """What the log holds for the week containing ``start`` (normally its Monday).

    - meetings: talks whose kind counts as a meeting (coffee, meeting, event,
      interview), once per talk however many people were there;
    - events: talks of kind event;
    - followups: follow-ups done (``done_at``, local day) in the week;
    - new_contacts: contacts added (``created``, local day) in the week that are
      neither in the trash nor leads (a lead is a name, not yet a contact met).
    """
    monday = week_start(start)
    found = _bucket(monday, monday, interactions=interactions, followups=followups,
                    contacts=contacts, tz=tz)
    return _counts(found.get(monday))


def history_days(today: date, weeks: int) -> tuple[date, date]:
    """The first day of the ``weeks`` weeks ending with the one containing ``today``,
    and the day after the last (what :func:`history` reads)."""
    current = week_start(today)
    return current - timedelta(weeks=weeks - 1), current + timedelta(days=7)


def history_from(first: date, weeks: int, found: Mapping[date, list[int]],
                 goals: WeeklyGoals) -> list[WeekProgress]:
    """``weeks`` weeks from the Monday ``first``, from the counts per week start
    ``found`` (:func:`fold_weeks`)."""
    starts = [first + timedelta(weeks=i) for i in range(weeks)]
    return [progress(s, _counts(found.get(s)), goals) for s in starts]


def history(today: date, weeks: int, *, interactions: Iterable[Interaction],
            followups: Iterable[FollowUp], contacts: Iterable[Contact],
            goals: WeeklyGoals, tz: tzinfo | None) -> list[WeekProgress]:
    """The last ``weeks`` weeks, oldest first, the current week (containing ``today``)
    last. Each collection is read once, whatever the number of weeks.

    Past weeks are judged against today's goals: the goals' history is not kept.
    """
    if weeks <= 0:
        return []
    first, end = history_days(today, weeks)
    found = _bucket(first, end - timedelta(days=7), interactions=interactions,
                    followups=followups, contacts=contacts, tz=tz)
    return history_from(first, weeks, found, goals)


def streak(history: Sequence[WeekProgress]) -> int:
    """Weeks in a row with every goal met, counting back from the last complete week.

    ``history`` ends with the current week (as :func:`history` returns it). That
    week is still in progress: it adds one when already met and never breaks the
    streak while it is not.
    """
    if not history:
        return 0
    *past, current = history
    count = 0
    for week in reversed(past):
        if not week.all_met:
            break
        count += 1
    return count + (1 if current.all_met else 0)

