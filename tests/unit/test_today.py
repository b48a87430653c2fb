"""Today: one ranked list of what to do now."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from peoplelinks.domain.enums import PlanStatus
from peoplelinks.domain.goals import GoalProgress, WeekProgress
from peoplelinks.domain.models import Contact, FollowUp, MeetingPlan
from peoplelinks.domain.schedule import DueItem, DueReport, bucket
from peoplelinks.domain.today import (
    KINDS,
    NeverAsked,
    TodayItem,
    Uncovered,
    day_text,
    today_list,
)

TODAY = date(2026, 11, 12)  # a Thursday
NAMES = {i: f"Person {i}" for i in range(1, 100)} | {1: "Priya Shah", 2: "Bo Chen"}


def person(id: int, **kw: object) -> Contact:
    return Contact.model_validate({"id": id, "name": NAMES.get(id, f"P{id}"), **kw})


def followup(id: int, due: date, contact_id: int = 1, action: str = "send the article"
             ) -> FollowUp:
    return FollowUp(id=id, contact_id=contact_id, action=action, due=due)


def report(followups: Sequence[FollowUp] = (), keep: Sequence[DueItem] = ()) -> DueReport:
    rep = DueReport(today=TODAY)
    for fu in followups:
        rep.followups[bucket(fu.due, TODAY)].append(fu)
    rep.keep_in_touch = list(keep)
    rep.keep_in_touch_total = len(keep)
    return rep


def plan(id: int, day: date, contact_id: int = 1, **kw: object) -> MeetingPlan:
    return MeetingPlan.model_validate({"id": id, "contact_id": contact_id, "date": day, **kw})


def week(done: int, target: int = 5, followups: tuple[int, int] = (5, 5)) -> WeekProgress:
    return WeekProgress(date(2026, 11, 9), (
        GoalProgress("meetings", done, target), GoalProgress("events", 0, 0),
        GoalProgress("followups", *followups), GoalProgress("new_contacts", 3, 3)))


def test_nothing_to_do() -> None:
    assert today_list(today=TODAY, names={}) == []
    assert today_list(today=TODAY, due=DueReport(today=TODAY), plans=[], leads=[],
                      never_asked=[], uncovered=[], week=None, goal_candidates=[],
                      names=NAMES) == []
    # a week with every goal met or off adds nothing
    assert today_list(today=TODAY, week=week(5), goal_candidates=[7], names=NAMES) == []


def test_the_ranking_follows_the_method() -> None:
    items = today_list(
        today=TODAY,
        due=report([followup(1, TODAY - timedelta(days=2))],
                   [DueItem.of(person(3), TODAY - timedelta(days=200), TODAY)]),
        plans=[plan(1, TODAY, 2, place="Blue Bottle")],
        leads=[(person(4, status="lead"), date(2026, 10, 2))],
        never_asked=[NeverAsked(5, 3)],
        uncovered=[Uncovered("Fabrikam", 6, "Person 6")],
        week=week(3), goal_candidates=[7], names=NAMES)
    assert [i.kind for i in items] == ["plan", "overdue", "keep-in-touch", "goal", "goal",
                                       "target", "lead", "ask-referrals"]
    assert [k for k in KINDS if k in {i.kind for i in items}] == list(dict.fromkeys(
        i.kind for i in items))


def test_why_texts() -> None:
    items = today_list(
        today=TODAY,
        due=report([followup(1, date(2026, 11, 10)), followup(2, TODAY, 2, "thank you")],
                   [DueItem.of(person(3), TODAY - timedelta(days=200), TODAY),
                    DueItem.of(person(8), None, date(2026, 11, 1)),
                    DueItem.of(person(9, next_contact_on=date(2026, 11, 11)), TODAY,
                            date(2026, 11, 11))]),
        plans=[plan(1, TODAY, 1, place="Blue Bottle", purpose="learn about Fabrikam"),
               plan(2, TODAY, 2), plan(3, TODAY - timedelta(days=2), 3)],
        leads=[(person(4, status="lead"), date(2026, 10, 2)),
               (person(10, status="lead"), date(2025, 12, 30))],
        never_asked=[(5, 3), (11, 1), (12, 2)],
        uncovered=[("Fabrikam", 1, "Priya Shah"), ("Contoso", None, None)],
        week=week(3, followups=(4, 5)), goal_candidates=[7, 13], names=NAMES)
    got = [(i.kind, i.why, i.title, i.contact_id, i.action) for i in items]
    assert got == [
        ("plan", "meeting planned today at Blue Bottle", "Meet Priya Shah: learn about Fabrikam",
         1, "open"),
        ("plan", "meeting planned today", "Meet Bo Chen", 2, "open"),
        ("plan", "meeting planned Tue 10 Nov, not logged yet", "Log the meeting with Person 3",
         3, "log"),
        ("overdue", "overdue since Tue 10 Nov", "Priya Shah: send the article", 1, "done"),
        ("overdue", "due today", "Bo Chen: thank you", 2, "done"),
        ("keep-in-touch", "never in touch; due since Sun 1 Nov", "Get in touch with Person 8",
         8, "log"),
        ("keep-in-touch", "snoozed until Wed 11 Nov", "Get in touch with Person 9", 9, "log"),
        ("keep-in-touch", "not in touch for 200 days", "Get in touch with Person 3", 3, "log"),
        ("goal", "2 more face-to-face meetings this week", "Plan face-to-face meetings", None,
         "open"),
        ("goal", "not seen in 6 months", "Meet Person 7", 7, "plan"),
        ("goal", "not seen in 6 months", "Meet Person 13", 13, "plan"),
        ("goal", "1 more follow-up done this week", "Do the follow-ups you promised", None,
         "open"),
        ("target", "Fabrikam: nobody there yet; start with Priya Shah",
         "Ask Priya Shah about Fabrikam", 1, "plan"),
        ("target", "Contoso: nobody there yet", "Find someone at Contoso", None, "open"),
        ("lead", "a lead since 30 Dec 2025, never contacted", "Contact Person 10", 10, "plan"),
        ("lead", "a lead since 2 Oct, never contacted", "Contact Person 4", 4, "plan"),
        ("ask-referrals", "met 3 times, never asked for referrals",
         "Ask Person 5 who else you should talk to", 5, "plan"),
        ("ask-referrals", "met twice, never asked for referrals",
         "Ask Person 12 who else you should talk to", 12, "plan"),
        ("ask-referrals", "met once, never asked for referrals",
         "Ask Person 11 who else you should talk to", 11, "plan"),
    ]
    assert items[0].plan_id == 1 and items[3].followup_id == 1 and items[4].followup_id == 2


def test_each_kind_is_capped() -> None:
    many_fus = [followup(i, TODAY - timedelta(days=i)) for i in range(1, 30)]
    many_keep = [DueItem.of(person(i), TODAY - timedelta(days=300 + i), TODAY - timedelta(days=i))
                 for i in range(1, 30)]
    items = today_list(
        today=TODAY, due=report(many_fus, many_keep),
        plans=[plan(i, TODAY, i) for i in range(1, 30)],
        leads=[(person(i, status="lead"), TODAY - timedelta(days=i)) for i in range(1, 30)],
        never_asked=[(i, 2) for i in range(1, 30)],
        uncovered=[(f"Co {i}", None, None) for i in range(1, 30)],
        week=week(0), goal_candidates=list(range(50, 80)), names=NAMES, limit_per_kind=3)
    counts = {k: sum(i.kind == k for i in items) for k in KINDS}
    # goals: one line per goal behind (only meetings here) plus three candidates
    assert counts == {"plan": 3, "overdue": 3, "keep-in-touch": 3, "goal": 4, "target": 3,
                      "lead": 3, "ask-referrals": 3}
    overdue = [i.followup_id for i in items if i.kind == "overdue"]
    assert overdue == [29, 28, 27]  # oldest first
    keep = [i.contact_id for i in items if i.kind == "keep-in-touch"]
    assert keep == [29, 28, 27]  # most overdue first
    leads = [i.contact_id for i in items if i.kind == "lead"]
    assert leads == [29, 28, 27]  # oldest first
    assert today_list(today=TODAY, plans=[plan(1, TODAY)], names=NAMES, limit_per_kind=0) == []


def test_overdue_before_due_today_within_the_cap() -> None:
    fus = [followup(1, TODAY), followup(2, TODAY - timedelta(days=1)),
           followup(3, TODAY - timedelta(days=5))]
    items = today_list(today=TODAY, due=report(fus), names=NAMES, limit_per_kind=2)
    assert [i.followup_id for i in items] == [3, 2]


def test_plans_other_than_today_and_planned_are_left_out() -> None:
    plans = [plan(1, TODAY + timedelta(days=1)), plan(2, TODAY, status=PlanStatus.HELD),
             plan(3, TODAY, status=PlanStatus.CANCELLED), plan(4, TODAY - timedelta(days=8)),
             plan(5, TODAY - timedelta(days=7)), plan(6, TODAY - timedelta(days=1)),
             plan(7, TODAY)]
    items = today_list(today=TODAY, plans=plans, names=NAMES)
    assert [i.plan_id for i in items] == [7, 6, 5]  # today's, then the most recent


def test_goal_candidates_skip_people_already_listed() -> None:
    items = today_list(
        today=TODAY, due=report([], [DueItem.of(person(7), TODAY - timedelta(days=200), TODAY)]),
        week=week(4), goal_candidates=[7, 8], names=NAMES)
    assert [(i.kind, i.contact_id) for i in items] == [
        ("keep-in-touch", 7), ("goal", None), ("goal", 8)]
    assert items[1].why == "1 more face-to-face meeting this week"


def test_names_fall_back_to_the_contact_then_the_id() -> None:
    items = today_list(today=TODAY, leads=[(person(200, status="lead"), TODAY)],
                       never_asked=[(300, 2)], names={})
    assert [i.title for i in items] == ["Contact P200", "Ask #300 who else you should talk to"]


def test_day_text() -> None:
    assert day_text(date(2026, 11, 10), TODAY) == "Tue 10 Nov"
    assert day_text(date(2026, 11, 2), TODAY) == "Mon 2 Nov"
    assert day_text(date(2025, 11, 10), TODAY) == "Mon 10 Nov 2025"


def test_items_are_plain_values() -> None:
    item = TodayItem("lead", "why", "title", 1)
    assert item.action == "open" and item.followup_id is None and item.plan_id is None
    assert item == TodayItem("lead", "why", "title", 1)
