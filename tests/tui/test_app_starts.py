"""The TUI starts on a database and quits with q."""

from __future__ import annotations

from peoplelinks.service import PeopleLinks
from peoplelinks.tui.app import PeopleLinksApp


async def test_starts_and_quits_with_q(app: PeopleLinks) -> None:
    app.add_contact({"name": "Bob [/]"})
    tui = PeopleLinksApp(app)
    async with tui.run_test() as pilot:
        await pilot.pause()
        assert tui.is_running
        await pilot.press("q")
        await pilot.pause()
    assert not tui.is_running
