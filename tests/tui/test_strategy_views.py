"""Target companies, warm paths and the brief as modal screens (issue 10, points 4-6)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Markdown

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.brief import BriefBox, BriefScreen
from peoplelinks.tui.screens.coverage import CoverageList, CoverageScreen
from peoplelinks.tui.screens.paths import PathsScreen

HOSTILE = "[b]Bob[/b] *x* <y>"
TARGETS = ["Proseware", "Contoso Health", "Northwind Analytics", "Fabrikam Robotics",
           "Blue Yonder Airlines"]


def screen_text(screen: Screen[Any]) -> str:
    """Every line the screen draws, as plain text."""
    return "\n".join(strip.text for strip in screen._compositor.render_strips())


async def show(app: PeopleLinksApp, pilot: Pilot[None], screen: Screen[Any],
               results: list[object]) -> None:
    """Push ``screen`` on top; what it closes with goes to ``results``."""
    await app.push_screen(screen, results.append)
    await pilot.pause()
    assert app.screen is screen


def at(lines: list[str], start: str) -> int:
    """The index of the first line starting with ``start``."""
    return next(i for i, line in enumerate(lines) if line.startswith(start))


async def move_to(screen: CoverageScreen | PathsScreen, pilot: Pilot[None], index: int) -> None:
    """Press j until line ``index`` is highlighted."""
    listing = screen.query_one(CoverageList) if isinstance(screen, CoverageScreen) else \
        screen.query_one("#paths-list")
    for _ in range(len(screen.lines)):
        if listing.highlighted == index:  # type: ignore[attr-defined]
            return
        await pilot.press("j")
    assert listing.highlighted == index  # type: ignore[attr-defined]


# ---- target companies ----------------------------------------------------------------


async def test_coverage_lists_every_target_nobody_first(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = CoverageScreen(demo_app.service)
        await show(demo_app, pilot, screen, results)
        lines = screen.lines
        assert lines[0] == "Proseware — nobody there yet"
        headers = [line for line in lines if not line.startswith(" ")]
        assert [h.split(" — ")[0] for h in headers] == [
            "Proseware", "Fabrikam Robotics", "Blue Yonder Airlines", "Contoso Health",
            "Northwind Analytics"]
        assert set(TARGETS) == {h.split(" — ")[0] for h in headers}
        assert "Fabrikam Robotics — 1 contact, 1 lead, last talk 15 Nov" in lines
        assert "  James Wright · Chief Product Officer · last talk 15 Nov" in lines
        assert "  Nina Volkova · Recruiter · lead, not contacted yet" in lines
        assert "Contoso Health — 2 contacts, 2 leads, last talk 19 Nov" in lines
        text = screen_text(screen)
        assert "Target companies" in text and "Proseware — nobody there yet" in text
        await pilot.press("escape")
        await pilot.pause()
        assert results == [None]


async def test_coverage_enter_opens_a_person_and_w_shows_paths(
        demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    james = service.resolve("James Wright")
    async with demo_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = CoverageScreen(service)
        await show(demo_app, pilot, screen, results)
        await move_to(screen, pilot, at(screen.lines, "  James Wright"))
        await pilot.press("enter")
        await pilot.pause()
        assert results == [("open", james.id)]

        screen = CoverageScreen(service)
        await show(demo_app, pilot, screen, results)
        await move_to(screen, pilot, at(screen.lines, "  Nina Volkova"))
        await pilot.press("w")  # on any line of a company
        await pilot.pause()
        assert results[-1] == ("paths", "Fabrikam Robotics")

        screen = CoverageScreen(service)
        await show(demo_app, pilot, screen, results)
        await move_to(screen, pilot, at(screen.lines, "Blue Yonder Airlines"))
        await pilot.press("w")  # on the company's own line
        await pilot.pause()
        assert results[-1] == ("paths", "Blue Yonder Airlines")

        screen = CoverageScreen(service)
        await show(demo_app, pilot, screen, results)
        listing = screen.query_one(CoverageList)
        await pilot.press("end")
        assert listing.highlighted == len(screen.lines) - 1
        await pilot.press("home", "j", "down")
        assert listing.highlighted == 2
        await pilot.press("k", "up")
        assert listing.highlighted == 0
        await pilot.press("enter")  # on a company's line: its paths
        await pilot.pause()
        assert results[-1] == ("paths", "Proseware")


async def test_coverage_shows_the_way_in_where_only_leads_are(
        demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    li = service.resolve("Li Wei")
    carlos = service.resolve("Carlos Mendes")
    service.edit_contact(li.id, {"company": "Elsewhere Inc"})
    async with demo_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = CoverageScreen(service)
        await show(demo_app, pilot, screen, results)
        lines = screen.lines
        start = at(lines, "Blue Yonder Airlines")
        assert lines[start] == "Blue Yonder Airlines — no contact, 1 lead"
        assert lines[start + 1] == "  Carlos Mendes · Engineering Director · lead, not " \
                                   "contacted yet"
        assert lines[start + 2] == "  way in: ask Li Wei (you talked 18 Nov) → Carlos Mendes"
        await move_to(screen, pilot, start + 1)
        await pilot.press("enter")
        await pilot.pause()
        assert results == [("open", carlos.id)]


async def test_coverage_without_targets_says_how_to_add_them(
        empty_app: PeopleLinksApp) -> None:
    async with empty_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = CoverageScreen(empty_app.service)
        await show(empty_app, pilot, screen, results)
        assert len(screen.lines) == 1 and "press O (edit the objective)" in screen.lines[0]
        await pilot.press("enter", "w")  # nothing to act on
        await pilot.pause()
        assert results == [] and empty_app.screen is screen
        await pilot.press("O")
        await pilot.pause()
        assert results == [("objective", "")]


async def test_coverage_footer_shows_its_keys(demo_app: PeopleLinksApp) -> None:
    from textual.widgets._footer import FooterKey  # noqa: PLC0415

    from peoplelinks.tui.widgets.footer import KeysFooter  # noqa: PLC0415

    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for screen in (CoverageScreen(demo_app.service),
                       PathsScreen(demo_app.service, "Fabrikam Robotics"),
                       BriefScreen(demo_app.service, demo_app.service.resolve("Li Wei").id)):
            await show(demo_app, pilot, screen, [])
            await pilot.pause()
            keys = {key.key for key in screen.query_one(KeysFooter).query(FooterKey)}
            assert "escape" in keys
            if not isinstance(screen, BriefScreen):
                assert "enter" in keys
            if isinstance(screen, CoverageScreen):
                assert "w" in keys
            if isinstance(screen, PathsScreen):
                assert "p" in keys
            await pilot.press("escape")
            await pilot.pause()


# ---- warm paths ----------------------------------------------------------------------


async def test_paths_list_each_path_and_its_steps(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    li = service.resolve("Li Wei")
    carlos = service.resolve("Carlos Mendes")
    async with demo_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = PathsScreen(service, "blue yonder")  # typed loosely
        await show(demo_app, pilot, screen, results)
        assert screen.company == "Blue Yonder Airlines"
        assert screen.lines == [
            "1. to Li Wei (Blue Yonder Airlines) · 1 step",
            "   You talked with Li Wei — last talk 18 Nov",
            "2. to Carlos Mendes (Blue Yonder Airlines) · 2 steps",
            "   You talked with Li Wei — last talk 18 Nov",
            "   Li Wei introduced Carlos Mendes — never talked",
        ]
        assert "Warm paths to Blue Yonder Airlines" in screen_text(screen)
        await move_to(screen, pilot, 4)
        await pilot.press("enter")
        await pilot.pause()
        assert results == [("open", carlos.id)]

        screen = PathsScreen(service, "Blue Yonder Airlines")
        await show(demo_app, pilot, screen, results)
        await move_to(screen, pilot, 4)
        await pilot.press("p")  # plan with the first person of the path: the one to ask
        await pilot.pause()
        assert results[-1] == ("plan", li.id)

        screen = PathsScreen(service, "Blue Yonder Airlines")
        await show(demo_app, pilot, screen, results)
        await move_to(screen, pilot, 2)
        await pilot.press("enter")  # on a path's title: the person it reaches
        await pilot.pause()
        assert results[-1] == ("open", carlos.id)

        screen = PathsScreen(service, "Blue Yonder Airlines")
        await show(demo_app, pilot, screen, results)
        await pilot.press("escape")
        await pilot.pause()
        assert results[-1] is None


async def test_paths_to_a_company_nobody_is_at(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = PathsScreen(demo_app.service, "Proseware")
        await show(demo_app, pilot, screen, results)
        (line,) = screen.lines
        assert "nobody there is linked to you yet" in line
        assert "Add who you know there" in line and "ask your contacts" in line
        await pilot.press("enter", "p")
        await pilot.pause()
        assert results == [] and demo_app.screen is screen
        assert "No path to plan" in str(screen.query_one("#paths-note").render())


async def test_paths_to_an_ambiguous_name_says_so(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    service.add_contact({"name": "Una Example", "company": "Fabrikam Textiles"})
    async with demo_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = PathsScreen(service, "fabri")
        await show(demo_app, pilot, screen, results)
        note = str(screen.query_one("#paths-note").render())
        assert "could be" in note and "Fabrikam Robotics" in note
        assert screen.lines == []
        await pilot.press("escape")
        await pilot.pause()
        assert results == [None]


# ---- the brief -------------------------------------------------------------------------


def brief_text(screen: BriefScreen) -> str:
    """The text of every block of the rendered Markdown."""
    from textual.widgets._markdown import MarkdownBlock  # noqa: PLC0415

    return "\n".join(block._content.plain for block in
                     screen.query_one(Markdown).query(MarkdownBlock))


async def test_brief_shows_the_page_and_scrolls(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    priya = service.resolve("Priya Shah")
    async with demo_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = BriefScreen(service, priya.id)
        await show(demo_app, pilot, screen, results)
        await pilot.pause()
        text = brief_text(screen)
        assert "Brief: Priya Shah" in text
        assert "Director of Product at Northwind Analytics" in text
        assert "You → Dev Patel → Priya Shah" in text
        assert "Brief: Priya Shah" in screen_text(screen)
        box = screen.query_one(BriefBox)
        assert box.has_focus and box.max_scroll_y > 0
        await pilot.press("j")
        await pilot.pause()
        assert box.scroll_y == 1
        await pilot.press("k")
        await pilot.pause()
        assert box.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 1
        await pilot.press("pageup")
        await pilot.pause()
        assert box.scroll_y == 0
        await pilot.press("escape")
        await pilot.pause()
        assert results == [None]


async def test_brief_of_an_unknown_contact_says_so(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = BriefScreen(demo_app.service, 9999)
        await show(demo_app, pilot, screen, results)
        assert "no contact has id 9999" in screen_text(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert results == [None]


# ---- hostile names and small terminals -------------------------------------------------


async def test_hostile_names_show_literally(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    bob = service.add_contact({"name": HOSTILE, "company": "Proseware",
                               "title": "[i]Chief[/i] `x`"})
    service.log([bob.id], kind="coffee", notes="Met [@click=app.quit]here[/] _a_ <b>")
    async with demo_app.run_test(size=(120, 36)) as pilot:
        results: list[object] = []
        screen = CoverageScreen(service)
        await show(demo_app, pilot, screen, results)
        assert f"  {HOSTILE} · [i]Chief[/i] `x` · last talk 22 Nov" in screen.lines
        assert HOSTILE in screen_text(screen)
        await pilot.press("escape")

        paths = PathsScreen(service, "Proseware")
        await show(demo_app, pilot, paths, results)
        assert paths.lines[0] == f"1. to {HOSTILE} (Proseware) · 1 step"
        assert paths.lines[1] == f"   You talked with {HOSTILE} — last talk 22 Nov"
        assert HOSTILE in screen_text(paths)
        await pilot.press("escape")

        brief = BriefScreen(service, bob.id)
        await show(demo_app, pilot, brief, results)
        await pilot.pause()
        text = brief_text(brief)
        assert f"Brief: {HOSTILE}" in text
        assert "[i]Chief[/i] `x` at Proseware" in text
        assert "Met [@click=app.quit]here[/] _a_ <b>" in text
        assert f"Brief: {HOSTILE}" in screen_text(brief)  # the box's title too
        await pilot.press("escape")
        await pilot.pause()
        assert results == [None, None, None]


async def test_each_screen_fits_80x24(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for screen, first in (
                (CoverageScreen(service), "Proseware — nobody there yet"),
                (PathsScreen(service, "Contoso"), "1. to Sam Ortiz (Contoso Health) · 1 step"),
                (BriefScreen(service, service.resolve("Dev Patel").id), "Brief: Dev Patel")):
            await show(demo_app, pilot, screen, [])
            await pilot.pause()
            text = screen_text(screen)
            assert first in text, text
            await pilot.press("escape")
            await pilot.pause()
