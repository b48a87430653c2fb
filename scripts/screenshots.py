"""Regenerate screenshots/*.svg from the demo network (run from the repository root).

    python scripts/screenshots.py

Each view is driven with Textual's Pilot at 120x36 on a fresh demo database
dated 2026-11-22, so the pictures only change when the app does.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peoplelinks.demo import load_demo  # noqa: E402
from peoplelinks.service import PeopleLinks  # noqa: E402
from peoplelinks.tui.app import PeopleLinksApp  # noqa: E402

TODAY = date(2026, 11, 22)
SIZE = (120, 36)
VIEWS: dict[str, tuple[bool, list[str]]] = {
    "welcome": (False, []),
    "main": (True, ["slash", *"priya sh", "enter", "escape"]),  # the whole list, on Priya
    "search": (True, ["slash", *"northwind"]),
    "graph": (True, ["slash", *"aisha", "enter", "g"]),
    "followups": (True, ["u", "down"]),
    "contact_form": (True, ["slash", *"priya", "enter", "e"]),
    "filters": (True, ["F"]),
    "quick_log": (True, ["slash", *"priya sh", "enter", "l", *"Talked about the forecasting role"]),
    # Back to "With" to add someone who was there too: the contact dropdown.
    "quick_log_with": (True, ["slash", *"priya sh", "enter", "l", *"Talked about the forecasting",
                              "shift+tab", "shift+tab", "shift+tab", "end", *", to"]),
    "help": (True, ["question_mark"]),
    # A contact's talks and follow-ups, and a talk opened to correct it.
    "history": (True, ["slash", *"priya sh", "enter", "h"]),
    "edit_log": (True, ["slash", *"priya sh", "enter", "h", "enter"]),
    # Objective & goals (o): the objective, the week's goals, the weeks before, the network.
    "objective": (True, ["o"]),
    "objective_form": (True, ["o", "e"]),
    # Today (t): what to do now, ranked; and planning a meeting (p).
    "today": (True, ["t"]),
    "plan": (True, ["slash", *"tom be", "enter", "p", "ctrl+u", *"next thu", "tab",
                    *"Blue Bottle"]),
    # Target companies (c), the warm ways into one (w), a brief before a meeting (b).
    "coverage": (True, ["c"]),
    "paths": (True, ["slash", *"carlos", "enter", "w"]),
    "brief": (True, ["slash", *"tom be", "enter", "b"]),
    # Export (X): what to write, and where (a name proposed for the choice).
    "export": (True, ["X"]),
}
# Import (I): a LinkedIn export's path typed, enter: what importing it would do.
IMPORT_FILE = "tests/interop/data/linkedin_connections.csv"  # relative to the repository


async def import_preview(pilot: Any) -> None:
    """Open the import screen on the test corpus's LinkedIn file and preview it."""
    from textual.widgets import Input  # noqa: PLC0415

    await pilot.press("I")
    await pilot.pause()
    pilot.app.screen.query_one("#path", Input).value = IMPORT_FILE
    await pilot.press("enter")
    await pilot.app.screen.workers.wait_for_complete()


async def duplicates(pilot: Any) -> None:
    """Priya Shah typed in twice: the duplicates view (M)."""
    service = pilot.app.service
    priya = service.resolve("Priya Shah")
    service.add_contact({"name": "Priya Shah", "company": priya.company,
                         "emails": priya.emails[:1]}, allow_duplicate=True)
    pilot.app.screen.show_data_changed(None)
    await pilot.press("M")
    await pilot.pause()
    await pilot.app.screen.workers.wait_for_complete()


SETUPS: dict[str, tuple[bool, Callable[[Any], Awaitable[None]]]] = {
    "import": (True, import_preview),
    "duplicates": (True, duplicates),
}


async def shoot(name: str, demo: bool, keys: list[str], folder: Path,
                setup: Callable[[Any], Awaitable[None]] | None = None) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        service = PeopleLinks.open(Path(tmp) / "shots.json", today=lambda: TODAY)
        try:
            if demo:
                load_demo(service)
            app = PeopleLinksApp(service)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                for key in keys:
                    await pilot.press(key)
                if setup is not None:
                    await setup(pilot)
                await pilot.pause(0.3)
                target = folder / f"{name}.svg"
                app.save_screenshot(filename=target.name, path=str(folder))
        finally:
            service.close()
    return target


async def main() -> None:
    folder = ROOT / "screenshots"
    folder.mkdir(exist_ok=True)
    os.chdir(ROOT)  # the import's file is named relative to the repository
    for name, (demo, keys) in VIEWS.items():
        path = await shoot(name, demo, keys, folder)
        print(f"wrote {path.relative_to(ROOT)}")
    for name, (demo, setup) in SETUPS.items():
        path = await shoot(name, demo, [], folder, setup)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    asyncio.run(main())
