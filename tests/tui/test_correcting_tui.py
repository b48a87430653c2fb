"""Duplicates are not added silently, and keep-in-touch reminders can be snoozed (in the app)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.ask_date import AskDate
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.widgets.followups import FollowupsPane
from tests.tui.helpers import main_screen


async def test_adding_someone_already_here_asks_first(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    count = service.count()
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Priya Shah", "ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        assert "Northwind Analytics" in str(demo_app.screen.question)
        await pilot.press("n")  # go back to the form, nothing added
        await pilot.pause()
        assert isinstance(demo_app.screen, ContactForm) and service.count() == count
        assert demo_app.screen.query_one("#name", Input).value == "Priya Shah"
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
        assert service.count() == count + 1
        assert len(service.db.ids_named("Priya Shah")) == 2


async def test_s_on_a_keep_in_touch_reminder_snoozes_it(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        pane = main_screen(demo_app).query_one(FollowupsPane)
        reminders = [e for e in pane._entries.values() if e.reminder]
        assert reminders
        pane.highlighted = pane.get_option_index(f"k{reminders[0].contact_id}")
        contact = service.contact(reminders[0].contact_id)
        before = service.next_contact(contact)
        assert before is not None
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(demo_app.screen, AskDate)
        demo_app.screen.query_one(Input).value = "in 3 weeks"
        await pilot.press("enter")
        await pilot.pause()
        moved = service.contact(contact.id).next_contact_on
        assert moved is not None and moved >= before + timedelta(days=21)
        assert f"k{contact.id}" not in pane._entries  # not due any more
