"""The quick log leaves nothing hanging: new leads get a "reach out" (a checkbox), the next
step goes to whom it is for, the follow-ups the talk answered can be ticked done, and the
referrals box grows with its lines."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select, TextArea

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.quick_log import AnswersList, QuickLog
from tests.tui.helpers import main_screen


async def open_log_on(app: PeopleLinksApp, pilot: object, name: str) -> QuickLog:
    main_screen(app).jump_to(app.service.resolve(name).id)
    await pilot.press("l")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, QuickLog)
    return screen


async def test_new_leads_get_a_reach_out_unless_unticked(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for name, tick in (("Lead One", True), ("Lead Two", False)):
            log = await open_log_on(demo_app, pilot, "Dev Patel")
            assert log.query_one("#reach-out", Checkbox).value is True
            log.query_one("#reach-out", Checkbox).value = tick
            log.query_one("#referrals", TextArea).load_text(f"{name} @ Initech")
            await pilot.press("ctrl+s")
            await pilot.pause()
            lead = service.resolve(name)
            actions = [f.action for f in service.db.followups_of(lead.id)]
            assert actions == ([f"Reach out to {name} (referred by Dev Patel)"] if tick else [])


async def test_the_next_step_goes_to_the_person_chosen(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "Dev Patel")
        with_field = log.query_one("#with", Input)
        with_field.value = "Dev Patel, Hugo Lambert"
        await pilot.pause()
        choose = log.query_one("#next-for", Select)
        hugo = service.resolve("Hugo Lambert")
        assert [value for _label, value in choose._options if value != Select.NULL] == [
            service.resolve("Dev Patel").id, hugo.id]
        choose.value = hugo.id
        log.query_one("#next", Input).value = "Connect with Hugo's team"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [f.action for f in service.db.followups_of(hugo.id) if not f.done][-1] == \
            "Connect with Hugo's team"


async def test_the_followups_the_talk_answered_are_ticked_done(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    priya = service.resolve("Priya Shah")
    (open_item,) = [f for f in service.db.followups_of(priya.id) if not f.done]
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "Priya Shah")
        answers = log.query_one("#answers", AnswersList)
        assert answers.display and answers.option_count == 1
        answers.focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.followup(open_item.id).done
        log = await open_log_on(demo_app, pilot, "Priya Shah")
        answers = log.query_one("#answers", AnswersList)
        shown = [str(answers.get_option_at_index(i).prompt) for i in range(answers.option_count)]
        assert len(shown) == 1 and "thank-you" in shown[0]  # the one this log made, only
        await pilot.press("escape")


async def test_the_referrals_box_grows_with_its_lines(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "Dev Patel")
        box = log.query_one("#referrals", TextArea)
        small = box.size.height
        box.load_text("A @ X\nB @ Y\nC @ Z\nD @ W\nE @ V")
        await pilot.pause()
        assert small <= 3 and box.size.height >= 5
