"""Property: any sequence of changes, undos and redos, with the writer killed (SIGKILL) at
random points of its write path, leaves the database equal to the same sequence applied to
a plain in-memory model.

A killed writer's last operation may or may not have reached the disk (it was never
acknowledged): the database must then equal the model either before or after it, and the
run goes on from there.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from peoplelinks.service import PeopleLinks

WORKER = Path(__file__).with_name("ops_worker.py")
ROOT = Path(__file__).resolve().parents[2]

State = dict[str, dict[int, tuple[Any, ...]]]


class Model:
    """The plain model: three dicts, id counters, and undo/redo stacks of snapshots."""

    def __init__(self) -> None:
        self.state: State = {"contacts": {}, "interactions": {}, "followups": {}}
        self.next = {"contacts": 1, "interactions": 1, "followups": 1}
        self.undo: list[State] = []
        self.redo: list[State] = []

    def _new(self, table: str) -> int:
        self.next[table] += 1
        return self.next[table] - 1

    def _ids(self, trash: bool) -> list[int]:
        return sorted(i for i, c in self.state["contacts"].items() if c[2] == trash)

    def apply(self, op: list[Any]) -> None:
        kind, k, text = op
        if kind == "undo":
            if self.undo:
                self.redo.append(self.state)
                self.state = self.undo.pop()
            return
        if kind == "redo":
            if self.redo:
                self.undo.append(self.state)
                self.state = self.redo.pop()
            return
        new = copy.deepcopy(self.state)
        contacts, live, gone = new["contacts"], self._ids(False), self._ids(True)
        followups = new["followups"]
        open_fu = sorted(i for i, f in followups.items()
                         if not f[2] and not contacts[f[0]][2])
        if kind == "add":
            contacts[self._new("contacts")] = (text, "", False)
        elif kind == "edit" and live:
            who = live[k % len(live)]
            name, title, trash = contacts[who]
            if title == text:
                return  # nothing changed: nothing recorded
            contacts[who] = (name, text, trash)
        elif kind == "trash" and live:
            who = live[k % len(live)]
            contacts[who] = (*contacts[who][:2], True)
        elif kind == "untrash" and gone:
            who = gone[k % len(gone)]
            contacts[who] = (*contacts[who][:2], False)
        elif kind == "log" and live:
            who = live[k % len(live)]
            new["interactions"][self._new("interactions")] = (who, text)
            if k % 2:
                followups[self._new("followups")] = (who, f"follow {text}", False)
        elif kind == "done" and open_fu:
            fid = open_fu[k % len(open_fu)]
            followups[fid] = (*followups[fid][:2], True)
        else:
            return
        self.undo.append(self.state)
        self.redo.clear()
        self.state = new


def read_state(path: Path) -> State:
    """What the database holds, opened as the next run would open it."""
    with PeopleLinks.open(path) as app:
        db = app.db
        return {
            "contacts": {c.id: (c.name, c.title, c.in_trash) for c in db.contacts.values()},
            "interactions": {i.id: (i.contact_ids[0], i.notes)
                             for i in db.interactions.values()},
            "followups": {f.id: (f.contact_id, f.action, f.done) for f in db.followups.values()},
        }


def run_worker(path: Path, ops: list[list[Any]], die_at: int) -> int:
    """Run ``ops``; return how many were acknowledged before the worker ended."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(WORKER), str(path), json.dumps(ops),
                           str(die_at)], capture_output=True, text=True, env=env, timeout=120)
    if die_at == 0 or done.returncode != -9:
        assert done.returncode == 0, done.stderr
    return sum(1 for line in done.stdout.splitlines() if line.startswith("ok "))


WORDS = st.text(alphabet="abcdefgh", min_size=1, max_size=6)
OPS = st.lists(
    st.tuples(st.sampled_from(["add", "add", "edit", "trash", "untrash", "log", "done",
                               "undo", "undo", "redo"]),
              st.integers(0, 9), WORDS).map(list),
    min_size=5, max_size=30,
)


@pytest.mark.slow
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=OPS, crashes=st.lists(st.integers(1, 40), max_size=3))
# Changes of several records (a log with its follow-up) undone, redone, across crashes.
@example(ops=[["add", 0, "a"], ["log", 1, "b"], ["undo", 0, "x"], ["redo", 0, "x"],
              ["done", 0, "x"], ["undo", 0, "x"], ["undo", 0, "x"], ["undo", 0, "x"]],
         crashes=[4, 7])
@example(ops=[["add", 0, "a"], ["add", 0, "b"], ["log", 3, "c"], ["trash", 0, "x"],
              ["undo", 0, "x"], ["undo", 0, "x"], ["redo", 0, "x"], ["edit", 1, "t"]],
         crashes=[2, 5, 9])
def test_changes_undos_and_crashes_match_a_plain_model(
        tmp_path_factory: pytest.TempPathFactory, ops: list[list[Any]],
        crashes: list[int]) -> None:
    path = tmp_path_factory.mktemp("prop") / "db.json"
    model = Model()
    position = 0
    for die_at in [*crashes, 0]:
        if position == len(ops):
            break
        acknowledged = run_worker(path, ops[position:], die_at)
        for op in ops[position:position + acknowledged]:
            model.apply(op)
        position += acknowledged
        found = read_state(path)
        if found != model.state and position < len(ops):
            # the operation in flight when the worker died reached the disk
            model.apply(ops[position])
            position += 1
        assert found == model.state, f"after {position} of {ops}"
    assert position == len(ops)
    assert read_state(path) == model.state
