"""Kill a writing process with SIGKILL at random moments; nothing acknowledged is lost.

A write is acknowledged when the writer prints it, which it does only after the
store returned, i.e. after fsync. After every kill the database file must be
valid JSON, every acknowledged write must be there, and every log must have
both its interaction and its follow-up (all-or-nothing).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from peoplelinks.service import PeopleLinks

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def run_writer_and_kill(db: Path, start: int, rng: random.Random) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(WRITER), str(db), str(start)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    lines: list[str] = []
    assert proc.stdout is not None
    # Wait for the first acknowledged write, then let it run a random while.
    first = proc.stdout.readline().decode()
    if not first:
        err = proc.stderr.read().decode() if proc.stderr else ""
        pytest.fail(f"writer died before writing: {err}")
    lines.append(first)
    time.sleep(rng.uniform(0.0, 0.25))
    os.kill(proc.pid, signal.SIGKILL)
    out, _err = proc.communicate()
    lines.extend(out.decode().splitlines())
    assert proc.returncode == -signal.SIGKILL
    return [line for line in lines if line.strip()]


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_write(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    db = tmp_path / "crash.json"
    acknowledged_contacts: dict[int, str] = {}
    acknowledged_logs: dict[int, int] = {}
    start = 0
    rounds = 0
    while rounds < 12 or len(acknowledged_contacts) < 300:
        for line in run_writer_and_kill(db, start, rng):
            kind, n, record_id = line.split()
            if kind == "contact":
                acknowledged_contacts[int(record_id)] = f"writer {n}"
            else:
                acknowledged_logs[int(record_id)] = int(n)
            start = max(start, int(n) + 1)
        rounds += 1
        if db.exists():
            orjson.loads(db.read_bytes())  # the file itself is always whole
        with PeopleLinks.open(db, read_only=True) as app:
            names = {c.id: c.name for c in app.contacts()}
            for cid, name in acknowledged_contacts.items():
                assert names.get(cid) == name, f"round {rounds}: contact {cid} lost"
            for iid in acknowledged_logs:
                assert iid in app.db.interactions, f"round {rounds}: interaction {iid} lost"
            by_interaction = {f.interaction_id: f for f in app.db.followups.values()}
            for iid, item in app.db.interactions.items():
                assert iid in by_interaction, f"interaction {iid} without its follow-up"
                assert item.notes == by_interaction[iid].action.replace("follow", "log")
            assert app.doctor() == []
        start += 1
    print(f"{rounds} kills, {len(acknowledged_contacts)} contacts and "
          f"{len(acknowledged_logs)} logs acknowledged")
    assert rounds >= 12 and len(acknowledged_contacts) >= 300
