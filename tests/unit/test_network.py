"""The network's shape: circles, generations, levels, job seekers, referrers."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from peoplelinks.domain.enums import Circle, Employment, Kind, Level, Status
from peoplelinks.domain.graph import generations
from peoplelinks.domain.models import Contact, Interaction
from peoplelinks.domain.network import (
    MIN_MEETINGS_FOR_WARNING,
    NetworkShape,
    Referrer,
    at_or_above,
    network_shape,
)

TODAY = date(2026, 11, 22)
GONE = datetime(2026, 1, 1, tzinfo=UTC)


def person(id: int, **kw: object) -> Contact:
    return Contact.model_validate({"id": id, "name": f"P{id}", **kw})


def talk(id: int, day: date, *ids: int, kind: Kind = Kind.COFFEE) -> Interaction:
    return Interaction(id=id, contact_ids=list(ids), date=day, kind=kind)


def shape(people: list[Contact], talks: list[Interaction], target: Level = Level.MANAGER,
          talked: set[int] | None = None) -> NetworkShape:
    contacts = {p.id: p for p in people}
    gens = generations({p.id: p.introduced_by for p in people})
    return network_shape(contacts, gens, talks, today=TODAY, target_level=target,
                         talked=talked or set())


def test_empty() -> None:
    s = shape([], [])
    assert s.per_circle == {Circle.PERSONAL: 0, Circle.NETWORK: 0, Circle.WORK: 0}
    assert s.per_generation == {} and s.top_referrers == () and s.total == 0
    assert s.past_first_share == 0.0 and s.job_seeker_share == 0.0
    assert not s.too_many_job_seekers
    assert set(s.meetings_by_level) == set(Level) and not any(s.meetings_by_level.values())


def test_circles_and_generations_leave_out_the_trash() -> None:
    people = [person(1, circle="work"), person(2, introduced_by=1), person(3, introduced_by=2),
              person(4, introduced_by=2, status="lead"), person(5, circle="personal"),
              person(6, circle="work", deleted_at=GONE)]
    s = shape(people, [])
    assert s.per_circle == {Circle.PERSONAL: 1, Circle.NETWORK: 3, Circle.WORK: 1}
    assert s.per_generation == {1: 2, 2: 1, 3: 2}
    assert list(s.per_generation) == [1, 2, 3]
    assert (s.total, s.leads) == (5, 1)


def test_a_contact_missing_from_the_generations_is_generation_one() -> None:
    s = network_shape({1: person(1)}, {}, [], today=TODAY, target_level=Level.IC, talked=set())
    assert s.per_generation == {1: 1}


def test_meetings_past_the_first_generation_this_month() -> None:
    people = [person(1), person(2, introduced_by=1), person(3),
              person(4, introduced_by=1, deleted_at=GONE)]
    talks = [talk(1, date(2026, 11, 1), 1), talk(2, date(2026, 11, 20), 1, 2),  # once
             talk(3, date(2026, 11, 21), 2, kind=Kind.EVENT),
             talk(4, date(2026, 11, 21), 2, kind=Kind.CALL),  # not a meeting
             talk(5, date(2026, 10, 31), 2),  # last month
             talk(6, date(2026, 11, 5), 4),  # only someone in the trash: not counted
             talk(7, date(2026, 11, 5), 3, 4)]
    s = shape(people, talks)
    assert (s.month_meetings, s.month_meetings_past_first) == (4, 2)
    assert s.past_first_share == 0.5


def test_meetings_by_level_in_the_last_90_days() -> None:
    people = [person(1, level="manager"), person(2, level="manager"),
              person(3, level="director"), person(4, level="ic"), person(5)]
    first_day = TODAY - timedelta(days=89)
    talks = [talk(1, TODAY, 1, 2),  # two managers: one meeting at manager level
             talk(2, first_day, 1, 3),  # manager and director: once at each
             talk(3, first_day - timedelta(days=1), 3),  # 90 days ago: outside
             talk(4, TODAY, 4), talk(5, TODAY, 5)]
    s = shape(people, talks, target=Level.DIRECTOR)
    assert s.meetings_by_level == {Level.UNKNOWN: 1, Level.IC: 1, Level.MANAGER: 2,
                                   Level.DIRECTOR: 1, Level.EXECUTIVE: 0}
    assert s.target_level is Level.DIRECTOR
    assert (s.level_meetings, s.meetings_at_target) == (4, 1)
    assert shape(people, talks, target=Level.MANAGER).meetings_at_target == 2
    assert shape(people, talks, target=Level.UNKNOWN).meetings_at_target == 0


def test_at_or_above() -> None:
    assert at_or_above(Level.EXECUTIVE, Level.MANAGER)
    assert at_or_above(Level.MANAGER, Level.MANAGER)
    assert not at_or_above(Level.IC, Level.MANAGER)
    assert not at_or_above(Level.UNKNOWN, Level.IC)
    assert not at_or_above(Level.EXECUTIVE, Level.UNKNOWN)


def test_too_many_job_seekers_needs_a_majority_of_at_least_three_meetings() -> None:
    assert MIN_MEETINGS_FOR_WARNING == 3
    seekers = [person(1, employment=Employment.JOB_SEEKING), person(2, employment="employed"),
               person(3)]
    day = TODAY - timedelta(days=29)
    # two of two: a majority, but too few meetings to mean anything
    two = shape(seekers, [talk(1, day, 1), talk(2, TODAY, 1, 2)])
    assert (two.recent_meetings, two.recent_with_job_seekers) == (2, 2)
    assert two.job_seeker_share == 1.0 and not two.too_many_job_seekers
    # two of three: a warning
    three = shape(seekers, [talk(1, day, 1), talk(2, TODAY, 1, 2), talk(3, TODAY, 3)])
    assert three.too_many_job_seekers
    # half exactly is not more than half
    four = shape(seekers, [talk(1, day, 1), talk(2, TODAY, 1), talk(3, TODAY, 2),
                           talk(4, TODAY, 3)])
    assert four.job_seeker_share == 0.5 and not four.too_many_job_seekers
    # 30 days ago is outside the window
    old = shape(seekers, [talk(1, day - timedelta(days=1), 1), talk(2, TODAY, 2)])
    assert (old.recent_meetings, old.recent_with_job_seekers) == (1, 0)


def test_top_referrers() -> None:
    people = [person(i) for i in range(1, 9)]
    # 1 introduced 3 (one active, one talked to, one a lead never met)
    people += [person(10, introduced_by=1), person(11, introduced_by=1, status="lead"),
               person(12, introduced_by=1, status="lead")]
    # 2 introduced 3, all active
    people += [person(20 + i, introduced_by=2) for i in range(3)]
    # 3 introduced 1, and one in the trash that does not count
    people += [person(30, introduced_by=3), person(31, introduced_by=3, deleted_at=GONE)]
    # 4..7 one each; 8 is in the trash and introduced two
    people += [person(40 + i, introduced_by=4 + i, status=Status.DORMANT) for i in range(4)]
    people[7] = person(8, deleted_at=GONE)
    people += [person(80, introduced_by=8), person(81, introduced_by=8)]
    s = shape(people, [], talked={11})
    assert s.top_referrers == (Referrer(2, 3, 3), Referrer(1, 3, 2), Referrer(3, 1, 1),
                               Referrer(4, 1, 0), Referrer(5, 1, 0))


def test_fast_at_scale() -> None:
    people = [person(i, introduced_by=(i // 3 or None) if i > 3 else None,
                     level=list(Level)[i % 5], employment=list(Employment)[i % 3])
              for i in range(1, 30_001)]
    contacts = {p.id: p for p in people}
    gens = generations({p.id: p.introduced_by for p in people})
    talks = [talk(i, TODAY - timedelta(days=i % 700), i % 30_000 + 1) for i in range(50_000)]
    began = time.perf_counter()
    s = network_shape(contacts, gens, talks, today=TODAY, target_level=Level.MANAGER,
                      talked={t.contact_ids[0] for t in talks})
    elapsed = time.perf_counter() - began
    assert s.total == 30_000 and s.recent_meetings > 0
    assert elapsed < 1.0, elapsed
