"""Finding contacts by what the user remembers: part of a name, a company, a tag.

Every word of the query must start a word somewhere in the contact (name,
company, title, tags, notes): "sh" finds "Shah", not "dashboard". Matches in the
name rank first. When that finds little, fuzzy matching on names (rapidfuzz)
catches typos.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable

from peoplelinks.domain.models import Contact

_NON_WORD = re.compile(r"\W+")


def words_of(text: str) -> str:
    """``text`` case-folded with every run of non-word characters made one space,
    and a space in front, so that ``" " + word in result`` tests a word start."""
    return " " + _NON_WORD.sub(" ", text.casefold()).strip()


def haystack(contact: Contact) -> tuple[str, str]:
    """The (name, everything) strings a contact is searched by."""
    rest = " ".join((contact.company, contact.title, " ".join(contact.tags), contact.how_met,
                     contact.notes, " ".join(contact.emails)))
    return words_of(contact.name), words_of(f"{contact.name} {rest}")


def _prefixes(text: str) -> set[str]:
    """The one- and two-letter starts of the words of a haystack."""
    words = text.split()
    return {w[:1] for w in words} | {w[:2] for w in words}


class SearchIndex:
    """Search over contacts; keep it current with :meth:`put` and :meth:`remove`."""

    def __init__(self, contacts: Iterable[Contact] = ()) -> None:
        self._entries: dict[int, tuple[str, str]] = {}
        # Ids in name order: results come out in that order within each rank, in one
        # pass and with no sort, however many match.
        self._order: list[int] | None = None
        self._text_of: dict[int, str] | None = None
        # One- and two-letter word starts -> ids in name order: the first keystrokes
        # of a search match thousands of contacts and would otherwise scan them all.
        self._short: dict[str, list[int]] | None = None
        self._lock = threading.Lock()
        self._names: dict[int, str] | None = None
        # The last query's words and matches: typing one more letter only has to
        # look among them (every match of "mar" is a match of "ma").
        self._last: tuple[list[str], list[int]] | None = None
        for contact in contacts:
            self.put(contact)

    def put(self, contact: Contact) -> None:
        """Add or refresh ``contact`` (the tables built so far are updated in place:
        one change must not cost the 30,000-contact rebuild)."""
        with self._lock:
            self._forget(contact.id)
            entry = haystack(contact)
            self._entries[contact.id] = entry
            if self._order is not None:
                self._insert(self._order, contact.id)
            if self._text_of is not None:
                self._text_of[contact.id] = entry[1]
            if self._names is not None:
                self._names[contact.id] = entry[0].strip()
            if self._short is not None:
                for prefix in _prefixes(entry[1]):
                    self._insert(self._short.setdefault(prefix, []), contact.id)

    def remove(self, contact_id: int) -> None:
        """Forget a contact."""
        with self._lock:
            self._forget(contact_id)

    def _insert(self, ids: list[int], contact_id: int) -> None:
        """Insert ``contact_id`` into a list kept in name order."""
        entries = self._entries
        at = bisect_left(ids, (entries[contact_id][0], contact_id),
                         key=lambda cid: (entries[cid][0], cid))
        ids.insert(at, contact_id)

    def _forget(self, contact_id: int) -> None:
        self._last = None
        old = self._entries.pop(contact_id, None)
        if old is None:
            return
        if self._order is not None:
            self._order.remove(contact_id)
        if self._text_of is not None:
            self._text_of.pop(contact_id, None)
        if self._names is not None:
            self._names.pop(contact_id, None)
        if self._short is not None:
            for prefix in _prefixes(old[1]):
                ids = self._short.get(prefix)
                if ids is not None and contact_id in ids:
                    ids.remove(contact_id)

    def _short_index(self) -> dict[str, list[int]]:
        with self._lock:  # warm_up may be building it in another thread
            return self._build_short()

    def _build_short(self) -> dict[str, list[int]]:
        if self._short is None:
            short: dict[str, list[int]] = {}
            texts = self._texts()
            for cid in self._by_name():
                for key in _prefixes(texts[cid]):
                    short.setdefault(key, []).append(cid)
            self._short = short
        return self._short

    def warm_up(self) -> None:
        """Build the lookup tables now rather than on the first keystroke."""
        self._short_index()
        self._fuzzy("warm up", 1)

    def _texts(self) -> dict[int, str]:
        if self._text_of is None:
            self._text_of = {cid: text for cid, (_name, text) in self._entries.items()}
        return self._text_of

    def _by_name(self) -> list[int]:
        if self._order is None:
            entries = self._entries
            self._order = sorted(entries, key=lambda cid: (entries[cid][0], cid))
        return self._order

    def _candidates(self, words: list[str]) -> tuple[list[int], bool]:
        """Ids that may match, in name order, and whether they all do."""
        if self._last is not None:
            before, matches = self._last
            narrower = (len(words) >= len(before) and before
                        and words[:len(before) - 1] == before[:-1]
                        and words[len(before) - 1].startswith(before[-1]))
            if narrower:
                return matches, words == before
        # Every match has a word starting with the first word's first two letters;
        # for a one-word query of one or two letters that is exactly the answer.
        found = self._short_index().get(words[0][:2], [])
        return found, len(words) == 1 and len(words[0]) <= 2

    def search(self, query: str, limit: int | None = None, fuzzy_below: int = 5) -> list[int]:
        """Ids of contacts matching ``query``, best first.

        Word-start matches come first (at the start of the name, then later in
        the name, then elsewhere; by name within each); fuzzy name matches are
        added when fewer than ``fuzzy_below`` were found.
        """
        words = words_of(query).split()
        if not words:
            return self._by_name()[:limit]
        starts = [" " + w for w in words]
        first = starts[0]
        entries = self._entries
        texts = self._texts()
        candidates, exact = self._candidates(words)
        if exact:
            matched = list(candidates)
        elif len(starts) == 1:  # the common case, kept to one 'in' per contact
            matched = [cid for cid in candidates if first in texts[cid]]
        else:
            matched = [cid for cid in candidates if all(s in texts[cid] for s in starts)]
        self._last = (words, matched)
        # Name starts with the first word, then a later word of the name does, then
        # the match is elsewhere; by name within each.
        ranks: tuple[list[int], list[int], list[int]] = ([], [], [])
        for cid in matched:
            pos = entries[cid][0].find(first)
            ranks[0 if pos == 0 else 1 if pos > 0 else 2].append(cid)
        ids = ranks[0] + ranks[1] + ranks[2]
        if len(ids) < fuzzy_below:
            found = set(ids)
            ids.extend(cid for cid in self._fuzzy(" ".join(words), 10) if cid not in found)
        return ids[:limit] if limit else ids

    def _fuzzy(self, query: str, limit: int) -> list[int]:
        from rapidfuzz import fuzz, process  # noqa: PLC0415 - only when needed

        if self._names is None:
            self._names = {cid: name.strip() for cid, (name, _text) in self._entries.items()}
        found = process.extract(query, self._names, scorer=fuzz.partial_ratio, score_cutoff=85,
                                limit=limit)
        return [cid for _name, _score, cid in found]
