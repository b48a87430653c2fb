"""The app on a database full of hostile names and notes, in a real terminal: browse, search,
open the graph and the follow-ups, log a chat. The screen stays sane: no markup acted on, no
cleared screen, no changed title, no crash; records that cannot be valid are announced."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import orjson
import pytest

from peoplelinks.service import PeopleLinks
from tests.adversarial.hostile import HOSTILE
from tests.e2e.test_quick_log_e2e import cli_json
from tests.e2e.tmux import Terminal, peoplelinks

# Valid as data, dangerous as markup or wide: shown, literally.
SHOWN = ["[b]bold[/b] Ann", "Bob [/]", "[@click=app.quit]Quitter[/]", "$name Var",
         "Zoe\u0308\u0301 Combining", "Fam 👨‍👩‍👧‍👦 Emoji", "王小明 Wang", "L" * 200]


def hostile_database(path: Path) -> None:
    with PeopleLinks.open(path) as app:
        first = app.add_contact({"name": "Anchor Person", "notes": HOSTILE["markup"]})
        for name in SHOWN:
            contact = app.add_contact({"name": name, "company": HOSTILE["link"],
                                       "notes": HOSTILE["variable"],
                                       "introduced_by": first.id})
            app.log([contact.id], notes=HOSTILE["click"], next_action=f"Write {name}"[:200])
    # What an import or a hand edit could put there: escape codes in stored text.
    data = orjson.loads(path.read_bytes())
    stamp = "2026-01-01T00:00:00Z"
    data["contacts"]["900"] = {"id": 900, "name": "Tia\x1b]0;pwned\x07", "created": stamp,
                               "updated": stamp}
    data["contacts"]["901"] = {"id": 901, "name": "Cy\x1b[2J\x1b[H", "notes": "\x1b]52;c;eA==\x07",
                               "created": stamp, "updated": stamp}
    path.write_bytes(orjson.dumps(data))


def pane_title(term: Terminal) -> str:
    out = subprocess.run([term.tmux, "-L", term.name, "display-message", "-p", "-t", term.name,
                          "#{pane_title}"], capture_output=True, text=True)
    return out.stdout.strip()


@pytest.mark.slow
def test_browse_search_and_log_on_hostile_data(tmp_path: Path) -> None:
    db = tmp_path / "hostile.json"
    hostile_database(db)
    term = Terminal(peoplelinks("--db", str(db)), height=36)
    try:
        title = pane_title(term)
        shown = term.wait_for("2 record(s) could not be read")
        assert "[b]bold[/b] Ann" in shown  # markup shown as text
        assert "[@click=app.quit]Quitter[/]" in shown and "Bob [/]" in shown
        for _ in range(len(SHOWN) + 2):
            term.keys("j")
            time.sleep(0.05)
        term.keys("g")
        time.sleep(0.5)
        term.keys("u")
        time.sleep(0.3)
        term.keys("Escape", "/")
        term.keys("quitter", literal=True)
        term.wait_for("Contacts 1/")
        term.keys("Enter", "l")
        term.wait_for("Log a conversation")
        time.sleep(0.3)
        term.keys("logged on hostile data", literal=True)
        term.keys("C-s")
        # The message is as wide as the contact list: the name may go on a second line.
        screen = term.wait_for("Logged coffee with")
        assert "[@click=app.quit]Quitter[/]" in screen
        assert "Contacts" in screen  # not cleared, not quit by the click markup
        assert "pwned" not in pane_title(term) and pane_title(term) == title
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
    quitter = cli_json(db, "show", "Quitter")
    assert isinstance(quitter, dict)
    assert quitter["interactions"][0]["notes"] == "logged on hostile data"
    assert orjson.loads(db.read_bytes())["contacts"]["900"]["name"] == "Tia\x1b]0;pwned\x07"
