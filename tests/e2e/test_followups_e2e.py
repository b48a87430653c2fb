"""Follow-ups by hand in a real terminal: one added for a name picked from the dropdown,
one changed from the follow-ups pane; then checked with the CLI."""

from __future__ import annotations

import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.test_quick_log_e2e import cli_json
from tests.e2e.tmux import Terminal, peoplelinks


@pytest.mark.slow
def test_add_a_followup_from_the_dropdown_and_edit_another(tmp_path: Path) -> None:
    db = tmp_path / "e2e.json"
    subprocess.run(peoplelinks("--db", str(db), "demo"), check=True, capture_output=True)
    before = cli_json(db, "due")
    assert isinstance(before, dict)
    first = before["followups"][0]  # the most overdue: first in the pane
    term = Terminal(peoplelinks("--db", str(db)), height=36)
    try:
        term.wait_for("Contacts 30")
        term.keys("f")
        term.wait_for("New follow-up")
        time.sleep(0.3)  # a person reads the form before typing
        term.keys("BTab")  # from the action back to "With"
        time.sleep(0.3)
        term.keys("End", "C-u")
        term.keys("hugo lam", literal=True)
        term.wait_for("Product Director · Adventure Works")  # the dropdown
        term.tab()  # takes Hugo
        term.tab()  # to the action
        term.keys("Send Hugo the deck", literal=True)
        term.tab()
        term.keys("End", "C-u")
        term.keys("in 3 days", literal=True)
        term.wait_for(f"{date.today() + timedelta(days=3):%A %d %B %Y}")
        term.keys("Enter")
        term.wait_for("Follow-up due")
        term.keys("u", "e")
        term.wait_for(f"Follow-up F{first['id']}")
        time.sleep(0.3)
        term.keys("End", "C-u")
        term.keys("Call instead", literal=True)
        term.keys("Enter")
        term.wait_for("Saved, due")
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    due = cli_json(db, "due")
    assert isinstance(due, dict)
    hugo = cli_json(db, "show", "Hugo Lambert")
    assert isinstance(hugo, dict)
    added = [f for f in due["followups"] if f["action"] == "Send Hugo the deck"]
    assert len(added) == 1 and added[0]["contact_id"] == hugo["id"]
    assert added[0]["due"] == (date.today() + timedelta(days=3)).isoformat()
    edited = next(f for f in due["followups"] if f["id"] == first["id"])
    assert (edited["action"], edited["due"], edited["contact_id"]) == (
        "Call instead", first["due"], first["contact_id"])
