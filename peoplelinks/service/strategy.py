"""The job-search strategy, read from the data (DOMAIN.md sections 1, 4, 5, 6, 9):
briefs, target-company coverage, warm paths, the dashboard and today's list.

The computations are pure functions in :mod:`peoplelinks.domain`; this module
gathers what they need. What is derived from the whole network (the links warm
paths walk, warmth) is cached against the database's revision, which changes
with every record written, undone or reloaded.
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any, TypeVar

from peoplelinks.domain import graph
from peoplelinks.domain.balance import Balance, balance
from peoplelinks.domain.companies import company_key
from peoplelinks.domain.coverage import CompanyCoverage, coverage
from peoplelinks.domain.facts import Person
from peoplelinks.domain.goals import (
    WeekProgress,
    added_days,
    done_days,
    fold_weeks,
    history_days,
    history_from,
    local_day,
    streak,
    talk_days,
    utc_bounds,
)
from peoplelinks.domain.linkindex import LinkIndex
from peoplelinks.domain.network import (
    NetworkShape,
    network_shape,
    tally_contacts,
    window_start,
)
from peoplelinks.domain.paths import How, Links, WarmPath, warm_paths
from peoplelinks.domain.replacements import Suggestion, replacements
from peoplelinks.domain.today import NeverAsked, TodayItem, Uncovered, reachable, today_list
from peoplelinks.domain.warmth import Warmth
from peoplelinks.errors import InputError
from peoplelinks.interop.brief import BriefData, brief_markdown
from peoplelinks.service.plans import PlanVerbs

T = TypeVar("T")
WEEKS_SHOWN = 8
# "2 more meetings: here are people you have not seen in 6 months".
NOT_SEEN_DAYS = 180
# Asks this recent count against a contact when choosing whom to try instead.
RECENT_ASK_DAYS = 90


@dataclass(frozen=True)
class Dashboard:
    """This week's goals, the weeks before, the streak and the network's shape."""

    weeks: list[WeekProgress]  # the last WEEKS_SHOWN weeks, this week last
    streak: int
    shape: NetworkShape
    objective_shared: int  # people told the objective
    recommendations_asked: int
    recommendations_given: int

    @property
    def week(self) -> WeekProgress:
        """This week."""
        return self.weeks[-1]


class _Names(Mapping[int, str]):
    """Contact id -> name, read from the contacts when asked (today's list names a
    few dozen people: no dict of every name is made for them)."""

    def __init__(self, contacts: Mapping[int, Person]) -> None:
        self._contacts = contacts

    def __getitem__(self, contact_id: int) -> str:
        return self._contacts[contact_id].name

    def __iter__(self) -> Iterator[int]:
        return iter(self._contacts)

    def __len__(self) -> int:
        return len(self._contacts)


class StrategyVerbs(PlanVerbs):
    """Reading the network against the objective."""

    _cache: dict[str, tuple[tuple[Any, ...], Any]]

    def _cached(self, name: str, compute: Callable[[], T],
                key: tuple[Any, ...] | None = None) -> T:
        """``compute()``, remembered while ``key`` stays the same (default: until any
        record changes; give the revisions of the tables it reads to keep it longer).
        A value computed while the data changed (in a background thread) is
        returned but not remembered."""
        cache = self.__dict__.setdefault("_cache", {})
        # One lock per value: a view asked for while the app's background thread is
        # working it out waits for that result instead of working it out twice (each
        # at half speed, sharing the interpreter). The values depend on one another
        # without cycles, so the locks are always taken in the same order.
        with self.__dict__.setdefault("_locks", {}).setdefault(name, threading.RLock()):
            revision = self.db.revision
            key = (revision,) if key is None else key
            hit = cache.get(name)
            if hit is not None and hit[0] == key:
                return hit[1]  # type: ignore[no-any-return]
            value = compute()
            if self.db.revision == revision:
                cache[name] = (key, value)
            return value

    def prepare(self, tz: tzinfo | None = None, stop: Callable[[], bool] = lambda: False
                ) -> bool:
        """Work every strategy view out ahead, one step at a time, so that opening one
        after a change is instant (the app calls this in a background thread once the
        user pauses). ``stop()`` is asked between steps: True ends it early. False
        when stopped, when the data changed meanwhile (call again) or moved under
        the computation (a dict changed size): nothing half-made is remembered."""
        revision = self.db.revision
        steps: list[Callable[[], object]] = [
            *self.db.index_builders(), self.links, self.coverage, lambda: self.dashboard(tz),
            lambda: self.today_items(tz)]
        try:
            for step in steps:
                if stop():
                    return False
                step()
        except RuntimeError:  # the data changed under the computation
            return False
        return self.db.revision == revision

    # ---- what the strategy functions take ---------------------------------------

    def people(self) -> Mapping[int, Person]:
        """The contacts as the views of the whole network read them: what a cache of the
        file kept of each valid one while nothing was written (no record validated),
        else the records themselves."""
        db = self.db
        facts = self._cached("facts", db.contact_facts,
                             key=(*db.revisions("contacts"), db.settled("contacts")))
        return facts if facts is not None else db.contacts

    def links(self) -> Links:
        """Who can introduce whom: introductions and shared talks."""
        db = self.db

        def direct() -> dict[int, How]:
            stored = db.derived("direct")
            if stored is not None:  # as the cache of the file holds it
                return {cid: How(how) for cid, how in stored}
            known = self._cached("known", lambda: db.link_index.known(self.people()),
                                 key=db.revisions("contacts"))
            return LinkIndex.direct(self.people(), db.last_contacts, known)
        return self._cached("links", lambda: db.link_index.links_from(direct()),
                            key=db.revisions("contacts", "interactions"))

    def warmth_of(self) -> Warmth:
        """How warm each relationship is (recency and frequency of talks), worked out
        for each contact when first asked."""
        db = self.db
        # Kept across changes: it works out again only contacts whose talks changed.
        return self._cached("warmth", lambda: Warmth(db.talk_dates, self.today,
                                                     db.talks_changed),
                            key=(self.today, id(db)))

    def last_contacts(self) -> dict[int, date]:
        """The last talk with each contact that has one."""
        return self.db.last_contacts  # the store's own index, kept change by change

    # ---- the views ------------------------------------------------------------

    def coverage(self) -> list[CompanyCoverage]:
        """How well the network covers each target company, the emptiest first."""
        db = self.db
        return self._cached("coverage", lambda: coverage(
            db.objective.target_companies, self.people(), links=self.links(),
            warmth=self.warmth_of(), last_contact=self.last_contacts()),
            key=(self.today, *db.revisions("objective", "contacts", "interactions")))

    def company(self, typed: str) -> str:
        """The company ``typed`` names, as written in the objective or on a contact:
        the same company however written ("fabrikam" is "Fabrikam, Inc."), else the
        one company whose name starts with those letters; a company nobody is at yet
        is taken as typed."""
        key = company_key(typed)
        if not key:
            raise InputError(f"company: {typed!r} names no company", field="company")
        names: dict[str, str] = {}
        for name in [*self.db.objective.target_companies,
                     *(c.company for c in self.db.contacts.values() if not c.in_trash)]:
            names.setdefault(company_key(name), name)
        if key in names:
            return names[key]
        starting = sorted(k for k in names if k.startswith(key))
        if len(starting) == 1:
            return names[starting[0]]
        if starting:
            listed = "; ".join(names[k] for k in starting[:8])
            raise InputError(f"company: {typed!r} could be {listed}; type more of the name",
                             field="company")
        return typed

    def paths(self, company: str, limit: int = 5) -> list[WarmPath]:
        """The warm ways into ``company``, shortest and warmest first."""
        return warm_paths(self.links(), self.people(), self.company(company),
                          warmth=self.warmth_of(), last_contact=self.last_contacts(),
                          limit=limit)

    def weeks(self, tz: tzinfo | None = None) -> list[WeekProgress]:
        """The last :data:`WEEKS_SHOWN` weeks' goals against the log, this week last
        (weeks start on Monday, local time; ``tz``: the machine's zone)."""
        db, today = self.db, self.today

        def compute() -> list[WeekProgress]:
            # Each kind of count is kept until its own table changes: logging a talk
            # recounts a few weeks of talks, not every follow-up and contact.
            first, end = history_days(today, WEEKS_SHOWN)
            talks = self._cached("weeks talks", lambda: talk_days(
                first, end, db.interactions_between(first, end)),
                key=(first, *db.revisions("interactions")))
            low, high = utc_bounds(first, end)
            done = self._cached("weeks done", lambda: done_days(
                first, end, db.followups_done_between(low, high), tz),
                key=(first, str(tz), *db.revisions("followups")))
            people = self.people()
            added = self._cached("weeks added", lambda: added_days(
                first, end, [people[i] for i in db.ids_created_between(low, high)
                             if i in people], tz),
                key=(first, str(tz), *db.revisions("contacts")))
            return history_from(first, WEEKS_SHOWN, fold_weeks(first, end, [
                *talks, done, added]), db.objective.weekly_goals)
        return self._cached("weeks", compute, key=(today, str(tz), *db.revisions(
            "interactions", "followups", "contacts", "objective")))

    def dashboard(self, tz: tzinfo | None = None) -> Dashboard:
        """Weekly goals against the log (:meth:`weeks`), the streak, and the shape of
        the network (``tz``: the machine's zone)."""
        db, today = self.db, self.today

        def compute() -> Dashboard:
            by_week = self.weeks(tz)
            tally = self._cached("tally contacts", lambda: tally_contacts(
                self.people(), db.generations), key=db.revisions("contacts"))
            network = self._cached("shape", lambda: network_shape(
                self.people(), db.generations,
                db.interactions_between(window_start(today), date.max), today=today,
                target_level=db.objective.level, talked=db.last_contacts.keys(), tally=tally),
                key=(today, *db.revisions("contacts", "interactions", "objective")))
            return Dashboard(weeks=by_week, streak=streak(by_week), shape=network,
                             objective_shared=tally.objective_shared,
                             recommendations_asked=tally.recommendations_asked,
                             recommendations_given=tally.recommendations_given)
        return self._cached(f"dashboard {tz}", compute, key=(today, str(tz), db.revision))

    def _reachable(self) -> tuple[dict[int, Person], frozenset[int]]:
        """The leads one may reach (id -> contact), and the ids of everyone else one may
        reach (kept until a contact changes)."""
        def compute() -> tuple[dict[int, Person], frozenset[int]]:
            people = self.people()
            stored = self.db.derived("reach")  # as the cache of the file holds it
            leads, others = stored if stored is not None else reachable(people)
            return {cid: people[cid] for cid in leads}, frozenset(others)
        return self._cached("reachable", compute, key=self.db.revisions("contacts"))

    def today_items(self, tz: tzinfo | None = None, limit_per_kind: int = 5) -> list[TodayItem]:
        """One ranked list of what to do now, each with why and the key that acts."""
        def compute() -> list[TodayItem]:
            db, today = self.db, self.today
            last = self.last_contacts()
            leads_all, others = self._reachable()
            leads = [(c, local_day(c.created, tz)) for cid, c in leads_all.items()
                     if cid not in last]
            met, asked = db.talk_tally()  # kept current by the store
            never_asked = [NeverAsked(cid, n) for cid, n in met.items()
                           if cid not in asked and (cid in others or cid in leads_all)]
            uncovered = []
            for row in self.coverage():
                if not row.contacts:
                    first = row.path.steps[0].contact_id if row.path else None
                    uncovered.append(Uncovered(row.company, first, self.people()[first].name
                                               if first is not None else None))
            cutoff = date.fromordinal(today.toordinal() - NOT_SEEN_DAYS)
            lapsed = heapq.nsmallest(
                limit_per_kind * 4,  # some may be listed above already
                ((seen, cid) for cid, seen in last.items() if seen <= cutoff and cid in others))
            return today_list(
                today=today, due=self.due(keep_limit=limit_per_kind), plans=self.planned(),
                leads=leads, never_asked=never_asked, uncovered=uncovered,
                week=self.weeks(tz)[-1], goal_candidates=[cid for _day, cid in lapsed],
                names=_Names(self.people()), limit_per_kind=limit_per_kind)
        return self._cached(f"today {tz} {limit_per_kind}", compute,
                            key=(self.today, self.db.revision))

    def today_ready(self, tz: tzinfo | None = None, limit_per_kind: int = 5) -> bool:
        """True when :meth:`today_items` has its answer already (no work to do)."""
        hit = self.__dict__.get("_cache", {}).get(f"today {tz} {limit_per_kind}")
        return hit is not None and hit[0] == (self.today, self.db.revision)

    def replacements(self, contact_id: int, limit: int = 5) -> list[Suggestion]:
        """Whom to try instead of a contact who cannot or will not help (DOMAIN.md
        section 5): people at the same company, then in the same circle asked least
        lately, then leads not contacted yet."""
        contact = self.contact(contact_id)
        since = date.fromordinal(self.today.toordinal() - RECENT_ASK_DAYS)
        asks: dict[int, int] = {}
        for talk in self.db.interactions_between(since, date.max):
            if (talk.asked_for_referrals
                                       or talk.asked_for_recommendation):
                for cid in talk.contact_ids:
                    asks[cid] = asks.get(cid, 0) + 1
        return replacements(contact, self.db.contacts, recent_asks=asks,
                            last_contact=self.last_contacts(), limit=limit)

    def balance(self, contact_id: int) -> Balance:
        """What I gave a contact and what I asked of them, from the log."""
        return balance(self.db.interactions_of(contact_id))

    def brief(self, contact_id: int, plan_id: int | None = None) -> str:
        """A one-page Markdown brief to read before meeting a contact."""
        contact = self.contact(contact_id)
        plan = self.plan(plan_id) if plan_id is not None else self.next_plan(contact_id)
        if plan is not None and plan.contact_id != contact_id:
            raise InputError(f"plan: P{plan.id} is a meeting with someone else", field="plan")
        talks = self.db.interactions_of(contact_id)
        chain = [self.db.contacts[cid] for cid in
                 reversed(graph.chain(self.db.parents, contact_id))]
        names = {cid: self.db.contacts[cid].name for talk in talks for cid in talk.contact_ids
                 if cid in self.db.contacts}
        given = self.balance(contact_id)
        return brief_markdown(BriefData(
            contact=contact, today=self.today, generation=self.generation(contact_id),
            last_contact=self.last_contact(contact_id), chain=chain, plan=plan, talks=talks,
            open_followups=[f for f in self.db.followups_of(contact_id) if not f.done],
            names=names, gave=given.gave, asked=given.asked))
