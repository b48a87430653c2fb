"""The app keeps one instance of each form: nothing of one use may leak into the next."""

from __future__ import annotations

from textual.widgets import Input, Select, TextArea

from peoplelinks.domain.enums import Circle, Status
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.screens.followup_form import NEW_DUE, FollowupForm
from tests.tui.helpers import main_screen


async def test_contact_form_edit_then_add_then_edit_another(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"priya sh", "enter", "e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#name", Input).value == "Priya Shah"
        assert form.query_one("#form-box").border_title == f"Edit #{form.contact.id}"
        form.query_one("#circle", Select).value = Circle.PERSONAL
        form.query_one("#company", Input).value = "Typed, then thrown away"
        await pilot.press("escape", "y")  # discard
        await pilot.pause()
        assert service.resolve("Priya Shah").company == "Northwind Analytics"
        await pilot.press("a")
        await pilot.pause()
        assert demo_app.screen is form
        assert form.query_one("#form-box").border_title == "Add a contact"
        assert form.contact is None and not form.dirty
        for field in ("name", "company", "introduced_by", "tags"):
            assert form.query_one(f"#{field}", Input).value == ""
        assert form.query_one("#circle", Select).value == Circle.NETWORK
        assert form.query_one("#status", Select).value == Status.ACTIVE
        assert form.query_one("#notes", TextArea).text == ""
        assert demo_app.focused is form.query_one("#name", Input)
        await pilot.press(*"Zed Newcomer", "ctrl+s")
        await pilot.pause()
        zed = service.resolve("Zed Newcomer")
        assert (zed.company, zed.circle) == ("", Circle.NETWORK)
        main_screen(demo_app).jump_to(service.resolve("Hugo Lambert").id)
        await pilot.press("e")
        await pilot.pause()
        hugo = service.resolve("Hugo Lambert")
        assert form.contact == hugo
        assert form.query_one("#name", Input).value == "Hugo Lambert"
        assert form.query_one("#company", Input).value == hugo.company
        assert form.query_one("#notes", TextArea).text == hugo.notes
        await pilot.press("ctrl+s")  # nothing changed: saves Hugo as he is
        await pilot.pause()
        assert service.resolve("Hugo Lambert").company == hugo.company


async def test_followup_form_edit_then_new(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("u", "e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FollowupForm) and form.followup is not None
        assert form.query_one("#who", Input).disabled
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f")  # a new one for the same contact
        await pilot.pause()
        assert demo_app.screen is form and form.followup is None
        assert not form.query_one("#who", Input).disabled
        assert form.query_one("#filter-box").border_title == "New follow-up"
        assert form.query_one("#action", Input).value == ""
        assert form.query_one("#due", Input).value == NEW_DUE
        assert demo_app.focused is form.query_one("#action", Input)
