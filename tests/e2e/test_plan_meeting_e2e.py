"""Issue 10 as a person would do it in a real terminal: the app opens on today's list,
a meeting is planned (p), logged from its plan (l: the names to ask for come back as
proposed referrals), and this week's meetings goal moves (o); checked with the CLI."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.test_quick_log_e2e import cli_json
from tests.e2e.tmux import Terminal, peoplelinks


@pytest.mark.slow
def test_plan_a_meeting_log_it_from_the_plan_and_see_the_goal_move(tmp_path: Path) -> None:
    db = tmp_path / "e2e.json"
    subprocess.run(peoplelinks("--db", str(db), "demo"), check=True, capture_output=True)
    goals = cli_json(db, "goals")
    assert isinstance(goals, dict)
    meetings = goals["week"]["goals"]["meetings"]
    term = Terminal(peoplelinks("--db", str(db)), height=40,
                    env={"PEOPLELINKS_START": "today"})
    try:
        term.wait_for("Today, ")  # something is due: today's list comes first
        term.wait_for("Follow-ups due")
        term.keys("Escape")
        term.wait_gone("Follow-ups due")  # (an escape sent with the next key reads as alt)
        term.keys("/")
        term.keys("priya sh", literal=True)
        term.wait_for("Contacts 1/30")
        term.keys("Enter", "p")
        term.wait_for("Plan a meeting with Priya Shah")
        time.sleep(0.3)
        term.keys("End", "C-u")
        term.keys("today", literal=True)
        term.tab()
        term.keys("Blue Bottle", literal=True)  # place
        term.tab()
        term.keys("Her team's roadmap", literal=True)  # why
        for _field in ("agenda", "help them", "learn", "ask to meet"):
            term.tab()
        term.keys("Jordan Lee", literal=True)  # whom to ask to meet
        term.keys("C-s")
        term.wait_for("Planned P2: meeting with Priya Shah")
        term.keys("l")
        term.wait_for("Log the meeting planned as P2 at Blue Bottle")
        screen = term.wait_for("Jordan Lee")  # proposed as a referral, to keep
        assert "Her team's roadmap" in screen
        term.keys("C-s")
        term.wait_for("Contacts 2/31")  # saved: Jordan Lee, a new lead, matches too
        term.keys("o")
        term.wait_for(f"{meetings['done'] + 1}/{meetings['target']}")
        term.keys("Escape")
        term.wait_gone("Objective & goals")
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    plans = cli_json(db, "plans", "--all")
    assert isinstance(plans, list)
    held = next(p for p in plans if p["id"] == 2)
    assert held["status"] == "held" and held["place"] == "Blue Bottle"
    jordan = cli_json(db, "show", "Jordan Lee")
    assert isinstance(jordan, dict)
    priya = cli_json(db, "show", "Priya Shah")
    assert isinstance(priya, dict)
    assert jordan["status"] == "lead" and jordan["introduced_by"] == priya["id"]
    after = cli_json(db, "goals")
    assert isinstance(after, dict)
    assert after["week"]["goals"]["meetings"]["done"] == meetings["done"] + 1
