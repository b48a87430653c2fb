"""Duplicates: finding them (``dupes``) and merging two contacts into one (``merge``).

A merge keeps everything of both: the kept contact gains the other's emails,
phones and tags, fills its empty fields from the other's, keeps both notes; every
talk, follow-up, plan and introduction (both ways: who introduced them, and whom
they introduced) that named the other now names the kept one. The other stays
in the trash marked ``merged_into``, so its id resolves to the kept contact
afterwards, and one undo takes the whole merge back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peoplelinks.domain import graph
from peoplelinks.domain.addresses import address_keys
from peoplelinks.domain.companies import company_key
from peoplelinks.domain.enums import Level
from peoplelinks.domain.fields import now
from peoplelinks.domain.models import Contact, FollowUp, MeetingPlan
from peoplelinks.errors import InputError
from peoplelinks.service.exchange import ExchangeVerbs

# Names this alike (rapidfuzz's token-sort ratio, 0-100) at the same company are
# listed as likely duplicates.
NAME_SIMILARITY = 88
# A company with more people than this is compared by exact name only (a pairwise
# comparison of thousands of names would take seconds).
FUZZY_GROUP_LIMIT = 400
_LISTS = ("emails", "phones", "tags")
_KIND_WORDS = {"email": "email", "phone": "phone", "url": "profile"}
_FILLED = ("company", "title", "profile_url", "how_met", "warning", "keep_in_touch_days",
           "introduced_by", "next_contact_on")
_EARLIEST = ("objective_shared_on", "recommendation_asked_on", "recommendation_given_on")


@dataclass(frozen=True)
class Duplicate:
    """Two contacts that are likely one person, and why (most certain first)."""

    first: Contact
    second: Contact
    why: str
    certainty: int  # 100: the same address; less: names alike at one company


def merged_contact(keep: Contact, other: Contact) -> Contact:
    """``keep`` with what ``other`` adds (see the module)."""
    update: dict[str, Any] = {}
    for name in _LISTS:
        mine = list(getattr(keep, name))
        seen = {v.casefold() for v in mine}
        extra = [v for v in getattr(other, name) if v.casefold() not in seen]
        if extra:
            update[name] = mine + extra
    for name in _FILLED:
        if not getattr(keep, name) and getattr(other, name):
            update[name] = getattr(other, name)
    if keep.level == Level.UNKNOWN and other.level != Level.UNKNOWN:
        update["level"] = other.level
    for name in _EARLIEST:
        dates = [d for d in (getattr(keep, name), getattr(other, name)) if d]
        if dates and min(dates) != getattr(keep, name):
            update[name] = min(dates)
    if other.notes and other.notes not in keep.notes:
        update["notes"] = f"{keep.notes}\n\n{other.notes}".strip() if keep.notes \
            else other.notes
    if other.imported:
        update["imported"] = {**other.imported, **keep.imported}
    if other.created < keep.created:
        update["created"] = other.created  # known since the earlier of the two
    return keep.model_copy(update={**update, "updated": now()}) if update else keep


class MergingVerbs(ExchangeVerbs):
    """Duplicates and merges."""

    def duplicates(self, limit: int | None = None) -> list[Duplicate]:
        """Likely duplicates among the contacts not in the trash: the same email,
        phone or profile address first, then names alike at the same company."""
        people = [c for c in self.db.contacts.values() if not c.in_trash]
        pairs: dict[tuple[int, int], Duplicate] = {}

        def note(a: Contact, b: Contact, why: str, certainty: int) -> None:
            key = (min(a.id, b.id), max(a.id, b.id))
            if key not in pairs or pairs[key].certainty < certainty:
                first, second = (a, b) if a.id < b.id else (b, a)
                pairs[key] = Duplicate(first, second, why, certainty)

        by_address: dict[str, list[Contact]] = {}
        for person in people:
            for key in address_keys(person):
                by_address.setdefault(key, []).append(person)
        for key, same in by_address.items():
            kind, _colon, value = key.partition(":")
            for i, a in enumerate(same):
                for b in same[i + 1:]:
                    note(a, b, f"the same {_KIND_WORDS[kind]} ({value})", 100)
        by_company: dict[str, list[Contact]] = {}
        for person in people:
            key = company_key(person.company)
            if key:
                by_company.setdefault(key, []).append(person)
        from rapidfuzz import fuzz  # noqa: PLC0415 - only for this

        for group in by_company.values():
            if len(group) > FUZZY_GROUP_LIMIT:
                by_name: dict[str, list[Contact]] = {}
                for person in group:
                    by_name.setdefault(person.name.casefold(), []).append(person)
                for same in by_name.values():
                    for i, a in enumerate(same):
                        for b in same[i + 1:]:
                            note(a, b, f"the same name at {a.company}", 95)
                continue
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    score = fuzz.token_sort_ratio(a.name.casefold(), b.name.casefold())
                    if score >= NAME_SIMILARITY:
                        what = "the same name" if score == 100 else "names alike"
                        note(a, b, f"{what} at {a.company}", int(score) - 5)
        found = sorted(pairs.values(), key=lambda d: (-d.certainty, d.first.id, d.second.id))
        return found if limit is None else found[:limit]

    def merge(self, keep_id: int, other_id: int) -> Contact:
        """Merge ``other_id`` into ``keep_id`` (see the module), as one undoable change."""
        keep, other = self.contact(keep_id), self.contact(other_id)
        if keep.id == other.id:
            raise InputError(f"merge: #{keep.id} is the same contact twice", field="merge")
        for person in (keep, other):
            if person.merged_into:
                raise InputError(f"merge: #{person.id} {person.name} was already merged "
                                 f"into #{person.merged_into}", field="merge")
        merged = merged_contact(keep, other)
        if merged.introduced_by == other.id:  # the other introduced the kept one
            merged = merged.model_copy(update={"introduced_by": other.introduced_by
                                               if other.introduced_by != keep.id else None})
        parents = {**self.db.parents, other.id: None}
        if graph.would_cycle(parents, merged.id, merged.introduced_by):
            merged = merged.model_copy(update={"introduced_by": keep.introduced_by})
        puts: list[Any] = [merged]
        stamp = now()
        puts.append(other.model_copy(update={"merged_into": keep.id, "updated": stamp,
                                             "deleted_at": other.deleted_at or stamp}))
        for person in self.db.contacts.values():
            if person.introduced_by == other.id and person.id not in (keep.id, other.id):
                puts.append(person.model_copy(update={"introduced_by": keep.id}))
        puts += self._moved_records(keep.id, other.id)
        self.db.commit(puts, summary=f"Merged {other.label} (#{other.id}) into {keep.label}")
        self._forget_derived()
        return self.contact(keep.id)

    def _moved_records(self, keep: int, other: int) -> list[Any]:
        """Every talk, follow-up and plan naming ``other``, naming ``keep`` instead."""
        def swap(ids: list[int]) -> list[int]:
            out: list[int] = []
            for cid in ids:
                cid = keep if cid == other else cid
                if cid not in out:
                    out.append(cid)
            return out

        moved: list[Any] = []
        for talk in self.db.interactions.values():
            if other in talk.contact_ids or other in talk.referrals:
                moved.append(talk.model_copy(update={
                    "contact_ids": swap(talk.contact_ids),
                    "referrals": [r for r in swap(talk.referrals)
                                  if r not in swap(talk.contact_ids)[:1]]}))
        items: list[FollowUp | MeetingPlan] = [*self.db.followups.values(),
                                               *self.db.plans.values()]
        for item in items:
            if item.contact_id == other:
                moved.append(item.model_copy(update={"contact_id": keep}))
        return moved

