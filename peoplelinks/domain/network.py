"""The shape of the network: is the search working the way the method says?

Five questions from DOMAIN.md sections 2, 3 and 4, answered from the records:

- Where do my contacts come from? Counts per circle and per generation.
- Am I getting past the first generation? The share of this month's meetings
  that included someone introduced by someone else (generation 2 or more).
- Am I meeting people who can hire or refer? Recent meetings by level, and how
  many were with someone at the objective's level or above.
- Am I mostly meeting other job seekers? A warning sign when most recent
  meetings were with someone job seeking.
- Who opens doors? The contacts who introduced the most people, and how many of
  those became real contacts.

"Meetings" are talks whose kind counts as a meeting (coffee, meeting, event,
interview: :attr:`Kind.counts_as_meeting`), as for the weekly goals. The shape
is that of the network as it is now: people in the trash are left out
everywhere, and a talk whose people are all in the trash is not counted.
The talks are read once; the contacts in a few passes that run in C (``Counter``
over mapped attributes). Nothing is kept between calls: a caller that shows the
shape often can keep it until the data changes.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import repeat
from operator import attrgetter, countOf

from peoplelinks.domain.enums import Circle, Employment, Kind, Level, Status
from peoplelinks.domain.facts import Person
from peoplelinks.domain.models import Interaction

# Windows, counted back from today included: "the last 90 days" starts 89 days ago.
LEVEL_DAYS = 90
RECENT_DAYS = 30
# The job-seeker warning needs a few meetings to mean anything: one coffee with a
# fellow job seeker out of one meeting is not a pattern.
MIN_MEETINGS_FOR_WARNING = 3
JOB_SEEKER_LIMIT = 0.5
TOP_REFERRERS = 5

# Seniority order for "at the objective's level or above"; UNKNOWN is unranked.
RANK = {Level.IC: 1, Level.MANAGER: 2, Level.DIRECTOR: 3, Level.EXECUTIVE: 4}

_MEETING_KINDS = frozenset(k for k in Kind if k.counts_as_meeting)


@dataclass(frozen=True)
class Referrer:
    """A contact who introduced others, and how many of those became real contacts."""

    contact_id: int
    referred: int  # contacts introduced by them, not in the trash
    became_active: int  # of those: status active, or with a logged talk


@dataclass(frozen=True)
class NetworkShape:
    """Counts that show whether the search follows the method (see the module doc)."""

    per_circle: dict[Circle, int]  # every circle, 0 included
    per_generation: dict[int, int]  # generation -> contacts, in generation order
    month_meetings: int  # meetings in today's calendar month
    month_meetings_past_first: int  # ...with someone of generation 2 or more
    meetings_by_level: dict[Level, int]  # last LEVEL_DAYS days, every level, 0 included
    target_level: Level
    recent_meetings: int  # last RECENT_DAYS days
    recent_with_job_seekers: int  # ...with someone job seeking
    top_referrers: tuple[Referrer, ...]
    total: int = 0  # contacts not in the trash
    leads: int = 0  # of those, leads (suggested, not yet contacted)
    meetings_at_target: int = 0  # last LEVEL_DAYS days, someone at target level or above
    level_meetings: int = 0  # meetings in the last LEVEL_DAYS days (each counted once)

    @property
    def past_first_share(self) -> float:
        """Share of this month's meetings that got past the first generation (0..1)."""
        return self.month_meetings_past_first / self.month_meetings if self.month_meetings else 0.0

    @property
    def job_seeker_share(self) -> float:
        """Share of recent meetings that included a job seeker (0..1)."""
        return self.recent_with_job_seekers / self.recent_meetings if self.recent_meetings else 0.0

    @property
    def too_many_job_seekers(self) -> bool:
        """True when more than half of at least :data:`MIN_MEETINGS_FOR_WARNING` recent
        meetings were with job seekers (DOMAIN.md section 3's warning sign)."""
        return (self.recent_meetings >= MIN_MEETINGS_FOR_WARNING
                and self.job_seeker_share > JOB_SEEKER_LIMIT)


def at_or_above(level: Level, target: Level) -> bool:
    """True when ``level`` is ``target`` or more senior; never for an unknown level."""
    return level in RANK and target in RANK and RANK[level] >= RANK[target]


# Per introducer: how many they referred, and how many of those became active.
_Intros = tuple[Counter[int], Counter[int]]


@dataclass(frozen=True)
class ContactTally:
    """What :func:`network_shape` counts from the contacts alone (it changes only
    when a contact does; the caller may keep it across talks)."""

    per_circle: dict[Circle, int]
    per_generation: dict[int, int]
    total: int
    leads: int
    introduced: tuple[Person, ...]  # contacts not in the trash with an introducer
    referred: Counter[int]  # introducer -> how many they introduced
    objective_shared: int = 0  # people told the objective
    recommendations_asked: int = 0
    recommendations_given: int = 0


def tally_contacts(contacts: Mapping[int, Person],
                   generations: Mapping[int, int]) -> ContactTally:
    """Contacts per circle and per generation, the total, the leads, and who introduced
    whom, over the contacts not in the trash.

    Written as counts over mapped attributes rather than one loop with many
    branches: ``Counter``, ``map`` and ``attrgetter`` run in C, which halves the
    time at 30,000 contacts.
    """
    live = [c for c in contacts.values() if c.deleted_at is None]
    per_circle = dict.fromkeys(Circle, 0)
    per_circle.update(Counter(map(attrgetter("circle"), live)))
    per_generation = Counter(map(generations.get, map(attrgetter("id"), live), repeat(1)))
    leads = countOf(map(attrgetter("status"), live), Status.LEAD)
    introduced = tuple(c for c in live if c.introduced_by is not None)
    referred: Counter[int] = Counter(map(attrgetter("introduced_by"), introduced))

    def dated(field: str) -> int:
        return len(live) - countOf(map(attrgetter(field), live), None)

    return ContactTally(per_circle, dict(sorted(per_generation.items())), len(live), leads,
                        introduced, referred, dated("objective_shared_on"),
                        dated("recommendation_asked_on"), dated("recommendation_given_on"))


def _intros(tally: ContactTally, talked: AbstractSet[int]) -> _Intros:
    """How many each introducer referred, and how many of those became active (active
    now, or talked with)."""
    active = Status.ACTIVE  # a local: an enum member lookup costs as much as the test
    became: Counter[int] = Counter(map(attrgetter("introduced_by"), [
        c for c in tally.introduced if c.status == active or c.id in talked]))
    return tally.referred, became


def _top_referrers(contacts: Mapping[int, Person], intros: _Intros) -> tuple[Referrer, ...]:
    """The :data:`TOP_REFERRERS` introducers not in the trash: most referred first, then
    most became active, then the oldest id (a stable order). Only the winners become
    :class:`Referrer` objects: there may be thousands of introducers."""
    referred, became = intros
    became_of = became.get
    ranked = heapq.nsmallest(
        TOP_REFERRERS,
        ((-n, -became_of(pid, 0), pid) for pid, n in referred.items()
         if (p := contacts.get(pid)) is not None and p.deleted_at is None),
    )
    return tuple(Referrer(pid, -n, -active) for n, active, pid in ranked)


@dataclass
class _Meetings:
    """Running counts of :func:`_meeting_counts`."""

    by_level: dict[Level, int]
    month: int = 0
    past_first: int = 0
    level: int = 0
    at_target: int = 0
    recent: int = 0
    with_seekers: int = 0


def window_start(today: date) -> date:
    """The first day any meeting count of :class:`NetworkShape` reads: older talks
    need not be given to :func:`network_shape`."""
    return min(today.replace(day=1), today - timedelta(days=LEVEL_DAYS - 1),
               today - timedelta(days=RECENT_DAYS - 1))


def _meeting_counts(contacts: Mapping[int, Person], generations: Mapping[int, int],
                    interactions: Iterable[Interaction], today: date, target_level: Level
                    ) -> _Meetings:
    """The meeting counts of :class:`NetworkShape`, in one pass over the talks.

    Each talk's people are read once, in one loop that notes everything asked of
    them (generation, levels, seniority, job seeking): at 50,000 talks the
    comprehensions and ``any()`` calls this replaces cost twice as much.
    """
    month = (today.year, today.month)
    level_since = today - timedelta(days=LEVEL_DAYS - 1)
    recent_since = today - timedelta(days=RECENT_DAYS - 1)
    earliest = window_start(today)
    out = _Meetings(by_level=dict.fromkeys(Level, 0))
    by_level = out.by_level
    # Locals: looking up an enum member or a global costs as much as the test itself.
    seeking = Employment.JOB_SEEKING
    meeting_kinds = _MEETING_KINDS
    rank = RANK.get
    target = RANK.get(target_level, len(RANK) + 1)  # unknown target: nobody reaches it
    find = contacts.get
    generation = generations.get
    for talk in interactions:
        day = talk.date
        if day < earliest or talk.kind not in meeting_kinds:
            continue
        met = past = senior = seeker = False
        levels: list[Level] = []
        for cid in talk.contact_ids:
            p = find(cid)
            if p is None or p.deleted_at is not None:
                continue
            met = True
            if generation(cid, 1) >= 2:
                past = True
            level = p.level
            # A talk with two managers is one meeting at manager level; a talk with
            # a manager and a director counts once at each level.
            if level not in levels:
                levels.append(level)
            if rank(level, 0) >= target:
                senior = True
            if p.employment == seeking:
                seeker = True
        if not met:
            continue
        if (day.year, day.month) == month:
            out.month += 1
            out.past_first += past
        if day >= level_since:
            out.level += 1
            out.at_target += senior
            for level in levels:
                by_level[level] += 1
        if day >= recent_since:
            out.recent += 1
            out.with_seekers += seeker
    return out


def network_shape(contacts: Mapping[int, Person], generations: Mapping[int, int],
                  interactions: Iterable[Interaction], *, today: date, target_level: Level,
                  talked: AbstractSet[int], tally: ContactTally | None = None) -> NetworkShape:
    """The network's shape (see the module doc).

    ``generations`` maps contact ids to their generation (:func:`graph.generations`);
    a contact missing from it counts as generation 1. ``talked`` holds the ids of
    contacts with at least one logged talk. Talks older than the longest window are
    skipped at the cost of one date comparison each. ``tally``: the contacts' counts
    when already made (:func:`tally_contacts` of the same contacts).
    """
    tally = tally or tally_contacts(contacts, generations)
    m = _meeting_counts(contacts, generations, interactions, today, target_level)
    return NetworkShape(
        per_circle=tally.per_circle, per_generation=tally.per_generation,
        month_meetings=m.month, month_meetings_past_first=m.past_first,
        meetings_by_level=m.by_level, target_level=target_level, recent_meetings=m.recent,
        recent_with_job_seekers=m.with_seekers,
        top_referrers=_top_referrers(contacts, _intros(tally, talked)),
        total=tally.total, leads=tally.leads, meetings_at_target=m.at_target,
        level_meetings=m.level,
    )
