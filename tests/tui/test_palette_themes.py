"""The command palette ranks the app's commands first, by word starts, and keeps Textual's
own commands in a group after them; a theme picker replaces cycling (issue 9, point 15)."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.theme_picker import DEFAULT_THEME, ThemeList, ThemePicker
from tests.tui.helpers import main_screen


async def offered(app: PeopleLinksApp, pilot: object, query: str) -> list[str]:
    """What the palette offers for ``query``, best first (opened afresh)."""
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)  # type: ignore[attr-defined]
    await pilot.pause(0.3)  # type: ignore[attr-defined]
    found = app.screen.query_one(CommandList)
    titles = [str(found.get_option_at_index(i).prompt).split("\n")[0]
              for i in range(found.option_count)]
    await pilot.press("escape")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return titles


async def test_palette_ranks_app_commands_by_word_start(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for query in ("import", "merge"):
            titles = await offered(demo_app, pilot, query)
            assert not any(t.startswith("Filter") for t in titles), (query, titles)
        titles = await offered(demo_app, pilot, "")
        textual = [i for i, t in enumerate(titles) if "Textual" in t]
        app = [i for i, t in enumerate(titles) if "Textual" not in t]
        assert textual and app and max(app) < min(textual), titles  # a group after the app's
        assert titles[0].startswith("Search")
        assert not any(t.startswith(("Theme  · Textual", "Quit  · Textual")) for t in titles)
        titles = await offered(demo_app, pilot, "ref gr")  # words of the help count too
        assert titles[0].startswith("Graph"), titles
        titles = await offered(demo_app, pilot, "theme")
        assert titles[0].startswith("Theme  (T)"), titles


async def test_theme_picker_marks_the_current_one_and_leads_back_to_the_default(
        demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert demo_app.theme == DEFAULT_THEME
        await pilot.press("T")
        await pilot.pause()
        picker = demo_app.screen
        assert isinstance(picker, ThemePicker)
        themes = picker.query_one(ThemeList)
        assert picker.names[0] == DEFAULT_THEME and themes.highlighted == 0
        first = str(themes.get_option_at_index(0).prompt)
        assert first.startswith("● ") and "(default, current)" in first
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        chosen = picker.names[2]
        assert demo_app.screen is main_screen(demo_app)
        assert demo_app.theme == chosen and service.theme == chosen
        await pilot.press("T")
        await pilot.pause()
        picker = demo_app.screen
        assert isinstance(picker, ThemePicker)
        themes = picker.query_one(ThemeList)
        assert themes.highlighted == 2  # the current one
        assert str(themes.get_option_at_index(2).prompt).startswith("● ")
        assert not str(themes.get_option_at_index(0).prompt).startswith("● ")
        await pilot.press("escape")  # changes nothing
        assert demo_app.theme == chosen
        await pilot.press("T", "home", "enter")  # back to the default
        await pilot.pause()
        assert demo_app.theme == DEFAULT_THEME and service.theme == DEFAULT_THEME
