"""Hostile text pasted and typed into every form of the app (contact form, quick log with its
With field and referral lines, follow-up form, search), then every view looked at: list, card,
graph, follow-ups, palette, dropdown, notifications, help. Nothing acts as markup or reaches
the terminal as a control code, nothing crashes, and the text is stored cleaned."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, TextArea

from peoplelinks.service import PeopleLinks
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.screens.help import HelpScreen
from peoplelinks.tui.screens.quick_log import QuickLog
from peoplelinks.tui.widgets.contact_autocomplete import ContactAutoComplete
from tests.adversarial.hostile import HOSTILE, assert_clean
from tests.tui.helpers import card_text, list_names, main_screen

# Two kinds of hostile text at a time: every one is tried, in half the rounds.
SAMPLE = [("markup", "click"), ("link", "variable"), ("osc52", "title"), ("clear", "bel nul"),
          ("rtl", "combining"), ("emoji", "cjk")]


async def paste(app: PeopleLinksApp, pilot: object, text: str) -> None:
    app.post_message(events.Paste(text))
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


def screen_text(app: PeopleLinksApp) -> str:
    svg = app.export_screenshot()
    assert_clean(svg)
    return svg


async def test_hostile_text_through_every_form_and_view(tmp_path: Path) -> None:
    service = PeopleLinks.open(tmp_path / "db.json")
    service.add_contact({"name": "Anchor Person"})
    app = PeopleLinksApp(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for first, second in SAMPLE:
            label, text = first, f"{HOSTILE[first]} {HOSTILE[second]}"
            # the contact form: name pasted, company typed... (paste into every field)
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ContactForm)
            await paste(app, pilot, f"N {text}")
            await pilot.press("tab")
            await paste(app, pilot, text)  # company
            app.screen.query_one("#notes", TextArea).focus()
            await paste(app, pilot, f"{text}\nline two {text}")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is main_screen(app), f"{label}: {app.screen}"
            screen_text(app)
            # the quick log on it: notes, a referral line, a next step, all hostile
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, QuickLog)
            await paste(app, pilot, text)  # notes
            app.screen.query_one("#referrals", TextArea).focus()
            await paste(app, pilot, f"R {text[:60]} @ {text} - {text}\nsecond@lead.example")
            await pilot.press("ctrl+s")
            await pilot.pause()
            if isinstance(app.screen, Confirm):  # "second@lead.example" exists: a new lead
                screen_text(app)
                await pilot.press("n")
                await pilot.pause()
            assert app.screen is main_screen(app), f"{label}: {type(app.screen).__name__}"
            screen_text(app)
        names = list_names(app)
        assert len(names) == 1 + len(SAMPLE) * 3  # each: a contact and two leads
        for name in names:
            assert_clean(name)
        assert "N [b]bold[/b] [red]red[/] [@click=app.quit]quit[/]" in names  # text, not markup
        # every view
        for key in ("j", "j", "g", "space", "g", "u", "j", "tab"):
            await pilot.press(key)
            await pilot.pause()
            screen_text(app)
        await pilot.press("escape", "slash", *"quit")
        await pilot.pause()
        assert any("[@click=app.quit]quit[/]" in n for n in list_names(app))
        await pilot.press("enter")
        await pilot.pause()
        assert "[@click=app.quit]quit[/]" in card_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bold")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        screen_text(app)
        prompts = [str(app.screen.query_one(OptionList).get_option_at_index(i).prompt)
                   for i in range(app.screen.query_one(OptionList).option_count)]
        assert any("[b]bold[/b]" in p for p in prompts), prompts
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        with_field = app.screen.query_one("#with", Input)
        with_field.focus()
        with_field.value = ""
        await pilot.press(*"link")
        await pilot.pause()
        screen_text(app)
        dropdown = app.screen.query_one(ContactAutoComplete).option_list
        assert dropdown.option_count >= 1
        await pilot.press("escape", "escape")  # the dropdown, then the log
        await pilot.pause()
        if isinstance(app.screen, Confirm):
            await pilot.press("y")  # discard what was typed
            await pilot.pause()
        main_screen(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        screen_text(app)
        await pilot.press("escape")
        for message in (str(n.message) for n in app._notifications):
            assert_clean(message)
        assert app.is_running  # no click markup quit it
    stored = service.db.snapshot().decode("utf-8")
    for bad in ("\\u001b", "\\u0007", "\\u0000", "\\u202e"):
        assert bad not in stored
    leads = [c for c in service.contacts() if c.emails == ["second@lead.example"]]
    assert len(leads) == len(SAMPLE)  # an email on its own line is kept whole, as an email
    service.close()
