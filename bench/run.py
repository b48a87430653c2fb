"""Every speed figure of issue 12 in one table: the CLI, the TUI and memory at 300,
3,000 and 30,000 contacts, each next to a floor or a peer measured in the same run.

    python bench/run.py                       # 300, 3,000 and 30,000 (a few minutes)
    python bench/run.py --sizes 100000        # the stress size (no targets)
    python bench/run.py --sizes 300 --smoke   # CI: everything runs once, no verdicts
    python bench/run.py --check               # exit 1 when a target fails at 30,000

The machine is noisy, so each figure is a ratio to a floor measured alongside:

- floor: a whole ``python`` process that only reads the database file and parses
  it with orjson (what any command must at least pay to look at everything);
- list, show, due, today: ``peoplelinks --db FILE list maria --json`` (and ``show 1
  --json``, ``due --json``, ``today --json``), whole processes timed from outside
  as a user would see them — target <= 1.2x the floor;
- log: ``log 1 --notes ...`` (a durable write) — target <= 1.5x the floor;
- the reads are timed as they usually run, with the cache beside the file
  (``<file>.cache``, see ``peoplelinks/store/cache.py``); ``cli list, cache made``
  is the first read after a command-line write, which reads the file and makes
  the cache (no target: information);
- khard: ``khard list`` over the same people exported to a vdir (the peer);
  ``list`` must be >= 30x faster. khard is installed into a throwaway virtualenv
  in ``bench/data/`` when it is not on the PATH (skipped, with a note, offline);
- launch: the TUI started in a real terminal (tmux, 120x36) to the contact list
  and follow-ups on screen — target <= 2x the floor; ``tui launch, no cache`` is
  the start after a command-line write (the app leaves the cache when it quits);
- search, move, save: one search keystroke, ``j`` to the next card, the quick log's
  ``ctrl+s`` to the panes updated (driven with Pilot, see ``bench_tui.py``) —
  targets 30, 20 and 50 ms;
- memory: the peak resident size of each CLI command and of the TUI (once it has
  done the work it does beside the UI after the first frame: no CPU for a second)
  — target <= 300 MB.

Each whole-process figure is the median of ``--runs`` (3; 1 with ``--smoke``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_store import DATA, cached_database, interactions_for  # noqa: E402

FLOOR_CODE = "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"
UPGRADE_CODE = ("import sys; from pathlib import Path; from peoplelinks.service import "
                "PeopleLinks; PeopleLinks.open(Path(sys.argv[1])).close()")
QUERY = "maria"
# figure -> (the command's arguments after --db FILE, the target as a ratio to the floor)
COMMANDS: dict[str, tuple[list[str], float]] = {
    "list": (["list", QUERY, "--json"], 1.2),
    "show": (["show", "1", "--json"], 1.2),
    "due": (["due", "--json"], 1.2),
    "today": (["today", "--json"], 1.2),
    "log": (["log", "1", "--notes", "bench: a coffee chat", "--no-reach-out"], 1.5),
}
LAUNCH_RATIO = 2.0
KHARD_RATIO = 30.0  # khard's list time / ours, at least
KEY_TARGETS = {"search": 30.0, "move": 20.0, "save": 50.0}  # ms
MEMORY_MB = 300.0
TARGET_SIZE = 30_000


@dataclass
class Figure:
    """One row of the table."""

    size: int
    name: str
    value: float  # ms, or MB for memory
    unit: str = "ms"
    against: str = ""  # what it is compared with
    base: float | None = None
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None  # None: no target at this size


@dataclass
class Run:
    """What one process cost: wall time and peak memory."""

    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0

    @property
    def ms(self) -> float:
        return statistics.median(self.seconds) * 1000


def run_process(argv: list[str], runs: int, env: dict[str, str] | None = None,
                before: Callable[[], object] | None = None) -> Run:
    """Time ``argv`` ``runs`` times from outside; keep the highest peak memory.
    ``before`` runs before each (untimed)."""
    out = Run()
    for _ in range(runs):
        if before is not None:
            before()
        began = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        out.seconds.append(time.perf_counter() - began)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            error = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {error}")
        if proc.stderr:
            proc.stderr.close()
        out.peak_mb = max(out.peak_mb, usage.ru_maxrss / 1024)  # KB on Linux
    return out


def peoplelinks(db: Path, args: list[str]) -> list[str]:
    return [sys.executable, "-m", "peoplelinks", "--db", str(db), *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


# ---- khard, the peer ---------------------------------------------------------------


def khard_command() -> list[str] | None:
    """khard, installed into bench/data/khard-venv when missing; None when it cannot be."""
    found = shutil.which("khard")
    if found:
        return [found]
    venv = DATA / "khard-venv"
    binary = venv / "bin" / "khard"
    if not binary.exists():
        print("  installing khard into a throwaway virtualenv (bench/data/khard-venv)…",
              file=sys.stderr)
        DATA.mkdir(exist_ok=True)
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
        if made.returncode == 0:
            made = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "khard"],
                                  capture_output=True)
        if made.returncode != 0 or not binary.exists():
            print("  khard could not be installed (offline?): its comparison is skipped",
                  file=sys.stderr)
            return None
    return [str(binary)]


def khard_run(khard: list[str], db: Path, work: Path, runs: int) -> Run:
    """``khard list`` over the people of ``db`` exported as a vdir."""
    from peoplelinks.service import PeopleLinks  # noqa: PLC0415

    vdir = work / "vdir"
    with PeopleLinks.open(db, read_only=True) as app:
        app.export_vcards(vdir, vdir=True)
    config = work / "khard.conf"
    config.write_text(f"[addressbooks]\n[[bench]]\npath = {vdir}\n\n[general]\n"
                      "default_action = list\neditor = true\nmerge_editor = true\n")
    return run_process([*khard, "-c", str(config), "list"], runs,
                       env={**os.environ, "HOME": str(work)})


# ---- the TUI -------------------------------------------------------------------------


def _card_top(screen: str) -> str:
    """The card's first lines (name, title, what it is) off a tmux screen: the text
    right of the contacts pane on the rows below the header."""
    rows = screen.splitlines()[2:5]
    return "\n".join(row.split("││", 1)[1] if "││" in row else "" for row in rows)


def _screen_when(tmux: str, name: str, began: float, what: str,
                 test: Callable[[str], bool]) -> str:
    """The tmux session's screen once ``test`` holds for it (read every 5 ms; an error
    saying the app did not ``what`` after a minute from ``began``)."""
    while True:
        screen = subprocess.run([tmux, "-L", name, "capture-pane", "-p", "-t", name],
                                capture_output=True, text=True).stdout
        if test(screen):
            return screen
        if time.perf_counter() - began > 60:
            raise RuntimeError(f"the app did not {what}:\n{screen}")
        time.sleep(0.005)


def tui_launch(db: Path, runs: int, *, fresh: bool = False) -> tuple[Run, Run, float] | None:
    """Process start to the contact list and follow-ups on screen in tmux; process
    start to the first key answered (``j`` sent the moment the list shows, until
    the card shows the next contact); and the app's peak memory over a session:
    once it settled, after a talk logged, and while it quits (read from /proc until
    it is gone). ``fresh``: with no cache beside the file (the first start after a
    command-line write)."""
    tmux = shutil.which("tmux")
    if tmux is None:
        return None
    out = Run()
    answered = Run()
    for _ in range(runs):
        if fresh:
            db.with_name(db.name + ".cache").unlink(missing_ok=True)
        name = f"bench-{uuid.uuid4().hex[:6]}"
        command = f"{sys.executable} -m peoplelinks --db {db}"
        began = time.perf_counter()
        subprocess.run([tmux, "-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y",
                        "36", command], check=True,
                       env={"TERM": "xterm-256color", "PATH": "/usr/bin:/bin",
                            "PYTHONPATH": str(ROOT), "PEOPLELINKS_START": "main"})
        pid = _pane_pid(tmux, name)
        try:
            screen = _screen_when(tmux, name, began, "show its list",
                                  lambda s: "Contacts " in s and "Follow-ups" in s)
            out.seconds.append(time.perf_counter() - began)
            # A user who starts to move at once: the first key is answered when the
            # card shows the next contact.
            shown = _card_top(screen)
            subprocess.run([tmux, "-L", name, "send-keys", "-t", name, "j"], check=True)
            _screen_when(tmux, name, began, "answer j",
                         lambda s, shown=shown: _card_top(s) not in (shown, ""))
            answered.seconds.append(time.perf_counter() - began)
            # The peak once the work it does beside the UI after the first frame (reading
            # the file, validating every record, what is due) is done: read too early,
            # it showed the app before most of that (317 MB at 30,000 against 532).
            out.peak_mb = max(out.peak_mb, _settled_peak_mb(tmux, name))
            # Then as a user: a talk logged on the highlighted contact, then quit (the
            # journal is folded into the file and the cache made again): the peak of
            # the whole session, read until the process is gone.
            for keys in (["l"], ["-l", "bench talk"], ["C-s"]):
                subprocess.run([tmux, "-L", name, "send-keys", "-t", name, *keys],
                               capture_output=True)
                time.sleep(0.5)
            out.peak_mb = max(out.peak_mb, _settled_peak_mb(tmux, name))
        finally:
            subprocess.run([tmux, "-L", name, "send-keys", "-t", name, "q"],
                           capture_output=True)
            quitting = time.perf_counter()
            # Let it finish quitting (it folds the journal and writes the cache).
            while time.perf_counter() - quitting < 30:
                high = _high_water_mb(pid)
                if high is None:
                    break
                out.peak_mb = max(out.peak_mb, high)
                time.sleep(0.02)
            subprocess.run([tmux, "-L", name, "kill-server"], capture_output=True)
    return out, answered, out.peak_mb


def _pane_pid(tmux: str, name: str) -> str:
    return subprocess.run([tmux, "-L", name, "list-panes", "-t", name, "-F", "#{pane_pid}"],
                          capture_output=True, text=True).stdout.strip()


def _high_water_mb(pid: str) -> float | None:
    """The peak memory (VmHWM) of process ``pid`` so far, or None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def _settled_peak_mb(tmux: str, name: str, idle: float = 1.0, limit: float = 60.0) -> float:
    """The peak memory (VmHWM) of the app in the pane once it has used no CPU for
    ``idle`` seconds (at most ``limit`` seconds from now)."""
    proc = Path(f"/proc/{_pane_pid(tmux, name)}")
    began = still_since = time.perf_counter()
    last = -1
    try:
        while time.perf_counter() - began < limit:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])  # user and system time
            now = time.perf_counter()
            if ticks > last + 1:  # (a tick or so: the app's timers)
                last, still_since = ticks, now
            elif now - still_since >= idle:
                break
            time.sleep(0.1)
        status = (proc / "status").read_text()
    except (OSError, IndexError, ValueError):
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def tui_keys(db: Path) -> dict[str, float]:
    """Search keystroke, move and save in ms (bench_tui's Pilot measurements), in a
    process of its own: a process started later from this one counts this one's
    memory in its own peak (wait4's ru_maxrss survives the exec)."""
    code = ("import asyncio, json, sys; from pathlib import Path; "
            "from bench_tui import interaction_ms; "
            "print(json.dumps(asyncio.run(interaction_ms(Path(sys.argv[1])))))")
    done = subprocess.run([sys.executable, "-c", code, str(db)], check=True, cwd=HERE,
                          stdout=subprocess.PIPE,
                          env={**environment(), "PYTHONPATH": os.pathsep.join(
                              [str(HERE), str(ROOT)])})
    figures: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return figures


# ---- one size --------------------------------------------------------------------------


def measure(size: int, args: argparse.Namespace, khard: list[str] | None,
            work: Path) -> list[Figure]:
    source = cached_database(size, interactions_for(size), 1)
    db = work / f"pl-{size}.json"
    shutil.copyfile(source, db)
    # As the user's file is after the app opened it once: in this version's schema.
    subprocess.run([sys.executable, "-c", UPGRADE_CODE, str(db)], check=True,
                   env=environment())
    runs = 1 if args.smoke else args.runs
    judged = size == TARGET_SIZE and not args.smoke
    figures: list[Figure] = []
    floor = run_process([sys.executable, "-c", FLOOR_CODE, str(db)], runs).ms
    figures.append(Figure(size, "floor: parse the file", floor))
    env = environment()
    runs_of: dict[str, Run] = {}
    cache = db.with_name(db.name + ".cache")
    for name, (command, limit) in COMMANDS.items():
        run = run_process(peoplelinks(db, command), runs, env)
        runs_of[name] = run
        ratio = run.ms / floor
        figures.append(Figure(size, f"cli {name}", run.ms, against="floor", base=floor,
                              ratio=ratio, target=f"<= {limit}x",
                              ok=ratio <= limit if judged else None))
        if name == "list":
            # The first command that reads after a command-line write makes the cache.
            first = run_process(peoplelinks(db, command), runs, env,
                                before=lambda: cache.unlink(missing_ok=True))
            runs_of["list, cache made"] = first
            figures.append(Figure(size, "cli list, cache made", first.ms, against="floor",
                                  base=floor, ratio=first.ms / floor, target="(info)"))
    peak = max(run.peak_mb for run in runs_of.values())
    figures.append(Figure(size, "cli peak memory", peak, unit="MB", target=f"<= {MEMORY_MB:.0f}",
                          ok=peak <= MEMORY_MB if judged else None))
    if khard is not None:
        peer = khard_run(khard, db, work / f"khard-{size}", 1)
        ours = runs_of["list"].ms
        figures.append(Figure(size, "khard list (peer)", peer.ms, against="cli list",
                              base=ours, ratio=peer.ms / ours, target=f">= {KHARD_RATIO:.0f}x",
                              ok=peer.ms / ours >= KHARD_RATIO if judged else None))
    first = tui_launch(db, runs, fresh=True)
    launched = tui_launch(db, runs)
    if launched is not None and first is not None:
        run, answered, tui_peak = launched
        for figure, took in (("tui launch to list", run), ("tui launch to first key", answered)):
            ratio = took.ms / floor
            figures.append(Figure(size, figure, took.ms, against="floor", base=floor,
                                  ratio=ratio, target=f"<= {LAUNCH_RATIO}x",
                                  ok=ratio <= LAUNCH_RATIO if judged else None))
        figures.append(Figure(size, "tui launch, no cache", first[0].ms, against="floor",
                              base=floor, ratio=first[0].ms / floor, target="(info)"))
        tui_peak = max(tui_peak, first[2])
        figures.append(Figure(size, "tui peak memory", tui_peak, unit="MB",
                              target=f"<= {MEMORY_MB:.0f}",
                              ok=tui_peak <= MEMORY_MB if judged else None))
    keys = tui_keys(db)
    for name, limit in KEY_TARGETS.items():
        figures.append(Figure(size, f"tui {name}", keys[name], target=f"<= {limit:.0f} ms",
                              ok=keys[name] <= limit if judged else None))
    return figures


def table(figures: list[Figure]) -> str:
    lines = [f"{'size':>7}  {'figure':<22} {'median':>10}  {'against':<9} {'that':>9} "
             f"{'ratio':>7}  {'target':<10} verdict", "-" * 92]
    last = None
    for f in figures:
        if last is not None and f.size != last:
            lines.append("")
        last = f.size
        value = f"{f.value:,.0f} {f.unit}" if f.value >= 10 else f"{f.value:.1f} {f.unit}"
        base = f"{f.base:,.0f} ms" if f.base is not None else ""
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        verdict = "" if f.ok is None else "ok" if f.ok else "OVER"
        lines.append(f"{f.size:>7,}  {f.name:<22} {value:>10}  {f.against:<9} {base:>9} "
                     f"{ratio:>7}  {f.target:<10} {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,3000,30000")
    parser.add_argument("--runs", type=int, default=3, help="runs of each whole process")
    parser.add_argument("--smoke", action="store_true",
                        help="each figure once, no verdicts (CI: the benchmarks still run)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a target fails at 30,000")
    args = parser.parse_args(argv)
    sizes = [int(s.replace(",", "").replace("_", "")) for s in args.sizes.split(",")]
    began = time.perf_counter()
    khard = None if args.smoke else khard_command()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            print(f"  measuring {size:,} contacts…", file=sys.stderr)
            figures += measure(size, args, khard, Path(tmp))
    print(f"peoplelinks benchmarks (interactions = 5/3 of contacts; medians of "
          f"{1 if args.smoke else args.runs} runs; {time.perf_counter() - began:.0f} s)")
    print(table(figures))
    failed = [f for f in figures if f.ok is False]
    if failed:
        print(f"\nover target: {', '.join(f'{f.name} ({f.size:,})' for f in failed)}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
