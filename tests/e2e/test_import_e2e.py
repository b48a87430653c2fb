"""Issue 11 as a person would do it in a real terminal: on a new, empty database the
welcome screen offers to import LinkedIn connections; the path is typed, enter shows
what would happen, ctrl+s imports, and the people are in the list (checked with the
CLI afterwards)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_quick_log_e2e import cli_json
from tests.e2e.tmux import Terminal, peoplelinks

FILE = Path(__file__).parent.parent / "interop" / "data" / "linkedin_connections.csv"


@pytest.mark.slow
def test_import_linkedin_from_the_welcome_screen(tmp_path: Path) -> None:
    db = tmp_path / "e2e.json"
    term = Terminal(peoplelinks("--db", str(db)), height=30)
    try:
        term.wait_for("Import your LinkedIn connections")
        term.keys("i")
        term.wait_for("Import people from a file")
        term.keys(str(FILE), literal=True)
        term.keys("Enter")
        term.wait_for("4 contacts would be added")
        screen = term.wait_for("line 8: no first or last name")
        assert "ctrl+s imports it" in screen
        term.keys("C-s")
        # The rows come after the title in what the terminal is sent: a screen read in
        # between shows the title alone (seen once on a loaded machine).
        screen = term.wait_for("Nina Volkova")
        assert "Contacts 4" in screen and "Aisha Karim" in screen
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    people = cli_json(db, "list")
    assert isinstance(people, list)
    assert sorted(p["name"] for p in people) == ["Aisha Karim", "José Muñoz", "Nina Volkova",
                                                 "王 芳"]
