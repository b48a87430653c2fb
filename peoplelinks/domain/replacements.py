"""Replace the strings of lights that don't work (DOMAIN.md section 5).

When a contact can't or won't help (or has gone quiet), try someone new. The
suggestions come in three groups, in this order:

1. people at the same company (:func:`~peoplelinks.domain.companies.company_key`):
   active ones first, then dormant ones (a relationship worth reviving when it
   is your way into that company), then leads there not contacted yet;
2. active people in the same circle, those asked least lately first (so one
   kind colleague is not asked for everything), then the most recently talked to;
3. leads anywhere not contacted yet, the oldest first (they have waited longest).

Never suggested: the contact itself, anyone in the trash, not helpful or do not
contact. Dormant people appear only in the first group: elsewhere they are the
same problem as the contact being replaced. Nobody appears twice.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from peoplelinks.domain.companies import company_key
from peoplelinks.domain.enums import Status
from peoplelinks.domain.models import Contact


@dataclass(frozen=True)
class Suggestion:
    """Someone to try instead, and why."""

    contact_id: int
    reason: str


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def replacements(contact: Contact, contacts: Mapping[int, Contact], *,
                 recent_asks: Mapping[int, int], last_contact: Mapping[int, date | None],
                 limit: int = 5) -> list[Suggestion]:
    """Up to ``limit`` people to try instead of ``contact`` (see the module docstring).

    ``recent_asks``: how many times each contact was asked for something lately
    (a referral, a recommendation); missing ids count 0. ``last_contact``: your
    last talk with each contact; missing ids count as never.
    """
    if limit <= 0:
        return []

    def least_asked(c: Contact) -> tuple[int, int, int]:
        # Fewest asks; then the latest talk (a live relationship); then by id.
        day = last_contact.get(c.id) or date.min
        return recent_asks.get(c.id, 0), -day.toordinal(), c.id

    def oldest(c: Contact) -> tuple[datetime, int]:
        return c.created, c.id

    def fresh_lead(c: Contact) -> bool:
        return c.status == Status.LEAD and last_contact.get(c.id) is None

    others = [c for cid, c in contacts.items()
              if cid != contact.id and c.deleted_at is None and c.status in _SUGGESTED]
    found: list[Suggestion] = []
    key = company_key(contact.company)
    if key:
        there = [c for c in others if company_key(c.company) == key]
        at = f"also at {contact.company}"
        for c in sorted((c for c in there if c.status == Status.ACTIVE), key=least_asked):
            found.append(Suggestion(c.id, at))
        for c in sorted((c for c in there if c.status == Status.DORMANT), key=least_asked):
            found.append(Suggestion(c.id, f"{at}, dormant: worth reviving"))
        for c in sorted((c for c in there if fresh_lead(c)), key=oldest):
            found.append(Suggestion(c.id, f"{at}, a lead not contacted yet"))
        if len(found) >= limit:
            return found[:limit]
        listed = {c.id for c in there}
        others = [c for c in others if c.id not in listed]
    wanted = limit - len(found)
    # A partial sort: the circle can hold thousands of people, few are wanted.
    circle = (c for c in others if c.circle == contact.circle and c.status == Status.ACTIVE)
    for c in heapq.nsmallest(wanted, circle, key=least_asked):
        asked = _times(recent_asks.get(c.id, 0))
        found.append(Suggestion(c.id, f"{c.circle.value} circle, asked {asked} lately"))
    wanted = limit - len(found)
    for c in heapq.nsmallest(wanted, filter(fresh_lead, others), key=oldest):
        found.append(Suggestion(c.id, "a lead not contacted yet"))
    return found


_SUGGESTED = frozenset({Status.ACTIVE, Status.DORMANT, Status.LEAD})
