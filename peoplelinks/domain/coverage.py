"""Coverage of the target companies (DOMAIN.md section 1): whom do I know at each
company of my objective, how warm, and which companies have nobody at all.

The rows come emptiest first, so the companies that need networking stand out:
companies with nobody, then companies where there are only leads (people
suggested, never met), then the rest by fewest contacts and coldest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from peoplelinks.domain.companies import at_company, company_key
from peoplelinks.domain.enums import Status
from peoplelinks.domain.facts import Person
from peoplelinks.domain.paths import Links, WarmPath, best_paths

__all__ = ["CompanyCoverage", "at_company", "coverage"]


@dataclass(frozen=True)
class CompanyCoverage:
    """Whom the network has at one target company."""

    company: str  # as the user typed it in the objective
    key: str  # its company_key
    # People there you can talk to, warmest first: not leads, not do-not-contact,
    # not not-helpful, not in the trash (dormant ones count: they can be revived).
    contacts: tuple[int, ...]
    last_contact: date | None  # your latest talk with any of ``contacts``
    leads: tuple[int, ...]  # people there suggested but not contacted yet, by id
    # The warmest shortest path to someone there, when ``contacts`` is empty (so to
    # a lead); None otherwise, or when nobody there can be reached.
    path: WarmPath | None = None
    warmth: float = 0.0  # the sum of the warmth of ``contacts``
    # People there who declined (not-helpful) or asked not to be contacted: not
    # counted as coverage, but worth knowing before asking around (by id).
    declined: tuple[int, ...] = ()

    @property
    def nobody(self) -> bool:
        """True when the network has neither a contact nor a lead there."""
        return not self.contacts and not self.leads


def _rank(row: CompanyCoverage) -> tuple[int, int, float]:
    group = 0 if row.nobody else 1 if not row.contacts else 2
    return group, len(row.contacts), row.warmth


def coverage(targets: Sequence[str], contacts: Mapping[int, Person], *, links: Links,
             warmth: Mapping[int, float],
             last_contact: Mapping[int, date | None]) -> list[CompanyCoverage]:
    """One row per target company, emptiest first (see the module); ties keep the
    objective's order. Targets that name the same company (same key) make one row,
    under the first spelling; blank ones are skipped."""
    wanted: dict[str, str] = {}  # key -> the spelling typed first
    for company in targets:
        key = company_key(company)
        if key and key not in wanted:
            wanted[key] = company
    # Who works where comes from the links' index; statuses from ``contacts``.
    people = {key: [cid for cid in links.companies.get(key, ())
                    if cid in contacts and contacts[cid].deleted_at is None]
              for key in wanted}
    rows = [_row(company, key, people[key], contacts, warmth, last_contact)
            for key, company in wanted.items()]
    need = {row.key: row.leads for row in rows if not row.contacts}
    if need:  # one walk for every company with only leads
        paths = best_paths(links, contacts, need, warmth=warmth, last_contact=last_contact)
        rows = [replace(row, path=paths.get(row.key)) if row.key in need else row
                for row in rows]
    return sorted(rows, key=_rank)  # stable: ties keep the objective's order


def _row(company: str, key: str, ids: list[int], contacts: Mapping[int, Person],
         warmth: Mapping[int, float], last_contact: Mapping[int, date | None]
         ) -> CompanyCoverage:
    known = [cid for cid in ids if contacts[cid].status in _COVERS]
    leads = tuple(sorted(cid for cid in ids if contacts[cid].status == Status.LEAD))
    declined = tuple(sorted(cid for cid in ids if contacts[cid].status in _DECLINED))
    days = [day for cid in known if (day := last_contact.get(cid)) is not None]
    # Warmest first; then the latest talk (never talked last); then by id.
    known.sort(key=lambda cid: (-warmth.get(cid, 0.0),
                                -(last_contact.get(cid) or date.min).toordinal(), cid))
    return CompanyCoverage(company, key, tuple(known), max(days, default=None), leads,
                           None, sum(warmth.get(cid, 0.0) for cid in known), declined)


_COVERS = frozenset({Status.ACTIVE, Status.DORMANT})
_DECLINED = frozenset({Status.NOT_HELPFUL, Status.DO_NOT_CONTACT})
