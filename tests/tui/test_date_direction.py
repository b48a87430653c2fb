"""Date fields look the right way in the app: a log's date back, a snooze ahead of the
due date it moves (today is Sunday 22 November 2026)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.ask_date import AskDate
from peoplelinks.tui.screens.quick_log import QuickLog
from peoplelinks.tui.widgets.followups import FollowupsPane
from tests.conftest import TODAY
from tests.tui.helpers import main_screen


def preview(app: PeopleLinksApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_quick_log_date_looks_back_and_refuses_the_future(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        log = demo_app.screen
        assert isinstance(log, QuickLog) and log.contact is not None
        who = log.contact.id
        field = log.query_one("#date", Input)
        field.value = "next week"
        await pilot.pause()
        assert "'next week' is Mon 23 Nov 2026, in the future" in preview(demo_app,
                                                                         "#date-preview")
        field.value = "thursday"
        await pilot.pause()
        assert preview(demo_app, "#date-preview") == "→ Thursday 19 November 2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert main_screen(demo_app)
        service = demo_app.service
        assert service.db.interactions_of(who)[0].date == date(2026, 11, 19)


async def test_snooze_offers_a_date_after_the_current_due_date(
        demo_app: PeopleLinksApp) -> None:
    """Snoozing a follow-up due after today never offers a date before its due date
    (it offered "tomorrow", the 23rd, for one due on the 25th)."""
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        service = demo_app.service
        await pilot.press("u")
        pane = main_screen(demo_app).query_one(FollowupsPane)
        for _ in range(20):
            entry = pane.entry
            if entry and entry.followup_id and service.followup(entry.followup_id).due > TODAY:
                break
            await pilot.press("down")
            await pilot.pause()
        assert pane.entry is not None and pane.entry.followup_id is not None
        item = service.followup(pane.entry.followup_id)
        assert item.due > TODAY
        await pilot.press("s")
        await pilot.pause()
        ask = demo_app.screen
        assert isinstance(ask, AskDate)
        assert f"(due {item.due:%a %d %b})" in str(ask.query_one("#ask-question", Static).content)
        offered = ask.query_one(Input).value
        shown = preview(demo_app, "#ask-preview")
        assert offered == "in 1 week"
        week_after = item.due.toordinal() + 7
        assert shown == f"→ {date.fromordinal(week_after):%A %d %B %Y}"
        ask.query_one(Input).value = "today"  # earlier than it is due: refused
        await pilot.pause()
        assert "before the current due date" in preview(demo_app, "#ask-preview")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, AskDate)
        ask.query_one(Input).value = offered
        await pilot.press("enter")
        await pilot.pause()
        assert service.followup(item.id).due == date.fromordinal(week_after)
