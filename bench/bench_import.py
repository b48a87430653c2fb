"""Benchmark importing LinkedIn connections (issue 11).

    python bench/bench_import.py                 # 30,000 rows
    python bench/bench_import.py --rows 3000
    python bench/bench_import.py --check         # exit 1 when a target fails

Writes a Connections.csv the way LinkedIn does (BOM, CRLF, the notes preamble,
quoted commas, most emails empty) with ``--rows`` people, deterministic names and
companies, then times, in seconds, through the service as the CLI calls it:

- parse:    reading and parsing the file (``read_linkedin``);
- import:   ``import_parsed`` into an empty database: matching, validation, the
  backup and the one durable write;
- again:    the same file imported a second time (everyone unchanged, nothing
  written);
- newer:    a file where every tenth person changed title (updates, one write);
- export:   the 30,000 contacts to one vCard file, to a vdir (a file each), and
  to CSV.

Targets at 30,000 rows: import (parse included) <= 5 s; re-import <= 5 s; each
export <= 5 s.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from peoplelinks.interop.linkedin import read_linkedin  # noqa: E402
from peoplelinks.service import PeopleLinks  # noqa: E402

TARGET_S = 5.0
FIRST = ["Aisha", "Ben", "Carlos", "Dev", "Elena", "Fatima", "Grace", "Hugo", "José", "Karen",
         "Li", "Marcus", "Nina", "Omar", "Priya", "Rachel", "Sam", "Tom", "Yusuf", "Zoe"]
LAST = ["Karim", "Carter", "Mendes", "Patel", "Rossi", "Zahra", "Okafor", "Lambert", "Muñoz",
        "Liu", "Wei", "Hill", "Volkova", "Haddad", "Shah", "Kim", "Ortiz", "Becker", "Demir"]
COMPANIES = ["Contoso, Ltd.", "Fabrikam Robotics", "Northwind Traders", "Proseware",
             "Adventure Works", "Litware", "Tailspin Toys", "Wide World Importers"]
TITLES = ["Senior Software Engineer", "Engineering Manager", "VP, Product", "Data Analyst",
          "Director of Sales", "Product Designer", "Head of People", "Recruiter"]


def write_connections(path: Path, rows: int, changed_every: int = 0, seed: int = 1) -> None:
    """A Connections.csv of ``rows`` people (every ``changed_every``-th with a new title)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("Notes:\r\n\"When exporting your connection data, you may notice that "
                  "some of the email addresses are missing.\"\r\n\r\n")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company",
                         "Position", "Connected On"])
        for n in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            title = rng.choice(TITLES)
            if changed_every and n % changed_every == 0:
                title = "Chief Executive Officer"
            email = f"{first.lower()}.{n}@example.com" if rng.random() < 0.2 else ""
            writer.writerow([first, f"{last} {n}", f"https://www.linkedin.com/in/p{n}", email,
                             rng.choice(COMPANIES), title,
                             f"{rng.randint(1, 28)} {rng.choice(['Jan', 'Mar', 'Oct'])} 20"
                             f"{rng.randint(15, 25)}"])


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=30000)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, newer_path = folder / "Connections.csv", folder / "Connections-newer.csv"
        write_connections(csv_path, args.rows)
        write_connections(newer_path, args.rows, changed_every=10)
        app = PeopleLinks.open(folder / "db.json")
        try:
            parse, parsed = timed(lambda: read_linkedin(csv_path))
            first, report = timed(lambda: app.import_parsed(read_linkedin(csv_path)))
            again, second = timed(lambda: app.import_parsed(read_linkedin(csv_path)))
            newer, third = timed(lambda: app.import_parsed(read_linkedin(newer_path)))
            to_vcf, _n = timed(lambda: app.export_vcards(folder / "all.vcf"))
            to_vdir, _n = timed(lambda: app.export_vcards(folder / "vdir", vdir=True))
            to_csv, _n = timed(lambda: app.export_csv(folder / "all.csv"))
        finally:
            app.close()
    print(f"LinkedIn import of {args.rows:,} rows (s; parse included in each)")
    print(f"  parse   {parse:6.2f}  ({len(parsed.candidates):,} people)")
    print(f"  import  {first:6.2f}  {report.summary}  ({first / TARGET_S:.2f} of the "
          f"{TARGET_S:.0f} s target)")
    print(f"  again   {again:6.2f}  {second.summary}  ({again / TARGET_S:.2f} of the target)")
    print(f"  newer   {newer:6.2f}  {third.summary}")
    print(f"  export  vcard {to_vcf:5.2f}  vdir {to_vdir:5.2f}  csv {to_csv:5.2f}  "
          f"(target {TARGET_S:.0f} s each)")
    failed = any(t > TARGET_S for t in (first, again, to_vcf, to_vdir, to_csv))
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
