"""The referral graph's keys: → expands, ← collapses, enter opens the card, and the footer
and help show them while the graph has the focus (issue 9, point 10); its lines fit the
pane, cut between words (point 14)."""

from __future__ import annotations

import re

from textual.widgets._footer import FooterKey

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.help import HelpScreen
from peoplelinks.tui.widgets.contact_list import TARGET_MARK
from peoplelinks.tui.widgets.footer import KeysFooter
from peoplelinks.tui.widgets.referral_tree import ReferralTree
from tests.tui.helpers import main_screen


def name_of(tree: ReferralTree) -> str:
    node = tree.cursor_node
    assert node is not None
    return node.label.plain.split(" · ")[0].lstrip("◦ ")


async def test_arrows_expand_and_collapse_and_never_scroll_sideways(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        await pilot.press("slash", *"dev patel", "enter", "g")
        await pilot.pause()
        tree = screen.query_one(ReferralTree)
        assert name_of(tree) == "Dev Patel"
        node = tree.cursor_node
        assert node is not None
        node.collapse()
        await pilot.pause()
        await pilot.press("right")  # expands Dev
        await pilot.pause()
        assert node.is_expanded and name_of(tree) == "Dev Patel"
        await pilot.press("right")  # expanded: to the first person Dev introduced
        await pilot.pause()
        assert name_of(tree) == "Priya Shah"
        await pilot.press("left")  # Priya is collapsed: up to Dev
        await pilot.pause()
        assert name_of(tree) == "Dev Patel"
        await pilot.press("left")  # collapses Dev
        await pilot.pause()
        assert not node.is_expanded and name_of(tree) == "Dev Patel"
        await pilot.press("space")  # space still toggles
        await pilot.pause()
        assert node.is_expanded
        assert tree.scroll_offset.x == 0
        assert tree.virtual_size.width <= tree.scrollable_content_region.width


async def test_footer_and_help_show_the_graph_keys_while_it_has_the_focus(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = main_screen(demo_app).query_one(KeysFooter)

        def keys() -> list[str]:
            return [key.key for key in footer.query(FooterKey)]

        assert "right" not in keys()
        await pilot.press("g")
        await pilot.pause()
        assert {"right", "left", "enter", "question_mark", "q"} <= set(keys())
        await pilot.press("question_mark")
        assert isinstance(demo_app.screen, HelpScreen)
        text = str(demo_app.screen.query_one("#help-text").content)
        assert text.startswith("Here, in the graph pane")
        here = text.split("Commands")[0]
        assert "→" in here and "←" in here and "Open the highlighted person's card" in here
        await pilot.press("escape", "g")  # g again: back to the card and the list
        await pilot.pause()
        assert "right" not in keys()


async def test_graph_lines_fit_and_are_cut_between_words(demo_app: PeopleLinksApp) -> None:
    """At 80x24 every line ends with the generation; a company cut ends with "…" after
    a whole word (or is left out), never in the middle of one."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(demo_app)
        await pilot.press("slash", *"aisha", "enter", "g")
        await pilot.pause()
        tree = screen.query_one(ReferralTree)
        companies = {c.company for c in screen.service.contacts() if c.company}
        lines = [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]
        labels = [line for line in lines if " g" in line]
        assert len(labels) >= 10
        cut = 0
        for line in labels:
            assert re.search(r"  g\d+$", line), line
            company = line.rsplit("  g", 1)[0].split(" · ")[1:]
            if company:
                shown = company[0].removeprefix(TARGET_MARK)  # a target company
                if shown.endswith("…"):
                    cut += 1
                    words = shown[:-1].split(" ")
                    assert any(c.split(" ")[:len(words)] == words for c in companies), line
                else:
                    assert shown in companies, line
        assert cut, "at 80 columns some company is shortened"
