"""The strategy commands (issue 10): objective, goals, coverage, paths, plan, plans,
edit-plan, cancel-plan, brief, and the log options for plans and outcomes. Every
command has --json with a stable shape and clean one-line errors."""

from __future__ import annotations

from datetime import date, timedelta

from tests.cli.conftest import CLI


def test_objective_prints_sets_and_edits_targets(demo: CLI) -> None:
    assert "role       Senior Product Manager" in demo.ok("objective")
    data = demo.json("objective", "--add-target", "Globex LLC", "--remove-target",
                     "proseware", "--pitch", "PM for logistics data")
    assert data["target_companies"] == ["Contoso Health", "Northwind Analytics",
                                        "Fabrikam Robotics", "Blue Yonder Airlines",
                                        "Globex LLC"]
    assert data["pitch"] == "PM for logistics data" and data["level"] == "manager"
    assert set(data) >= {"role", "level", "industries", "target_companies", "locations",
                         "pitch", "weekly_goals", "updated"}
    data = demo.json("objective", "--target-company", "Fabrikam, Inc.",
                     "--target-company", "Contoso")
    assert data["target_companies"] == ["Fabrikam, Inc.", "Contoso"]
    demo.ok("undo")
    assert len(demo.json("objective")["target_companies"]) == 5


def test_objective_errors_name_the_field_and_value(demo: CLI) -> None:
    before = demo.snapshot()
    assert "level" in demo.fails(2, "objective", "--level", "wizard") and \
        "'wizard'" in demo.fails(2, "objective", "--level", "wizard")
    assert demo.fails(2, "objective", "--remove-target", "Initech").startswith(
        "target_company: 'Initech' is not a target company")
    assert demo.snapshot() == before


def test_goals_show_set_and_json(demo: CLI) -> None:
    text = demo.ok("goals")
    assert "face-to-face meetings" in text and "streak:" in text and "network: 30" in text
    data = demo.json("goals", "--set", "meetings=3", "events=0")
    assert data["week"]["goals"]["meetings"]["target"] == 3
    assert data["week"]["goals"]["events"] == {"done": 0, "target": 0, "met": True}
    assert len(data["weeks"]) == 8 and isinstance(data["streak"], int)
    assert data["network"]["contacts"] == 30
    assert set(data["network"]["per_circle"]) == {"personal", "network", "work"}
    assert demo.fails(2, "goals", "--set", "coffees=2").startswith(
        "goals: 'coffees' is not a goal")
    assert "goals meetings: 'x' is not a whole number" in demo.fails(2, "goals", "--set",
                                                                      "meetings=x")
    assert demo.fails(2, "goals", "--set", "meetings").startswith("goals: 'meetings' is not")


def test_coverage_flags_companies_with_nobody_first(demo: CLI) -> None:
    rows = demo.json("coverage")["targets"]
    assert rows[0]["company"] == "Proseware" and rows[0]["nobody"]
    assert rows[0]["contacts"] == [] and rows[0]["leads"] == []
    northwind = next(r for r in rows if r["company"] == "Northwind Analytics")
    assert len(northwind["contacts"]) == 3 and not northwind["nobody"]
    assert "Proseware: NOBODY THERE" in demo.ok("coverage").splitlines()[0]


def test_paths_to_a_company_typed_loosely(demo: CLI) -> None:
    data = demo.json("paths", "blue yonder")
    assert data["company"] == "Blue Yonder Airlines"
    first, second = data["paths"][:2]
    assert [s["name"] for s in first["steps"]] == ["Li Wei"]
    assert [s["name"] for s in second["steps"]] == ["Li Wei", "Carlos Mendes"]
    assert "introduced Carlos Mendes" in second["steps"][1]["via"]
    assert demo.json("paths", "northwind", "--limit", "1")["paths"][0]["length"] == 1
    assert "could be" in demo.fails(2, "paths", "c")
    assert demo.fails(2, "paths", "northwind", "--limit", "x") == \
        "limit: 'x' is not a whole number"
    assert "no warm path to anyone at Proseware" in demo.ok("paths", "Proseware")


def test_plan_brief_log_it_and_see_it_held(demo: CLI, today: date) -> None:
    demo.ok("cancel-plan", "P1")  # the demo's own plan with Tom
    out = demo.ok("plan", "Tom Becker", "--date", "in 2 days", "--place", "Blue Bottle",
                  "--purpose", "Intro to Aisha", "--agenda", "Dashboard", "--agenda", "Aisha",
                  "--help-them", "Routing article", "--ask-for", "Aisha Karim")
    assert out.startswith(f"planned P2: meeting with Tom Becker on "
                          f"{(today + timedelta(days=2)).isoformat()}")
    plans = demo.json("plans")
    assert [p["id"] for p in plans] == [2] and plans[0]["ask_for"] == ["Aisha Karim"]
    assert plans[0]["contact_name"] == "Tom Becker" and plans[0]["status"] == "planned"
    assert demo.json("due")["plans"][0]["id"] == 2
    assert "meetings planned" in demo.ok("due")
    brief = demo.ok("brief", "P2")
    assert brief.startswith("# Brief: Tom Becker") and "You → Dev Patel → Priya Shah" in brief
    assert "1. Dashboard" in brief and "Routing article" in brief
    assert demo.ok("brief", "Tom Becker") == brief
    out = demo.ok("log", "Tom Becker", "--plan", "P2", "--outcome", "good")
    assert "held the meeting planned as P2" in out
    assert demo.json("plans") == []
    assert [p["status"] for p in demo.json("plans", "--all")] == ["cancelled", "held"]
    assert demo.fails(2, "log", "Tom Becker", "--plan", "P2").startswith(
        "plan: P2 is not a meeting still planned")


def test_plan_errors(demo: CLI) -> None:
    before = demo.snapshot()
    assert demo.fails(2, "plan", "Tom Becker", "--date", "yesterday").startswith("date:")
    assert "do-not-contact" in demo.fails(2, "plan", "Derek Olsen", "--date", "tomorrow")
    assert demo.fails(2, "edit-plan", "P9", "--place", "x").startswith(
        "plan: no meeting plan has id P9")
    assert "(#6 is a contact; plans are P6)" in demo.fails(2, "cancel-plan", "#6")
    assert demo.snapshot() == before


def test_edit_and_cancel_a_plan(demo: CLI) -> None:
    demo.ok("plan", "Priya Shah", "--date", "tomorrow")
    assert "at Café" in demo.ok("edit-plan", "P2", "--place", "Café")
    assert demo.ok("cancel-plan", "p2").startswith("cancelled P2")
    assert [p["id"] for p in demo.json("plans")] == [1]
    demo.ok("undo")
    assert demo.json("plans")[0]["place"] == "Café"  # tomorrow's, before the demo's


def test_log_outcome_repair_and_what_was_shared(demo: CLI) -> None:
    out = demo.ok("log", "Ben Carter", "--outcome", "poor", "--warning", "Repair this",
                  "--shared-objective", "--asked-recommendation")
    assert "Repair the relationship with Ben Carter" in out
    ben = demo.contact("Ben Carter")
    assert ben["warning"] == "Repair this"
    assert ben["objective_shared_on"] == ben["recommendation_asked_on"] is not None
    talk = ben["interactions"][0]
    assert talk["outcome"] == "poor" and talk["shared_objective"]
    demo.ok("edit-log", f"L{talk['id']}", "--outcome", "none")
    assert demo.contact("Ben Carter")["interactions"][0]["outcome"] is None
    demo.ok("edit", "Ben Carter", "--recommendation-given", "yesterday")
    assert "recommendation asked " in demo.ok("show", "Ben Carter")


def test_today_ranks_plans_first_and_says_why(demo: CLI, today: date) -> None:
    demo.ok("plan", "Tom Becker", "--date", "today", "--place", "Blue Bottle")
    items = demo.json("today")
    assert items[0]["kind"] == "plan" and items[0]["plan_id"] == 2
    assert "Blue Bottle" in items[0]["why"]
    kinds = [item["kind"] for item in items]
    order = ["plan", "overdue", "keep-in-touch", "goal", "target", "lead", "ask-referrals"]
    assert [k for k in order if k in kinds] == sorted(set(kinds), key=order.index)
    assert any(i["kind"] == "target" and "Proseware" in i["why"] for i in items)
    assert set(items[0]) == {"kind", "why", "title", "contact_id", "followup_id", "plan_id",
                             "action"}
    text = demo.ok("today")
    assert text.startswith(" 1. ")
    assert "peoplelinks brief P2; after it: peoplelinks log 'Tom Becker' --plan P2" in text


def test_marking_someone_not_helpful_suggests_others(demo: CLI) -> None:
    out = demo.ok("edit", "Priya Shah", "--status", "not-helpful")
    assert "try instead of Priya Shah:" in out
    assert "Tom Becker" in out and "also at Northwind Analytics" in out
    found = demo.json("suggest", "Priya Shah")
    assert found[0]["reason"].startswith("also at") and "Priya Shah" not in \
        [s["name"] for s in found]
    assert set(found[0]) == {"contact_id", "name", "reason"}
    assert "try instead" not in demo.ok("edit", "Tom Becker", "--title", "Group PM")


def test_done_on_an_earlier_day_counts_in_that_week(demo: CLI, today: date) -> None:
    monday = today - timedelta(days=today.weekday())
    last_week = monday - timedelta(days=3)
    before = demo.json("goals")["weeks"][-2]["goals"]["followups"]["done"]
    demo.ok("done", "F1", "--date", last_week.isoformat())
    assert demo.json("goals")["weeks"][-2]["goals"]["followups"]["done"] == before + 1
    assert demo.fails(2, "done", "F2", "--date", "tomorrow").startswith("date:")
