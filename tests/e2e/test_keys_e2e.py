"""What the new user did, in a real terminal at 80x24 (issue 9, points 1 and 16): `u`, `j`,
`x` completes the *second* follow-up, and "Elena Novak", tab, tab, "Sister" sent in one
go fills name and title; both checked with the CLI after quitting."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_quick_log_e2e import cli_json
from tests.e2e.tmux import Terminal, peoplelinks


@pytest.mark.slow
def test_u_j_x_and_a_burst_with_two_tabs(tmp_path: Path) -> None:
    db = tmp_path / "e2e.json"
    subprocess.run(peoplelinks("--db", str(db), "demo"), check=True, capture_output=True)
    due = cli_json(db, "due")
    assert isinstance(due, dict)
    first, second = due["followups"][:2]  # as the follow-ups pane lists them
    term = Terminal(peoplelinks("--db", str(db)), width=80, height=24)
    try:
        term.wait_for("Contacts 30")
        term.keys("u", "j", "x")  # one send-keys call: the keys arrive together
        shown = term.wait_for("Done: ")
        assert second["contact_name"] in shown
        term.keys("a", "Elena Novak", "Tab", "Tab", "Sister", "C-s")
        term.wait_for("Added Elena Novak")
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    after = cli_json(db, "due")
    assert isinstance(after, dict)
    still_open = {f["id"] for f in after["followups"]}
    assert second["id"] not in still_open and first["id"] in still_open
    elena = cli_json(db, "show", "Elena Novak")
    assert isinstance(elena, dict)
    assert (elena["name"], elena["company"], elena["title"]) == ("Elena Novak", "", "Sister")
