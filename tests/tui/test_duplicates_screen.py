"""Merging from the TUI: M lists likely duplicates (the highlighted contact's
first), m asks and merges, the card shows the merged contact, ctrl+z takes it back."""

from __future__ import annotations

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.duplicates import DuplicatesList, DuplicatesScreen
from tests.tui.helpers import main_screen


async def test_m_merges_a_likely_duplicate_and_ctrl_z_undoes_it(
        demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    nina = service.resolve("Nina Volkova")
    twin = service.add_contact({"name": "Nina Volkova", "company": nina.company,
                                "emails": ["nina.v@home.example"]}, allow_duplicate=True)
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(nina.id)
        await pilot.press("M")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, DuplicatesScreen)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        first = screen._pairs[0]
        assert {first.first.id, first.second.id} == {nina.id, twin.id}  # the card's first
        assert screen.query_one(DuplicatesList).highlighted == 0
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        main = main_screen(demo_app)
        assert demo_app.screen is main
        kept = service.contact(nina.id)
        assert "nina.v@home.example" in kept.emails
        assert service.resolve(f"#{twin.id}").id == nina.id
        assert main.contact_list.highlighted == nina.id
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert service.resolve(f"#{twin.id}").id == twin.id
