"""Columns line up in terminal cells: CJK takes two, combining marks none."""

from __future__ import annotations

from rich.cells import cell_len

from tests.cli.conftest import CLI

NAMES = [
    "李小龙",                              # CJK: two cells each
    "Zoe\u0308 Park",                      # 'Zoë' with a combining diaeresis
    "👨\u200d👩\u200d👧 Family",            # one ZWJ emoji sequence
    "Ann",
    "Bartholomew Montgomery-Fitzwilliam III",  # longer than the column
    "山田太郎山田太郎山田太郎山田太郎",     # wide and too long: cut mid-way
    "Zoe\u0308" * 12,                      # combining marks past the cut
]
COMPANIES = ["Acme", "株式会社サンプル株式会社サンプル", "Zoe\u0308 Ltd", "Initech"]


def _offset(line: str, text: str) -> int:
    """The cell where ``text`` starts in ``line``."""
    return cell_len(line[:line.index(text)])


def _fill(cli: CLI) -> None:
    for i, name in enumerate(NAMES):
        cli.ok("add", name, "--company", COMPANIES[i % len(COMPANIES)], "--circle", "work")


def test_list_columns_line_up_in_cells(cli: CLI) -> None:
    _fill(cli)
    header, *rows = cli.ok("list").splitlines()
    assert len(rows) == len(NAMES)
    company_at, circle_at = _offset(header, "company"), _offset(header, "circle")
    for row in rows:
        cid = int(row.split()[0])
        company = COMPANIES[(cid - 1) % len(COMPANIES)]
        shown = company if cell_len(company) <= 22 else company[:5]
        assert _offset(row, shown) == company_at, row
        assert _offset(row, " work ") + 1 == circle_at, row
    # Long names are cut to the column with an ellipsis, short ones kept whole.
    text = "\n".join(rows)
    assert "Bartholomew Montgomery-…" in text and "李小龙" in text and "Zoe\u0308 Park" in text


def test_due_and_trash_columns_line_up_in_cells(cli: CLI) -> None:
    _fill(cli)
    for i in range(1, len(NAMES) + 1):
        cli.ok("followup", f"#{i}", f"step {i}", "--due", "today")
    rows = [line for line in cli.ok("due").splitlines() if "step " in line]
    assert len(rows) == len(NAMES)
    assert len({_offset(row, "step ") for row in rows}) == 1, rows
    for i in range(1, len(NAMES) + 1):
        cli.ok("delete", f"#{i}")
    rows = cli.ok("trash").splitlines()
    assert len(rows) == len(NAMES)
    assert len({_offset(row, " deleted ") for row in rows}) == 1, rows
