"""The referral graph, the follow-ups pane, help, the palette, themes and the welcome."""

from __future__ import annotations

from datetime import timedelta

from textual.command import CommandPalette
from textual.widgets import ContentSwitcher, Input

from peoplelinks.service import PeopleLinks
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.commands import COMMANDS
from peoplelinks.tui.screens.ask_date import AskDate
from peoplelinks.tui.screens.help import HelpScreen
from peoplelinks.tui.screens.loading import LoadingScreen
from peoplelinks.tui.screens.welcome import WelcomeScreen
from peoplelinks.tui.widgets.contact_card import ContactCard
from peoplelinks.tui.widgets.contact_list import ContactList
from peoplelinks.tui.widgets.followups import FollowupsPane
from peoplelinks.tui.widgets.referral_tree import ReferralTree
from tests.conftest import TODAY
from tests.tui.helpers import card_text, highlighted_name, list_names, main_screen


async def test_graph_reveals_highlighted_contact(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"aisha", "enter", "g")
        await pilot.pause()
        screen = main_screen(demo_app)
        tree = screen.query_one(ReferralTree)
        assert screen.query_one(ContentSwitcher).current == "graph"
        assert demo_app.focused is tree
        node = tree.cursor_node
        assert node is not None and node.data == screen.service.resolve("Aisha Karim").id
        # the path You > Dev > Priya > Tom > Aisha was expanded
        path = []
        while node is not None and node.data:
            path.append(node.label.plain.split(" · ")[0].lstrip("◦ "))
            node = node.parent
        assert path == ["Aisha Karim", "Tom Becker", "Priya Shah", "Dev Patel"]
        assert "g4" in tree.cursor_node.label.plain
        assert tree.cursor_node.label.spans  # leads are styled differently


async def test_moving_in_the_graph_moves_the_selection(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"dev patel", "enter", "g")
        await pilot.pause()
        tree = main_screen(demo_app).query_one(ReferralTree)
        await pilot.press("space")  # expand Dev: Priya, Ravi
        await pilot.press("down")
        await pilot.pause()
        assert tree.cursor_node is not None
        name = tree.cursor_node.label.plain.split(" · ")[0]
        assert name in {"Priya Shah", "Ravi Kumar"}
        assert highlighted_name(demo_app) == name
        assert card_text(demo_app).startswith(name)
        await pilot.press("g")  # g again: back to the card and the list
        await pilot.pause()
        assert main_screen(demo_app).query_one(ContentSwitcher).current == "card"
        assert isinstance(demo_app.focused, ContactList)


async def test_followups_pane_done_snooze_and_jump(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        service: PeopleLinks = screen.service
        await pilot.press("u")
        pane = screen.query_one(FollowupsPane)
        assert demo_app.focused is pane
        first = pane.entry
        assert first is not None and first.followup_id is not None
        overdue = service.followup(first.followup_id)
        assert overdue.due < TODAY and overdue.action == "Send thank-you note"
        await pilot.press("x")
        await pilot.pause()
        assert service.followup(first.followup_id).done
        second = pane.entry
        assert second is not None and second.followup_id != first.followup_id
        await pilot.press("s")
        assert isinstance(demo_app.screen, AskDate)
        ask = demo_app.screen.query_one(Input)
        ask.value = "in 2 weeks"
        await pilot.pause()
        assert "Sunday 06 December 2026" in str(demo_app.screen.query_one("#ask-preview").content)
        await pilot.press("enter")
        await pilot.pause()
        assert service.followup(second.followup_id or 0).due == TODAY + timedelta(days=14)
        entry = pane.entry
        assert entry is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.focused, ContactList)
        assert highlighted_name(demo_app) == service.contact(entry.contact_id).name


async def test_snooze_bad_date_stays_with_error(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("u", "s")
        demo_app.screen.query_one(Input).value = "someday maybe"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, AskDate)
        assert "cannot understand 'someday maybe'" in str(
            demo_app.screen.query_one("#ask-preview").content)
        await pilot.press("escape")
        assert demo_app.screen is main_screen(demo_app)


async def test_help_lists_every_command_key(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(demo_app.screen, HelpScreen)
        text = str(demo_app.screen.query_one("#help-text").content)
        words = " ".join(text.split())  # long lines are wrapped under their text
        for command in COMMANDS:
            assert f"{command.keys_shown}" in text and command.help in words
        for line in text.splitlines():
            if line.strip() and not line.startswith("  "):
                assert line in ("Commands", "Moving around", "In a form"), line
        await pilot.press("escape")
        assert demo_app.screen is main_screen(demo_app)


def test_bindings_footer_and_help_come_from_one_list() -> None:
    from peoplelinks.tui.screens.main import MainScreen

    bound = {b.id: b for b in MainScreen.BINDINGS}  # type: ignore[union-attr]
    panes = {pane.PANE: pane for pane in (FollowupsPane, ReferralTree, ContactCard)}
    for command in COMMANDS:
        if command.pane:
            widget = panes[command.pane]
            binding = {b.id: b for b in widget.BINDINGS}[command.id]  # type: ignore[union-attr]
            # The follow-ups pane and the card ask their screen; the graph acts on itself.
            owner = MainScreen if binding.action.startswith("screen.") else widget
            action = binding.action.removeprefix("screen.")
        else:
            binding, owner, action = bound[command.id], MainScreen, command.action
        assert (binding.key, action, binding.description) == (
            command.key, command.action, command.title)
        assert callable(getattr(owner, f"action_{command.action}", None)) or \
            command.action.startswith("app.")


async def test_palette_runs_commands_and_jumps_to_contacts(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(demo_app.screen, CommandPalette)
        await pilot.press(*"marcus")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert highlighted_name(demo_app) == "Marcus Hill"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"referral graph")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(demo_app).query_one(ContentSwitcher).current == "graph"


async def test_theme_switch_is_remembered(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        before = demo_app.theme
        await pilot.press("T", "j", "enter")  # the theme picker: the one after the default
        await pilot.pause()
        assert demo_app.theme != before
        assert demo_app.service.theme == demo_app.theme
        assert demo_app.service.changes()[0][0].summary == "Loaded the demo network"  # not undoable
    again = PeopleLinksApp(demo_app.service)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert again.theme == demo_app.theme


async def test_welcome_on_empty_database_then_demo(empty_app: PeopleLinksApp) -> None:
    async with empty_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(empty_app.screen, WelcomeScreen)
        await pilot.press("d")
        await pilot.pause()
        assert len(list_names(empty_app)) == 30
        pane = main_screen(empty_app).query_one(FollowupsPane)
        assert pane.entry is not None  # the demo's follow-ups, not the empty database's
        assert str(pane.border_title) == "Follow-ups · 7 due · 5 coming"


async def test_welcome_log_a_chat_with_someone_new(empty_app: PeopleLinksApp) -> None:
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press(*"Maya Fern", "ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # yes, add Maya Fern
        await pilot.pause()
        assert list_names(empty_app) == ["Maya Fern"]
        service = main_screen(empty_app).service
        assert len(service.db.interactions_of(service.resolve("Maya Fern").id)) == 1
        pane = main_screen(empty_app).query_one(FollowupsPane)
        entry = pane.entry  # the thank-you note proposed for tomorrow
        assert entry is not None and entry.followup_id is not None
        assert service.followup(entry.followup_id).action == "Send a thank-you note"


async def test_welcome_add_first_contact(empty_app: PeopleLinksApp) -> None:
    async with empty_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"First Person", "ctrl+s")
        await pilot.pause()
        assert list_names(empty_app) == ["First Person"]
        assert highlighted_name(empty_app) == "First Person"


async def test_app_opens_a_path_in_a_thread_behind_a_loading_screen(
        tmp_path: object, demo_service: PeopleLinks) -> None:
    path = demo_service.db.path
    demo_service.close()
    app = PeopleLinksApp(path=path)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.service is not None and not isinstance(app.screen, LoadingScreen):
                break
        await pilot.pause(0.2)
        assert len(list_names(app)) == 30
    app.service.close()


async def test_app_reports_a_locked_database(demo_service: PeopleLinks) -> None:
    app = PeopleLinksApp(path=demo_service.db.path)  # demo_service holds the lock
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.error:
                break
    assert app.error is not None and "open in another peoplelinks" in app.error
