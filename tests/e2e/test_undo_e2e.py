"""Undo as a person would use it, in a real terminal: x on the wrong follow-up, ctrl+z, and the
follow-up is open again (checked with the CLI after quitting)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_quick_log_e2e import cli_json
from tests.e2e.tmux import Terminal, peoplelinks


@pytest.mark.slow
def test_x_on_the_wrong_followup_then_ctrl_z(tmp_path: Path) -> None:
    db = tmp_path / "e2e.json"
    subprocess.run(peoplelinks("--db", str(db), "demo"), check=True, capture_output=True)
    due = cli_json(db, "due")
    assert isinstance(due, dict)
    wrong = due["followups"][0]  # the first in the pane: the one x completes
    term = Terminal(peoplelinks("--db", str(db)), height=36)
    try:
        term.wait_for("Contacts 30")
        term.keys("u", "x")
        term.wait_for(f"Done: {wrong['action']}")
        term.keys("C-z")
        shown = term.wait_for(f"Undid: Done: {wrong['action']}")
        assert "^z Undo" in shown or "^z" in shown  # the footer says how
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    again = cli_json(db, "due")
    assert isinstance(again, dict)
    reopened = [f for f in again["followups"] if f["id"] == wrong["id"]]
    assert reopened and reopened[0]["done"] is False
    history = cli_json(db, "undo", "--list")
    assert isinstance(history, dict)
    assert history["redo"][0]["summary"] == f"Done: {wrong['action']} — {wrong['contact_name']}"
