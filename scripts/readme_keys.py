"""Write the README's key table from the command list (run from the repository root).

    python scripts/readme_keys.py          # rewrite the table in README.md
    python scripts/readme_keys.py --check  # exit 1 if README.md's table is out of date

The table sits between two marker lines; ``peoplelinks.tui.commands.readme_table``
makes it from the same list as the bindings, the footer, the palette and help, and
``tests/tui/test_readme_keys.py`` fails when the README and the list disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peoplelinks.tui.commands import README_END, README_START, readme_table  # noqa: E402

README = ROOT / "README.md"


def current_table(text: str) -> str | None:
    """The key table as the README has it now, markers included (None: no markers)."""
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return None
    return text[start:end + len(README_END)]


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    table = current_table(text)
    if table is None:
        print(f"README.md has no {README_START!r} ... {README_END!r} markers", file=sys.stderr)
        return 1
    wanted = readme_table()
    if "--check" in argv:
        if table != wanted:
            print("README.md's key table is out of date: run python scripts/readme_keys.py",
                  file=sys.stderr)
            return 1
        return 0
    if table != wanted:
        README.write_text(text.replace(table, wanted), encoding="utf-8")
        print("README.md: key table rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
