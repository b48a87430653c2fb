"""Keys typed faster than the app answers still land where the previous key sent the cursor.

Pilot's ``press`` waits for the app to settle after each key; a person typing
fast does not, so these tests post every key at once and only then wait."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.screens.followup_form import FollowupForm
from peoplelinks.tui.screens.quick_log import QuickLog
from tests.tui.helpers import main_screen


async def type_ahead(app: PeopleLinksApp, pilot: object, *keys: str) -> None:
    """Queue ``keys`` (single characters, or key names) without waiting between them."""
    for key in keys:
        character = key if len(key) == 1 else None
        name = {" ": "space", "/": "slash"}.get(key, key)
        app.post_message(events.Key(name, character))
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


async def test_a_then_a_name_at_once_fills_the_name(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_ahead(demo_app, pilot, "a", *"Zoe Quick")  # the form is built meanwhile
        form = demo_app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#name", Input).value == "Zoe Quick"


async def test_l_then_notes_at_once_first_and_second_time(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for attempt in ("first chat", "second chat"):
            await type_ahead(demo_app, pilot, "l", *attempt)
            log = demo_app.screen
            assert isinstance(log, QuickLog)
            assert log.query_one("#notes", TextArea).text == attempt
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert demo_app.screen is main_screen(demo_app)


async def test_u_then_e_edits_the_followup_not_the_contact(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_ahead(demo_app, pilot, "u", "e")
        form = demo_app.screen
        assert isinstance(form, FollowupForm) and form.followup is not None


async def test_command_letters_typed_in_the_search_box_are_text(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_ahead(demo_app, pilot, "/", *"laugh fest")
        screen = main_screen(demo_app)
        assert screen.query_one("#search", Input).value == "laugh fest"
        assert demo_app.screen is screen  # no l (log), a (add), u, g, e, f, s, t acted
