"""Keys sent in one go (a script, a paste then ctrl+s) act as if typed slowly."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal, peoplelinks

NOTE = "Burst note: talked about the platform team, the hiring plan and the offsite"


@pytest.mark.slow
def test_l_note_and_ctrl_s_in_one_send_keys_save_the_whole_note(tmp_path: Path) -> None:
    db = tmp_path / "burst.json"
    subprocess.run(peoplelinks("--db", str(db), "add", "Ann Lee", "--company", "Acme"),
                   check=True, capture_output=True)
    term = Terminal(peoplelinks("--db", str(db)), width=100, height=30)
    try:
        term.wait_for("Contacts 1")
        term.keys("l", NOTE, "C-s")  # one send-keys call: the keys arrive together
        term.wait_for("Logged coffee with Ann Lee")
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    out = subprocess.run(peoplelinks("--db", str(db), "show", "1", "--json"), check=True,
                         capture_output=True, text=True)
    ann = json.loads(out.stdout)
    assert [talk["notes"] for talk in ann["interactions"]] == [NOTE]
