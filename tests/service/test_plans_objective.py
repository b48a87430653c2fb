"""The objective, weekly goals, meeting plans and what a log records about the
strategy (issue 10): every change undoable, errors naming the field and value."""

from __future__ import annotations

from datetime import timedelta

import pytest

from peoplelinks.domain.enums import Level, Outcome, PlanStatus
from peoplelinks.errors import InputError
from peoplelinks.service import PeopleLinks
from tests.conftest import TODAY


def test_objective_targets_match_however_written_and_undo(app: PeopleLinks) -> None:
    app.set_objective({"role": "Product manager", "level": "Manager",
                       "target_companies": ["Fabrikam, Inc.", "Contoso"]})
    objective = app.set_objective(add_targets=["FABRIKAM LLC", "Northwind"])
    assert objective.target_companies == ["Fabrikam, Inc.", "Contoso", "Northwind"]
    assert objective.level == Level.MANAGER
    objective = app.set_objective(remove_targets=["fabrikam"])
    assert objective.target_companies == ["Contoso", "Northwind"]
    with pytest.raises(InputError, match="target_company: 'Globex' is not a target company"):
        app.set_objective(remove_targets=["Globex"])
    app.undo()
    assert app.db.objective.target_companies == ["Fabrikam, Inc.", "Contoso", "Northwind"]


def test_objective_level_error_names_field_and_value(app: PeopleLinks) -> None:
    with pytest.raises(InputError, match="level.*'wizard'"):
        app.set_objective({"level": "wizard"})


def test_goals_set_by_name_undoable(app: PeopleLinks) -> None:
    goals = app.set_goals({"meetings": 3, "events": 0})
    assert (goals.meetings, goals.events) == (3, 0)
    with pytest.raises(InputError, match="goals: 'coffees' is not a goal"):
        app.set_goals({"coffees": 2})
    with pytest.raises(InputError, match="meetings"):
        app.set_goals({"meetings": -1})
    app.undo()
    assert app.db.objective.weekly_goals.meetings == 5


def test_plan_then_log_it_marks_it_held_and_delete_plans_it_again(app: PeopleLinks) -> None:
    priya = app.add_contact({"name": "Priya Shah"})
    plan = app.plan_meeting(priya.id, TODAY + timedelta(days=2), place="Blue Bottle",
                            purpose="Learn about the PM team", agenda=["Her path", "Team"],
                            help_them="Intro to Dev", learn="Hiring timeline",
                            ask_for=["a hiring manager"])
    assert app.planned() == [plan] and app.due().plans == [plan]
    assert app.next_plan(priya.id) == plan
    result = app.log([priya.id], when=TODAY, plan_id=plan.id)
    assert result.plan is not None and result.plan.status == PlanStatus.HELD
    assert app.plan(plan.id).interaction_id == result.interaction.id
    assert result.interaction.plan_id == plan.id and app.planned() == []
    with pytest.raises(InputError, match="plan: P1 is not a meeting still planned"):
        app.log([priya.id], when=TODAY, plan_id=plan.id)
    app.delete_log(result.interaction.id)
    assert app.plan(plan.id).status == PlanStatus.PLANNED


def test_plan_refuses_the_past_dnc_and_someone_else(app: PeopleLinks) -> None:
    priya = app.add_contact({"name": "Priya Shah"})
    dev = app.add_contact({"name": "Dev Patel", "status": "do-not-contact"})
    with pytest.raises(InputError, match="date: 2026-11-21 is in the past"):
        app.plan_meeting(priya.id, TODAY - timedelta(days=1))
    with pytest.raises(InputError, match="do-not-contact"):
        app.plan_meeting(dev.id, TODAY)
    plan = app.plan_meeting(priya.id, TODAY)
    other = app.add_contact({"name": "Sam Ortiz"})
    with pytest.raises(InputError, match="someone not in this log"):
        app.log([other.id], when=TODAY, plan_id=plan.id)


def test_edit_and_cancel_a_plan_undoable(app: PeopleLinks) -> None:
    priya = app.add_contact({"name": "Priya Shah"})
    plan = app.plan_meeting(priya.id, TODAY + timedelta(days=3))
    edited = app.edit_plan(plan.id, place="Café", ask_for=["a recruiter"])
    assert (edited.place, edited.ask_for) == ("Café", ["a recruiter"])
    with pytest.raises(InputError, match="colour: is not a field of a meeting plan"):
        app.edit_plan(plan.id, colour="red")
    assert app.cancel_plan(plan.id).status == PlanStatus.CANCELLED
    assert app.planned() == []
    app.undo()
    assert app.plan(plan.id).status == PlanStatus.PLANNED


def test_a_poor_meeting_files_a_repair_and_can_set_a_warning(app: PeopleLinks) -> None:
    karen = app.add_contact({"name": "Karen Liu"})
    result = app.log([karen.id], when=TODAY, outcome="poor", warning="Repair this")
    assert result.interaction.outcome == Outcome.POOR
    assert result.repair is not None and "Repair the relationship with Karen" in \
        result.repair.action
    assert app.contact(karen.id).warning == "Repair this"
    quiet = app.log([karen.id], when=TODAY, outcome="bad", repair=False)
    assert quiet.interaction.outcome == Outcome.POOR and quiet.repair is None
    with pytest.raises(InputError, match="outcome"):
        app.log([karen.id], when=TODAY, outcome="stellar")


def test_shared_objective_and_recommendation_are_remembered(app: PeopleLinks) -> None:
    boss = app.add_contact({"name": "Maria Gonzalez", "circle": "work"})
    app.log([boss.id], when=TODAY - timedelta(days=30), shared_objective=True)
    app.log([boss.id], when=TODAY, shared_objective=True, asked_for_recommendation=True)
    boss = app.contact(boss.id)
    assert boss.objective_shared_on == TODAY - timedelta(days=30)  # the first time
    assert boss.recommendation_asked_on == TODAY
    edited = app.edit_contact(boss.id, {"recommendation_given_on": TODAY})
    assert edited.recommendation_given_on == TODAY


def test_brief_has_the_plan_the_chain_and_escapes_markdown(app: PeopleLinks) -> None:
    dev = app.add_contact({"name": "Dev [Patel](http://x)"})
    priya = app.add_contact({"name": "Priya Shah", "introduced_by": dev.id,
                             "company": "Fabrikam"})
    app.log([priya.id], when=TODAY, gave="an article", notes="Talked *roles*",
            asked_for_referrals=True)
    app.plan_meeting(priya.id, TODAY + timedelta(days=1), purpose="Next steps",
                     agenda=["Team"], ask_for=["a recruiter"])
    text = app.brief(priya.id)
    assert text.startswith("# Brief: Priya Shah")
    assert "## The meeting:" in text and "1. Team" in text and "a recruiter" in text
    assert "You → Dev \\[Patel\\](http://x) → Priya Shah" in text
    assert "Talked \\*roles\\*" in text
    assert "I gave in 1 talk(s) and asked in 1." in text


def test_views_are_cached_until_a_record_changes(app: PeopleLinks) -> None:
    priya = app.add_contact({"name": "Priya Shah", "company": "Fabrikam"})
    app.set_objective({"target_companies": ["Fabrikam", "Contoso"]})
    assert app.prepare()
    first = app.today_items()
    assert app.today_items() is first  # cached
    app.log([priya.id], when=TODAY)
    again = app.today_items()
    assert again is not first
    assert app.dashboard().week.goal("meetings").done == 1  # type: ignore[union-attr]
    app.undo()
    assert app.dashboard().week.goal("meetings").done == 0  # type: ignore[union-attr]


def test_a_value_computed_while_the_data_changed_is_not_kept(app: PeopleLinks) -> None:
    app.add_contact({"name": "Ann Lee"})
    calls = []

    def compute() -> int:
        calls.append(1)
        app.add_contact({"name": f"Bob {len(calls)}"})  # the data moves meanwhile
        return len(calls)

    assert app._cached("probe", compute) == 1
    assert app._cached("probe", compute) == 2  # not remembered: computed again
