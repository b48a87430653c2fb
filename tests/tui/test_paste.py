"""Pasted text is cleaned like typed text, in every text field, and keeps its order.

A terminal sends a paste between two markers (bracketed paste). Textual's own
parser ended the paste at the first escape character inside it: the rest came
as keys, before the paste (``Alpha ESC]0;x BEL Beta`` became ``^]0;xBetaAlpha``)."""

from __future__ import annotations

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.widgets import Input, TextArea

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.screens.quick_log import QuickLog
from peoplelinks.tui.terminal_input import PasteSafeParser
from tests.tui.helpers import main_screen

OSC_TITLE, BEL, CLEAR = "\x1b]0;pwned", "\x07", "\x1b[2J"
DIRTY = f"Alpha {OSC_TITLE}{BEL}Beta {CLEAR} Gamma"
START, END = "\x1b[200~", "\x1b[201~"


def parsed(parser: XTermParser, data: str, chunk: int) -> list[tuple[str, str | None]]:
    out: list[events.Event] = []
    for at in range(0, len(data), chunk):
        out.extend(parser.feed(data[at:at + chunk]))  # type: ignore[arg-type]
    return [(e.text if isinstance(e, events.Paste) else e.key, type(e).__name__)  # type: ignore[attr-defined]
            for e in out]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 4096])
def test_a_bracketed_paste_is_one_paste_in_order_however_it_is_read(chunk: int) -> None:
    data = f"ab{START}{DIRTY}{END}c\x1b[A"
    assert parsed(PasteSafeParser(), data, chunk) == [
        ("a", "Key"), ("b", "Key"), (DIRTY, "Paste"), ("c", "Key"), ("up", "Key")]


def test_textuals_own_parser_splits_such_a_paste() -> None:
    """Why PasteSafeParser exists (if Textual fixes it, this test says so)."""
    events_ = parsed(XTermParser(), f"{START}{DIRTY}{END}", 4096)
    assert (DIRTY, "Paste") not in events_ and ("Alpha ", "Paste") in events_


def test_escape_before_a_paste_stays_a_key() -> None:
    parser = PasteSafeParser()
    assert parsed(parser, "\x1b", 1) == []  # might start a paste: wait for more
    assert parsed(parser, f"{START}hi{END}", 4096) == [("escape", "Key"), ("hi", "Paste")]


async def paste(app: PeopleLinksApp, pilot: object, text: str) -> None:
    app.post_message(events.Paste(text))
    await pilot.pause()  # type: ignore[attr-defined]


async def test_paste_into_the_search_box(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await paste(demo_app, pilot, DIRTY)
        assert main_screen(demo_app).query_one("#search", Input).value == "Alpha Beta Gamma"


async def test_paste_into_a_form_field_between_typed_letters(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", "Z", "space")
        await paste(demo_app, pilot, DIRTY + "\nsecond line")
        await pilot.press("space", "Z")
        form = demo_app.screen
        assert isinstance(form, ContactForm)
        # One line: the line break is a space, as anywhere a one-line field is stored.
        assert form.query_one("#name", Input).value == "Z Alpha Beta Gamma second line Z"


async def test_paste_into_notes_keeps_its_lines(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        log = demo_app.screen
        assert isinstance(log, QuickLog)
        await paste(demo_app, pilot, f"{DIRTY}\r\nsecond {BEL}line\x1b[31m red\x1b[0m")
        # Lines kept; spaces as pasted (the clear-screen sequence sat between two).
        assert log.query_one("#notes", TextArea).text == "Alpha Beta  Gamma\nsecond line red"


async def test_a_paste_of_nothing_but_escapes_leaves_the_field_alone(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"abc")
        await paste(demo_app, pilot, OSC_TITLE + BEL + CLEAR)
        assert main_screen(demo_app).query_one("#search", Input).value == "abc"


async def test_a_pasted_word_keeps_the_space_that_joins_it_to_what_is_typed_next(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await paste(demo_app, pilot, f"Ann{BEL} ")
        await pilot.press(*"Lee")
        assert demo_app.screen.query_one("#name", Input).value == "Ann Lee"
