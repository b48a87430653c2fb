"""Log a coffee chat with keys only in a real terminal, then check it with the CLI."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal, peoplelinks


def cli_json(db: Path, *args: str) -> object:
    out = subprocess.run(peoplelinks("--db", str(db), *args, "--json"), check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


@pytest.mark.slow
def test_log_a_coffee_chat_with_a_referral_and_a_next_step(tmp_path: Path) -> None:
    db = tmp_path / "e2e.json"
    subprocess.run(peoplelinks("--db", str(db), "demo"), check=True, capture_output=True)
    term = Terminal(peoplelinks("--db", str(db)), height=40)
    try:
        term.wait_for("Contacts 30")
        term.keys("/")
        term.keys("priya sh", literal=True)
        term.wait_for("Contacts 1/30")
        term.keys("Enter", "l")
        term.wait_for("Log a conversation")
        # At a person's pace: a moment after each tab before typing in the next field.
        term.keys("Talked about the forecasting role", literal=True)  # the notes
        term.tab()
        term.keys("a dashboard teardown", literal=True)  # I gave
        term.tab()
        term.keys("hiring timeline", literal=True)  # I got
        term.tab()
        term.keys("Nina Park @ Acme - hires PMs", literal=True)  # referrals
        term.tab()
        term.keys("Space")  # I asked for referrals
        term.tab()  # "Reach out to new leads": left ticked
        term.tab()  # Priya's open follow-up ("Send the teardown deck"): not answered
        term.tab()
        term.keys("End", "C-u")  # the next step: replace the proposed thank-you
        term.keys("Send the pricing memo", literal=True)
        term.tab()
        term.keys("End", "C-u")
        term.keys("in 2 weeks", literal=True)
        term.wait_for(f"{date.today() + timedelta(days=14):%A %d %B %Y}")
        term.keys("C-s")
        term.wait_for("Logged coffee with Priya Shah")
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    priya = cli_json(db, "show", "Priya Shah")
    assert isinstance(priya, dict)
    talk = priya["interactions"][0]
    assert talk["date"] == date.today().isoformat() and talk["kind"] == "coffee"
    assert (talk["notes"], talk["gave"], talk["got"]) == (
        "Talked about the forecasting role", "a dashboard teardown", "hiring timeline")
    nina = cli_json(db, "show", "Nina Park")
    assert isinstance(nina, dict)
    assert nina["status"] == "lead" and nina["introduced_by"] == priya["id"]
    assert nina["generation"] == priya["generation"] + 1 and nina["company"] == "Acme"
    assert talk["referrals"] == [nina["id"]] and talk["asked_for_referrals"] is True
    due = cli_json(db, "due")
    assert isinstance(due, dict)
    reach = [f for f in due["followups"] if f["contact_id"] == nina["id"]]
    assert [f["action"] for f in reach] == ["Reach out to Nina Park (referred by Priya Shah)"]
    step = [f for f in due["followups"] if f["action"] == "Send the pricing memo"]
    assert len(step) == 1 and step[0]["contact_id"] == priya["id"]
    assert step[0]["due"] == (date.today() + timedelta(days=14)).isoformat()
