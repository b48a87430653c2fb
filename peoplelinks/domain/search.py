"""Finding contacts by what the user remembers: part of a name, a company, a tag.

Every word of the query must start a word somewhere in the contact (name,
company, title, tags, notes): "sh" finds "Shah", not "dashboard". Matches in the
name rank first. When that finds little, fuzzy matching (rapidfuzz) catches
typos: in names ("rachle" finds Rachel), then in the words of companies and
titles ("fabrkam" finds the people at Fabrikam, "nortwind" Northwind). These
come after every word-start match.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from peoplelinks.domain.models import Contact

_NON_WORD = re.compile(r"\W+")


def words_of(text: str) -> str:
    """``text`` case-folded with every run of non-word characters made one space,
    and a space in front, so that ``" " + word in result`` tests a word start."""
    return " " + _NON_WORD.sub(" ", text.casefold()).strip()


def haystack(contact: Contact) -> tuple[str, str, str]:
    """The (name, everything, company and title) strings a contact is searched by, each
    made by :func:`words_of`. Each part is folded once: this runs for every contact."""
    name = words_of(contact.name)
    fields = words_of(f"{contact.company} {contact.title}")
    rest = words_of(" ".join((" ".join(contact.tags), contact.how_met, contact.notes,
                              " ".join(contact.emails))))
    # words_of(a + " " + b) is words_of(a) + words_of(b) when neither is blank.
    text = "".join(part for part in (name, fields, rest) if part != " ") or " "
    return name, text, fields


# Typos forgiven in a word of a company or title: none below this many letters typed,
# one (a letter missed, added, changed, or two swapped) up to 7, two from 8.
FUZZY_MIN_LETTERS = 4
FUZZY_PREFIX_LETTERS = 5  # ...and, from this many, in a word still being typed


def typos_allowed(word: str) -> int:
    """How many edits a typed ``word`` may be from a word of a company or title."""
    return 0 if len(word) < FUZZY_MIN_LETTERS else 1 if len(word) < 8 else 2


def _prefixes(text: str) -> set[str]:
    """The one- and two-letter starts of the words of a haystack."""
    words = text.split()
    return {w[:1] for w in words} | {w[:2] for w in words}


def _name_starts(name: str) -> tuple[set[str], set[str]]:
    """The one- and two-letter starts of the first word of a name (from
    :func:`words_of`), and those of its other words that are not the first's."""
    first, _space, rest = name.strip().partition(" ")
    starts = _prefixes(first)
    return starts, _prefixes(rest) - starts


SEARCHED = ("name", "company", "title", "tags", "how_met", "notes", "emails")
"""The fields a search looks in (:func:`haystack` makes them into words)."""


def searched_text(fields: Mapping[str, Any]) -> str:
    """The searched ``fields`` of a contact in one case-folded string: a word that
    starts a word of the contact is in there. ``fields``: a contact's stored
    document, or its model's ``__dict__``."""
    parts: list[str] = []
    for name in SEARCHED:
        value = fields.get(name)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts.extend(item for item in value if isinstance(item, str))
    return " ".join(parts).casefold()


def holds(words: list[str], fields: Mapping[str, Any]) -> bool:
    """True when each of ``words`` (from :func:`words_of`) is somewhere in the
    :func:`searched_text` of ``fields``: only the contacts it holds for need
    :func:`haystack`, which is dearer."""
    text = searched_text(fields)
    return all(word in text for word in words)


def search_once(holding: Callable[[list[str]], Iterable[Contact]],
                everyone: Callable[[], Iterable[Contact]], query: str,
                limit: int | None = None, fuzzy_below: int = 5) -> list[int]:
    """What ``SearchIndex(everyone()).search(query, limit, fuzzy_below)`` answers, for
    one query (a command line at 30,000 contacts): word starts are looked for only
    in ``holding(words)`` — the contacts for which :func:`holds` is true — and the
    lookup tables an interactive search needs are not built; everyone is read only
    when fewer than ``fuzzy_below`` match (near misses)."""
    words = words_of(query).split()
    ids = SearchIndex(holding(words)).word_starts(words)
    if len(ids) >= fuzzy_below or not words:
        return ids[:limit] if limit else ids
    return SearchIndex(everyone()).near_misses(ids, words, limit, fuzzy_below)


class SearchIndex:
    """Search over contacts; keep it current with :meth:`put` and :meth:`remove`."""

    def __init__(self, contacts: Iterable[Contact] = ()) -> None:
        self._entries: dict[int, tuple[str, str, str]] = {}
        # Ids in name order: results come out in that order within each rank, in one
        # pass and with no sort, however many match.
        self._order: list[int] | None = None
        self._text_of: dict[int, str] | None = None
        # One- and two-letter word starts -> ids in name order: the first keystrokes
        # of a search match thousands of contacts and would otherwise scan them all.
        self._short: dict[str, list[int]] | None = None
        # The same for the words of the name: (the first word's starts, the other
        # words' starts) -> ids in name order. They rank a one- or two-letter search
        # without looking at each of its thousands of matches.
        self._name_short: tuple[dict[str, list[int]], dict[str, list[int]]] | None = None
        self._lock = threading.Lock()
        self._names: dict[int, str] | None = None
        # Each word of a company or title -> ids in name order, for typos there: a few
        # hundred words, however many contacts.
        self._fields: dict[str, list[int]] | None = None
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
            if self._name_short is not None:
                for table, starts in zip(self._name_short, _name_starts(entry[0]),
                                         strict=True):
                    for prefix in starts:
                        self._insert(table.setdefault(prefix, []), contact.id)
            if self._fields is not None:
                for word in set(entry[2].split()):
                    self._insert(self._fields.setdefault(word, []), contact.id)

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
        if self._name_short is not None:
            for table, starts in zip(self._name_short, _name_starts(old[0]), strict=True):
                for prefix in starts:
                    ids = table.get(prefix)
                    if ids is not None and contact_id in ids:
                        ids.remove(contact_id)
        if self._fields is not None:
            for word in set(old[2].split()):
                ids = self._fields.get(word)
                if ids is not None and contact_id in ids:
                    ids.remove(contact_id)
                    if not ids:
                        del self._fields[word]

    def _short_index(self) -> dict[str, list[int]]:
        with self._lock:  # warm_up may be building it in another thread
            return self._build_short()

    def _build_short(self) -> dict[str, list[int]]:
        if self._short is None:
            short: dict[str, list[int]] = {}
            first: dict[str, list[int]] = {}
            later: dict[str, list[int]] = {}
            texts, entries = self._texts(), self._entries
            for cid in self._by_name():
                for key in _prefixes(texts[cid]):
                    short.setdefault(key, []).append(cid)
                starts, others = _name_starts(entries[cid][0])
                for key in starts:
                    first.setdefault(key, []).append(cid)
                for key in others:
                    later.setdefault(key, []).append(cid)
            self._short, self._name_short = short, (first, later)
        return self._short

    def _short_ranked(self, word: str) -> list[int]:
        """What :meth:`word_starts` answers for the one word ``word`` of one or two
        letters, off the tables: the names whose first word starts with it, then the
        names with another word that does, then the rest, each in name order."""
        with self._lock:
            found = self._build_short().get(word, [])
            assert self._name_short is not None
            first, later = (table.get(word, []) for table in self._name_short)
            named = set(first)
            named.update(later)
            ranked = [*first, *later, *(cid for cid in found if cid not in named)]
            self._last = ([word], list(found))
        return ranked

    def _field_index(self) -> dict[str, list[int]]:
        with self._lock:
            if self._fields is None:
                fields: dict[str, list[int]] = {}
                entries = self._entries
                for cid in self._by_name():
                    for word in entries[cid][2].split():
                        ids = fields.setdefault(word, [])
                        if not ids or ids[-1] != cid:  # a word twice in one contact
                            ids.append(cid)
                self._fields = fields
            return self._fields

    def warm_up(self) -> None:
        """Build the lookup tables now rather than on the first keystroke."""
        self._short_index()
        self._fuzzy("warm up", 1)
        self._fuzzy_fields(["warm"])

    def _texts(self) -> dict[int, str]:
        if self._text_of is None:
            self._text_of = {cid: entry[1] for cid, entry in self._entries.items()}
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
        the name, then elsewhere; by name within each). When fewer than
        ``fuzzy_below`` were found, near misses follow: names, then companies and
        titles (see :meth:`_fuzzy_fields`).
        """
        words = words_of(query).split()
        if not words:
            return self._by_name()[:limit]
        return self.near_misses(self.word_starts(words), words, limit, fuzzy_below)

    def word_starts(self, words: list[str]) -> list[int]:
        """Ids of contacts where every one of ``words`` starts a word: at the start of
        the name, then later in the name, then elsewhere; by name within each."""
        if not words:
            return list(self._by_name())
        if len(words) == 1 and len(words[0]) <= 2 and self._short is not None:
            # (Built by warm_up for the app; one query of the command line looks at
            # each match instead: building the tables costs more than that.)
            return self._short_ranked(words[0])
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
        ranks: tuple[list[int], list[int], list[int]] = ([], [], [])
        for cid in matched:
            pos = entries[cid][0].find(first)
            ranks[0 if pos == 0 else 1 if pos > 0 else 2].append(cid)
        return ranks[0] + ranks[1] + ranks[2]

    def near_misses(self, ids: list[int], words: list[str], limit: int | None = None,
                    fuzzy_below: int = 5) -> list[int]:
        """``ids`` (the word-start matches of ``words``) and, when fewer than
        ``fuzzy_below``, the near misses after them; at most ``limit``."""
        if len(ids) < fuzzy_below:
            ids = list(ids)
            found = set(ids)
            for cid in [*self._fuzzy(" ".join(words), 10), *self._fuzzy_fields(words)]:
                if cid not in found:
                    found.add(cid)
                    ids.append(cid)
        return ids[:limit] if limit else ids

    def _fuzzy(self, query: str, limit: int) -> list[int]:
        from rapidfuzz import fuzz, process  # noqa: PLC0415 - only when needed

        if self._names is None:
            self._names = {cid: entry[0].strip() for cid, entry in self._entries.items()}
        found = process.extract(query, self._names, scorer=fuzz.partial_ratio, score_cutoff=85,
                                limit=None)
        # Equal scores in name order: the same answer whatever order contacts came in.
        entries = self._entries
        found.sort(key=lambda hit: (-hit[1], entries[hit[2]][0], hit[2]))
        return [cid for _name, _score, cid in found[:limit]]

    def _fuzzy_fields(self, words: list[str]) -> list[int]:
        """Contacts whose company or title has a near miss of a query word (see
        :func:`typos_allowed`; a word being typed is also compared with as many
        letters of each word), every other query word starting a word of the
        contact: closest first, by name within each distance."""
        fields = self._field_index()
        if not fields:
            return []
        near = [self._near_words(word, fields) for word in words]
        # A match has a near miss of at least one query word: it is among these.
        ids: dict[int, None] = {}
        for found in near:
            for word in found:  # closest words first
                ids.update(dict.fromkeys(fields[word]))
        if len(words) == 1:
            return list(ids)
        texts = self._texts()
        left = set(ids)
        for word, found in zip(words, near, strict=True):
            # each word: a near miss (all of these), or else it starts a word of the contact
            fuzzy = {cid for w in found for cid in fields[w]}
            start = " " + word
            left = (left & fuzzy) | {cid for cid in left - fuzzy if start in texts[cid]}
        return [cid for cid in ids if cid in left]

    @staticmethod
    def _near_words(word: str, fields: dict[str, list[int]]) -> list[str]:
        """Words of companies and titles within :func:`typos_allowed` edits of ``word``
        (whole, or their first letters), closest first; none that ``word`` already
        starts (those are word-start matches)."""
        allowed = typos_allowed(word)
        if not allowed:
            return []
        from rapidfuzz import process  # noqa: PLC0415 - only when needed
        from rapidfuzz.distance import OSA  # noqa: PLC0415

        vocabulary = list(fields)
        best: dict[str, int] = {}
        n = len(word)
        # Whole words, and from five letters typed their starts as long as the word typed
        # or up to the typos allowed longer ("nortwi" is a letter short of "northwi"): a
        # word is found while it is typed. (Shorter starts would let "anna" find "anal...".)
        sizes = range(n, n + allowed + 1) if n >= FUZZY_PREFIX_LETTERS else range(0)
        starts = [[w[:size] for w in vocabulary] for size in sizes]
        for choices in (vocabulary, *starts):
            for _match, distance, at in process.extract(word, choices, scorer=OSA.distance,
                                                         score_cutoff=allowed, limit=None):
                candidate = vocabulary[at]
                if not candidate.startswith(word):
                    best[candidate] = min(distance, best.get(candidate, distance))
        return sorted(best, key=lambda w: (best[w], w))
