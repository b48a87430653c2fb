"""A mistaken log corrected as a person would, in a real terminal: edited, then deleted,
then brought back with ctrl+z (checked with the CLI after quitting)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.test_quick_log_e2e import cli_json
from tests.e2e.tmux import Terminal, peoplelinks


@pytest.mark.slow
def test_edit_delete_and_restore_a_log(tmp_path: Path) -> None:
    db = tmp_path / "e2e.json"
    subprocess.run(peoplelinks("--db", str(db), "demo"), check=True, capture_output=True)
    priya = cli_json(db, "show", "Priya Shah")
    assert isinstance(priya, dict)
    (talk,) = priya["interactions"]
    term = Terminal(peoplelinks("--db", str(db)), height=36)
    try:
        term.wait_for("Contacts 30")
        term.keys("/")
        term.keys("priya", literal=True)
        term.wait_for("“priya”")  # Priya Shah first
        term.keys("Enter", "h")
        term.wait_for("Talks and follow-ups of Priya Shah")
        term.keys("Enter")
        term.wait_for(f"Edit the coffee of {talk['date'][8:10].lstrip('0')}"[:16])
        time.sleep(0.3)
        term.keys("C-a", "C-k")  # the notes field: clear the first line
        term.keys("Corrected by hand", literal=True)
        term.keys("C-s")
        term.wait_for("Saved")
        term.keys("D")
        term.wait_for("The follow-ups it created go with it")
        term.keys("y")
        term.wait_for("Deleted the talk")
        term.keys("Escape")  # alone: ESC and a key sent together read as alt+key
        time.sleep(0.3)
        term.keys("C-z")
        term.wait_for("Undid: Deleted the coffee")
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    again = cli_json(db, "show", "Priya Shah")
    assert isinstance(again, dict)
    (back,) = again["interactions"]
    assert back["id"] == talk["id"] and back["notes"].startswith("Corrected by hand")
