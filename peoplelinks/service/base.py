"""What every verb stands on: the open database, today, and what is derived from the
data and kept up to date change by change (sorted names, search index, tickler).
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, Self, TypeVar

from pydantic import ValidationError

from peoplelinks.domain.models import (
    Contact,
    Model,
)
from peoplelinks.domain.schedule import next_contact
from peoplelinks.domain.search import SearchIndex
from peoplelinks.domain.tickler import Tickler
from peoplelinks.domain.validation import describe
from peoplelinks.store.database import Database
from peoplelinks.store.history import DocChange

# A log may be dated a day ahead (time zones); anything later is a plan, not a log.
MAX_LOG_DAYS_AHEAD = 1
DEFAULT_NEXT_STEP_DAYS = 7


M = TypeVar("M", bound=Model)


def validated(model: type[M], data: dict[str, Any]) -> M:
    """Clean and validate input, turning pydantic's errors into an :class:`InputError`."""
    try:
        return model.from_input(data)
    except ValidationError as exc:
        raise describe(exc, data) from None


def _name_key(contact: Contact) -> tuple[str, int]:
    return contact.name.casefold(), contact.id


def _words_start(name_words: list[str], words: list[str]) -> bool:
    return all(any(n.startswith(w) for n in name_words) for w in words)


class ServiceBase:
    """The open database and the derived state the verbs keep current."""

    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self.db = db
        self._today = today
        self._search: SearchIndex | None = None
        self._index_lock = threading.Lock()  # one search index made at a time
        self._warming = False  # see warming_up
        # Contacts not in the trash in name order, kept up to date change by change
        # (re-sorting 30,000 names after every save would cost ~40 ms).
        self._sorted: list[tuple[tuple[str, int], Contact]] | None = None
        self._sort_key: dict[int, tuple[str, int]] = {}
        # Their ids, as the app's list shows them after every save (made again only
        # when a change moved one: ~10 ms at 30,000).
        self._ids_in_order: list[int] | None = None
        self._next: dict[int, date | None] = {}
        self._tickler: Tickler | None = None

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False,
             today: Callable[[], date] = date.today, salvage: bool = False,
             cached: bool = False) -> Self:
        """Open the database at ``path`` (``salvage``: see :class:`JournalStorage`;
        ``cached``: see :meth:`Database.open`)."""
        return cls(Database.open(path, read_only=read_only, salvage=salvage, cached=cached),
                   today=today)

    def close(self) -> None:
        """Save everything to the file and release the database."""
        # What the views worked out goes first: folding the journal and making the
        # cache again then reuse its room instead of adding to the peak.
        self._forget_derived()
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def today(self) -> date:
        """Today's date (injectable for tests)."""
        return self._today()

    def _sorted_contacts(self) -> list[tuple[tuple[str, int], Contact]]:
        if self._sorted is None:
            live = [(_name_key(c), c) for c in self.db.contacts.values() if not c.in_trash]
            live.sort(key=lambda pair: pair[0])
            self._sorted = live
            self._sort_key = {c.id: key for key, c in live}
        return self._sorted

    def _ids_by_name(self) -> list[int]:
        """Ids of the contacts not in the trash, in name order (a copy)."""
        if self._ids_in_order is None:
            self._ids_in_order = [key[1] for key, _contact in self._sorted_contacts()]
        return list(self._ids_in_order)

    def _index(self) -> SearchIndex:
        # Made aside and kept only if no contact changed meanwhile: the app makes it
        # in a thread (warm_up) while the user may be saving.
        with self._index_lock:
            while self._search is None:
                seen = self.db.revisions("contacts")
                everyone = list(self.db.contacts.values())  # (one step: a copy)
                made = SearchIndex(c for c in everyone if not c.in_trash)
                with self.db.derive_lock:
                    if self.db.revisions("contacts") == seen:
                        self._search = made
            return self._search

    def _touch(self, contact_id: int) -> None:
        """A contact's keep-in-touch date may have moved: recompute it where kept."""
        # Under the store's lock: the app may be building the tickler in a thread.
        with self.db.derive_lock:
            self._next.pop(contact_id, None)
            if self._tickler is not None:
                contact = self.db.contacts[contact_id]
                self._tickler.set(contact_id, self.next_contact(contact), contact.name)

    def _reindex(self, contact: Contact) -> None:
        self._touch(contact.id)
        self._ids_in_order = None
        if self._sorted is not None:
            old = self._sort_key.pop(contact.id, None)
            if old is not None:
                del self._sorted[bisect_left(self._sorted, (old,))]
            if not contact.in_trash:
                key = _name_key(contact)
                self._sort_key[contact.id] = key
                self._sorted.insert(bisect_left(self._sorted, (key,)), (key, contact))
        if self._search is not None:
            if contact.in_trash:
                self._search.remove(contact.id)
            else:
                self._search.put(contact)

    def _forget(self, contact_id: int) -> None:
        """A contact is gone altogether (an add undone): drop it from what is kept."""
        with self.db.derive_lock:
            self._next.pop(contact_id, None)
            if self._tickler is not None:
                self._tickler.remove(contact_id)
        self._ids_in_order = None
        if self._sorted is not None:
            old = self._sort_key.pop(contact_id, None)
            if old is not None:
                del self._sorted[bisect_left(self._sorted, (old,))]
        if self._search is not None:
            self._search.remove(contact_id)

    def _forget_derived(self) -> None:
        with self.db.derive_lock:
            self._search = None
            self._sorted = None
            self._sort_key = {}
            self._ids_in_order = None
            self._next = {}
            self._tickler = None
            self.__dict__.pop("_cache", None)  # the strategy views' (see StrategyVerbs)

    def _refresh_derived(self, docs: Iterable[DocChange]) -> None:
        """Keep the sorted list, search index and tickler in line with documents
        changed underneath the verbs (an undo or redo)."""
        for table, key, before, after in docs:
            if table == "contacts" and key.isdigit():
                contact = self.db.contacts.get(int(key))
                if contact is not None:
                    self._reindex(contact)
                else:
                    self._forget(int(key))
            elif table == "interactions":
                for doc in (before, after):
                    for cid in (doc or {}).get("contact_ids", []):
                        if cid in self.db.contacts:
                            self._touch(cid)
            elif table == "settings":
                with self.db.derive_lock:
                    self._next.clear()
                    self._tickler = None

    def generation(self, contact_id: int) -> int | None:
        """Referral generation (1 = known directly)."""
        return self.db.generation(contact_id)

    def last_contact(self, contact_id: int) -> date | None:
        """Date of the last logged interaction."""
        return self.db.last_contact(contact_id)

    def next_contact(self, contact: Contact) -> date | None:
        """When to get in touch again (keep-in-touch), or None if not tracked."""
        try:
            return self._next[contact.id]
        except KeyError:
            when = next_contact(contact, self.db.last_contact(contact.id), self.db.settings)
            self._next[contact.id] = when
            return when

    def introducer(self, contact: Contact) -> Contact | None:
        """Who introduced ``contact``, if known."""
        return self.db.contacts.get(contact.introduced_by) if contact.introduced_by else None

    def introduced(self, contact_id: int) -> list[Contact]:
        """The contacts ``contact_id`` introduced."""
        return [self.db.contacts[i] for i in self.db.introduced(contact_id)]
