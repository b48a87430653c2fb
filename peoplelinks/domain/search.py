"""Finding contacts by what the user remembers: part of a name, a company, a tag.

Every word of the query must appear somewhere in the contact (name, company,
title, tags, notes); matches in the name rank first. When that finds little,
fuzzy matching on names (rapidfuzz) catches typos.
"""

from __future__ import annotations

from collections.abc import Iterable

from peoplelinks.domain.models import Contact


def haystack(contact: Contact) -> tuple[str, str]:
    """The (name, everything) strings a contact is searched by, case-folded."""
    rest = " ".join((contact.company, contact.title, " ".join(contact.tags), contact.how_met,
                     contact.notes, " ".join(contact.emails)))
    return contact.name.casefold(), f"{contact.name} {rest}".casefold()


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
        words = query.casefold().split()
        if not words:
            return list(self._entries)[:limit]
        scored: list[tuple[int, int, int]] = []
        for cid, (name, text) in self._entries.items():
            if all(w in text for w in words):
                pos = name.find(words[0])
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

        choices = {cid: name for cid, (name, _text) in self._entries.items()}
        found = process.extract(query, choices, scorer=fuzz.WRatio, score_cutoff=80, limit=limit)
        return [cid for _name, _score, cid in found]
