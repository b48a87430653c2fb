"""Help, footer and the README's key table come from the one command list (issue 9,
point 13), and at 80x24 nothing the user needs is cut or covered (point 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.commands import BY_ID, COMMANDS, README_END, README_START, readme_table
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.screens.followup_form import FollowupForm
from peoplelinks.tui.screens.help import HelpScreen, help_content
from peoplelinks.tui.screens.theme_picker import ThemePicker
from peoplelinks.tui.widgets.contact_card import ContactCard
from peoplelinks.tui.widgets.contact_list import ContactList
from peoplelinks.tui.widgets.followups import FollowupsPane
from peoplelinks.tui.widgets.footer import KeysFooter
from tests.tui.helpers import list_lines, main_screen

README = Path(__file__).resolve().parents[2] / "README.md"
MAIN_KEYS = {"slash", "a", "l", "g", "u", "ctrl+z"}  # what the main screen's bar shows


def shown(app: PeopleLinksApp) -> list[str]:
    """The keys of the bar at the bottom of the screen on top."""
    footer = app.screen.query_one(KeysFooter)
    return [key.key for key in footer.query(FooterKey)]


def test_readme_key_table_is_the_command_list() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    assert text[start:end] == readme_table(), "run: python scripts/readme_keys.py"


def test_help_and_readme_list_every_key_of_a_command() -> None:
    words = help_content().plain
    assert "del / D" in words
    assert "| `del` / `D` |" in readme_table()
    for command in COMMANDS:
        assert command.keys_all in words
    assert BY_ID["delete"].keys_all == "del / D"


async def test_a_modal_shows_its_own_keys_not_the_main_screens(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert set(shown(demo_app)) >= MAIN_KEYS
        for keys, modal, own in (
                (["a"], ContactForm, {"ctrl+s", "escape"}),
                (["f"], FollowupForm, {"ctrl+s", "escape"}),
                (["question_mark"], HelpScreen, {"escape"}),
                (["T"], ThemePicker, {"enter", "escape"}),
                (["delete"], Confirm, {"y", "n"}),
                (["ctrl+p"], CommandPalette, {"escape"})):
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(demo_app.screen, modal)
            keys_shown = set(shown(demo_app))
            assert own <= keys_shown, (keys, keys_shown)
            assert not MAIN_KEYS & keys_shown, (keys, keys_shown)
            await pilot.press("escape")
            await pilot.pause()
            assert demo_app.screen is main_screen(demo_app)
        assert set(shown(demo_app)) >= MAIN_KEYS


async def test_at_80x24_the_pane_keys_leave_room_for_help_and_quit(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = main_screen(demo_app).query_one(KeysFooter)
        for keys, own in (([], set()), (["u"], {"x", "s", "e"}), (["g"], {"right", "left"})):
            await pilot.press(*keys)
            await pilot.pause()
            on_bar = list(footer.query(FooterKey))
            assert own | {"question_mark", "q"} <= {key.key for key in on_bar}
            for key in on_bar:  # every key wholly inside the bar
                assert key.region.right <= footer.region.right, key.key
            palette = [k for k in on_bar if "-command-palette" in k.classes]
            others = [k for k in on_bar if k not in palette]
            assert max(k.region.right for k in others) <= palette[0].region.x


async def test_at_80x24_lists_and_card_cut_between_whole_pieces(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        companies = {c.company for c in screen.service.contacts() if c.company}
        cut = 0
        start = 4 + screen.contact_list.name_width
        for line in list_lines(demo_app):
            company = line[start:].strip().rstrip("▁▂▃▄▅▆▇█").strip()
            if not company:
                continue
            if company.endswith("…"):
                cut += 1
                words = company[:-1].split(" ")
                assert any(c.split(" ")[:len(words)] == words for c in companies), line
            else:
                assert company in companies, line
        assert cut
        card = screen.query_one(ContactCard)
        lines_of = screen.query_one(ContactList)
        for _ in range(len(lines_of.ids)):  # every contact's card
            lines = [card.render_line(y).text for y in range(card.size.height)]
            generation = [line for line in lines if "generation" in line]
            assert generation and all("generation " in line and
                                      line.split("generation ")[1][:1].strip()
                                      for line in generation), lines
            await pilot.press("j")


async def test_notifications_never_cover_the_followups(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("u", "x")
        await pilot.pause(0.3)
        pane = main_screen(demo_app).query_one(FollowupsPane)
        toasts = list(demo_app.screen.query(Toast))
        assert toasts
        for toast in toasts:
            assert not toast.region.overlaps(pane.region)
            assert toast.region.right <= main_screen(demo_app).query_one(
                "#contacts-pane").region.right


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_the_main_screen_comes_with_its_keys_in_its_first_frame(
        demo_app: PeopleLinksApp, size: tuple[int, int]) -> None:
    """The bar is filled as the main screen mounts, not once a frame has been drawn
    (Textual's way): mounting and styling a dozen keys then held up the first key
    the user pressed as the list showed (50-90 ms at 30,000 contacts). The keys
    are the ones the focused list brings, and the bar is not made again after."""
    keys_at_first_frame: list[list[str]] = []
    display = demo_app._display

    def displayed(screen: object, renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and not keys_at_first_frame and \
                demo_app.screen.query(KeysFooter):
            keys_at_first_frame.append(shown(demo_app))

    demo_app._display = displayed  # type: ignore[method-assign]
    async with demo_app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = demo_app.screen.query_one(KeysFooter)
        first_keys = list(footer.query(FooterKey))
        assert keys_at_first_frame and set(keys_at_first_frame[0]) >= MAIN_KEYS
        await pilot.pause(0.2)
        assert list(footer.query(FooterKey)) == first_keys  # the same widgets: not made again
