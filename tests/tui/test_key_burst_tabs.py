"""Two tabs in a row inside one burst move two fields on, as typed tabs do (issue 9,
point 16: "Elena Novak⇥⇥Sister" became the name "Elena NovakSister"); a key after one
whose action moves the focus later (enter on the list opens the card) waits for it."""

from __future__ import annotations

from textual.widgets import ContentSwitcher, Input

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.widgets.referral_tree import ReferralTree
from tests.tui.helpers import main_screen
from tests.tui.test_key_burst import burst


async def test_two_tabs_in_a_burst_reach_the_third_field(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The form built by the burst itself, then the same form reopened.
        for name, title in (("Elena Novak", "Sister"), ("Ada Burst", "Aunt")):
            await burst(demo_app, pilot, "a", *name, "tab", "tab", *title)
            form = demo_app.screen
            assert isinstance(form, ContactForm)
            values = {f: form.query_one(f"#{f}", Input).value
                      for f in ("name", "company", "title")}
            assert values == {"name": name, "company": "", "title": title}
            assert form.focused is form.query_one("#title", Input)
            await burst(demo_app, pilot, "ctrl+s")
            assert demo_app.screen is main_screen(demo_app)
            saved = service.resolve(name)
            assert (saved.name, saved.company, saved.title) == (name, "", title)


async def test_enter_enter_g_in_a_burst_shows_the_graph(demo_app: PeopleLinksApp) -> None:
    """Leave the search, open the card, show the graph: the card's opening used to land
    after g and hide the graph again."""
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"priya sh")
        await burst(demo_app, pilot, "enter", "enter", "g")
        screen = main_screen(demo_app)
        assert screen.query_one(ContentSwitcher).current == "graph"
        assert isinstance(demo_app.focused, ReferralTree)
