"""Benchmark the peoplelinks store against stock TinyDB at three database sizes.

    python bench/bench_store.py            # 300, 3,000 and 30,000 contacts
    python bench/bench_store.py --check    # exit 1 when a target fails
    python bench/bench_store.py --sizes 300,3000 --reps 20

For each size (contacts; interactions = 5/3 of that) a database is generated
once by ``bench/generate.py`` and cached in ``bench/data/`` (git-ignored). Each
run copies it twice into a temporary folder, one copy for peoplelinks and one
for stock TinyDB, so both start from the same bytes, and measures:

- open:  ``PeopleLinks.open(path)`` (lock, daily backup, load, validation of
  every record, indexes), then close; median of ``--opens`` (3). The first
  open of the day also copies the file to ``backups/``; it is shown apart;
- log:   one ``app.log([id], kind="coffee", notes=..., next_action="Send
  thanks", next_due=...)``, an interaction plus a follow-up in one durable
  journal append; median (and 90th percentile) of ``--reps`` (50) calls;
- stock: the same logical write with ``tinydb.TinyDB(copy)`` and its default
  JSONStorage: insert the interaction document, then the follow-up document
  (each insert re-reads, re-serialises and rewrites the whole file);
  median of ``--stock-reps`` (20 / 10 / 5 by size);
- ratio: stock / log medians;
- close: ``app.close()`` after the log writes, which folds the journal into
  the file (compaction: the whole file rewritten atomically), once.

Targets (checked at 30,000 contacts): open <= 1,000 ms, log <= 25 ms, ratio >= 20x.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import orjson
import tinydb

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


from peoplelinks.domain.enums import Status  # noqa: E402
from peoplelinks.domain.fields import now  # noqa: E402
from peoplelinks.domain.models import FollowUp, Interaction  # noqa: E402
from peoplelinks.service import PeopleLinks  # noqa: E402

DATA = HERE / "data"
TARGET_SIZE = 30_000
TARGET_OPEN_MS = 1000.0
TARGET_LOG_MS = 25.0
TARGET_RATIO = 20.0


def interactions_for(contacts: int) -> int:
    """300 -> 500, 3,000 -> 5,000, 30,000 -> 50,000."""
    return contacts * 5 // 3


def default_stock_reps(contacts: int) -> int:
    return 20 if contacts <= 1_000 else 10 if contacts <= 10_000 else 5


def ms(seconds: float) -> float:
    return seconds * 1000.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def progress(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


@dataclass
class Result:
    contacts: int
    interactions: int
    file_mb: float = 0.0
    opens: list[float] = field(default_factory=list)
    logs: list[float] = field(default_factory=list)
    stock: list[float] = field(default_factory=list)
    close: float = 0.0
    journal_kb: float = 0.0

    @property
    def open_ms(self) -> float:
        return ms(statistics.median(self.opens))

    @property
    def log_ms(self) -> float:
        return ms(statistics.median(self.logs))

    @property
    def stock_ms(self) -> float:
        return ms(statistics.median(self.stock))

    @property
    def ratio(self) -> float:
        return self.stock_ms / self.log_ms


# ---- data -----------------------------------------------------------------------


def generator_version() -> str:
    """Changes whenever generate.py does, so a stale cached file is never reused."""
    return hashlib.sha1((HERE / "generate.py").read_bytes()).hexdigest()[:8]


def cached_database(contacts: int, interactions: int, seed: int) -> Path:
    """The generated database for this size, made once and kept in bench/data/."""
    path = DATA / f"pl-{contacts}c-{interactions}i-s{seed}-g{generator_version()}.json"
    if not path.exists():
        for stale in DATA.glob(f"pl-{contacts}c-{interactions}i-s{seed}-g*.json"):
            stale.unlink()  # made by an older generate.py
        progress(f"generating {path.name} (once; cached in {DATA})")
        began = time.perf_counter()
        # In a process of its own: a process started later from this one counts this
        # one's memory in its own peak (wait4's ru_maxrss survives the exec), so the
        # bench must stay small (generating 30,000 contacts takes ~450 MB).
        code = ("import sys; from pathlib import Path; from generate import generate; "
                "generate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), "
                "seed=int(sys.argv[4]))")
        subprocess.run([sys.executable, "-c", code, str(path), str(contacts), str(interactions),
                        str(seed)], check=True, cwd=HERE,
                       env={**os.environ, "PYTHONPATH": os.pathsep.join(
                           [str(HERE), str(HERE.parent)])})
        progress(f"generated in {time.perf_counter() - began:.1f} s")
    return path


# ---- the phases -------------------------------------------------------------------


def timed(action: Callable[[], object]) -> tuple[float, object]:
    began = time.perf_counter()
    value = action()
    return time.perf_counter() - began, value


def measure_opens(path: Path, count: int) -> list[float]:
    times = []
    for _ in range(count):
        gc.collect()
        seconds, app = timed(lambda: PeopleLinks.open(path))
        assert isinstance(app, PeopleLinks)
        if app.db.problems:
            raise RuntimeError(f"{path} opened with problems: {app.db.problems[:3]}")
        app.close()
        del app
        times.append(seconds)
    return times


def measure_logs(path: Path, reps: int, result: Result) -> None:
    """``reps`` durable log writes, then the close that compacts them."""
    gc.collect()
    app = PeopleLinks.open(path)
    before = len(app.db.interactions), len(app.db.followups)
    # Contacts a log changes nothing else for: not in the trash, not leads
    # (logging a lead also rewrites the contact as active).
    eligible = sorted(c.id for c in app.db.contacts.values()
                      if not c.in_trash and c.status != Status.LEAD)
    rng = random.Random(7)
    due = date.today() + timedelta(days=7)
    gc.collect()
    for i in range(reps):
        who = rng.choice(eligible)
        began = time.perf_counter()
        app.log([who], kind="coffee", notes=f"Bench coffee {i}: talked about the platform team.",
                next_action="Send thanks", next_due=due)
        result.logs.append(time.perf_counter() - began)
    storage = app.db.storage
    result.journal_kb = storage.journal_bytes / 1024
    if storage.journal_bytes == 0:
        raise RuntimeError("the log writes did not go to the journal (compacted meanwhile?)")
    gc.collect()
    result.close, _ = timed(app.close)
    if storage.journal_path.exists():
        raise RuntimeError(f"{storage.journal_path} is still there after close")
    # The writes are in the file now (checked on the raw file, outside timing).
    tables = orjson.loads(path.read_bytes())
    after = len(tables["interactions"]), len(tables["followups"])
    if after != (before[0] + reps, before[1] + reps):
        raise RuntimeError(f"expected {reps} more interactions and follow-ups, got "
                           f"{before} -> {after}")


def stock_documents(interactions: int, followups: int, i: int) -> tuple[dict, dict]:
    """The interaction and follow-up a log writes, as documents."""
    stamp = now()
    item = Interaction(id=interactions + 1 + i, contact_ids=[1], date=date.today(),
                       kind="coffee", notes=f"Bench coffee {i}: talked about the platform team.",
                       created=stamp)
    follow = FollowUp(id=followups + 1 + i, contact_id=1, action="Send thanks",
                      due=date.today() + timedelta(days=7), interaction_id=item.id,
                      created=stamp)
    return item.model_dump(mode="json"), follow.model_dump(mode="json")


def measure_stock(path: Path, reps: int, interactions: int, followups: int) -> list[float]:
    """The same write (2 inserts) with stock TinyDB and its default JSONStorage."""
    gc.collect()
    db = tinydb.TinyDB(path)
    times = []
    try:
        for i in range(reps):
            item, follow = stock_documents(interactions, followups, i)
            gc.collect()
            began = time.perf_counter()
            db.table("interactions").insert(item)
            db.table("followups").insert(follow)
            times.append(time.perf_counter() - began)
    finally:
        db.close()
    return times


def fsync_floor(folder: Path, reps: int = 30) -> float:
    """Median cost of appending ~700 bytes and fsyncing, on the benchmark's disk."""
    probe = folder / "fsync-probe"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    times = []
    try:
        for _ in range(reps):
            began = time.perf_counter()
            os.write(fd, b"x" * 700 + b"\n")
            os.fsync(fd)
            times.append(time.perf_counter() - began)
    finally:
        os.close(fd)
        probe.unlink()
    return statistics.median(times)


def run_size(contacts: int, args: argparse.Namespace, work: Path) -> Result:
    interactions = interactions_for(contacts)
    result = Result(contacts, interactions)
    source = cached_database(contacts, interactions, args.seed)
    result.file_mb = source.stat().st_size / 1e6
    followups = len(orjson.loads(source.read_bytes())["followups"])
    ours = work / f"{contacts}-ours" / "peoplelinks.json"
    stock = work / f"{contacts}-stock" / "peoplelinks.json"
    for copy in (ours, stock):
        copy.parent.mkdir(parents=True)
        shutil.copyfile(source, copy)

    progress(f"{contacts:,}: {args.opens} opens")
    result.opens = measure_opens(ours, args.opens)
    progress(f"{contacts:,}: {args.reps} log writes and a close")
    measure_logs(ours, args.reps, result)
    reps = args.stock_reps or default_stock_reps(contacts)
    progress(f"{contacts:,}: {reps} stock TinyDB writes")
    result.stock = measure_stock(stock, reps, interactions, followups)
    gc.collect()
    return result


# ---- report ---------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(results: list[Result], args: argparse.Namespace, floor: float) -> bool:
    """Print the table; return True when every target checked passed."""
    head = (f"{'contacts':>8} {'inter.':>7} {'file MB':>7} | {'open':>7} {'1st open':>8} | "
            f"{'log p50':>7} {'log p90':>7} | {'stock':>8} {'ratio':>7} | {'close':>7}")
    print()
    print(f"peoplelinks store benchmark  (python {platform.python_version()}, "
          f"tinydb {tinydb.__version__}, {os.cpu_count()} cpu, fsync floor {ms(floor):.2f} ms)")
    print(f"all times in ms; open = median of {args.opens}, log = one app.log "
          f"(interaction + follow-up) over {args.reps} calls, stock = stock TinyDB, "
          f"same write (2 inserts), close = compaction after the logs")
    print(head)
    print("-" * len(head))
    for r in results:
        print(f"{r.contacts:>8,} {r.interactions:>7,} {r.file_mb:>7.1f} | "
              f"{r.open_ms:>7.1f} {ms(r.opens[0]):>8.1f} | "
              f"{r.log_ms:>7.2f} {ms(percentile(r.logs, 0.9)):>7.2f} | "
              f"{r.stock_ms:>8.1f} {r.ratio:>6.0f}x | {ms(r.close):>7.1f}")
    target = next((r for r in results if r.contacts == TARGET_SIZE), None)
    print()
    if target is None:
        print(f"targets: not checked (they apply at {TARGET_SIZE:,} contacts, not measured)")
        return True
    checks = [
        (f"open  median <= {TARGET_OPEN_MS:,.0f} ms", f"{target.open_ms:,.1f} ms",
         target.open_ms <= TARGET_OPEN_MS),
        (f"log   median <= {TARGET_LOG_MS:.0f} ms", f"{target.log_ms:.2f} ms",
         target.log_ms <= TARGET_LOG_MS),
        (f"stock/ours   >= {TARGET_RATIO:.0f}x", f"{target.ratio:.0f}x",
         target.ratio >= TARGET_RATIO),
    ]
    print(f"targets at {TARGET_SIZE:,} contacts / {target.interactions:,} interactions:")
    for name, value, ok in checks:
        print(f"  {name:<24} {value:>12}   {verdict(ok)}")
    print(f"  {'close (compaction)':<24} {ms(target.close):>9,.1f} ms   (no target; "
          f"journal held {target.journal_kb:.0f} KiB)")
    return all(ok for _, _, ok in checks)


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive contact counts, e.g. 300,3000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the peoplelinks store.")
    parser.add_argument("--sizes", type=parse_sizes, default=[300, 3_000, 30_000],
                        help="contact counts, comma separated (default 300,3000,30000); "
                             "interactions are 5/3 of each")
    parser.add_argument("--reps", type=int, default=50, help="log writes per size (50)")
    parser.add_argument("--stock-reps", type=int, default=0,
                        help="stock TinyDB writes per size (default 20/10/5 by size)")
    parser.add_argument("--opens", type=int, default=3, help="opens per size (3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (1)")
    parser.add_argument("--tmp", type=Path, default=None,
                        help="folder for the working copies (default: system temp)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a target at 30,000 contacts fails")
    args = parser.parse_args(argv)
    if min(args.reps, args.opens) < 1 or args.stock_reps < 0:
        parser.error("--reps and --opens must be at least 1")

    began = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="plbench-", dir=args.tmp) as folder:
        work = Path(folder)
        floor = fsync_floor(work)
        for contacts in args.sizes:
            results.append(run_size(contacts, args, work))
    passed = report(results, args, floor)
    print(f"\n(total {time.perf_counter() - began:.0f} s)")
    return 1 if args.check and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
