"""Objective & goals (o): the dashboard view, the objective form (e, or O / the palette)
saving the objective and the goals as one undoable change, and contacts at a target
company marked in the list and on the card (issue 10, points 1 and 3)."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from peoplelinks.domain.enums import Level
from peoplelinks.domain.network import NetworkShape
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.objective import DashboardBox, ObjectiveScreen
from peoplelinks.tui.screens.objective_form import ObjectiveForm
from peoplelinks.tui.widgets.contact_list import TARGET_MARK
from peoplelinks.tui.widgets.dashboard import JOB_SEEKER_WARNING, NO_OBJECTIVE, shape_parts
from peoplelinks.tui.widgets.referral_tree import ReferralTree
from tests.tui.helpers import card_text, list_lines, main_screen


def view(app: PeopleLinksApp) -> ObjectiveScreen:
    screen = app.screen
    assert isinstance(screen, ObjectiveScreen), f"on {type(screen).__name__}"
    return screen


def form(app: PeopleLinksApp) -> ObjectiveForm:
    screen = app.screen
    assert isinstance(screen, ObjectiveForm), f"on {type(screen).__name__}"
    return screen


async def test_o_shows_the_objective_and_this_weeks_goals(demo_app: PeopleLinksApp) -> None:
    board = demo_app.service.dashboard()
    meetings = board.week.goals[0]
    shape = board.shape
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        text = view(demo_app).text
        assert "Senior Product Manager (manager)" in text
        assert "Contoso Health · Northwind Analytics" in text
        assert "face-to-face meetings" in text and f"{meetings.done}/{meetings.target}" in text
        assert "Last 8 weeks" in text and f"Streak: {board.streak} week" in text
        assert f"gen 1: {shape.per_generation[1]}" in text
        assert f"{shape.month_meetings_past_first} of {shape.month_meetings} meetings" in text
        top = demo_app.service.contact(shape.top_referrers[0].contact_id).name
        assert "Top referrers" in text and top in text
        assert (JOB_SEEKER_WARNING in " ".join(text.split())) == shape.too_many_job_seekers
        box = demo_app.screen.query_one(DashboardBox)
        assert box.has_focus
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("home", "j")
        await pilot.pause()
        assert box.scroll_y == min(1, box.max_scroll_y)
        await pilot.press("escape")
        await pilot.pause()
        main_screen(demo_app)


async def test_edit_role_and_a_goal_saves_one_undoable_change(
        demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    before = service.db.objective
    done = service.dashboard().week.goals[0].done
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("o", "e")
        await pilot.pause()
        edit = form(demo_app)
        assert edit.query_one("#role", Input).has_focus
        assert edit.query_one("#target_companies", TextArea).text.splitlines()[0] == \
            "Contoso Health"
        edit.query_one("#role", Input).value = "Staff Product Manager"
        edit.query_one("#goal-meetings", Input).value = "7"
        targets = edit.query_one("#target_companies", TextArea)
        targets.load_text(targets.text + "\nFabrikam, Inc.\n")  # a comma stays in the name
        await pilot.press("ctrl+s")
        await pilot.pause()
        objective = service.db.objective
        assert objective.role == "Staff Product Manager"
        assert objective.weekly_goals.meetings == 7
        assert objective.target_companies[-1] == "Fabrikam, Inc."
        assert objective.industries == before.industries  # untouched
        text = view(demo_app).text  # the view shows what was saved
        assert "Staff Product Manager" in text and f"{done}/7" in text
        await pilot.press("ctrl+z")  # one step undoes both
        await pilot.pause()
        assert service.db.objective.role == before.role
        assert service.db.objective.weekly_goals == before.weekly_goals
        assert service.db.objective.target_companies == before.target_companies
        assert f"{done}/{before.weekly_goals.meetings}" in view(demo_app).text


async def test_a_goal_that_is_not_a_number_shows_why_and_saves_nothing(
        demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    before = service.db.objective
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("o", "e")
        await pilot.pause()
        edit = form(demo_app)
        edit.query_one("#role", Input).value = "Changed"
        edit.query_one("#goal-followups", Input).value = "x"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form(demo_app) is edit  # still open
        error = edit.query_one("#goal-followups-error", Static)
        assert error.display
        assert "followups: 'x' is not a whole number" in str(error.render())
        assert edit.query_one("#goal-followups", Input).has_focus
        assert service.db.objective == before
        # Too many: the service says so under the field, and the objective (saved
        # first in the same change) is not saved either.
        edit.query_one("#goal-followups", Input).value = "5"
        edit.query_one("#goal-meetings", Input).value = "500"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form(demo_app) is edit
        assert "less than or equal to 100" in str(
            edit.query_one("#goal-meetings-error", Static).render())
        assert not edit.query_one("#goal-followups-error", Static).display
        assert service.db.objective == before
        await pilot.press("escape")  # something was typed: asks first
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        view(demo_app)
        assert service.db.objective == before


async def test_at_80x24_the_view_fits_and_scrolls(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        box = view(demo_app).query_one(DashboardBox)
        assert box.region.right <= 80 and box.region.bottom <= 24
        assert box.max_scroll_y > 0
        await pilot.press("pagedown", "pagedown", "end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("e")
        await pilot.pause()
        form(demo_app)
        await pilot.press("escape")
        await pilot.pause()
        view(demo_app)


async def test_no_objective_says_how_to_write_one(demo_service: PeopleLinks) -> None:
    demo_service.set_objective({"role": "", "industries": [], "target_companies": [],
                                "locations": [], "pitch": ""})
    app = PeopleLinksApp(demo_service)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not any(TARGET_MARK in line for line in list_lines(app))
        await pilot.press("o")
        await pilot.pause()
        assert NO_OBJECTIVE in view(app).text


async def test_user_text_in_the_objective_is_never_markup(demo_service: PeopleLinks) -> None:
    demo_service.set_objective({"role": "[bold]Eve[/]", "pitch": "[@click=app.quit]x[/]",
                                "target_companies": ["Bob [/]"]})
    app = PeopleLinksApp(demo_service)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        text = view(app).text
        assert "[bold]Eve[/]" in text and "[@click=app.quit]x[/]" in text and "Bob [/]" in text


async def test_shift_o_opens_the_form_from_the_main_screen(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("O")
        await pilot.pause()
        edit = form(demo_app)
        edit.query_one("#role", Input).value = "Head of Product"
        await pilot.press("ctrl+s")
        await pilot.pause()
        main_screen(demo_app)
        assert demo_app.service.db.objective.role == "Head of Product"


async def test_contacts_at_a_target_company_are_marked(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        ids = screen.contact_list.ids
        lines = list_lines(demo_app)

        def line_of(name: str) -> str:
            return lines[ids.index(service.resolve(name).id)]

        assert TARGET_MARK + "Northwind Analytics" in line_of("Aisha Karim")
        assert TARGET_MARK not in line_of("Ben Carter")  # Globex Logistics
        screen.jump_to(service.resolve("Aisha Karim").id)
        await pilot.pause()
        assert "target company" in card_text(demo_app)
        screen.jump_to(service.resolve("Ben Carter").id)
        await pilot.pause()
        assert "target company" not in card_text(demo_app)
        # Globex becomes a target (written otherwise): marked at once, list and card.
        await pilot.press("O")
        await pilot.pause()
        targets = form(demo_app).query_one("#target_companies", TextArea)
        targets.load_text(targets.text + "\nglobex logistics inc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        lines = list_lines(demo_app)
        assert TARGET_MARK + "Globex Logistics" in line_of("Ben Carter")
        assert "target company" in card_text(demo_app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        lines = list_lines(demo_app)
        assert TARGET_MARK not in line_of("Ben Carter")


async def test_typed_in_one_burst_the_form_saves_every_key(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # o, e, the role's end, " II", to the meetings goal (level, three lists, pitch),
        # its 5 replaced by 8, save: all at once, as a script or a paste would.
        await pilot.press("o", "e", "end", *" II", *["tab"] * 6, "end", "backspace", "8",
                          "ctrl+s")
        await pilot.pause()
        view(demo_app)
        assert service.db.objective.role == "Senior Product Manager II"
        assert service.db.objective.weekly_goals.meetings == 8


async def test_the_palette_offers_edit_the_objective(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(demo_app.screen, CommandPalette)
        await pilot.press(*"edit the objective")
        await pilot.pause(0.3)
        found = demo_app.screen.query_one(CommandList)
        first = str(found.get_option_at_index(0).prompt).split("\n")[0]
        assert first.startswith("Edit the objective")
        await pilot.press("enter")
        await pilot.pause()
        form(demo_app)


def test_most_recent_meetings_with_job_seekers_warn() -> None:
    shape = NetworkShape(per_circle={}, per_generation={}, month_meetings=0,
                         month_meetings_past_first=0, meetings_by_level={},
                         target_level=Level.UNKNOWN, recent_meetings=4,
                         recent_with_job_seekers=3, top_referrers=())
    text = Content.assemble(*shape_parts(shape, 76)).plain
    assert "3 of 4 recent meetings (75%)" in text
    assert " ".join(JOB_SEEKER_WARNING.split()) in " ".join(text.split())


async def test_the_graph_marks_target_companies_too(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    aisha, ben = service.resolve("Aisha Karim"), service.resolve("Ben Carter")
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(aisha.id)
        await pilot.press("g")
        await pilot.pause()
        tree = main_screen(demo_app).query_one(ReferralTree)
        assert TARGET_MARK + "Northwind Analytics" in tree.label_for(aisha).plain
        assert TARGET_MARK not in tree.label_for(ben).plain
