"""A worker for the store's property test: applies operations, printing each one done.

Run as ``python ops_worker.py DB OPS_JSON DIE_AT``. OPS_JSON is a list of
operations (see :func:`apply`); the worker prints ``ok N`` once operation N has
returned (so it is durable). With DIE_AT > 0 the process kills itself with
SIGKILL just before its DIE_AT-th fsync, anywhere in the write path: in a
journal append, in a compaction's temporary file, in a folder fsync.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from peoplelinks.errors import InputError
from peoplelinks.service import PeopleLinks


def live(app: PeopleLinks) -> list[int]:
    return sorted(c.id for c in app.db.contacts.values() if not c.in_trash)


def trashed(app: PeopleLinks) -> list[int]:
    return sorted(c.id for c in app.db.contacts.values() if c.in_trash)


def open_followups(app: PeopleLinks) -> list[int]:
    contacts = app.db.contacts
    return sorted(f.id for f in app.db.followups.values()
                  if not f.done and not contacts[f.contact_id].in_trash)


def apply(app: PeopleLinks, op: list[Any]) -> None:
    """Apply one operation; targets are chosen by index among what exists, so that a
    plain model can choose the same ones."""
    kind, k, text = op
    if kind == "add":
        app.add_contact({"name": text}, allow_duplicate=True)
    elif kind == "edit" and live(app):
        app.edit_contact(live(app)[k % len(live(app))], {"title": text})
    elif kind == "trash" and live(app):
        app.delete_contact(live(app)[k % len(live(app))])
    elif kind == "untrash" and trashed(app):
        app.restore_contact(trashed(app)[k % len(trashed(app))])
    elif kind == "log" and live(app):
        who = live(app)[k % len(live(app))]
        app.log([who], notes=text, next_action=f"follow {text}" if k % 2 else "")
    elif kind == "done" and open_followups(app):
        app.complete_followup(open_followups(app)[k % len(open_followups(app))])
    elif kind == "undo":
        app.undo()
    elif kind == "redo":
        app.redo()


def main() -> None:
    path, ops, die_at = Path(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
    real_fsync = os.fsync
    calls = {"n": 0}

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == die_at:
            os.kill(os.getpid(), signal.SIGKILL)
        real_fsync(fd)

    os.fsync = fsync  # type: ignore[assignment]
    app = PeopleLinks.open(path)
    app.db.storage.compact_at = 3000  # compactions happen often, and crashes in them
    for n, op in enumerate(ops):
        with contextlib.suppress(InputError):  # nothing to undo or redo: nothing changed
            apply(app, op)
        print(f"ok {n}", flush=True)
    app.close()


if __name__ == "__main__":
    main()
