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
    outcomes = set()
    for _round in range(6):
        proc = subprocess.Popen([sys.executable, "-m", "peoplelinks", "--db", str(db),
                                 "import", "linkedin", str(source)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        time.sleep(rng.uniform(0.3, 2.5))
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
