"""One keyboard model: j/k, the arrows, home/end and pgup/pgdn move the same way in every
list-like pane and modal, and the keys act on what is shown (issue 9, points 1 and 9)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import ContentSwitcher

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.help import HelpBox, HelpScreen
from peoplelinks.tui.screens.theme_picker import ThemeList, ThemePicker
from peoplelinks.tui.widgets.contact_card import ContactCard
from peoplelinks.tui.widgets.contact_list import ContactList
from peoplelinks.tui.widgets.followups import FollowupsPane
from peoplelinks.tui.widgets.referral_tree import ReferralTree
from tests.tui.helpers import main_screen
from tests.tui.test_key_burst import burst


async def walk(pilot: object, where: str, position: Callable[[], float]) -> None:
    """Every moving key, in the pane that has the focus, moves as in every other."""
    async def press(key: str) -> float:
        await pilot.press(key)  # type: ignore[attr-defined]
        return position()

    top = await press("home")
    below = await press("j")
    assert below > top, f"{where}: j did not move down"
    assert await press("k") == top, f"{where}: k did not come back"
    assert await press("down") == below, f"{where}: down is not j"
    assert await press("up") == top, f"{where}: up is not k"
    assert await press("k") == top, f"{where}: k went past the top"
    page = await press("pagedown")
    assert page > below, f"{where}: pgdn did not move a page"
    assert await press("pageup") == top, f"{where}: pgup did not come back"
    last = await press("end")
    assert last >= page, f"{where}: end is not the end"
    assert await press("j") == last, f"{where}: j went past the end (or wrapped)"
    assert await press("home") == top, f"{where}: home is not the top"


async def test_every_pane_moves_with_the_same_keys(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        contacts = screen.query_one(ContactList)
        await walk(pilot, "contact list", lambda: contacts.cursor)

        await pilot.press("slash", *"priya sh", "enter", "enter")  # Priya's card: long
        card = screen.query_one(ContactCard)
        assert demo_app.focused is card
        await walk(pilot, "card", lambda: card.scroll_offset.y)

        await pilot.press("u")
        pane = screen.query_one(FollowupsPane)
        assert demo_app.focused is pane
        await walk(pilot, "follow-ups", lambda: pane.highlighted or 0)

        await pilot.press("g")
        tree = screen.query_one(ReferralTree)
        assert demo_app.focused is tree
        await walk(pilot, "graph", lambda: tree.cursor_line)

        await pilot.press("question_mark")
        assert isinstance(demo_app.screen, HelpScreen)
        box = demo_app.screen.query_one(HelpBox)
        await walk(pilot, "help", lambda: box.scroll_offset.y)
        await pilot.press("escape")

        await pilot.press("T")
        assert isinstance(demo_app.screen, ThemePicker)
        themes = demo_app.screen.query_one(ThemeList)
        await walk(pilot, "theme picker", lambda: themes.highlighted or 0)
        await pilot.press("escape")
        assert demo_app.screen is screen


async def test_u_j_x_completes_the_second_followup(demo_app: PeopleLinksApp) -> None:
    """What the new user did: the second follow-up is done, not the first."""
    service = demo_app.service
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = main_screen(demo_app).query_one(FollowupsPane)
        first, second, third = [e.followup_id for e in pane._entries.values()][:3]
        await pilot.press("u", "j", "x")
        await pilot.pause()
        assert service.followup(second or 0).done
        assert not service.followup(first or 0).done
        # Keys in one burst (a fast typist): the second in the pane is now the third.
        await burst(demo_app, pilot, "home", "j", "x")
        assert service.followup(third or 0).done and not service.followup(first or 0).done


async def test_the_card_follows_the_followups_pane(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        card = screen.query_one(ContactCard)
        pane = screen.query_one(FollowupsPane)
        assert card.contact_id == screen.contact_list.highlighted
        await pilot.press("u")
        await pilot.pause()
        for key in ("j", "j", "end", "k", "home"):
            entry = pane.entry
            assert entry is not None
            assert card.contact_id == entry.contact_id, key
            assert card.content.plain.startswith(service.contact(entry.contact_id).name)
            await pilot.press(key)
            await pilot.pause()
        # A search hides the contact: the card still shows it, the search stays.
        await pilot.press("slash", *"zzz", "enter")  # nobody
        assert screen.contact_list.highlighted is None
        await pilot.press("u", "j")
        await pilot.pause()
        entry = pane.entry
        assert entry is not None and card.contact_id == entry.contact_id
        assert screen.query_text == "zzz"
        await pilot.press("slash", "escape")  # the search cleared, back in the list
        await pilot.pause()
        assert demo_app.focused is screen.contact_list
        assert card.contact_id == screen.contact_list.highlighted is not None


async def test_enter_in_the_graph_opens_the_card(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        await pilot.press("slash", *"aisha", "enter", "g")
        await pilot.pause()
        tree = screen.query_one(ReferralTree)
        await pilot.press("k")  # Tom Becker, who introduced Aisha
        await pilot.pause()
        node = tree.cursor_node
        assert node is not None and node.data == screen.service.resolve("Tom Becker").id
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(ContentSwitcher).current == "card"
        assert str(screen.query_one("#detail").border_title) == "Contact"
        card = screen.query_one(ContactCard)
        assert demo_app.focused is card
        assert card.content.plain.startswith("Tom Becker")
