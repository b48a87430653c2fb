"""Benchmark the strategy views through the service, as the app and the CLI call them
(issue 10).

    python bench/bench_strategy.py              # 30,000 contacts / 50,000 interactions
    python bench/bench_strategy.py --check      # exit 1 when a target fails
    python bench/bench_strategy.py --contacts 3000

The database comes from ``bench/generate.py`` through the cache in ``bench/data/``
(as ``bench_store.py``), opened read-only with ``PeopleLinks.open`` and the
generator's anchor day as today. Each view is timed cold (the first call after the
data changed: what the user waits for after a change) and warm (cached until any
record changes), in ms with ``time.perf_counter``:

- dashboard: ``PeopleLinks.dashboard()`` (8 weeks of goals, streak, network shape);
- coverage:  ``PeopleLinks.coverage()`` (the generated objective's targets);
- today:     ``PeopleLinks.today_items()`` (it computes due, coverage and the
  dashboard's week it needs, so it is timed from cold on its own);
- paths:     ``PeopleLinks.paths(company)`` for 5 companies (median, max), after
  the links are built (the links' first build is reported on its own).

Targets at 30,000 contacts: dashboard, coverage and today ≤ 150 ms; paths ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_store import cached_database, interactions_for  # noqa: E402
from generate import DEFAULT_TODAY  # noqa: E402

from peoplelinks.service import PeopleLinks  # noqa: E402

VIEW_TARGET_MS = 150.0
PATHS_TARGET_MS = 200.0


def timed(action: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000.0


def cold(app: PeopleLinks, action: Callable[[], Any]) -> float:
    """``action`` as the first call after the data changed (every cache dropped)."""
    app.__dict__.pop("_cache", None)
    return timed(action)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=30000)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    args = parser.parse_args(argv)
    path = cached_database(args.contacts, interactions_for(args.contacts), seed=1)
    app = PeopleLinks.open(path, read_only=True, today=lambda: DEFAULT_TODAY)
    try:
        companies = [name for name, _n in Counter(
            c.company for c in app.db.contacts.values() if c.company).most_common(5)]
        app.coverage()  # warm the imports and the company keys
        rows = {
            "dashboard": (cold(app, app.dashboard), timed(app.dashboard)),
            "coverage": (cold(app, app.coverage), timed(app.coverage)),
            "today": (cold(app, app.today_items), timed(app.today_items)),
        }
        links = cold(app, app.links)
        paths = [timed(lambda c=company: app.paths(c)) for company in companies]  # type: ignore[misc]
    finally:
        app.close()
    print(f"{args.contacts:,} contacts, {len(companies)} companies for paths (ms)")
    failed = False
    for name, (first, again) in rows.items():
        ratio = first / VIEW_TARGET_MS
        failed |= first > VIEW_TARGET_MS
        print(f"  {name:10} cold {first:7.1f}  cached {again:6.2f}  "
              f"({ratio:.2f} of the {VIEW_TARGET_MS:.0f} ms target)")
    worst = max(paths)
    failed |= worst > PATHS_TARGET_MS
    print(f"  {'links':10} build {links:6.1f} (once per change, shared by paths and coverage)")
    print(f"  {'paths':10} median {statistics.median(paths):6.1f}  max {worst:6.1f}  "
          f"({worst / PATHS_TARGET_MS:.2f} of the {PATHS_TARGET_MS:.0f} ms target)")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
