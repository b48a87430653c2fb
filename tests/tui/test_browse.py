"""Browsing: moving, searching, sorting, filtering, the card, tab and quit."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Input

from peoplelinks.domain.browse import SortKey
from peoplelinks.domain.enums import Circle
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.filters import FilterForm
from peoplelinks.tui.widgets.contact_card import ContactCard
from peoplelinks.tui.widgets.contact_list import ContactList
from peoplelinks.tui.widgets.followups import FollowupsPane
from tests.tui.helpers import card_text, highlighted_name, list_names, main_screen


async def test_list_shows_everyone_sorted_by_name(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        names = list_names(demo_app)
        assert len(names) == 30 and names == sorted(names, key=str.casefold)
        assert highlighted_name(demo_app) == names[0]
        assert names[0] in card_text(demo_app)


async def test_j_k_arrows_and_page_keys_move_and_update_card(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        names = list_names(demo_app)
        await pilot.press("j", "j")
        assert highlighted_name(demo_app) == names[2]
        assert card_text(demo_app).startswith(names[2])
        await pilot.press("k")
        assert highlighted_name(demo_app) == names[1]
        await pilot.press("down", "down", "up")
        assert highlighted_name(demo_app) == names[2]
        await pilot.press("end")
        assert highlighted_name(demo_app) == names[-1]
        await pilot.press("home")
        assert highlighted_name(demo_app) == names[0]
        await pilot.press("pagedown")
        assert list_names(demo_app).index(highlighted_name(demo_app) or "") > 5
        await pilot.press("pageup")
        assert highlighted_name(demo_app) == names[0]


async def test_search_as_you_type_and_escape(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"northwind")
        await pilot.pause()
        names = list_names(demo_app)
        assert set(names) == {"Aisha Karim", "Priya Shah", "Ravi Kumar", "Tom Becker"}
        pane = main_screen(demo_app).query_one("#contacts-pane")
        assert "northwind" in str(pane.border_title)
        await pilot.press("enter")  # back to the list, search kept
        assert demo_app.focused is main_screen(demo_app).query_one(ContactList)
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"priay")  # a typo: fuzzy
        await pilot.pause()
        assert list_names(demo_app)[0] == "Priya Shah"
        assert card_text(demo_app).startswith("Priya Shah")
        await pilot.press("escape")
        assert len(list_names(demo_app)) == 30


async def test_enter_focuses_the_card(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(demo_app.focused, ContactCard)


async def test_sort_cycles_and_shows_in_title(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        screen = main_screen(demo_app)
        assert screen.sort == SortKey.LAST_CONTACT
        # Logged yesterday, ties in name order; then Hugo Lambert two days ago.
        assert list_names(demo_app)[:4] == ["Julia Novak", "Omar Haddad", "Sofia Marin",
                                            "Hugo Lambert"]
        assert "by last contact" in str(screen.query_one("#contacts-pane").border_title)
        await pilot.press("S", "S")
        assert screen.sort == SortKey.COMPANY
        assert list_names(demo_app)[0] == "Hugo Lambert"  # Adventure Works


async def test_filter_form_narrows_and_escape_clears(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        assert isinstance(demo_app.screen, FilterForm)
        demo_app.screen.query_one("#circle").value = Circle.WORK
        demo_app.screen.query_one("#tag").value = "globex"
        await pilot.press("ctrl+s")
        await pilot.pause()
        names = list_names(demo_app)
        assert names == ["Ben Carter", "Fatima Zahra", "Karen Liu", "Lena Fischer", "Tariq Aziz"]
        title = str(main_screen(demo_app).query_one("#contacts-pane").border_title)
        assert "work" in title and "#globex" in title
        await pilot.press("escape")
        assert len(list_names(demo_app)) == 30


async def test_filter_form_refuses_a_bad_generation(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        demo_app.screen.query_one("#generation").value = "two"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, FilterForm)
        assert "generation: 'two'" in str(demo_app.screen.query_one("#filter-error").content)
        demo_app.screen.query_one("#generation").value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert set(list_names(demo_app)) >= {"Tom Becker", "Elena Rossi", "Sam Ortiz"}
        assert all(main_screen(demo_app).service.generation(i) == 3
                   for i in main_screen(demo_app).query_one(ContactList).ids)


async def test_tab_cycles_panes(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(type(demo_app.focused).__name__)
        assert "ContactCard" in seen and "FollowupsPane" in seen and "ContactList" in seen


async def test_q_quits(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert not demo_app.is_running


async def test_narrow_terminal_switches_follow_ups_in(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        pane = screen.query_one(FollowupsPane)
        assert screen.has_class("-narrow") and not pane.display
        await pilot.press("u")
        await pilot.pause()
        assert pane.display and demo_app.focused is pane
        assert not screen.query_one("#detail").display
        await pilot.press("tab")
        await pilot.pause()
        assert not pane.display


def _screen_line(app: PeopleLinksApp, y: int) -> str:
    """Line ``y`` as the terminal shows it (the compositor's, not a widget's)."""
    return main_screen(app)._compositor.render_strips()[y].text


async def test_the_titles_on_screen_follow_each_keystroke(demo_app: PeopleLinksApp) -> None:
    """The contacts pane's title counts the matches: set on its own line at every
    keystroke, it is what the screen shows, and the rest of the pane is drawn once."""
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = main_screen(demo_app).query_one("#contacts-pane")
        top = pane.region.y
        assert "Contacts 30 " in _screen_line(demo_app, top)
        await pilot.press("slash")
        typed = ""
        for letters in ("n", "o", "rthwind"):
            await pilot.press(*letters)
            await pilot.pause()
            typed += letters
            title = f"Contacts {len(list_names(demo_app))}/30 · “{typed}”"
            shown = _screen_line(demo_app, top)
            assert title in shown, shown
            assert len(shown) == 120
        await pilot.press("escape")
        await pilot.pause()
        assert "Contacts 30 " in _screen_line(demo_app, top)
        assert "northwind" not in _screen_line(demo_app, top)


async def test_the_same_rows_again_redraw_only_the_contact_that_changed(
        demo_app: PeopleLinksApp) -> None:
    """After a save the list is set again with the same ids: a row whose contact is
    unchanged keeps its drawn line; the changed contact's row is drawn again."""
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        contacts = screen.query_one(ContactList)
        before = [contacts.render_line(y) for y in range(contacts.size.height)]
        changed = contacts.ids[3]
        demo_app.service.edit_contact(changed, {"company": "Renamed Corp"})
        screen.refresh_list()
        await pilot.pause()
        for y, line in enumerate(before):
            after = contacts.render_line(y)
            if y == 3:
                assert after is not line and "Renamed Corp" in after.text
            elif y != contacts.cursor:
                assert after is line, (y, after.text)
        assert "Renamed Corp" in _screen_line(demo_app, contacts.region.y + 3)


async def test_a_search_typed_while_the_search_tables_are_made_waits_for_them(
        demo_app: PeopleLinksApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Just opened, the app makes the search tables in a thread. A search typed
    meanwhile does not make them again in the UI's thread (1.5 s at 30,000: the keys
    typed after it waited that long): the box shows what is typed, the title says
    it is searching, and the matches come once the tables are made."""
    from peoplelinks.domain.search import SearchIndex  # noqa: PLC0415

    release = threading.Event()
    warm_up = SearchIndex.warm_up

    def slow_warm_up(index: SearchIndex) -> None:
        release.wait(10)
        warm_up(index)

    monkeypatch.setattr(SearchIndex, "warm_up", slow_warm_up)
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        everyone = list_names(demo_app)
        await pilot.press("slash", "m", "a")
        await pilot.pause()
        screen = main_screen(demo_app)
        title = str(screen.query_one("#contacts-pane").border_title)
        assert screen.query_one("#search", Input).value == "ma"
        assert "searching" in title and list_names(demo_app) == everyone
        release.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if list_names(demo_app) != everyone:
                break
        service = screen.service
        expected = [service.db.contacts[i].name for i in service.browse_ids("ma")]
        assert list_names(demo_app) == expected and expected[0] == "Marcus Hill"
        assert "searching" not in str(screen.query_one("#contacts-pane").border_title)
