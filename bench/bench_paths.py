"""Benchmark warm paths and coverage on a generated network (issue 10).

    python bench/bench_paths.py              # 30,000 contacts / 50,000 interactions
    python bench/bench_paths.py --check      # exit 1 when the target fails
    python bench/bench_paths.py --contacts 3000 --reps 20

The database comes from ``bench/generate.py`` through the same cache in
``bench/data/`` as ``bench_store.py``, opened read-only with
``Database.open(path, read_only=True)`` (no lock, no backup). Warmth and last
talks are computed once, as the service caches them. Then, all in ms with
``time.perf_counter`` and ``gc.collect()`` before each phase:

- links:    ``build_links(contacts, interactions)`` once, with the cache of
  company keys empty (the service caches the links until the data changes);
- 1st query: the first ``warm_paths`` call;
- query:    ``warm_paths(..., limit=5)`` for 10 companies picked across the
  range of sizes (the most and least staffed and between), ``--reps`` times
  each: median and max over all calls;
- all:      the same with ``limit=None`` (every person there: a full walk);
- leads:    ``paths_to(..., limit=5)`` to the leads at each of those companies
  that are not linked to you (as if the company had only leads): a walk that
  must go past the first step, stopping once 5 are settled;
- coverage: ``coverage(objective targets, ...)`` once, with the generated
  objective's target companies.

Target: a query (median and max) <= 200 ms at 30,000 contacts.
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_store import cached_database, interactions_for  # noqa: E402
from generate import DEFAULT_TODAY  # noqa: E402

from peoplelinks.domain.companies import company_key  # noqa: E402
from peoplelinks.domain.coverage import coverage  # noqa: E402
from peoplelinks.domain.paths import build_links, paths_to, warm_paths  # noqa: E402
from peoplelinks.domain.warmth import warmth  # noqa: E402
from peoplelinks.store.database import Database  # noqa: E402

TARGET_MS = 200.0
COMPANIES = 10


def ms(seconds: float) -> float:
    return seconds * 1000.0


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    began = time.perf_counter()
    value = action()
    return time.perf_counter() - began, value


def pick_companies(contacts: dict[int, Any], count: int) -> list[str]:
    """``count`` company names spread from the most to the least staffed."""
    sizes = Counter(c.company for c in contacts.values() if c.company)
    ranked = [name for name, _ in sizes.most_common()]
    if len(ranked) <= count:
        return ranked
    step = (len(ranked) - 1) / (count - 1)
    return [ranked[round(i * step)] for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark warm paths and coverage.")
    parser.add_argument("--contacts", type=int, default=30_000, help="contacts (30,000)")
    parser.add_argument("--reps", type=int, default=5, help="calls per company (5)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (1)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target fails")
    args = parser.parse_args(argv)
    if args.contacts < 1 or args.reps < 1:
        parser.error("--contacts and --reps must be at least 1")

    path = cached_database(args.contacts, interactions_for(args.contacts), args.seed)
    db = Database.open(path, read_only=True)
    try:
        contacts, talks = db.contacts, list(db.interactions.values())
        dates: dict[int, list[date]] = {}
        for talk in talks:
            for cid in talk.contact_ids:
                dates.setdefault(cid, []).append(talk.date)
        heat = {cid: warmth(days, DEFAULT_TODAY) for cid, days in dates.items()}
        last = {cid: db.last_contact(cid) for cid in contacts}
        targets = list(db.objective.target_companies)
    finally:
        db.close()

    company_key.cache_clear()  # building the links keys every company: count it cold
    build_s, links = timed(lambda: build_links(contacts, talks))
    companies = pick_companies(contacts, COMPANIES)

    def query(company: str, limit: int | None) -> Any:
        return warm_paths(links, contacts, company, warmth=heat, last_contact=last, limit=limit)

    first_s, _ = timed(lambda: query(companies[0], 5))
    rows = []
    limited: list[float] = []
    full: list[float] = []
    walks: list[float] = []
    for company in companies:
        found: Any = None
        for _ in range(args.reps):
            seconds, found = timed(lambda c=company: query(c, 5))  # type: ignore[misc]
            limited.append(seconds)
        every_s, every = timed(lambda c=company: query(c, None))  # type: ignore[misc]
        full.append(every_s)
        there = links.companies.get(company_key(company), ())
        leads = [cid for cid in there
                 if contacts[cid].status == "lead" and cid not in links.direct]
        for _ in range(args.reps):
            seconds, via = timed(lambda x=leads: paths_to(  # type: ignore[misc]
                links, contacts, x, warmth=heat, last_contact=last, limit=5))
            walks.append(seconds)
        lengths = ",".join(str(p.length) for p in found)
        lead_lengths = ",".join(str(p.length) for p in via)
        five, walk = (ms(statistics.median(x[-args.reps:])) for x in (limited, walks))
        rows.append((company, len(there), len(every), lengths, five, ms(every_s),
                     len(leads), lead_lengths, walk))
    coverage_s, cover = timed(lambda: coverage(targets, contacts, links=links, warmth=heat,
                                               last_contact=last))

    print(f"\nwarm paths benchmark  (python {platform.python_version()}, {args.contacts:,} "
          f"contacts, {len(talks):,} interactions, {path.name})")
    edges = sum(len(v) for v in links.adjacent.values()) // 2
    print(f"links: {ms(build_s):.1f} ms to build ({len(links.direct):,} people linked to you, "
          f"{edges:,} links between contacts)")
    print(f"first query: {ms(first_s):.1f} ms\n")
    head = (f"{'company':<24} {'people':>6} {'reached':>7} {'top 5':>9} | "
            f"{'limit 5':>7} {'all':>6} | {'leads':>5} {'top 5':>9} {'walk':>6}")
    print(head)
    print("-" * len(head))
    for company, size, reached, lengths, five, every_ms, leads, via, walk in rows:
        print(f"{company[:24]:<24} {size:>6} {reached:>7} {lengths:>9} | "
              f"{five:>7.1f} {every_ms:>6.1f} | {leads:>5} {via:>9} {walk:>6.1f}")
    median, worst = ms(statistics.median(limited)), ms(max(limited))
    print(f"\nquery (limit 5, {len(limited)} calls): median {median:.1f} ms, max {worst:.1f} ms; "
          f"all paths: median {ms(statistics.median(full)):.1f} ms, max {ms(max(full)):.1f} ms; "
          f"leads only: median {ms(statistics.median(walks)):.1f} ms, "
          f"max {ms(max(walks)):.1f} ms")
    print(f"coverage of {len(targets)} target companies: {ms(coverage_s):.1f} ms "
          f"({sum(r.nobody for r in cover)} with nobody)")
    slowest = ms(max(limited + full + walks))
    ok = slowest <= TARGET_MS
    print(f"target: every query <= {TARGET_MS:.0f} ms: the slowest took {slowest:.1f} ms, "
          f"{slowest / TARGET_MS:.2f} of the target -> {'PASS' if ok else 'FAIL'}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
