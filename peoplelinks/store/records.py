"""Every record as a validated model in memory, with the indexes the app needs.

:class:`Records` holds the contacts, interactions, follow-ups and plans as
frozen pydantic models, the objective and settings, and the indexes kept up to
date change by change (interactions per contact, last contact date, names, the
referral graph). It validates what the file holds on load and brings models in
line with each document written (:meth:`Records._set_doc`); it never writes.

Records that fail validation are never dropped: their documents stay in the
file untouched and are listed in :attr:`Records.problems`.
"""

from __future__ import annotations

import gc
import itertools
import threading
from bisect import insort
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from peoplelinks.domain import graph
from peoplelinks.domain.addresses import address_keys
from peoplelinks.domain.facts import FactsTable, facts_row
from peoplelinks.domain.linkindex import LinkIndex
from peoplelinks.domain.models import (
    Contact,
    FollowUp,
    Interaction,
    MeetingPlan,
    Objective,
    Record,
    Settings,
)
from peoplelinks.domain.schedule import next_contact
from peoplelinks.domain.search import holds, searched_text
from peoplelinks.domain.today import reachable
from peoplelinks.domain.validation import describe
from peoplelinks.domain.zone import local_zone
from peoplelinks.gcpause import gc_paused
from peoplelinks.store.history import HISTORY
from peoplelinks.store.lazytable import BATCH, LazyTable, list_adapter
from peoplelinks.store.sortedindex import SortedIndex, stored_value
from peoplelinks.store.storage import META, META_ID

TABLE_OF: dict[type[Record], str] = {
    Contact: "contacts",
    Interaction: "interactions",
    FollowUp: "followups",
    MeetingPlan: "plans",
}
MODEL_OF: dict[str, type[Record]] = {name: model for model, name in TABLE_OF.items()}
SINGLETON_OF: dict[type[BaseModel], str] = {Objective: "objective", Settings: "settings"}
SINGLETON_MODEL: dict[str, type[BaseModel]] = {name: m for m, name in SINGLETON_OF.items()}
QUARANTINE = "quarantine"
PREFERENCES = "preferences"  # how the app looks: not data, not in the undo history
# Tables whose documents get fresh integer ids from _meta.next_id.
ID_TABLES = (*TABLE_OF.values(), HISTORY, QUARANTINE)
# Tables whose records :meth:`Records.all_problems` checks without keeping them: read a
# few at a time (a card's talks), they would otherwise all be held (~1 KB a talk).
CHECKED = ("interactions",)
KNOWN_TABLES = frozenset({*ID_TABLES, *SINGLETON_OF.values(), PREFERENCES, META})
R = TypeVar("R", bound=Record)
_UNKNOWN: Any = object()  # no model given for a document: validate it


def _reach_keys(contact: Contact) -> list[str]:
    """How a contact is reached for the duplicate check: emails and profile address."""
    return address_keys(contact, phones=False)


def _tally_talk(meetings: dict[int, int], asked: dict[int, int], talk: Interaction | None,
                step: int) -> None:
    """Count ``talk`` in (step 1) or out of (step -1) the meetings and asks per contact."""
    if talk is None:
        return
    for counts, applies in ((meetings, talk.kind.counts_as_meeting),
                            (asked, talk.asked_for_referrals)):
        if applies:
            for cid in talk.contact_ids:
                n = counts.get(cid, 0) + step
                if n > 0:
                    counts[cid] = n
                else:
                    counts.pop(cid, None)


def _done_key(item: FollowUp | None) -> tuple[datetime, int] | None:
    """A follow-up's place in the index of done ones (None: not done)."""
    if item is None or not item.done or item.done_at is None:
        return None
    return item.done_at, item.id


def _open_key(item: FollowUp | None) -> tuple[date, int] | None:
    """A follow-up's place in the index of open ones (None: done, or none)."""
    if item is None or item.done:
        return None
    return item.due, item.id


def _day(value: Any) -> date | None:
    """A stored ISO date as a date, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# Revisions are unique across reloads and instances, so a cache keyed on one can
# never match data it was not computed from.
_REVISIONS = itertools.count(1)


@dataclass(frozen=True)
class Problem:
    """A stored document that is not valid (kept as it is, reported by doctor)."""

    table: str
    doc_id: str
    message: str


class Records:
    """The data in memory: models, problems, the change history's documents, indexes."""

    def _reset(self) -> None:
        # Held while documents are applied and while an index built on first use is
        # made: the app works out its views in a background thread, and an index
        # built there must not miss a change applied meanwhile.
        if "derive_lock" not in self.__dict__:
            self.derive_lock = threading.RLock()
        # Changes whenever any record does: what is derived from all the data
        # (warm-path links, the dashboard) is cached against it.
        self.revision = next(_REVISIONS)
        # Finer revisions, for what depends on part of the data only: one per table
        # (changes when a document of that table does), and the referral graph's
        # (changes only when who introduced whom, a status, the trash, a company or
        # a talk's referrals do: logging a talk leaves warm-path links as they were).
        self.table_revision: dict[str, int] = {}
        self._loaded_revision = self.revision  # every table's revision until written
        self.graph_revision = next(_REVISIONS)
        self.contacts: dict[int, Contact] = {}
        self.interactions: dict[int, Interaction] = {}
        self.followups: dict[int, FollowUp] = {}
        self.plans: dict[int, MeetingPlan] = {}
        self.objective = Objective()
        self.settings = Settings()
        self.preferences: dict[str, Any] = {}
        self.problems: list[Problem] = []
        self._history_map: dict[int, dict[str, Any]] | None = None  # read on first use
        self._next_id: dict[str, int] = {}
        # Built on first use from the stored documents (no record validated for
        # them), then kept current: talks by contact and the last talk's date,
        # follow-ups by contact, who introduced whom, contacts by name.
        self._by_contact: dict[int, list[int]] | None = None
        self._followups_of: dict[int, list[int]] | None = None
        # Follow-ups not done by due date (see open_followup_ids)
        self._open_ids: SortedIndex[date] | None = None
        self._last: dict[int, date] | None = None
        self._parents: dict[int, int | None] | None = None
        self._generations: dict[int, int] | None = None
        self._children: dict[int, list[int]] | None = None
        self._names: dict[str, list[int]] | None = None
        self._reach: dict[str, list[int]] | None = None
        self._by_date: SortedIndex[date] | None = None  # talks by date
        self._by_created: SortedIndex[datetime] | None = None  # contacts by creation
        self._by_done: SortedIndex[datetime] | None = None  # done follow-ups by done_at
        self._links: LinkIndex | None = None
        # Contact id -> the revision at which their talks last changed (for what is
        # derived per contact from the talks, like warmth).
        self._talks_changed: dict[int, int] = {}
        # Contact id -> meetings held with them, and -> talks that asked them for
        # referrals (built on first use, then kept current).
        self._meetings: dict[int, int] | None = None
        self._asked: dict[int, int] | None = None
        self._live: tuple[tuple[int, ...], list[int]] | None = None  # see live_by_name
        self._dates: dict[int, list[str]] | None = None  # see _stored_dates

    # ---- validation on load ---------------------------------------------------

    def _validate(self, tables: dict[str, dict[str, Any]],
                  fetch: Callable[[str], Callable[[list[str]], list[Any]]] | None = None,
                  ) -> None:
        """Take in the stored ``tables``; ``fetch(table)``: what reads the documents of
        ``table`` given as :data:`~peoplelinks.store.lazytable.LATER` (a cache)."""
        with gc_paused():
            for model, name in TABLE_OF.items():
                # Validated record by record when first read (see LazyTable).
                setattr(self, name, LazyTable(model, tables.get(name, {}),
                                              self._reporter(name),
                                              fetch(name) if fetch else None))
            for single, name in SINGLETON_OF.items():
                doc = tables.get(name, {}).get("1")
                if doc is not None:
                    try:
                        setattr(self, name, single.model_validate(doc))
                    except ValidationError as exc:
                        self.problems.append(Problem(name, "1", str(describe(exc))))
            meta = tables.get(META, {}).get(META_ID, {})
            stored = meta.get("next_id", {}) if isinstance(meta, dict) else {}
            stored = stored if isinstance(stored, dict) else {}
            for name in ID_TABLES:
                used = max(map(int, filter(str.isdigit, tables.get(name, {}))), default=0)
                given = stored.get(name, 1)
                self._next_id[name] = max(given if isinstance(given, int) else 1, used + 1)
            self.preferences = dict(tables.get(PREFERENCES, {}).get("1", {}))
            self._build_indexes()
        # Everything loaded lives as long as the app: keep it out of GC scans.
        gc.freeze()

    @property
    def _history(self) -> dict[int, dict[str, Any]]:
        """The change history's documents by id, oldest first (read on first use: a
        command that only reads never needs it)."""
        if self._history_map is None:
            changes = self._raw(HISTORY)
            self._history_map = {int(k): changes[k] for k in sorted(
                (k for k in changes if k.isdigit()), key=int)}
        return self._history_map

    def all_problems(self, batch: int = BATCH) -> list[Problem]:
        """Every stored document that is not valid: each table is validated to the
        end first (records are otherwise validated when first read, and
        :attr:`problems` holds those found so far); those of :data:`CHECKED` are
        not kept. ``batch``: see :meth:`LazyTable.settle`."""
        self.validate_now(*(name for name in TABLE_OF.values() if name not in CHECKED),
                          batch=batch)
        for name in CHECKED:
            table = getattr(self, name)
            if isinstance(table, LazyTable):
                table.check(batch)
        return self.problems

    def _each(self, table: str) -> Iterable[Any]:
        """Every valid record of ``table`` for one pass over it, those not validated yet
        not kept (see :meth:`LazyTable.each`)."""
        records = getattr(self, table)
        if isinstance(records, LazyTable) and not records.settled:
            return records.each()
        return records.values()  # type: ignore[no-any-return]

    def validate_now(self, *tables: str, batch: int = BATCH) -> None:
        """Validate every record of ``tables`` now (the app, in its loading thread)."""
        for name in tables:
            table = getattr(self, name)
            if isinstance(table, LazyTable):
                table.settle(batch)

    def settled(self, table: str) -> bool:
        """True when every record of ``table`` has been validated."""
        records = getattr(self, table)
        return not isinstance(records, LazyTable) or records.settled

    def live_by_name(self) -> list[int]:
        """Ids of the contacts not in the trash by name (case-folded), then id, read off
        the stored documents: for a first screen drawn before every record is
        validated. One that is not valid is in it until it is (it then drops out of
        :meth:`~peoplelinks.service.ServiceBase.browse_ids`)."""
        revision = self.revisions("contacts")
        if self._live is not None and self._live[0] == revision:
            return self._live[1]
        stored = self._stored_index("by_name")
        if stored is not None:
            self._live = (revision, stored)
            return stored  # type: ignore[no-any-return]
        keyed: list[tuple[str, int]] = []
        for cid, doc in self._docs("contacts"):
            name, gone = doc.get("name"), doc.get("deleted_at")
            if not isinstance(name, str):
                contact = self.contacts.get(cid)
                if contact is None:
                    continue
                name, gone = contact.name, contact.deleted_at
            if gone is None:
                keyed.append((name.casefold(), cid))
        keyed.sort()
        ids = [cid for _name, cid in keyed]
        self._live = (revision, ids)
        return ids

    def validated(self) -> bool:
        """True when every record has been validated (:attr:`problems` is complete)."""
        return all(table.checked for name in TABLE_OF.values()
                   if isinstance(table := getattr(self, name), LazyTable))

    def _reporter(self, table: str) -> Callable[[str, str], None]:
        """What a lazy table calls for a document that is not a valid record."""
        def report(key: str, message: str) -> None:
            self.problems.append(Problem(table, key, message))
        return report

    # ---- indexes --------------------------------------------------------------

    def _build_indexes(self) -> None:
        """Nothing is built at load: each index is made on first use (see _reset)."""

    def build_indexes(self) -> None:
        """Make now the indexes most reads need (talks and follow-ups by contact,
        introducers, names): for the app, in its loading thread."""
        with gc_paused():
            self._talk_maps()
            self._followup_map()
            self._parent_map()
            self._name_map()

    def _raw(self, table: str) -> dict[str, Any]:
        """The stored documents of ``table`` by key (the database's; none here)."""
        return {}

    def _stored_index(self, name: str) -> Any:
        """The index ``name`` as a cache holds it (see :meth:`stored_indexes`), or None:
        then it is made from the documents."""
        return None

    def stored_indexes(self) -> Iterator[tuple[str, Any]]:
        """The indexes made from the stored documents, as (name, JSON-ready value), each
        made when asked for, for a cache of them (:mod:`peoplelinks.store.cache`); read
        back by :meth:`_stored_index`. Those made from the valid records come after,
        from :meth:`validated_indexes`."""
        by_contact, last = self._talk_maps()
        # (A contact whose talks were all deleted keeps an empty list, and no date.)
        yield "talks", [[cid, ids, last[cid].isoformat()] for cid, ids in by_contact.items()
                        if ids]
        yield "followups", list(self._followup_map().items())
        yield "parents", list(self._parent_map().items())
        yield "names", self._name_map()
        yield "by_name", self.live_by_name()
        yield "generations", list(self.generations.items())
        yield "children", list(graph.children(self._parent_map()).items())
        yield "search", [[cid, searched_text(doc)] for cid, doc in self._docs("contacts")
                         if doc.get("deleted_at") is None]

    def validated_indexes(self) -> Iterator[tuple[str, Any]]:
        """The indexes made from the valid records (every record validated first, but
        talks only checked (the app's) are read in passes, not kept),
        as (name, JSON-ready value), each made when asked for (a cache writes one
        before the next is made): who is tracked for keep-in-touch and on what terms,
        the open follow-ups, what the whole-network views read of each contact... A
        command reads them instead of validating every record."""
        self.validate_now("contacts", "followups")
        talks = self.interactions
        if isinstance(talks, LazyTable) and not talks.checked:
            talks.settle()  # (a command that read the file: once, not a pass per index)
        contacts = self.contacts
        yield "keep", {"zone": local_zone(), "rows": self._keep_rows()}
        yield "open", [[fid, owner.name] for fid, item in self.followups.items()
                       if not item.done and (owner := contacts.get(item.contact_id)) is not None
                       and not owner.in_trash]
        yield "facts", [facts_row(contact) for contact in contacts.values()]
        yield "reach", reachable(contacts)
        yield "direct", [[cid, how.value] for cid, how in LinkIndex.direct(
            contacts, self._talk_maps()[1]).items()]
        yield "links", self.link_index.parts()
        meetings, asked = self.talk_tally()
        yield "tally", [list(meetings.items()), list(asked.items())]
        dates = {talk.id: talk.date for talk in self._each("interactions")}
        yield "dates", [[cid, [dates[tid].isoformat() for tid in ids if tid in dates]]
                        for cid, ids in self._talk_maps()[0].items()]
        del dates
        for name, pairs in self._sorted_pairs().items():
            built: SortedIndex[Any] | None = getattr(self, name)  # (kept current)
            yield name, (built.pairs() if built is not None else
                         sorted([stored_value(value), rid] for value, rid in pairs()))

    def _keep_rows(self) -> list[list[Any]]:
        """Who keep-in-touch tracks, in the tickler's order: [next date, id, name, the
        day each was added (in this zone) when that is what counts, else None]."""
        keep = []
        last = self._talk_maps()[1]
        for contact in self.contacts.values():
            when = next_contact(contact, last.get(contact.id), self.settings)
            if when is not None:
                # The day it was added counts in the local zone: checked when read.
                local = (contact.next_contact_on is None and contact.id not in last)
                keep.append((when, contact.name.casefold(), contact.id, contact.name,
                             [contact.created.isoformat(),
                              contact.created.astimezone().date().isoformat()]
                             if local else None))
        keep.sort()
        return [[when.isoformat(), cid, name, created]
                for when, _folded, cid, name, created in keep]

    def _sorted_pairs(self) -> dict[str, Callable[[], Iterable[tuple[Any, int]]]]:
        """The (value, id) pairs each sorted index is made of, by its name."""
        return {
            "_by_date": lambda: ((it.date, it.id) for it in self._each("interactions")),
            "_by_created": lambda: ((c.created, c.id) for c in self.contacts.values()),
            "_by_done": lambda: filter(None, map(_done_key, self.followups.values())),
        }

    def contact_facts(self) -> FactsTable | None:
        """What the views of the whole network read of each valid contact, as a cache of
        the file holds it (no record validated); None when there is none to read (then
        they read the contacts, as they do once every contact is validated: the app
        holds them all then, and the facts would be a second copy)."""
        if self.settled("contacts"):
            return None
        stored = self._stored_index("facts")
        return None if stored is None else FactsTable(stored)

    def derived(self, name: str) -> Any:
        """What the cache of the file holds of a view worked out from the valid records
        ("reach": the ids of the leads and of the others today's list may suggest,
        :func:`~peoplelinks.domain.today.reachable`; "direct": [id, how] of who is one
        step from you, :meth:`~peoplelinks.domain.linkindex.LinkIndex.direct`), while
        nothing was written; else None (then it is worked out)."""
        return None if self._changed_since_read() else self._stored_index(name)

    def stored_tickler(self) -> list[tuple[date, int, str]] | None:
        """(keep-in-touch date, id, name) of every valid contact the reminders track, in
        the tickler's order, as a cache of the file holds them; None when there is none
        to read or it was made in another time zone (then the contacts are read)."""
        stored = self._stored_index("keep")
        if stored is None:
            return None
        day = date.fromisoformat
        if stored["zone"] != local_zone():  # the day each was added, where the user is now
            for _when, _cid, _name, added in stored["rows"]:
                if added is not None and \
                        datetime.fromisoformat(added[0]).astimezone().date() != day(added[1]):
                    return None
        return [(day(when), cid, name) for when, cid, name, _added in stored["rows"]]

    def open_followups(self) -> dict[int, str] | None:
        """The valid follow-ups not done of valid contacts not in the trash (id -> the
        contact's name), as a cache of the file holds them; None when there is none
        to read."""
        stored = self._stored_index("open")
        return None if stored is None else dict(stored)

    def open_followup_ids(self) -> list[int]:
        """Ids of the valid follow-ups not done, by due date then id (found on first
        use, then kept current: what is due is worked out again after every save)."""
        with self.derive_lock:
            if self._open_ids is None:
                self._open_ids = SortedIndex(filter(None, map(_open_key,
                                                              self.followups.values())))
            return self._open_ids.ids()

    def _docs(self, table: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """(id, document) of the stored documents of ``table`` under a numeric key.

        A copy of the table is read (one step, under the interpreter's lock): a
        write adds its document before it takes ``derive_lock`` to bring the
        indexes in line, so an index built meanwhile may already hold it; adding
        to an index is therefore always "if not there yet"."""
        for key, doc in list(self._raw(table).items()):
            if key.isdigit() and isinstance(doc, dict):
                yield int(key), doc

    def contacts_holding(self, words: list[str]) -> list[Contact]:
        """The contacts not in the trash whose searched fields hold each of ``words``
        (see :func:`~peoplelinks.domain.search.holds`), in stored order."""
        texts = self._stored_index("search")
        if texts is None:
            return self.contacts_where(
                lambda doc: doc.get("deleted_at") is None and holds(words, doc))
        ids = [cid for cid, text in texts if all(word in text for word in words)]
        return self.many("contacts", ids)

    def many(self, table: str, ids: list[int]) -> list[Any]:
        """The valid records of ``ids`` in ``table`` ("contacts", ...), in that order,
        those not validated yet validated together (one by one, reading a thousand
        would reach the table's SINGLES and validate every record)."""
        records = getattr(self, table)
        if isinstance(records, LazyTable):
            return records.many(ids)
        return [records[i] for i in ids if i in records]

    def contacts_where(self, test: Callable[[dict[str, Any]], bool]) -> list[Contact]:
        """The contacts whose stored document passes ``test``: only those are
        validated (a search on the command line reads 30,000 documents, not
        30,000 records). One that is not valid is left out (and reported)."""
        return self.many("contacts", [cid for cid, doc in self._docs("contacts") if test(doc)])

    def _name_map(self) -> dict[str, list[int]]:
        if self._names is not None:  # built: no lock (read per contact in loops)
            return self._names
        with self.derive_lock:
            if self._names is None:
                stored = self._stored_index("names")
                self._names = stored if stored is not None else self._names_from_docs()
            return self._names

    def _names_from_docs(self) -> dict[str, list[int]]:
        names: dict[str, list[int]] = {}
        for cid, doc in self._docs("contacts"):
            name = doc.get("name")
            if not isinstance(name, str):
                contact = self.contacts.get(cid)
                if contact is None:
                    continue
                name = contact.name
            names.setdefault(name.casefold(), []).append(cid)
        return names

    def _parent_map(self) -> dict[int, int | None]:
        if self._parents is not None:
            return self._parents
        with self.derive_lock:
            if self._parents is None:
                stored = self._stored_index("parents")
                self._parents = dict(stored) if stored is not None else self._parents_from_docs()
            return self._parents

    def _parents_from_docs(self) -> dict[int, int | None]:
        parents: dict[int, int | None] = {}
        for cid, doc in self._docs("contacts"):
            parent = doc.get("introduced_by")
            if parent is not None and type(parent) is not int:
                contact = self.contacts.get(cid)
                if contact is None:
                    continue
                parent = contact.introduced_by
            parents[cid] = parent
        return parents

    def _talk_maps(self) -> tuple[dict[int, list[int]], dict[int, date]]:
        """Contact id -> ids of their talks, and -> the date of the last one."""
        built, lasts = self._by_contact, self._last
        if built is not None and lasts is not None:
            return built, lasts
        with self.derive_lock:
            if self._by_contact is None or self._last is None:
                by_contact: dict[int, list[int]] = {}
                last: dict[int, date] = {}
                with gc_paused():
                    stored = self._stored_index("talks")
                    if stored is not None:
                        for cid, ids, when in stored:
                            by_contact[cid] = ids
                            last[cid] = date.fromisoformat(when)
                    else:
                        self._fill_talk_maps(by_contact, last)
                self._by_contact, self._last = by_contact, last
            return self._by_contact, self._last

    def _fill_talk_maps(self, by_contact: dict[int, list[int]],
                        last: dict[int, date]) -> None:
        for tid, doc in self._docs("interactions"):
            ids, when = doc.get("contact_ids"), _day(doc.get("date"))
            if when is None or not isinstance(ids, list) or \
                    not all(type(cid) is int for cid in ids):
                talk = self.interactions.get(tid)
                if talk is None:
                    continue
                ids, when = talk.contact_ids, talk.date
            for cid in ids:
                by_contact.setdefault(cid, []).append(tid)
                if cid not in last or when > last[cid]:
                    last[cid] = when

    def _followup_map(self) -> dict[int, list[int]]:
        if self._followups_of is not None:
            return self._followups_of
        with self.derive_lock:
            if self._followups_of is None:
                stored = self._stored_index("followups")
                self._followups_of = (dict(stored) if stored is not None
                                      else self._followups_from_docs())
            return self._followups_of

    def _followups_from_docs(self) -> dict[int, list[int]]:
        of: dict[int, list[int]] = {}
        for fid, doc in self._docs("followups"):
            cid = doc.get("contact_id")
            if type(cid) is not int:
                item = self.followups.get(fid)
                if item is None:
                    continue
                cid = item.contact_id
            of.setdefault(cid, []).append(fid)
        return of

    def _index_contact(self, old: Contact | None, new: Contact | None) -> None:
        if self._names is not None:
            if old is not None:
                ids = self._names.get(old.name.casefold(), [])
                if old.id in ids:
                    ids.remove(old.id)
            if new is not None:
                named = self._names.setdefault(new.name.casefold(), [])
                if new.id not in named:
                    named.append(new.id)
        if self._reach is not None:
            for key in _reach_keys(old) if old is not None else ():
                ids = self._reach.get(key, [])
                if old is not None and old.id in ids:
                    ids.remove(old.id)
            for key in _reach_keys(new) if new is not None else ():
                self._reach.setdefault(key, []).append(new.id)  # type: ignore[union-attr]
        before = old.introduced_by if old else None
        if self._parents is not None:
            if new is None:
                self._parents.pop(old.id if old else 0, None)
            else:
                self._parents[new.id] = new.introduced_by
        if self._parents is None:
            pass  # nothing derived from the graph yet
        elif old is None and new is not None and self._add_leaf(new):
            pass  # a new contact nobody names as introducer: the rest stays as it is
        elif old is None or new is None or before != new.introduced_by:
            self._generations = None
            self._children = None
        if self._links is not None:
            self._links.contact(old, new)
        if self._by_created is not None:
            self._by_created.move((old.created, old.id) if old else None,
                                  (new.created, new.id) if new else None)

    def _add_leaf(self, new: Contact) -> bool:
        """Extend the generations (and children) for a contact just added, when nobody
        names it as introducer (the usual case: a new id); False when they must be
        worked out again instead. ``new`` is already in the parents."""
        if self._generations is None:
            return False
        parents = self._parent_map()
        if self._children is None:  # built now, with ``new`` in it already
            self._children = graph.children(parents)
            if new.id in self._children:
                return False
        elif new.id in self._children:
            return False
        else:
            parent = new.introduced_by
            if parent is not None:  # as graph.children: any introducer named
                insort(self._children.setdefault(parent, []), new.id)
        parent = new.introduced_by
        if parent is None or parent == new.id or parent not in parents:
            self._generations[new.id] = 1  # as graph.generations: an unknown introducer
        else:
            self._generations[new.id] = self._generations.get(parent, 1) + 1
        return True

    def _index_interaction(self, old: Interaction | None, new: Interaction | None) -> None:
        if self._links is not None:
            self._links.talk(old, new)
        if self.revision != self._loaded_revision:  # not while loading: all are new then
            for talk in (old, new):
                if talk is not None:
                    for cid in talk.contact_ids:
                        self._talks_changed[cid] = self.revision
        if self._meetings is not None and self._asked is not None:
            _tally_talk(self._meetings, self._asked, old, -1)
            _tally_talk(self._meetings, self._asked, new, 1)
        if self._by_date is not None:
            self._by_date.move((old.date, old.id) if old else None,
                               (new.date, new.id) if new else None)
        if self._dates is not None:
            for talk, kept in ((old, False), (new, True)):
                if talk is None:
                    continue
                day = talk.date.isoformat()
                for cid in talk.contact_ids:
                    days = self._dates.setdefault(cid, [])
                    if kept:
                        days.append(day)
                    elif day in days:
                        days.remove(day)
        if self._by_contact is None or self._last is None:
            return  # not built yet: made from the stored talks when first needed
        by_contact, lasts = self._by_contact, self._last
        touched: set[int] = set()
        if old is not None:
            for cid in old.contact_ids:
                ids = by_contact.get(cid, [])
                if old.id in ids:
                    ids.remove(old.id)
                touched.add(cid)
        if new is not None:
            for cid in new.contact_ids:
                talks = by_contact.setdefault(cid, [])
                if new.id not in talks:
                    talks.append(new.id)
                last = lasts.get(cid)
                if last is None or new.date > last:
                    lasts[cid] = new.date
        if old is not None:
            for cid in touched:
                dates = [talk.date for talk in self.many("interactions",
                                                         by_contact.get(cid, []))]
                if dates:
                    lasts[cid] = max(dates)
                else:
                    lasts.pop(cid, None)

    # ---- queries --------------------------------------------------------------

    def interactions_of(self, contact_id: int) -> list[Interaction]:
        """Interactions with ``contact_id``, newest first."""
        # Together, not one by one (a reader of a few hundred would validate them all).
        items = self.many("interactions", self._talk_maps()[0].get(contact_id, []))
        items.sort(key=lambda it: (it.date, it.id), reverse=True)
        return items

    def talk_dates(self, contact_id: int) -> list[date]:
        """The dates of the talks with ``contact_id``, in no particular order."""
        stored = self._stored_dates()
        if stored is not None:
            return [date.fromisoformat(day) for day in stored.get(contact_id, ())]
        return [talk.date for talk in self.many("interactions",
                                                 self._talk_maps()[0].get(contact_id, []))]

    def _stored_dates(self) -> dict[int, list[str]] | None:
        """Contact id -> the dates of their valid talks, as a cache of the file holds
        them, read if nothing was written before, then kept current."""
        if self._dates is not None:
            return self._dates
        if self._changed_since_read():
            return None
        if self._dates is None:
            stored = self._stored_index("dates")
            if stored is None:
                return None
            self._dates = dict(stored)
        return self._dates

    def _changed_since_read(self) -> bool:
        """True once a document was written (what a cache holds no longer holds)."""
        return False

    def talks_changed(self, contact_id: int) -> int:
        """A number that changes whenever a talk with ``contact_id`` does."""
        return self._talks_changed.get(contact_id, self._loaded_revision)

    def talk_tally(self) -> tuple[dict[int, int], dict[int, int]]:
        """Contact id -> meetings held with them (talks of a kind that counts as a
        meeting), and contact id -> talks that asked them for referrals (read only)."""
        with self.derive_lock:
            if self._meetings is None or self._asked is None:
                meetings: dict[int, int] = {}
                asked: dict[int, int] = {}
                stored = self._stored_index("tally")
                if stored is not None:
                    meetings, asked = dict(stored[0]), dict(stored[1])
                else:
                    for talk in self._each("interactions"):
                        _tally_talk(meetings, asked, talk, 1)
                self._meetings, self._asked = meetings, asked
            return self._meetings, self._asked

    def _between(self, name: str, low: Any, high: Any) -> list[int]:
        """Ids from the sorted index ``name`` (made on first use, then kept current)
        whose value is from ``low`` to before ``high``."""
        with self.derive_lock:
            index = getattr(self, name)
            if index is None:
                stored = self._stored_index(name)
                if stored is None:
                    index = SortedIndex(self._sorted_pairs()[name]())
                else:  # as a cache holds it
                    index = SortedIndex.of_stored(stored)
                setattr(self, name, index)
            found: list[int] = index.between(low, high)
            return found

    def interactions_between(self, first: date, end: date) -> list[Interaction]:
        """Interactions dated from ``first`` to before ``end``, oldest first: the weekly
        goals read a few weeks of talks, not the whole log."""
        return self.many("interactions", self._between("_by_date", first, end))

    def contacts_created_between(self, low: datetime, high: datetime) -> list[Contact]:
        """Contacts created from ``low`` to before ``high``: the weekly goals count a few
        weeks of new contacts."""
        return self.many("contacts", self.ids_created_between(low, high))

    def ids_created_between(self, low: datetime, high: datetime) -> list[int]:
        """Ids of the (valid) contacts created from ``low`` to before ``high``."""
        return self._between("_by_created", low, high)

    def followups_done_between(self, low: datetime, high: datetime) -> list[FollowUp]:
        """Follow-ups done from ``low`` to before ``high``."""
        return self.many("followups", self._between("_by_done", low, high))

    def followups_of(self, contact_id: int) -> list[FollowUp]:
        """Follow-ups of ``contact_id``, by due date."""
        items = [self.followups[i] for i in self._followup_map().get(contact_id, [])
                 if i in self.followups]
        items.sort(key=lambda fu: (fu.due, fu.id))
        return items

    def last_contact(self, contact_id: int) -> date | None:
        """Date of the last logged interaction with ``contact_id``."""
        return self._talk_maps()[1].get(contact_id)

    def ids_named(self, name: str) -> list[int]:
        """Ids of contacts whose name is ``name`` (case-insensitive)."""
        return sorted(i for i in self._name_map().get(name.casefold(), []) if i in self.contacts)

    def ids_reached_at(self, contact: Contact) -> list[int]:
        """Ids of contacts sharing an email or the profile address with ``contact``
        (an index built on first use, then kept current)."""
        with self.derive_lock:
            if self._reach is None:
                reach: dict[str, list[int]] = {}
                for other in self.contacts.values():
                    for key in _reach_keys(other):
                        reach.setdefault(key, []).append(other.id)
                self._reach = reach
        return sorted({i for key in _reach_keys(contact) for i in self._reach.get(key, [])})

    def index_builders(self) -> list[Callable[[], object]]:
        """One call per index built on first use, each building it (or nothing, when
        built): for the app to build them ahead, one at a time, between keys."""
        moment = datetime.now(UTC)
        return [lambda: self.link_index, lambda: self.generations, self.talk_tally,
                lambda: self.interactions_between(moment.date(), moment.date()),
                lambda: self.contacts_created_between(moment, moment),
                lambda: self.followups_done_between(moment, moment)]

    def revisions(self, *tables: str) -> tuple[int, ...]:
        """The revision of each of ``tables``: a value derived from those tables only
        stays good while these stay equal (unique across reloads and instances)."""
        return tuple(self.table_revision.get(t, self._loaded_revision) for t in tables)

    @property
    def link_index(self) -> LinkIndex:
        """Who introduced whom and who works where, for warm paths (built on first
        use, then kept current change by change)."""
        with self.derive_lock:
            if self._links is None:
                stored = self._stored_index("links")
                self._links = (LinkIndex.from_parts(stored) if stored is not None else
                               LinkIndex.build(self.contacts.values(),
                                               self._each("interactions")))
            return self._links

    @property
    def parents(self) -> dict[int, int | None]:
        """Contact id -> id of who introduced them, for every valid contact: callers walk
        it and look each id up, so a document that is not a valid record (in the map
        made from the stored documents) is left out; every contact is validated first."""
        contacts = self.contacts
        if isinstance(contacts, LazyTable):
            contacts.settle()
        parents = self._parent_map()
        if len(parents) == dict.__len__(contacts):
            return parents  # all valid (the usual case): no copy
        return {cid: parent for cid, parent in parents.items()
                if dict.__contains__(contacts, cid)}

    @property
    def last_contacts(self) -> dict[int, date]:
        """Contact id -> the date of the last talk, for contacts with one (read only)."""
        return self._talk_maps()[1]

    @property
    def generations(self) -> dict[int, int]:
        """Contact id -> referral generation (1 = known directly)."""
        with self.derive_lock:
            if self._generations is None:
                stored = self._stored_index("generations")
                self._generations = (dict(stored) if stored is not None
                                     else graph.generations(self._parent_map()))
            return self._generations

    def generation(self, contact_id: int) -> int | None:
        """Referral generation of ``contact_id`` (1 = known directly)."""
        return self.generations.get(contact_id)

    def introduced(self, contact_id: int) -> list[int]:
        """Ids of the contacts ``contact_id`` introduced."""
        with self.derive_lock:
            if self._children is None:
                stored = self._stored_index("children")
                self._children = (dict(stored) if stored is not None
                                  else graph.children(self._parent_map()))
            children = list(self._children.get(contact_id, []))
        # The valid ones, validated together (one by one, a command listing a thousand
        # people would reach SINGLES and validate everyone).
        return [c.id for c in self.many("contacts", children)]

    def _set_doc(self, table: str, key: str, doc: Any, model: Any = None) -> None:
        """Bring the models and indexes in line with one document just written.

        The revisions change before and again after: a value worked out in another
        thread while the document was being applied never matches either, so it is
        never kept as if it were up to date."""
        with self.derive_lock:
            try:
                self._bump(table)
                self._apply_doc(table, key, doc, model)
            finally:
                self._bump(table)

    def _bump(self, table: str) -> None:
        self.revision = next(_REVISIONS)
        self.table_revision[table] = self.revision

    def _apply_doc(self, table: str, key: str, doc: Any, model: Any) -> None:
        self.problems = [p for p in self.problems if (p.table, p.doc_id) != (table, key)]
        if table in MODEL_OF:
            old = getattr(self, table).get(int(key)) if key.isdigit() else None
            if doc is not None and model is _UNKNOWN:
                model = self._model_or_problem(MODEL_OF[table], table, key, doc)
            if isinstance(old, Contact) and isinstance(model, Contact):
                # One change, not a removal and an addition: what is derived from the
                # referral graph survives an edit that keeps who introduced whom.
                self._index_contact(old, model)
                self.contacts[model.id] = model
                return
            if old is not None:
                self._apply_delete(old)
            if doc is not None and model is not None:
                self._apply_put(model)
        elif table in SINGLETON_MODEL:
            cls = SINGLETON_MODEL[table]
            if model is _UNKNOWN:
                model = self._model_or_problem(cls, table, key, doc) if doc else None
            setattr(self, table, model if model is not None else cls())
        elif table == PREFERENCES:
            self.preferences = dict(doc or {})

    def _model_or_problem(self, cls: type[BaseModel], table: str, key: str,
                          doc: Any) -> BaseModel | None:
        try:
            model = cls.model_validate(doc)
        except ValidationError as exc:
            self.problems.append(Problem(table, key, str(describe(exc))))
            return None
        if isinstance(model, Record) and str(model.id) != key:
            self.problems.append(
                Problem(table, key, f"id: the document's id {model.id} differs from its key"))
            return None
        return model

    def _apply_put(self, item: BaseModel) -> None:
        if isinstance(item, Contact):
            self._index_contact(self.contacts.get(item.id), item)
            self.contacts[item.id] = item
        elif isinstance(item, Interaction):
            old = self.interactions.get(item.id)
            self.interactions[item.id] = item
            self._index_interaction(old, item)
        elif isinstance(item, FollowUp):
            if self._by_done is not None:
                self._by_done.move(_done_key(self.followups.get(item.id)), _done_key(item))
            of = self._followups_of
            before = self.followups.get(item.id)
            if of is None:
                pass  # made from the stored follow-ups when first needed
            else:
                if before is not None and before.contact_id != item.contact_id and \
                        item.id in of.get(before.contact_id, []):
                    of[before.contact_id].remove(item.id)
                ids = of.setdefault(item.contact_id, [])
                if item.id not in ids:
                    ids.append(item.id)
            if self._open_ids is not None:
                self._open_ids.move(_open_key(before), _open_key(item))
            self.followups[item.id] = item
        elif isinstance(item, MeetingPlan):
            self.plans[item.id] = item

    def _apply_delete(self, item: Record) -> None:
        if isinstance(item, Contact):
            self._index_contact(self.contacts.pop(item.id, None), None)
        elif isinstance(item, Interaction):
            old = self.interactions.pop(item.id, None)
            self._index_interaction(old, None)
        elif isinstance(item, FollowUp):
            old_fu = self.followups.pop(item.id, None)
            if self._open_ids is not None:
                self._open_ids.move(_open_key(old_fu), None)
            if self._by_done is not None:
                self._by_done.move(_done_key(old_fu), None)
            if old_fu is not None and self._followups_of is not None:
                ids = self._followups_of.get(old_fu.contact_id, [])
                if item.id in ids:
                    ids.remove(item.id)
        elif isinstance(item, MeetingPlan):
            self.plans.pop(item.id, None)


def dump_json(items: Sequence[BaseModel]) -> list[Any]:
    """Each model as its JSON document, in order. Models of one type are dumped
    in one call: half the time of dumping them one by one (30,000 imported)."""
    groups: dict[type[BaseModel], list[int]] = {}
    for n, item in enumerate(items):
        groups.setdefault(type(item), []).append(n)
    out: list[Any] = [None] * len(items)
    for model, places in groups.items():
        docs = list_adapter(model).dump_python([items[n] for n in places], mode="json")
        for n, doc in zip(places, docs, strict=True):
            out[n] = doc
    return out
