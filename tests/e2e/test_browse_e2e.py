"""The whole app, as a person uses it: in tmux, typing and reading the screen."""

from __future__ import annotations

import subprocess
from pathlib import Path

import orjson
import pytest

from tests.e2e.tmux import Terminal, peoplelinks


@pytest.mark.slow
def test_search_open_a_contact_and_quit(tmp_path: Path) -> None:
    db = tmp_path / "e2e.json"
    subprocess.run(peoplelinks("--db", str(db), "demo"), check=True, capture_output=True)
    term = Terminal(peoplelinks("--db", str(db)))
    try:
        first = term.wait_for("Contacts 30")
        assert "Aisha Karim" in first and "Follow-ups" in first
        term.keys("/")
        term.keys("priya sh", literal=True)
        shown = term.wait_for("Contacts 1/30")
        assert "Priya Shah" in shown and "Director of Product at Northwind Analytics" in shown
        term.keys("Enter", "Enter")  # leave the search, open the contact
        shown = term.wait_for("introduced by")
        assert "Dev Patel (Litware)" in shown and "Send the teardown deck" in shown
        term.keys("g")
        shown = term.wait_for("Referral graph")
        assert "Priya Shah" in shown and "Dev Patel" in shown
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    data = orjson.loads(db.read_bytes())
    assert len(data["contacts"]) == 30
    assert not db.with_name(db.name + ".journal").exists()
