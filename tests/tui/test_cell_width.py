"""Wide and zero-width characters never move a pane's border.

Every line a pane draws must be as many terminal cells wide as the pane, counted
on the whole line as a terminal counts it (graphemes), not segment by segment:
a joined emoji cut at a joiner is two cells in each piece and two together."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from peoplelinks.service import PeopleLinks
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.cells import fit, install, safe_strip
from peoplelinks.tui.widgets.contact_card import ContactCard
from peoplelinks.tui.widgets.contact_list import ContactList
from peoplelinks.tui.widgets.followups import FollowupsPane
from peoplelinks.tui.widgets.referral_tree import ReferralTree
from tests.conftest import TODAY
from tests.tui.helpers import main_screen

FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # four people, three zero-width joiners: two cells
ACCENTED = "e\u0301"  # e and a combining acute accent: one cell
PEOPLE = [
    ("王小明", "北京字节跳动科技有限公司研发中心"),
    ("Rene" + ACCENTED * 40 + " Dupont", ("Cafe" + ACCENTED + " ") * 12),
    (("Family " + FAMILY * 28)[:200], (FAMILY + " Household ") * 6),
    ("Eve \u202egnp.exe", "RTL Corp"),
    ("Bartholomew " * 16 + "Longname")[:200],
]


def whole(strip: Strip) -> tuple[int, int, int]:
    """(cells the strip claims, cells of its text as one line, sum over its segments)."""
    return strip.cell_length, cell_len(strip.text), sum(cell_len(s.text) for s in strip)


@pytest.fixture
def wide_service(tmp_path: Path) -> Iterator[PeopleLinks]:
    service = PeopleLinks.open(tmp_path / "wide.json", today=lambda: TODAY)
    first = None
    for entry in PEOPLE:
        name, company = entry if isinstance(entry, tuple) else (entry, "Long Company Name Ltd")
        contact = service.add_contact({
            "name": name, "company": company, "notes": f"{name}\n{company}",
            "introduced_by": first})
        first = first or contact.id
        service.log([contact.id], kind="coffee", notes=f"talked with {name}"[:500],
                    next_action=f"Write to {name}"[:200])
    yield service
    service.close()


def test_the_right_to_left_override_was_stripped(wide_service: PeopleLinks) -> None:
    assert "Eve gnp.exe" in [c.name for c in wide_service.contacts()]


def test_fit_cuts_between_graphemes() -> None:
    for text in ("x" + FAMILY * 9, "王小明" * 9, "Zo" + ACCENTED * 30, "a\u200d b" * 9):
        for width in range(1, 24):
            for ellipsis in (False, True):
                cut = fit(text, width, ellipsis=ellipsis)
                assert cell_len(cut) == width, (text, width, cut)
                assert not cut.endswith("\u200d") and cell_len(cut[0]) > 0


def test_crops_keep_joined_emoji_whole() -> None:
    install()  # the app does it when it is built
    line = Strip([Segment("x" + FAMILY * 6 + "王小明" * 3 + ACCENTED * 5)])
    for start in range(0, 8):
        for end in range(start + 1, 24):
            cropped = line.crop(start, end)
            assert whole(cropped) == (end - start,) * 3, (start, end, cropped.text)


def test_a_line_cut_inside_an_emoji_is_mended() -> None:
    broken = Strip([Segment("ab" + FAMILY[:2]), Segment(FAMILY[2:] + " cd")], 9)
    assert cell_len(broken.text) != sum(cell_len(s.text) for s in broken)
    assert whole(safe_strip(broken)) == (9, 9, 9)
    plain = Strip([Segment("plain text")])
    assert safe_strip(plain) is plain


def panes(app: PeopleLinksApp) -> list[Widget]:
    screen = main_screen(app)
    found: list[Widget] = []
    for kind in (ContactList, ContactCard, FollowupsPane, ReferralTree):
        found += [w for w in screen.query(kind) if w.display and w.size.area]
    return found


def check_panes(app: PeopleLinksApp, where: str) -> int:
    """Every visible line of every pane is exactly as wide as the pane; returns how
    many lines were checked."""
    checked = 0
    for widget in panes(app):
        width = widget.scrollable_content_region.width
        for y in range(widget.scrollable_content_region.height):
            strip = widget.render_line(y)
            assert whole(strip) == (width,) * 3, (where, type(widget).__name__, y, strip.text)
            checked += 1
    return checked


def check_borders(app: PeopleLinksApp, where: str) -> None:
    """On screen, the contacts pane's right border is in one column on every line."""
    screen = main_screen(app)
    pane = screen.query_one("#contacts-pane")
    right = pane.region.right - 1
    lines = screen._compositor.render_strips()
    for y in range(pane.region.y, pane.region.bottom):
        line = lines[y]
        assert whole(line) == (app.size.width,) * 3, (where, y, line.text)
        x = 0
        border = None
        for segment in line:
            for grapheme_x, char in _cells(segment.text, x):
                if grapheme_x == right:
                    border = char
            x += cell_len(segment.text)
        assert border in ("│", "╮", "╯", "▎", "┃"), (where, y, border, line.text)


def _cells(text: str, x: int) -> Iterator[tuple[int, str]]:
    for char in text:
        yield x, char
        x += cell_len(char)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_every_pane_line_is_as_wide_as_its_pane(wide_service: PeopleLinks,
                                                      size: tuple[int, int]) -> None:
    app = PeopleLinksApp(wide_service)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        checked = 0
        for step in range(len(PEOPLE)):  # the cursor on each row in turn
            checked += check_panes(app, f"list row {step}")
            check_borders(app, f"list row {step}")
            await pilot.press("j")
        await pilot.press("g")  # the referral graph, every name revealed in turn
        for step in range(len(PEOPLE)):
            await pilot.press("down")
            checked += check_panes(app, f"graph row {step}")
            check_borders(app, f"graph row {step}")
        await pilot.press("g", "u")  # the follow-ups pane (at 80 columns, instead of the card)
        for step in range(len(PEOPLE)):
            checked += check_panes(app, f"follow-up {step}")
            check_borders(app, f"follow-up {step}")
            await pilot.press("down")
        assert checked > 100


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_form_over_the_panes_leaves_their_lines_whole(wide_service: PeopleLinks,
                                                              size: tuple[int, int]) -> None:
    app = PeopleLinksApp(wide_service)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for keys in (("l",), ("escape", "a"), ("escape", "question_mark")):
            await pilot.press(*keys)
            for y, line in enumerate(app.screen._compositor.render_strips()):
                assert whole(line) == (size[0],) * 3, (keys, y, line.text)
