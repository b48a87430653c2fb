"""Names in CJK, with combining marks or joined emoji, in a real terminal: the pane
borders stay in one column on every line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.e2e.tmux import Terminal, peoplelinks

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
PEOPLE = [
    ("王小明", "北京字节跳动科技有限公司研发中心"),
    ("Rene" + "e\u0301" * 40 + " Dupont", "Cafe\u0301 Société Générale"),
    (("Family " + FAMILY * 28)[:200], (FAMILY + " Household ") * 6),
    ("Eve \u202egnp.exe", "RTL Corp"),
    (("Bartholomew " * 17)[:200], "Long Company Name Ltd"),
]
BORDERS = set("│╭╮╰╯")
# tmux draws the family in two cells but keeps only a few code points of it: what
# capture-pane gives back is "👨‍👩‍👧‍" (the fourth person dropped, a joiner left that
# would join the next family). Count each family as the two cells tmux drew.
_FAMILY_CELL = re.compile("\U0001F468(?:\u200d[\U0001F469\U0001F467\U0001F466]?){0,3}")


def border_columns(line: str) -> list[int]:
    """The cells (as the terminal counts them) where ``line`` has a pane border."""
    line = _FAMILY_CELL.sub("FF", line)
    return [cell_len(line[:i]) for i, char in enumerate(line) if char in BORDERS]


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_pane_borders_line_up_with_wide_names(tmp_path: Path, size: tuple[int, int]) -> None:
    db = tmp_path / "wide.json"
    for number, (name, company) in enumerate(PEOPLE, start=1):
        introducer = ["--introduced-by", "#1"] if number > 1 else []
        subprocess.run(peoplelinks("--db", str(db), "add", name, "--company", company,
                                   *introducer), check=True, capture_output=True)
        subprocess.run(peoplelinks("--db", str(db), "log", f"#{number}", "--notes", name,
                                   "--next", "Write to " + name[:150]),
                       check=True, capture_output=True)
    width, height = size
    term = Terminal(peoplelinks("--db", str(db)), width=width, height=height)
    try:
        # The card of the long names too, then the follow-ups pane (at 80: instead of it).
        for keys in ([], ["j", "j"], ["j", "j", "j"], ["u"]):
            if keys:
                term.keys(*keys)
            shown = term.wait_for(f"Contacts {len(PEOPLE)}")
            lines = shown.splitlines()[1:height - 1]  # the header and footer have none
            columns = [border_columns(line) for line in lines]
            expected = columns[0]  # the top borders: ╭ of each pane, ╮ of each pane
            assert expected[0] == 0 and expected[-1] == width - 1 and len(expected) == 4
            for y, found in enumerate(columns, start=1):
                assert found == expected, f"line {y}: borders at {found}, not {expected}\n" \
                                          f"{shown}"
        term.keys("q")
        term.wait_closed()
    finally:
        term.close()
