"""Keys that arrive in one burst act exactly as if typed slowly.

A paste followed by ``ctrl+s``, or keys sent by a script (``tmux send-keys``),
reach the app all at once. Pilot's ``press`` waits for the app to settle after
each key; these tests post every key of a burst at once, the save key included,
and only then wait."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.widgets import Input, TextArea

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.screens.followup_form import FollowupForm
from peoplelinks.tui.screens.quick_log import QuickLog
from tests.tui.helpers import highlighted_name, main_screen


def key_event(key: str) -> events.Key:
    """The Key event for ``key`` (a character or a key name), built as Pilot builds it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def burst(app: PeopleLinksApp, pilot: object, *keys: str) -> None:
    """Post every key of ``keys`` to the app at once (no waiting between them), then settle."""
    for key in keys:
        app.post_message(key_event(key))
    for _ in range(5):
        await pilot.pause()  # type: ignore[attr-defined]


def notes_of_last_log(app: PeopleLinksApp, name: str) -> str:
    service = main_screen(app).service
    return service.db.interactions_of(service.resolve(name).id)[0].notes


NOTE = "Met at the fair, talked about the data team"


async def test_l_note_and_ctrl_s_in_one_burst_saves_the_whole_note(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for attempt in ("first", "second"):  # a form built afresh, then reopened
            who = highlighted_name(demo_app)
            assert who is not None
            note = f"{attempt}: {NOTE}"
            await burst(demo_app, pilot, "l", *note, "ctrl+s")
            assert demo_app.screen is main_screen(demo_app), type(demo_app.screen).__name__
            assert notes_of_last_log(demo_app, who) == note


async def test_note_and_ctrl_s_in_one_burst_with_the_log_already_open(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        who = highlighted_name(demo_app)
        assert who is not None
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(demo_app.screen, QuickLog)
        await burst(demo_app, pilot, *NOTE, "ctrl+s")
        main_screen(demo_app)  # the log closed
        assert notes_of_last_log(demo_app, who) == NOTE


async def test_tab_in_a_burst_moves_the_following_keys_to_the_next_field(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        who = highlighted_name(demo_app)
        assert who is not None
        await pilot.press("l")
        await pilot.pause()
        await burst(demo_app, pilot, *"the notes", "tab", *"a teardown", "tab", *"a name",
                    "ctrl+s")
        assert demo_app.screen is main_screen(demo_app)
        service = main_screen(demo_app).service
        talk = service.db.interactions_of(service.resolve(who).id)[0]
        assert (talk.notes, talk.gave, talk.got) == ("the notes", "a teardown", "a name")


async def test_add_a_contact_in_one_burst(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(demo_app, pilot, "a", *"Zed Burst", "tab", *"Acme", "ctrl+s")
        assert demo_app.screen is main_screen(demo_app), type(demo_app.screen).__name__
        service = main_screen(demo_app).service
        zed = service.resolve("Zed Burst")
        assert (zed.name, zed.company) == ("Zed Burst", "Acme")
        # The form again, reopened this time, and the list follows the new contact.
        await burst(demo_app, pilot, "a", *"Ada Second", "tab", *"Initech", "ctrl+s")
        ada = service.resolve("Ada Second")
        assert (ada.name, ada.company) == ("Ada Second", "Initech")
        assert highlighted_name(demo_app) == "Ada Second"


async def test_a_name_typed_ahead_of_the_form_is_whole_when_the_burst_stops(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(demo_app, pilot, "a", *"Zed Burst", "tab", *"Acme")
        form = demo_app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#name", Input).value == "Zed Burst"
        assert form.query_one("#company", Input).value == "Acme"
        assert form.focused is form.query_one("#company", Input)


async def test_a_followup_in_one_burst(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        who = highlighted_name(demo_app)
        assert who is not None
        service = main_screen(demo_app).service
        for save in ("ctrl+s", "enter"):
            action = f"Send the deck, saved with {save.replace('+', ' ')}"
            await burst(demo_app, pilot, "f", *action, save)
            assert demo_app.screen is main_screen(demo_app), type(demo_app.screen).__name__
            actions = [f.action for f in service.db.followups_of(service.resolve(who).id)]
            assert action in actions


async def test_keys_after_a_burst_still_answer(demo_app: PeopleLinksApp) -> None:
    """The gate never sticks: after bursts, a slow key acts at once."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(demo_app, pilot, "l", *"x", "escape")
        await pilot.pause()
        if not isinstance(demo_app.screen, QuickLog):  # escape asked to discard
            await pilot.press("y")
        await burst(demo_app, pilot, "/", *"priya")
        assert main_screen(demo_app).query_one("#search", Input).value == "priya"
        await pilot.press("enter", "l")
        assert isinstance(demo_app.screen, QuickLog)
        assert demo_app.screen.query_one("#notes", TextArea).has_focus


async def test_a_burst_into_the_followup_form_opened_from_a_burst(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(demo_app, pilot, "f", *"Call back")
        form = demo_app.screen
        assert isinstance(form, FollowupForm)
        assert form.query_one("#action", Input).value == "Call back"
