"""An import is one all-or-nothing write: killed with SIGKILL at any moment, the
database holds either everything it was importing or nothing of it, and the
people there before are all still there."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from peoplelinks.service import PeopleLinks

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from bench_import import write_connections  # noqa: E402

ROWS = 4000


@pytest.mark.slow
def test_sigkill_during_an_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    db = tmp_path / "db.json"
    with PeopleLinks.open(db) as app:
        for n in range(5):
            app.add_contact({"name": f"Before {n}"})
    source = tmp_path / "Connections.csv"
    write_connections(source, ROWS)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "peoplelinks", "--db", str(db), "import", "linkedin",
               str(source)]
    # One import left to finish: how long one takes on this machine (the kills land at
    # fractions of it, so that some land before its write however fast the machine).
    began = time.perf_counter()
    subprocess.run(command, capture_output=True, env=env, check=True)
    took = time.perf_counter() - began
    outcomes = set()
    for fraction in [None, 0.2, *(rng.uniform(0.1, 1.1) for _ in range(5))]:
        if fraction is not None:
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=env)
            time.sleep(fraction * took)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.communicate()
        with PeopleLinks.open(db) as app:
            names = [c.name for c in app.contacts()]
            assert {f"Before {n}" for n in range(5)} <= set(names)
            assert len(names) in (5, 5 + ROWS), f"a partial import: {len(names)} contacts"
            assert app.doctor() == []
            outcomes.add(len(names))
            if len(names) == 5 + ROWS:
                app.undo()  # back to before, for the next round
    assert 5 in outcomes  # at least one kill landed before the write
    assert 5 + ROWS in outcomes  # (the import left to finish, at least)
