"""User text is shown literally everywhere, crashes nothing and triggers nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from peoplelinks.service import PeopleLinks
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.widgets.followups import FollowupsPane
from peoplelinks.tui.widgets.referral_tree import ReferralTree
from tests.conftest import TODAY
from tests.tui.conftest import UNSAFE_NAMES
from tests.tui.helpers import card_text, list_lines, main_screen


@pytest.fixture
def unsafe_app(tmp_path: Path) -> PeopleLinksApp:
    service = PeopleLinks.open(tmp_path / "unsafe.json", today=lambda: TODAY)
    boss = service.add_contact({"name": "[red]Boss[/red]", "company": "[link=x]Co[/link]",
                                "notes": "[b]not bold[/b] \x1b[31mnot red"})
    for name in UNSAFE_NAMES:
        contact = service.add_contact({"name": name, "company": name, "introduced_by": boss.id,
                                       "tags": ["[tag]"]})
        service.add_followup(contact.id, f"email {name}", TODAY)
    return PeopleLinksApp(service)


async def test_list_card_graph_followups_show_names_literally(unsafe_app: PeopleLinksApp) -> None:
    async with unsafe_app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        lines = "\n".join(list_lines(unsafe_app))
        for name in [*UNSAFE_NAMES, "[red]Boss[/red]"]:
            assert name in lines
        for _ in range(len(UNSAFE_NAMES) + 1):
            text = card_text(unsafe_app)
            name = text.split("\n", 1)[0].replace("  lead — not met yet", "")
            assert name in [*UNSAFE_NAMES, "[red]Boss[/red]"]
            await pilot.press("j")
        screen = main_screen(unsafe_app)
        screen.jump_to(screen.service.resolve("[red]Boss[/red]").id)
        await pilot.pause()
        boss_card = card_text(unsafe_app)
        assert "[b]not bold[/b] not red" in boss_card and "[link=x]Co[/link]" in boss_card
        pane = main_screen(unsafe_app).query_one(FollowupsPane)
        prompts = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
        for name in UNSAFE_NAMES:
            assert any(f"email {name}" in p for p in prompts)
        await pilot.press("g")
        await pilot.pause()
        tree = main_screen(unsafe_app).query_one(ReferralTree)
        await pilot.press("space")
        await pilot.pause()
        labels = [child.label.plain for child in tree.root.children[0].children]
        for name in UNSAFE_NAMES:
            assert any(label.startswith(name) for label in labels), labels
        assert unsafe_app.is_running  # [@click=app.quit] did not quit


async def test_palette_shows_names_literally(unsafe_app: PeopleLinksApp) -> None:
    async with unsafe_app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bold")
        await pilot.pause(0.5)
        assert isinstance(unsafe_app.screen, CommandPalette)
        options = unsafe_app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt)
                 for i in range(options.option_count)]
        assert any("[bold]Eve[/]" in s for s in shown), shown
        await pilot.press("enter")
        await pilot.pause()
        assert card_text(unsafe_app).startswith("[bold]Eve[/]")


async def test_notifications_show_names_literally(unsafe_app: PeopleLinksApp) -> None:
    async with unsafe_app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("u", "x")
        await pilot.pause()
        messages = [str(n.message) for n in unsafe_app._notifications]
        assert any("Done: email" in m and "[" in m for m in messages), messages
        assert unsafe_app.is_running


async def test_contact_dropdown_shows_names_literally(unsafe_app: PeopleLinksApp) -> None:
    from textual.widgets import Input

    from peoplelinks.tui.widgets.contact_autocomplete import ContactAutoComplete

    async with unsafe_app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        field = unsafe_app.screen.query_one("#with", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"boss")
        await pilot.pause()
        options = unsafe_app.screen.query_one(ContactAutoComplete).option_list
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts and prompts[0].startswith("[red]Boss[/red]  [link=x]Co[/link]")
        await pilot.press("tab")
        await pilot.pause()
        assert field.value == "[red]Boss[/red], "
        assert unsafe_app.is_running
