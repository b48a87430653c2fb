"""A paste holding escape sequences, in a real terminal: the text arrives cleaned and in order."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal, peoplelinks

# An OSC title sequence ended by BEL, and a clear-screen CSI, inside the text.
DIRTY = "Alpha \x1b]0;pwned\x07Beta \x1b[2J Gamma"


def show(db: Path, who: str) -> dict[str, object]:
    out = subprocess.run(peoplelinks("--db", str(db), "show", who, "--json"), check=True,
                         capture_output=True, text=True)
    found = json.loads(out.stdout)
    assert isinstance(found, dict)
    return found


@pytest.mark.slow
def test_pasted_escape_sequences_are_dropped_and_the_text_keeps_its_order(
        tmp_path: Path) -> None:
    db = tmp_path / "paste.json"
    subprocess.run(peoplelinks("--db", str(db), "add", "Ann Lee"), check=True,
                   capture_output=True)
    term = Terminal(peoplelinks("--db", str(db)), width=100, height=30)
    try:
        term.wait_for("Contacts 1")
        title = term.title()
        term.keys("a")
        term.wait_for("Add a contact")
        term.paste(DIRTY)
        shown = term.wait_for("Alpha Beta Gamma")
        assert "^]" not in shown and "pwned" not in shown and "[2J" not in shown
        term.keys("C-s")
        term.wait_for("Added Alpha Beta Gamma")
        term.keys("l")  # the quick log opens in the notes, a field of several lines
        term.wait_for("Log a conversation")
        term.paste(DIRTY + "\nsecond line")
        shown = term.wait_for("second line")
        assert "^]" not in shown and "pwned" not in shown
        assert term.title() == title  # nothing was written to the terminal as a sequence
        term.keys("C-s")
        term.wait_for("Logged coffee with Alpha Beta Gamma")
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    added = show(db, "Alpha Beta Gamma")
    assert added["name"] == "Alpha Beta Gamma"
    talks = added["interactions"]
    assert isinstance(talks, list)
    assert talks[0]["notes"] == "Alpha Beta  Gamma\nsecond line"
