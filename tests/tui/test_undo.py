"""ctrl+z undoes the last change in the app, whatever it was, and says what it undid;
ctrl+y redoes it. Help, the footer and the palette know both keys."""

from __future__ import annotations

from textual.widgets import Input

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.commands import BY_ID
from peoplelinks.tui.widgets.followups import FollowupsPane
from tests.tui.helpers import card_text, list_names, main_screen, notices


async def test_x_on_the_wrong_followup_then_ctrl_z_reopens_it(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        entry = main_screen(demo_app).query_one(FollowupsPane).entry
        assert entry is not None and entry.followup_id is not None
        wrong = entry.followup_id
        await pilot.press("x")
        await pilot.pause()
        assert service.followup(wrong).done
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not service.followup(wrong).done
        assert any(n.startswith("Undid: Done: ") for n in notices(demo_app))
        pane = main_screen(demo_app).query_one(FollowupsPane)
        shown = [e.followup_id for e in pane._entries.values()]
        assert wrong in shown
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert service.followup(wrong).done
        assert any(n.startswith("Redid: Done: ") for n in notices(demo_app))


async def test_undo_an_add_an_edit_and_a_log_one_after_another(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Zoe Undo", "ctrl+s")
        await pilot.pause()
        assert "Zoe Undo" in list_names(demo_app)
        await pilot.press("e", "tab", *"Acme", "ctrl+s")
        await pilot.pause()
        assert service.search("zoe undo")[0].company == "Acme"
        await pilot.press("l", *"a coffee to take back", "ctrl+s")
        await pilot.pause()
        zoe = service.search("zoe undo")[0]
        assert service.db.interactions_of(zoe.id)
        for expected in ("Logged coffee with Zoe Undo", "Edited Zoe Undo", "Added Zoe Undo"):
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert notices(demo_app)[-1].startswith(f"Undid: {expected}")
        assert "Zoe Undo" not in list_names(demo_app)
        assert "Zoe Undo" not in card_text(demo_app)


async def test_undo_works_from_the_search_box_and_says_when_nothing_is_left(
        empty_app: PeopleLinksApp) -> None:
    service = empty_app.service
    service.add_contact({"name": "Ann Lee"})
    async with empty_app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "a")
        assert isinstance(empty_app.focused, Input)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert service.contacts() == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert notices(empty_app)[-1] == "Nothing to undo"


def test_help_footer_and_palette_know_undo_and_redo() -> None:
    assert BY_ID["undo"].key == "ctrl+z" and BY_ID["undo"].show
    assert BY_ID["redo"].key == "ctrl+y"
