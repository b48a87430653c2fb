"""The tickler: contacts in the order their keep-in-touch dates come due.

Kept sorted and updated one contact at a time, so "who is due" costs the
number of due contacts asked for, not a pass over the whole network.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date


class Tickler:
    """(date, name, id) entries in date order; a contact appears at most once."""

    def __init__(self) -> None:
        self._items: list[tuple[date, str, int]] = []
        self._entry: dict[int, tuple[date, str, int]] = {}
        self._name: dict[int, str] = {}  # as written (entries hold it case-folded)

    @classmethod
    def of(cls, entries: Iterable[tuple[int, date | None, str]]) -> Tickler:
        """A tickler holding ``entries`` (contact id, when, name) as :meth:`set` one by
        one would: sorted once, instead of an insertion into the list each (30,000
        insertions move ~3 GB of pointers)."""
        tickler = cls()
        for contact_id, when, name in entries:
            if when is None:
                tickler._entry.pop(contact_id, None)
                tickler._name.pop(contact_id, None)
            else:
                tickler._entry[contact_id] = (when, name.casefold(), contact_id)
                tickler._name[contact_id] = name
        tickler._items = sorted(tickler._entry.values())
        return tickler

    @classmethod
    def of_sorted(cls, entries: list[tuple[date, int, str]]) -> Tickler:
        """A tickler holding ``entries`` (when, contact id, name), given in its order
        (by date, then case-folded name, then id) and each contact once."""
        tickler = cls()
        tickler._items = [(when, name.casefold(), cid) for when, cid, name in entries]
        tickler._entry = {entry[2]: entry for entry in tickler._items}
        tickler._name = {cid: name for _when, cid, name in entries}
        return tickler

    def set(self, contact_id: int, when: date | None, name: str) -> None:
        """Put ``contact_id`` at ``when`` (None: not tracked, so removed)."""
        self.remove(contact_id)
        if when is not None:
            entry = (when, name.casefold(), contact_id)
            self._items.insert(bisect_left(self._items, entry), entry)
            self._entry[contact_id] = entry
            self._name[contact_id] = name

    def remove(self, contact_id: int) -> None:
        """Take ``contact_id`` out."""
        entry = self._entry.pop(contact_id, None)
        if entry is not None:
            del self._items[bisect_left(self._items, entry)]
            del self._name[contact_id]

    def name(self, contact_id: int) -> str:
        """The name ``contact_id`` was put in under."""
        return self._name[contact_id]

    def due(self, today: date, limit: int | None = None) -> tuple[int, list[tuple[date, int]]]:
        """How many are due by ``today``, and the first ``limit`` of them (date, id)."""
        end = bisect_right(self._items, (today, "\U0010ffff", 1 << 62))
        shown = self._items[:end if limit is None else min(end, limit)]
        return end, [(when, cid) for when, _name, cid in shown]

    def __len__(self) -> int:
        return len(self._items)
