"""SVG snapshots of each main view at 80x24 and 120x36, on the demo network.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update -n 0``
and look at the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peoplelinks.demo import load_demo
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.app import PeopleLinksApp
from tests.conftest import TODAY

SIZES = [(80, 24), (120, 36)]
VIEWS = {
    "main": ["j", "j", "j"],
    "search": ["slash", *"northwind"],
    "graph": ["slash", *"aisha", "enter", "g"],
    "followups": ["u", "down"],
    "contact_form": ["e"],
    "quick_log": ["l"],
    "quick_log_with": ["l", "shift+tab", "shift+tab", "shift+tab", "end", *", pri"],
    "help": ["question_mark"],
    "history": ["slash", *"priya sh", "enter", "h"],
    "edit_log": ["slash", *"priya sh", "enter", "h", "enter"],
    "objective": ["o"],
    "objective_form": ["o", "e"],
    "today": ["t"],
    "plan": ["slash", *"tom be", "enter", "p"],
    "coverage": ["c"],
    "paths": ["slash", *"carlos", "enter", "w"],
    "brief": ["slash", *"tom be", "enter", "b"],
    "export": ["X"],
}


def demo_app(tmp_path: Path, *, empty: bool = False) -> PeopleLinksApp:
    service = PeopleLinks.open(tmp_path / "snap.json", today=lambda: TODAY)
    if not empty:
        load_demo(service)
    return PeopleLinksApp(service)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(VIEWS))
def test_view(snap_compare, tmp_path: Path, view: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(tmp_path), press=VIEWS[view], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_welcome(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(tmp_path, empty=True), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_import_preview(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """I, a LinkedIn file's path, enter: what the import would do."""
    from textual.widgets import Input  # noqa: PLC0415

    async def preview(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("I")
        await pilot.pause()
        pilot.app.screen.query_one("#path", Input).value = IMPORT_FILE
        await pilot.press("enter")
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), run_before=preview, terminal_size=size)


# Relative to the repository (the tests run from there): the same on every machine.
IMPORT_FILE = "tests/interop/data/linkedin_connections.csv"
