"""Finding contacts by what the user remembers: part of a name, a company, a tag.

Every word of the query must start a word somewhere in the contact (name,
company, title, tags, notes): "sh" finds "Shah", not "dashboard". Matches in the
name rank first. When that finds little, fuzzy matching on names (rapidfuzz)
catches typos.
"""

from __future__ import annotations

import re
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


class SearchIndex:
    """Search over contacts; keep it current with :meth:`put` and :meth:`remove`."""

    def __init__(self, contacts: Iterable[Contact] = ()) -> None:
        self._entries: dict[int, tuple[str, str]] = {}
        for contact in contacts:
            self.put(contact)

    def put(self, contact: Contact) -> None:
        """Add or refresh ``contact``."""
        self._entries[contact.id] = haystack(contact)

    def remove(self, contact_id: int) -> None:
        """Forget a contact."""
        self._entries.pop(contact_id, None)

    def search(self, query: str, limit: int | None = None, fuzzy_below: int = 5) -> list[int]:
        """Ids of contacts matching ``query``, best first.

        Exact word matches come first (in the name before elsewhere, then by
        how early the match is); fuzzy name matches are added when fewer than
        ``fuzzy_below`` exact matches were found.
        """
        words = words_of(query).split()
        if not words:
            return list(self._entries)[:limit]
        starts = [" " + w for w in words]
        first = starts[0]
        scored: list[tuple[int, int, int]] = []
        for cid, (name, text) in self._entries.items():
            if all(s in text for s in starts):
                pos = name.find(first)
                rank = 0 if pos == 0 else 1 if pos > 0 else 2
                scored.append((rank, max(pos, 0), cid))
        scored.sort()
        ids = [cid for _rank, _pos, cid in scored]
        if len(ids) < fuzzy_below:
            found = set(ids)
            ids.extend(cid for cid in self._fuzzy(" ".join(words), 10) if cid not in found)
        return ids[:limit] if limit else ids

    def _fuzzy(self, query: str, limit: int) -> list[int]:
        from rapidfuzz import fuzz, process  # noqa: PLC0415 - only when needed

        choices = {cid: name.strip() for cid, (name, _text) in self._entries.items()}
        found = process.extract(query, choices, scorer=fuzz.WRatio, score_cutoff=80, limit=limit)
        return [cid for _name, _score, cid in found]
