"""Adding, editing and deleting contacts from the TUI."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from peoplelinks.domain.enums import Status
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.contact_form import ContactForm
from tests.tui.helpers import card_text, highlighted_name, list_names, main_screen


async def test_add_contact_with_every_kind_of_field(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(demo_app.screen, ContactForm)
        await pilot.press(*"Nora Quinn")
        form = demo_app.screen
        form.query_one("#company", Input).value = "Proseware"
        form.query_one("#emails", Input).value = "nora@proseware.com, n.q@example.org"
        form.query_one("#tags", Input).value = "target, pma"
        form.query_one("#introduced_by", Input).value = "Rachel Kim"
        form.query_one("#keep_in_touch_days", Input).value = "90"
        form.query_one("#status").value = Status.LEAD
        form.query_one("#notes", TextArea).text = "Runs platform.\nMet at PMA."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(demo_app.screen, ContactForm)
        service = main_screen(demo_app).service
        nora = service.resolve("Nora Quinn")
        assert (nora.company, nora.emails, nora.tags, nora.status, nora.keep_in_touch_days) == (
            "Proseware", ["nora@proseware.com", "n.q@example.org"], ["target", "pma"],
            Status.LEAD, 90)
        assert nora.notes == "Runs platform.\nMet at PMA."
        assert service.contact(nora.introduced_by or 0).name == "Rachel Kim"
        assert highlighted_name(demo_app) == "Nora Quinn"
        assert card_text(demo_app).startswith("Nora Quinn")


async def test_validation_error_names_field_and_keeps_typing(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Zed")
        form = demo_app.screen
        form.query_one("#emails", Input).value = "zed-at-nowhere"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, ContactForm)
        error = form.query_one("#emails-error")
        assert error.display and "emails: 'zed-at-nowhere' is not a valid email" in str(
            error.content)
        assert demo_app.focused is form.query_one("#emails", Input)
        assert form.query_one("#name", Input).value == "Zed"
        assert form.query_one("#emails", Input).value == "zed-at-nowhere"
        form.query_one("#emails", Input).value = "zed@nowhere.org"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Zed" in list_names(demo_app)


async def test_unknown_introducer_is_an_error_on_that_field(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Zed")
        demo_app.screen.query_one("#introduced_by", Input).value = "Nobody Atall"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, ContactForm)
        assert "introduced_by: no contact matches" in str(
            demo_app.screen.query_one("#introduced_by-error").content)


async def test_empty_name_refused(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert "name: must not be empty" in str(demo_app.screen.query_one("#name-error").content)


async def test_escape_asks_before_discarding_typed_text(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Half typed", "escape")
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("n")
        assert isinstance(demo_app.screen, ContactForm)
        assert demo_app.screen.query_one("#name", Input).value == "Half typed"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(demo_app.screen, (ContactForm, Confirm))
        assert "Half typed" not in list_names(demo_app)


async def test_escape_on_untouched_form_closes_at_once(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("a", "escape")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)


async def test_edit_highlighted_contact(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"priya", "enter", "e")
        form = demo_app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#introduced_by", Input).value.endswith("Dev Patel")
        title = form.query_one("#title", Input)
        title.value = "VP Product"
        await pilot.press("ctrl+s")
        await pilot.pause()
        service = main_screen(demo_app).service
        priya = service.resolve("Priya Shah")
        assert priya.title == "VP Product" and service.introducer(priya).name == "Dev Patel"
        assert "VP Product at Northwind Analytics" in card_text(demo_app)


async def test_delete_asks_then_moves_to_trash(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = highlighted_name(demo_app)
        await pilot.press("delete")
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("n")
        assert first in list_names(demo_app)
        await pilot.press("D", "y")
        await pilot.pause()
        service = main_screen(demo_app).service
        assert first not in list_names(demo_app)
        assert [c.name for c in service.contacts(trash=True)] == [first]
        assert highlighted_name(demo_app) == list_names(demo_app)[0]
