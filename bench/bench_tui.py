"""Benchmark the TUI at 300, 3,000 and 30,000 contacts (interactions = 5/3 of that).

    python bench/bench_tui.py                 # all sizes
    python bench/bench_tui.py --sizes 30000 --check

Figures (targets at 30,000 contacts / 50,000 interactions):
- launch:  from starting ``python -m peoplelinks --db FILE`` in a real terminal
  (tmux, 120x36) to the first frame (the app's header on screen), polled with
  capture-pane every 10 ms; median of 3 — target <= 1,500 ms. Needs tmux.
- ready:   the same run, to the frame that shows the contact list and the
  follow-ups (the database read and validated in a thread meanwhile; the app
  is started with ``PEOPLELINKS_START=main``, so that today's list, which it
  shows first when something is due, does not cover them).
- search:  one keystroke typed in the search box to the frame that shows the
  updated list and card; median over a name typed a letter at a time — target
  <= 50 ms.
- move:    ``j`` to the frame showing the next contact's card; median of 30 —
  target <= 30 ms.
- graph:   ``g`` to the frame showing the referral tree built, with the contact
  revealed; median of 5 (the pane is closed between tries) — target <= 300 ms.
- form:    ``e`` to the frame showing the contact form filled with the
  highlighted contact; median of 5 (the first builds the form, the others
  reopen it) — no target of its own.
- save:    ``ctrl+s`` in the quick log (notes, a thank-you follow-up) to the frame
  showing the list, card and follow-ups updated after the durable write;
  median of 5 — target <= 100 ms.
- today, goals, cover: ``t`` (today's list), ``o`` (objective and weekly goals)
  and ``c`` (target-company coverage), each pressed right after a talk was
  logged (before the app works the views out in the background), to the frame
  showing the view; median of 3 — target <= 150 ms. Each is also opened once after
  a pause long enough for the app to work the views out in the background
  ("settled": what a user who paused after a change meets).
Keys are sent with Pilot; each time runs from just before the key is sent to
the end of the first frame the app hands to the terminal (``App._display``)
after the watched method changed the view, so Pilot's own waiting for the app
to go idle is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_store import cached_database, interactions_for  # noqa: E402

from peoplelinks.service import PeopleLinks  # noqa: E402
from peoplelinks.tui.app import PeopleLinksApp  # noqa: E402
from peoplelinks.tui.screens.contact_form import ContactForm  # noqa: E402
from peoplelinks.tui.screens.strategy_actions import PREPARE_DELAY  # noqa: E402
from peoplelinks.tui.widgets.contact_card import ContactCard  # noqa: E402
from peoplelinks.tui.widgets.contact_list import ContactList  # noqa: E402
from peoplelinks.tui.widgets.referral_tree import ReferralTree  # noqa: E402

TARGETS = {"launch": 1500.0, "search": 50.0, "move": 30.0, "graph": 300.0, "save": 100.0,
           "today": 150.0, "goals": 150.0, "cover": 150.0}
# Job-search views (issue 10) and the key that opens each.
STRATEGY_VIEWS = {"today": "t", "goals": "o", "cover": "c"}
# "ready" has no target of its own: it is reported next to launch.


def launch_ms(db: Path, runs: int = 3) -> tuple[float, float] | None:
    """Median times from process start to the first frame and to the contact list."""
    tmux = shutil.which("tmux")
    if tmux is None:
        return None
    firsts: list[float] = []
    times = []
    for _ in range(runs):
        name = f"bench-{uuid.uuid4().hex[:6]}"
        command = f"{sys.executable} -m peoplelinks --db {db}"
        start = time.perf_counter()
        subprocess.run([tmux, "-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y",
                        "36", command], check=True, env={"TERM": "xterm-256color",
                                                         "PATH": "/usr/bin:/bin",
                                                         "PYTHONPATH": str(ROOT),
                                                         # the list, not today's
                                                         "PEOPLELINKS_START": "main"})
        try:
            first = None
            while True:
                screen = subprocess.run([tmux, "-L", name, "capture-pane", "-p", "-t", name],
                                        capture_output=True, text=True).stdout
                if first is None and "peoplelinks" in screen:
                    first = (time.perf_counter() - start) * 1000
                    firsts.append(first)
                if "Contacts " in screen and "Follow-ups" in screen:
                    times.append((time.perf_counter() - start) * 1000)
                    break
                if time.perf_counter() - start > 30:
                    raise RuntimeError(f"the app did not show up:\n{screen}")
                time.sleep(0.01)
        finally:
            subprocess.run([tmux, "-L", name, "send-keys", "-t", name, "q"], capture_output=True)
            time.sleep(1.0)
            subprocess.run([tmux, "-L", name, "kill-server"], capture_output=True)
    return statistics.median(firsts), statistics.median(times)


class FrameClock:
    """Times from a key to the end of the first frame drawn after a watched method ran."""

    def __init__(self, app: PeopleLinksApp) -> None:
        self.app = app
        self.start = 0.0
        self.armed = False
        self.done: float | None = None
        display = app._display

        def displayed(screen: object, renderable: object) -> None:
            display(screen, renderable)  # type: ignore[arg-type]
            if self.armed and renderable is not None and self.done is None:
                self.done = time.perf_counter()

        app._display = displayed  # type: ignore[method-assign]

    def watch(self, obj: object, name: str) -> None:
        """Wrap ``obj.name`` so that the next frame drawn after a call is timed."""
        original = getattr(obj, name)

        def wrapped(*args: object, **kwargs: object) -> object:
            result = original(*args, **kwargs)
            self.armed = True
            return result

        setattr(obj, name, wrapped)

    async def key(self, pilot: object, key: str) -> float:
        """Press ``key``; return ms to the end of the frame that shows its effect."""
        self.done = None
        self.armed = False
        self.start = time.perf_counter()
        await pilot.press(key)  # type: ignore[attr-defined]
        for _ in range(100):  # a modal's result arrives a few messages later
            await pilot.pause()  # type: ignore[attr-defined]
            if self.done is not None:
                break
            await asyncio.sleep(0.01)
        if self.done is None:
            raise RuntimeError(f"{key!r} changed nothing that is watched")
        return (self.done - self.start) * 1000


async def interaction_ms(db: Path) -> dict[str, float]:
    """Median search keystroke, move and graph times, driven with Pilot."""
    service = PeopleLinks.open(db, cached=True)  # as the app opens it...
    service.db.build_indexes()  # ...with what its loading thread works out ahead
    app = PeopleLinksApp(service)
    out: dict[str, float] = {}
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            clock = FrameClock(app)
            card = app.screen.query_one(ContactCard)
            clock.watch(card, "show")
            moves = []
            for _ in range(30):
                before = card.contact_id
                moves.append(await clock.key(pilot, "j"))
                assert card.contact_id != before
            out["move"] = statistics.median(moves)
            clock.watch(app.screen.query_one(ContactList), "set_ids")
            await pilot.press("slash")
            searches = [await clock.key(pilot, letter) for letter in "maria"]
            out["search"] = statistics.median(searches)
            await pilot.press("escape")
            await pilot.pause()
            tree = app.screen.query_one(ReferralTree)
            clock.watch(tree, "reveal")
            graphs = []
            for _ in range(5):
                await pilot.press("j")
                await pilot.pause()
                graphs.append(await clock.key(pilot, "g"))
                assert tree.has_focus and tree.cursor_node is not None
                await pilot.press("g")  # back to the card and the list
                await pilot.pause()
            out["graph"] = statistics.median(graphs)
            clock.watch(app, "push_screen")
            forms = []
            for _ in range(5):
                forms.append(await clock.key(pilot, "e"))
                assert isinstance(app.screen, ContactForm)
                await pilot.press("escape")
                await pilot.pause()
            out["form"] = statistics.median(forms)
            clock.watch(app.screen, "refresh_all")
            saves = []
            for n in range(5):
                await pilot.press("j", "l")
                await pilot.pause()
                await pilot.press(*f"coffee {n}")  # the notes; next step: the thank-you
                saves.append(await clock.key(pilot, "ctrl+s"))
                await pilot.pause()
            out["save"] = statistics.median(saves)
            # The job-search views, opened right after a talk is logged: the moment
            # their data changed, before the app works them out in the background.
            for name, view_key in STRATEGY_VIEWS.items():
                opened = []
                for n in range(3):
                    await pilot.press("j", "l")
                    await pilot.pause()
                    await pilot.press(*f"chat {n}", "ctrl+s")
                    await pilot.pause()
                    opened.append(await clock.key(pilot, view_key))
                    await pilot.press("escape")
                    await pilot.pause()
                out[name] = statistics.median(opened)
                # And once the user paused long enough for the app to work it out.
                await asyncio.sleep(PREPARE_DELAY + 0.2)
                await app.workers.wait_for_complete()
                settled = await clock.key(pilot, view_key)
                await pilot.press("escape")
                await pilot.pause()
                out[f"{name} settled"] = settled
    finally:
        service.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,3000,30000")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    args = parser.parse_args(argv)
    sizes = [int(s.replace(",", "").replace("_", "")) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for contacts in sizes:
            source = cached_database(contacts, interactions_for(contacts), 1)
            db = Path(tmp) / f"tui-{contacts}.json"
            shutil.copyfile(source, db)
            launched = launch_ms(db)
            figures: dict[str, float | None] = {
                "launch": launched[0] if launched else None,
                "ready": launched[1] if launched else None}
            figures.update(asyncio.run(interaction_ms(db)))
            rows.append((contacts, figures))
            print(f"  measured {contacts:,} contacts", file=sys.stderr)
    print("peoplelinks TUI benchmark (ms; median)")
    print(f"{'contacts':>8} {'inter.':>7} | {'launch':>7} {'ready':>7} {'search':>7} "
          f"{'move':>7} {'graph':>7} {'form':>7} {'save':>7} {'today':>7} {'goals':>7} "
          f"{'cover':>7}")
    print("-" * 98)
    for contacts, f in rows:
        launch = f"{f['launch']:7.0f}" if f["launch"] is not None else "  (n/a)"
        ready = f"{f['ready']:7.0f}" if f["ready"] is not None else "  (n/a)"
        print(f"{contacts:>8,} {interactions_for(contacts):>7,} | {launch} {ready} "
              f"{f['search']:7.1f} {f['move']:7.1f} {f['graph']:7.1f} {f['form']:7.1f} "
              f"{f['save']:7.1f} {f['today']:7.1f} {f['goals']:7.1f} {f['cover']:7.1f}")
    print("\njob-search views once the app worked them out after a pause (ms): " + "; ".join(
        f"{contacts:,}: " + ", ".join(f"{v} {f[v + ' settled']:.1f}" for v in STRATEGY_VIEWS)
        for contacts, f in rows))
    ok = True
    largest = rows[-1][1]
    print(f"\ntargets at {rows[-1][0]:,} contacts:")
    for key, target in TARGETS.items():
        value = largest.get(key)
        if value is None:
            print(f"  {key:7} <= {target:6.0f} ms      n/a (no tmux)")
            continue
        passed = value <= target
        ok &= passed
        print(f"  {key:7} <= {target:6.0f} ms  {value:8.1f} ms   {'PASS' if passed else 'FAIL'}")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
