"""clean_text removes what could reach a terminal as a command."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peoplelinks.domain.text import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Ann   Lee  ", "Ann Lee"),
        ("Eve\x1b[31m red\x1b[0m", "Eve red"),
        ("title\x1b]0;pwned\x07 here", "title here"),
        ("link \x1b]8;;http://x\x1b\\text\x1b]8;;\x1b\\", "link text"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("tab\tand\nnewline", "tab and newline"),
        ("rtl \u202eevil", "rtl evil"),
        ("c1 \x9b31m csi", "c1 csi"),
        ("Bob [/]", "Bob [/]"),
        ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),
    ],
)
def test_single_line(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_multiline_keeps_newlines_and_drops_controls() -> None:
    raw = "first line  \r\nsecond\x1b[2J line\rthird\x07\n\n"
    assert clean_text(raw, multiline=True) == "first line\nsecond line\nthird"


def test_multiline_tabs_become_spaces() -> None:
    assert clean_text("a\tb", multiline=True) == "a    b"


@given(st.text())
def test_never_leaves_control_characters(raw: str) -> None:
    for multiline in (False, True):
        out = clean_text(raw, multiline=multiline)
        allowed = {"\n"} if multiline else set()
        assert not any(
            (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F) and ch not in allowed for ch in out
        )
        assert "\x1b" not in out
