"""The change history: every commit as a self-describing change, and undo/redo over it.

A change is a plain document kept in the database's ``changes`` table (so it
survives compaction and restarts, and a stock TinyDB reader sees it)::

    {"id": 12, "uid": "9f2c…", "at": "2026-11-22T18:00:00Z", "device": "laptop",
     "summary": "Logged coffee with Priya Shah", "kind": "do" | "undo" | "redo",
     "target": null | <id of the change undone or redone>,
     "records": [[table, doc_id, before | null, after | null], ...]}  # [] for undo, redo

Each record holds the document before and after the change, so undo is the
change applied backwards, and another device could replay or merge it later.
An undo or a redo holds no records of its own: they are its target's, backwards
or forwards (:func:`records_of`), so taking back a 30,000-contact import and
doing it again does not add the import twice more to the file.
The undo and redo stacks are not stored: they are derived from the history in
order (:func:`stacks`), so an undo survives a crash like any other change.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

HISTORY = "changes"
# How many changes are kept (older ones drop off; they can no longer be undone).
KEEP = 200

# (table, doc_id, document before or None, document after or None)
DocChange = tuple[str, str, Any, Any]


@dataclass(frozen=True)
class ChangeInfo:
    """A change as the front ends show it."""

    id: int
    at: datetime
    summary: str
    kind: str
    target: int | None
    size: int  # how many records it touched

    @classmethod
    def of(cls, doc: dict[str, Any]) -> ChangeInfo:
        """Read a stored change document."""
        return cls(id=int(doc["id"]), at=datetime.fromisoformat(doc["at"]),
                   summary=str(doc.get("summary") or "a change"), kind=str(doc["kind"]),
                   target=doc.get("target"), size=len(doc.get("records", ())))


def device_name() -> str:
    """This computer's name, recorded with each change (for sync, later)."""
    try:
        return os.uname().nodename
    except AttributeError:  # pragma: no cover - Windows
        return os.environ.get("COMPUTERNAME", "")


def stacks(changes: Iterable[dict[str, Any]]) -> tuple[list[int], list[int]]:
    """The ids of the changes that can be undone and redone, last on top.

    Read in order: a new change goes on the undo stack and empties the redo
    stack (as in an editor); an undo moves its target to the redo stack; a
    redo moves it back."""
    undo: list[int] = []
    redo: list[int] = []
    for doc in sorted(changes, key=lambda d: int(d["id"])):
        kind, target = doc.get("kind"), doc.get("target")
        if kind == "undo":
            if undo and undo[-1] == target:
                redo.append(undo.pop())
        elif kind == "redo":
            if redo and redo[-1] == target:
                undo.append(redo.pop())
        else:
            undo.append(int(doc["id"]))
            redo.clear()
    return undo, redo


def inverse(records: list[list[Any]]) -> list[DocChange]:
    """The records of a change applied backwards (last first)."""
    return [(table, key, after, before) for table, key, before, after in reversed(records)]


def forward(records: list[list[Any]]) -> list[DocChange]:
    """The records of a change applied again."""
    return [(table, key, before, after) for table, key, before, after in records]


def records_of(doc: dict[str, Any], changes: dict[str, Any]) -> list[DocChange]:
    """What the change ``doc`` did, record by record: its own records, or for an
    undo or redo (stored without them) its target's in ``changes`` (the history
    table), backwards or forwards. Empty when the target is gone."""
    records = doc.get("records")
    if records:
        return forward(records)
    target = changes.get(str(doc.get("target")))
    if doc.get("kind") not in ("undo", "redo") or not isinstance(target, dict):
        return []
    own = target.get("records") or []
    return inverse(own) if doc["kind"] == "undo" else forward(own)
