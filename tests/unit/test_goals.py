"""Weekly goals: week boundaries, local days, progress, history and the streak."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from peoplelinks.domain.enums import Kind, Status
from peoplelinks.domain.goals import (
    GoalProgress,
    WeekCounts,
    WeekProgress,
    count_week,
    history,
    local_day,
    progress,
    streak,
    week_start,
)
from peoplelinks.domain.models import Contact, FollowUp, Interaction, WeeklyGoals

LA = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")
MONDAY = date(2026, 11, 16)
SUNDAY = date(2026, 11, 22)


def talk(day: date, kind: Kind = Kind.COFFEE, ids: tuple[int, ...] = (1,), id: int = 1
         ) -> Interaction:
    return Interaction(id=id, contact_ids=list(ids), date=day, kind=kind)


def done(at: datetime, id: int = 1) -> FollowUp:
    return FollowUp(id=id, contact_id=1, action="thank", due=at.date(), done=True, done_at=at)


def person(created: datetime, id: int = 1, **kw: object) -> Contact:
    return Contact.model_validate({"id": id, "name": f"P{id}", "created": created, **kw})


def count(start: date, tz: tzinfo = LA, interactions: list[Interaction] | None = None,
          followups: list[FollowUp] | None = None, contacts: list[Contact] | None = None
          ) -> WeekCounts:
    return count_week(start, interactions=interactions or [], followups=followups or [],
                      contacts=contacts or [], tz=tz)


def test_week_start_is_the_monday_on_or_before() -> None:
    assert week_start(MONDAY) == MONDAY
    assert week_start(SUNDAY) == MONDAY
    assert week_start(SUNDAY + timedelta(days=1)) == SUNDAY + timedelta(days=1)
    # across the year's end: Thu 1 Jan 2026 belongs to the week of Mon 29 Dec 2025
    assert week_start(date(2026, 1, 1)) == date(2025, 12, 29)
    assert week_start(date(2027, 1, 3)) == date(2026, 12, 28)


def test_local_day_of_a_utc_timestamp() -> None:
    # Sunday 23:30 in California is Monday 07:30 UTC
    moment = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
    assert local_day(moment, LA) == SUNDAY
    assert local_day(moment, UTC) == date(2026, 11, 23)
    assert local_day(datetime(2026, 11, 15, 16, 0, tzinfo=UTC), TOKYO) == MONDAY


def test_meetings_are_counted_once_per_talk_and_only_for_meeting_kinds() -> None:
    talks = [talk(MONDAY, Kind.COFFEE, (1, 2, 3)), talk(MONDAY, Kind.MEETING),
             talk(SUNDAY, Kind.INTERVIEW), talk(SUNDAY, Kind.EVENT, (4, 5)),
             talk(MONDAY, Kind.VIDEO), talk(MONDAY, Kind.CALL), talk(MONDAY, Kind.EMAIL),
             # the weeks either side
             talk(MONDAY - timedelta(days=1)), talk(SUNDAY + timedelta(days=1), Kind.EVENT)]
    assert count(MONDAY, interactions=talks) == WeekCounts(meetings=4, events=1)
    # any day of the week finds the same week
    assert count(SUNDAY, interactions=talks) == count(MONDAY, interactions=talks)


def test_followups_count_on_their_local_day() -> None:
    fus = [
        done(datetime(2026, 11, 23, 7, 30, tzinfo=UTC), 1),  # Sun 23:30 LA: this week
        done(datetime(2026, 11, 16, 7, 30, tzinfo=UTC), 2),  # Sun 15th 23:30 LA: last week
        done(datetime(2026, 11, 16, 8, 30, tzinfo=UTC), 3),  # Mon 00:30 LA: this week
        FollowUp(id=4, contact_id=1, action="open", due=MONDAY),  # not done
    ]
    assert count(MONDAY, followups=fus).followups == 2
    # the same follow-ups seen from UTC: 1 and 3 are on Monday 16th and 23rd
    assert count(MONDAY, UTC, followups=fus).followups == 2
    assert count(MONDAY - timedelta(days=7), LA, followups=fus).followups == 1
    assert count(MONDAY - timedelta(days=7), UTC, followups=fus).followups == 0


def test_new_contacts_skip_the_trash_and_leads() -> None:
    at = datetime(2026, 11, 18, 12, tzinfo=UTC)
    people = [person(at, 1), person(at, 2, status=Status.LEAD),
              person(at, 3, deleted_at=at), person(at, 4, status=Status.DORMANT),
              person(at - timedelta(days=7), 5),
              person(datetime(2026, 11, 23, 7, tzinfo=UTC), 6)]  # Sunday night in LA
    assert count(MONDAY, contacts=people).new_contacts == 3
    assert count(MONDAY, UTC, contacts=people).new_contacts == 2


def test_the_week_across_a_new_year() -> None:
    start = date(2025, 12, 29)
    talks = [talk(date(2025, 12, 29)), talk(date(2026, 1, 4), Kind.EVENT),
             talk(date(2026, 1, 5)), talk(date(2025, 12, 28))]
    fus = [done(datetime(2026, 1, 1, 0, 30, tzinfo=UTC))]  # 31 Dec in LA: same week
    assert count(start, interactions=talks, followups=fus) == WeekCounts(2, 1, 1, 0)


def test_progress_and_goals_turned_off() -> None:
    goals = WeeklyGoals(meetings=5, events=0, followups=2, new_contacts=0)
    week = progress(MONDAY, WeekCounts(meetings=3, followups=2), goals)
    assert [(g.name, g.done, g.target, g.met, g.off) for g in week.goals] == [
        ("meetings", 3, 5, False, False), ("events", 0, 0, True, True),
        ("followups", 2, 2, True, False), ("new_contacts", 0, 0, True, True)]
    meetings = week.goal("meetings")
    assert meetings is not None and meetings.remaining == 2
    assert meetings.label == "face-to-face meetings"
    assert not week.all_met and week.end == SUNDAY
    assert progress(MONDAY, WeekCounts(meetings=5, followups=9), goals).all_met
    # every goal off: nothing to meet, so never "all met"
    off = WeeklyGoals(meetings=0, events=0, followups=0, new_contacts=0)
    assert not progress(MONDAY, WeekCounts(meetings=9), off).all_met


def test_history_is_oldest_first_and_ends_with_the_current_week() -> None:
    goals = WeeklyGoals(meetings=1, events=0, followups=0, new_contacts=0)
    talks = [talk(date(2026, 11, 4)), talk(date(2026, 11, 18)), talk(date(2026, 11, 19)),
             talk(date(2026, 10, 1))]  # before the window
    weeks = history(date(2026, 11, 20), 4, interactions=talks, followups=[], contacts=[],
                    goals=goals, tz=LA)
    assert [w.start for w in weeks] == [date(2026, 10, 26), date(2026, 11, 2),
                                        date(2026, 11, 9), MONDAY]
    assert [w.goals[0].done for w in weeks] == [0, 1, 0, 2]
    assert history(MONDAY, 0, interactions=talks, followups=[], contacts=[], goals=goals,
                   tz=LA) == []
    # history and count_week agree
    for w in weeks:
        c = count_week(w.start, interactions=talks, followups=[], contacts=[], tz=LA)
        assert w.goals[0].done == c.meetings


def week(met: bool | None) -> WeekProgress:
    """A week whose one goal is met (True), missed (False) or off (None)."""
    target = 0 if met is None else 1
    return WeekProgress(MONDAY, (GoalProgress("meetings", 1 if met else 0, target),))


def test_streak_counts_back_from_the_last_complete_week() -> None:
    assert streak([]) == 0
    assert streak([week(True), week(True), week(True)]) == 3
    # the current week in progress never breaks the streak
    assert streak([week(True), week(True), week(False)]) == 2
    assert streak([week(False)]) == 0
    assert streak([week(True)]) == 1
    # a gap ends it
    assert streak([week(True), week(True), week(False), week(True), week(True)]) == 2
    assert streak([week(True), week(True), week(False), week(True), week(False)]) == 1
    assert streak([week(True), week(False), week(False)]) == 0
    # weeks with every goal off do not count
    assert streak([week(True), week(None), week(True)]) == 1


def test_history_reads_fifty_thousand_talks_quickly() -> None:
    start = date(2024, 1, 1)
    talks = [talk(start + timedelta(days=i % 1000), Kind.COFFEE if i % 3 else Kind.EVENT,
                  id=i + 1) for i in range(50_000)]
    base = datetime(2024, 1, 1, tzinfo=UTC)
    fus = [done(base + timedelta(hours=7 * i), i + 1) for i in range(20_000)]
    people = [person(base + timedelta(hours=5 * i), i + 1) for i in range(30_000)]
    began = time.perf_counter()
    weeks = history(date(2026, 9, 20), 52, interactions=talks, followups=fus,
                    contacts=people, goals=WeeklyGoals(), tz=LA)
    elapsed = time.perf_counter() - began
    assert len(weeks) == 52 and sum(w.goals[0].done for w in weeks) > 0
    assert elapsed < 0.5, elapsed  # ~25 ms here; generous for a busy machine
