"""The contact dropdown under name fields: quick log, follow-up form, contact form."""

from __future__ import annotations

from textual.widgets import Input

from peoplelinks.domain.models import Contact
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.screens.followup_form import FollowupForm
from peoplelinks.tui.screens.quick_log import QuickLog
from peoplelinks.tui.widgets.contact_autocomplete import ContactAutoComplete
from tests.tui.helpers import main_screen


def shown(dropdown: ContactAutoComplete) -> list[str]:
    """The dropdown's lines, as the user reads them."""
    options = dropdown.option_list
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_quick_log_in_with(app: PeopleLinksApp, pilot: object) -> QuickLog:
    await pilot.press("l")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    log = app.screen
    assert isinstance(log, QuickLog)
    field = log.query_one("#with", Input)
    field.focus()
    field.value = ""
    await pilot.pause()  # type: ignore[attr-defined]
    return log


async def test_quick_log_completes_the_name_being_typed(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_quick_log_in_with(demo_app, pilot)
        dropdown = log.query_one(ContactAutoComplete)
        await pilot.press(*"Hugo Lambert, pri")
        await pilot.pause()
        assert dropdown.display
        lines = shown(dropdown)
        assert lines[0].startswith("Priya Shah") and "Northwind Analytics" in lines[0]
        # "pri" also starts Elena's title (Principal PM): the search finds her too.
        assert any(line.startswith("Elena Rossi") for line in lines)
        await pilot.press("tab")
        await pilot.pause()
        field = log.query_one("#with", Input)
        assert field.value == "Hugo Lambert, Priya Shah, "  # ready for the next name
        assert demo_app.focused is field and not dropdown.display
        await pilot.press(*"hugo")  # one already chosen is not offered again
        await pilot.pause()
        assert not any(line.startswith("Hugo Lambert") for line in shown(dropdown))
        field.value = "Hugo Lambert, Priya Shah, "
        await pilot.press("ctrl+s")
        await pilot.pause()
        service = demo_app.service
        last = service.db.interactions_of(service.resolve("Priya Shah").id)[0]
        assert set(last.contact_ids) == {service.resolve("Hugo Lambert").id,
                                         service.resolve("Priya Shah").id}


async def test_typos_are_forgiven_and_down_picks_the_next(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_quick_log_in_with(demo_app, pilot)
        await pilot.press(*"hugo lambret")
        await pilot.pause()
        assert shown(log.query_one(ContactAutoComplete))[0].startswith("Hugo Lambert")
        log.query_one("#with", Input).value = ""
        await pilot.press(*"pri", "down", "enter")
        await pilot.pause()
        assert log.query_one("#with", Input).value != "Priya Shah"  # the second match
        assert log.query_one("#with", Input).value in {"Elena Rossi, ", "Tom Becker, "}


async def test_escape_hides_the_dropdown_before_it_cancels(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_quick_log_in_with(demo_app, pilot)
        dropdown = log.query_one(ContactAutoComplete)
        await pilot.press(*"pri")
        await pilot.pause()
        assert dropdown.display
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.screen is log and not dropdown.display
        await pilot.press("escape")  # now the form: "pri" was typed, so it asks
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)


async def test_reopened_log_has_no_dropdown_left_open(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_quick_log_in_with(demo_app, pilot)
        await pilot.press(*"pri")
        await pilot.pause()
        await pilot.press("ctrl+s")  # "pri" is nobody: asks to add a new contact
        await pilot.pause()
        await pilot.press("n", "escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)
        await pilot.press("l")
        await pilot.pause()
        assert demo_app.screen is log and not log.query_one(ContactAutoComplete).display


async def test_shared_names_complete_to_their_id(demo_app: PeopleLinksApp,
                                                 priya_twin: Contact) -> None:
    twin = priya_twin
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_quick_log_in_with(demo_app, pilot)
        await pilot.press(*"priya")
        await pilot.pause()
        lines = shown(log.query_one(ContactAutoComplete))
        assert any("Elsewhere Inc" in line and f"#{twin.id}" in line for line in lines)
        index = next(i for i, line in enumerate(lines) if "Elsewhere Inc" in line)
        await pilot.press(*["down"] * index, "tab")
        await pilot.pause()
        assert log.query_one("#with", Input).value == f"#{twin.id}, "


async def test_followup_form_completes_who(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main_screen(demo_app).query_one("#followups").focus()
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FollowupForm)
        who = form.query_one("#who", Input)
        who.focus()
        who.value = ""
        await pilot.press(*"yusu", "enter")
        await pilot.pause()
        assert demo_app.screen is form  # enter took the name; it did not save
        assert who.value == "Yusuf Demir"


async def test_contact_form_completes_introduced_by(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, ContactForm)
        await pilot.press(*"New Person")
        form.query_one("#introduced_by", Input).focus()
        await pilot.pause()
        await pilot.press(*"dev pat", "tab")
        await pilot.pause()
        service = demo_app.service
        dev = service.resolve("Dev Patel")
        assert form.query_one("#introduced_by", Input).value == f"#{dev.id} Dev Patel"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.resolve("New Person").introduced_by == dev.id


async def test_completing_in_the_middle_replaces_the_whole_name(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_quick_log_in_with(demo_app, pilot)
        field = log.query_one("#with", Input)
        await pilot.press(*"priya sh", "left", "left", "tab")
        await pilot.pause()
        assert field.value == "Priya Shah, "
        field.value = "Hugo Lambert, Priya Shah"
        field.cursor_position = len("Hugo")
        await pilot.press("backspace", "o")  # a change, so the dropdown opens on "Hugo"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert field.value == "Hugo Lambert, Priya Shah"


async def test_a_name_with_a_comma_completes_to_its_id(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    lee = service.add_contact({"name": "Lee, Ann", "company": "Comma Corp"})
    service.add_contact({"name": "Ann Leeds"})
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_quick_log_in_with(demo_app, pilot)
        await pilot.press(*"comma co")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert log.query_one("#with", Input).value == f"#{lee.id}, "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.db.interactions_of(lee.id)
        main_screen(demo_app).jump_to(lee.id)
        await pilot.press("l")
        await pilot.pause()
        assert log.query_one("#with", Input).value == f"#{lee.id}"  # prefilled the same way


async def test_new_followup_for_a_shared_name_is_for_that_contact(
        demo_app: PeopleLinksApp, priya_twin: Contact) -> None:
    service, twin = demo_app.service, priya_twin
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(twin.id)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"Send the twin a note", "ctrl+s")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)
        assert [f.action for f in service.db.followups_of(twin.id)] == ["Send the twin a note"]
