"""Today's list (t) and planning a meeting (p), issue 10."""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.widgets import Input, TextArea

from peoplelinks.domain.enums import PlanStatus
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens import strategy_actions
from peoplelinks.tui.screens import today as today_screen
from peoplelinks.tui.screens.plan_form import PlanForm
from peoplelinks.tui.screens.today import TodayList, TodayScreen
from tests.tui.helpers import main_screen, notices


async def test_p_plans_a_meeting_with_the_highlighted_contact(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    priya = service.resolve("Priya Shah")
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(priya.id)
        await pilot.press("p")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, PlanForm)
        form.query_one("#date", Input).value = "tomorrow"
        form.query_one("#place", Input).value = "Blue Bottle"
        form.query_one("#agenda", TextArea).load_text("Her team\nThe role")
        form.query_one("#ask_for", TextArea).load_text("a hiring manager, data")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)
        plan = service.next_plan(priya.id)
        assert plan is not None and plan.place == "Blue Bottle"
        assert plan.agenda == ["Her team", "The role"]
        assert plan.ask_for == ["a hiring manager, data"]  # commas stay in one line
        assert any("Planned P" in n for n in notices(demo_app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert service.next_plan(priya.id) is None


async def test_a_past_date_is_refused_under_the_field(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, PlanForm)
        form.query_one("#date", Input).value = "2020-01-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is form
        assert "in the past" in str(form.query_one("#date-error").render())


async def test_today_lists_what_to_do_and_enter_acts(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    overdue = service.open_followups()[0]
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, TodayScreen)
        listing = screen.query_one(TodayList)
        first = screen._selected()
        assert first is not None and first.kind == "overdue"
        assert first.followup_id == overdue.id
        await pilot.press("x")  # done, from today's list
        await pilot.pause()
        assert service.followup(overdue.id).done
        await pilot.press("t")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, TodayScreen)
        listing = screen.query_one(TodayList)
        start = listing.highlighted
        await pilot.press("j")
        assert listing.highlighted is not None and start is not None
        assert listing.highlighted > start
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)


async def test_p_on_todays_list_plans_with_the_lines_contact(
        demo_app: PeopleLinksApp) -> None:
    """The demo's plan is in two days: today's list does not show it; p on today's
    list plans one for the line's contact."""
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, TodayScreen)
        items = list(screen._items.values())
        assert all(item.kind != "plan" for item in items)
        assert [p.status for p in service.planned()] == [PlanStatus.PLANNED]
        lead = next(key for key, item in screen._items.items() if item.kind == "lead")
        listing = screen.query_one(TodayList)
        listing.highlighted = listing.get_option_index(lead)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(demo_app.screen, PlanForm)
        assert demo_app.screen.contact is not None
        assert demo_app.screen.contact.id == screen._items[lead].contact_id


async def test_l_on_the_day_of_a_plan_logs_that_meeting(demo_app: PeopleLinksApp) -> None:
    """The quick log opens prefilled from the plan (what to ask for proposed as
    referrals); saving holds the plan, and the week's meetings goal moves."""
    from textual.widgets import Checkbox, Select

    from peoplelinks.domain.enums import Kind, Outcome
    from peoplelinks.tui.screens.quick_log import QuickLog

    service = demo_app.service
    tom = service.resolve("Tom Becker")
    plan = service.next_plan(tom.id)
    assert plan is not None
    service.edit_plan(plan.id, date=service.today)
    before = service.dashboard().week.goal("meetings")
    assert before is not None
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(tom.id)
        await pilot.press("l")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, QuickLog) and form.plan is not None
        assert form.query_one("#referrals", TextArea).text == "Aisha Karim"
        assert form.query_one("#kind", Select).value == Kind.MEETING
        form.query_one("#outcome").focus()
        await pilot.press("g")  # how it went: one key
        form.query_one("#shared", Checkbox).value = True
        form.query_one("#referrals", TextArea).load_text("")  # not given this time
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)
        held = service.plan(plan.id)
        assert held.status == PlanStatus.HELD and held.interaction_id is not None
        talk = service.interaction(held.interaction_id)
        assert talk.outcome == Outcome.GOOD and talk.shared_objective
        after = service.dashboard().week.goal("meetings")
        assert after is not None and after.done == before.done + 1
        assert any("P1 is held" in n for n in notices(demo_app))


async def test_asking_again_without_giving_nudges(demo_app: PeopleLinksApp) -> None:
    from textual.widgets import Checkbox, Static

    service = demo_app.service
    karen = service.resolve("Karen Liu")
    service.log([karen.id], when=service.today, asked_for_referrals=True)
    service.log([karen.id], when=service.today, asked_for_recommendation=True)
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(karen.id)
        await pilot.press("l")
        await pilot.pause()
        nudge = demo_app.screen.query_one("#nudge", Static)
        assert not nudge.display
        demo_app.screen.query_one("#asked", Checkbox).value = True
        await pilot.pause()
        assert nudge.display and "Karen" in str(nudge.render())
        demo_app.screen.query_one("#gave", Input).value = "An intro to Yusuf"
        await pilot.pause()
        assert not nudge.display


async def test_plans_show_in_the_followups_pane_and_e_changes_one(
        demo_app: PeopleLinksApp) -> None:
    from peoplelinks.tui.widgets.followups import FollowupsPane

    service = demo_app.service
    (plan,) = service.planned()
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        pane = demo_app.screen.query_one(FollowupsPane)
        assert pane.entry is not None and pane.entry.followup_id is not None  # overdue first
        pane.highlighted = pane.get_option_index(f"p{plan.id}")
        await pilot.pause()
        assert pane.entry is not None and pane.entry.plan_id == plan.id
        await pilot.press("x")  # not a follow-up: says how a plan is held
        await pilot.pause()
        assert any("l logs it" in n for n in notices(demo_app))
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, PlanForm) and form.plan == plan
        form.query_one("#place", Input).value = "Their office"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.plan(plan.id).place == "Their office"


def test_the_card_shows_the_meeting_planned_and_what_was_shared(
        demo_app: PeopleLinksApp) -> None:
    from peoplelinks.tui.widgets.contact_card import card_content

    service = demo_app.service
    tom = card_content(service, service.resolve("Tom Becker"), 60).plain
    assert "meeting       P1" in tom and "at Blue Bottle" in tom
    karen = card_content(service, service.resolve("Karen Liu"), 60).plain
    assert "told my goal  " in karen and "recommended   asked" in karen
    dev = card_content(service, service.resolve("Dev Patel"), 60).plain
    assert "give / ask    gave in 1 talk(s), asked in 1" in dev


async def test_the_contact_form_records_dates_and_suggests_others(
        demo_app: PeopleLinksApp) -> None:
    from textual.widgets import Select

    from peoplelinks.domain.enums import Status
    from peoplelinks.tui.screens.contact_form import ContactForm

    service = demo_app.service
    ben = service.resolve("Ben Carter")
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(ben.id)
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#objective_shared_on", Input).value = "yesterday"
        form.query_one("#status", Select).value = Status.NOT_HELPFUL
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = service.contact(ben.id)
        assert saved.status == Status.NOT_HELPFUL
        assert saved.objective_shared_on is not None
        assert saved.objective_shared_on < service.today
        assert any("Try instead of Ben Carter" in n and "Karen Liu" in n
                   for n in notices(demo_app))
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#recommendation_given_on", Input).value = "next week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is form  # the future is refused, naming the field
        assert "recommendation_given_on" in str(
            form.query_one("#recommendation_given_on-error").render())


async def test_titles_with_a_users_name_are_never_markup(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    bob = service.add_contact({"name": "Bob [/] [b]x[/b]"})
    service.log([bob.id], when=service.today, notes="hi")
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(bob.id)
        for key, title in (("h", "Talks and follow-ups of Bob [/] [b]x[/b]"),
                           ("p", "Plan a meeting with Bob [/] [b]x[/b]")):
            await pilot.press(key)
            await pilot.pause()
            box = demo_app.screen.query_one("#history-box" if key == "h" else "#form-box")
            # Kept as the literal text: its markup form escapes every bracket.
            assert box.border_title == Content(title).markup
            await pilot.press("escape")
            await pilot.pause()


async def test_c_w_and_b_open_companies_warm_paths_and_a_brief(
        demo_app: PeopleLinksApp) -> None:
    from peoplelinks.tui.screens.brief import BriefScreen
    from peoplelinks.tui.screens.coverage import CoverageScreen
    from peoplelinks.tui.screens.paths import PathsScreen

    service = demo_app.service
    carlos = service.resolve("Carlos Mendes")
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(demo_app.screen, CoverageScreen)
        await pilot.press("escape")
        await pilot.pause()
        main_screen(demo_app).jump_to(carlos.id)
        await pilot.press("w")  # into Blue Yonder Airlines, Carlos's company
        await pilot.pause()
        paths = demo_app.screen
        assert isinstance(paths, PathsScreen)
        await pilot.press("p")  # plan a meeting with the first person to ask: Li Wei
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, PlanForm) and form.contact is not None
        assert form.contact.name == "Li Wei"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(demo_app.screen, BriefScreen)


async def test_enter_on_a_meeting_today_opens_its_brief(demo_app: PeopleLinksApp) -> None:
    from peoplelinks.tui.screens.brief import BriefScreen

    service = demo_app.service
    (plan,) = service.planned()
    service.edit_plan(plan.id, date=service.today)
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, TodayScreen)
        first = screen._selected()
        assert first is not None and first.kind == "plan" and first.plan_id == plan.id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, BriefScreen)


async def test_the_followups_pane_marks_people_at_target_companies(
        demo_app: PeopleLinksApp) -> None:
    from peoplelinks.tui.widgets.followups import FollowupsPane

    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = main_screen(demo_app).query_one(FollowupsPane)
        prompts = {key: str(pane.get_option(key).prompt) for key in pane._entries}
        for key, entry in pane._entries.items():
            company = service.contact(entry.contact_id).company
            at_target = company in service.db.objective.target_companies
            assert ("◎ " in prompts[key]) == at_target, (key, company)
        assert any("◎ " in text for text in prompts.values())


async def test_a_large_network_opens_today_at_once_and_fills_it_beside_the_ui(
        demo_app: PeopleLinksApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a network over the size worked out at once, a list not worked out yet is
    worked out in a thread: the screen shows at once, the lines follow."""
    monkeypatch.setattr(today_screen, "BACKGROUND_FROM", 0)
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await demo_app.workers.wait_for_complete()  # the start's own working-out
        service.add_followup(service.contacts()[0].id, "Send the deck")  # a change
        assert not service.today_ready()
        await pilot.press("t")
        screen = demo_app.screen
        assert isinstance(screen, TodayScreen)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert service.today_ready()
        titles = [item.title for item in screen._items.values()]
        assert titles == [item.title for item in service.today_items()]
        assert screen._selected() is not None
        await pilot.press("escape")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)


async def test_views_are_worked_out_after_a_pause_and_a_key_puts_it_off(
        demo_app: PeopleLinksApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a change the app works today's list out in the background once the user
    pauses; a key arriving first starts the wait again."""
    monkeypatch.setattr(strategy_actions, "PREPARE_DELAY", 0.3)
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main = main_screen(demo_app)
        service.add_followup(service.contacts()[0].id, "Send the deck")
        main.refresh_followups()  # as after any change made through the screen
        first = main._prepare_timer
        assert first is not None and not service.today_ready()
        await pilot.press("j")  # busy: the wait starts again
        assert main._prepare_timer is not None and main._prepare_timer is not first
        await pilot.pause(0.5)
        await demo_app.workers.wait_for_complete()
        assert main._prepare_timer is None
        assert service.today_ready()  # worked out, without opening the view
