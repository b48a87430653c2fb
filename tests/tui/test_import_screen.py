"""Importing from the TUI: the welcome screen's "Import your LinkedIn connections",
the path typed, a preview that writes nothing, ctrl+s, and one ctrl+z to take it
back; a wrong file says why under the path."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.import_file import ImportScreen
from peoplelinks.tui.screens.welcome import WelcomeScreen
from tests.tui.helpers import main_screen

FILE = Path(__file__).parent.parent / "interop" / "data" / "linkedin_connections.csv"


def note(app: PeopleLinksApp) -> str:
    return str(app.screen.query_one("#file-note", Static).content)


async def test_import_linkedin_from_the_welcome_screen(empty_app: PeopleLinksApp) -> None:
    service = empty_app.service
    async with empty_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(empty_app.screen, WelcomeScreen)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(empty_app.screen, ImportScreen)
        empty_app.screen.query_one("#path", Input).value = str(FILE)
        await pilot.press("enter")  # the preview
        await empty_app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert "4 contacts would be added" in note(empty_app)
        assert "line 8: no first or last name" in note(empty_app)
        assert service.count() == 0  # a preview writes nothing
        await pilot.press("ctrl+s")
        await empty_app.screen.workers.wait_for_complete()
        await pilot.pause()
        main = main_screen(empty_app)
        assert empty_app.screen is main
        assert service.count() == 4
        assert main.contact_list.highlighted is not None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert service.count() == 0


async def test_a_wrong_file_says_why_and_writes_nothing(demo_app: PeopleLinksApp,
                                                        tmp_path: Path) -> None:
    service = demo_app.service
    before = service.count()
    card = tmp_path / "people.vcf"
    card.write_text("BEGIN:VCARD\nFN:Bob\nEND:VCARD\n")
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        assert isinstance(demo_app.screen, ImportScreen)
        demo_app.screen.query_one("#path", Input).value = str(card)
        await pilot.press("ctrl+s")
        await demo_app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(demo_app.screen, ImportScreen)
        assert "is not a LinkedIn connections export" in note(demo_app)
        assert service.count() == before
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)
