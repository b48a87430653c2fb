"""Logging conversations: referrals become leads, the next step a follow-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from peoplelinks.domain import graph
from peoplelinks.domain.dates import check_date
from peoplelinks.domain.enums import Kind, Status
from peoplelinks.domain.fields import now
from peoplelinks.domain.models import (
    Contact,
    FollowUp,
    Interaction,
)
from peoplelinks.domain.referrals import Referral
from peoplelinks.errors import InputError
from peoplelinks.service.base import DEFAULT_NEXT_STEP_DAYS, MAX_LOG_DAYS_AHEAD, validated
from peoplelinks.service.contacts import ContactVerbs


@dataclass
class LogResult:
    """What one logged interaction created or changed."""

    interaction: Interaction
    followup: FollowUp | None = None
    new_leads: list[Contact] = field(default_factory=list)
    linked: list[Contact] = field(default_factory=list)
    activated: list[Contact] = field(default_factory=list)


class LogbookVerbs(ContactVerbs):
    """Log an interaction."""

    def log(
        self,
        contact_ids: Sequence[int],
        *,
        kind: str | Kind = Kind.COFFEE,
        when: date | None = None,
        notes: str = "",
        gave: str = "",
        got: str = "",
        referrals: Iterable[Referral | int] = (),
        next_action: str = "",
        next_due: date | None = None,
        asked_for_referrals: bool = False,
    ) -> LogResult:
        """Log an interaction; referrals become leads, the next step a follow-up.

        ``referrals`` holds new people (:class:`Referral`, linked to an existing
        contact of exactly that name and company when there is one) or ids of
        existing contacts. Everything is one durable write.
        """
        when = check_date(when or self.today, "date")
        if next_due is not None:
            check_date(next_due, "due")
        if when > self.today + timedelta(days=MAX_LOG_DAYS_AHEAD):
            raise InputError(f"date: {when.isoformat()} is in the future; log what has happened",
                             field="date")
        if not contact_ids:
            raise InputError("contact: a log needs at least one contact", field="contact")
        people = [self.contact(cid) for cid in contact_ids]
        for person in people:
            if person.in_trash:
                raise InputError(f"contact: {person.name} (#{person.id}) is in the trash")
        if next_due is not None and not next_action.strip():
            raise InputError("next: a due date was given without a next step", field="next")
        if next_due is not None and next_due < when:
            raise InputError(f"due: the next step cannot be due ({next_due.isoformat()}) before "
                             f"the interaction's date ({when.isoformat()})", field="due")
        stamp = now()
        result_leads: list[Contact] = []
        linked: list[Contact] = []
        puts: list[Any] = []
        referral_ids: list[int] = []
        introducer = people[0]
        for ref in referrals:
            existing = self.existing_referral(ref)
            if existing is not None:
                referral_ids.append(existing.id)
                changes: dict[str, Any] = {}
                if existing.introduced_by is None and existing.id != introducer.id and not \
                        graph.would_cycle(self.db.parents, existing.id, introducer.id):
                    changes["introduced_by"] = introducer.id
                if isinstance(ref, Referral):  # what was said about them is kept with them
                    if ref.note:
                        said = f"{ref.note} (referred by {introducer.name}, {when:%d %b %Y})"
                        changes["notes"] = f"{existing.notes}\n{said}".strip()
                    if ref.email and ref.email.casefold() not in map(str.casefold,
                                                                      existing.emails):
                        changes["emails"] = [*existing.emails, ref.email]
                if changes:
                    existing = validated(Contact, {**existing.model_dump(), **changes,
                                                   "updated": stamp})
                    puts.append(existing)
                linked.append(existing)
                continue
            assert isinstance(ref, Referral)
            try:
                lead = validated(Contact, {
                    "id": self.db.new_id(Contact), "name": ref.name, "company": ref.company,
                    "emails": [ref.email] if ref.email else [],
                    "notes": ref.note, "status": Status.LEAD, "introduced_by": introducer.id,
                    "how_met": f"referred by {introducer.name} on {when.isoformat()}",
                    "created": stamp, "updated": stamp,
                })
            except InputError as exc:
                raise InputError(f"referrals: {exc}", field="referrals") from None
            referral_ids.append(lead.id)
            result_leads.append(lead)
            puts.append(lead)
        interaction = validated(Interaction, {
            "id": self.db.new_id(Interaction), "contact_ids": list(contact_ids), "date": when,
            "kind": kind, "notes": notes, "gave": gave, "got": got, "referrals": referral_ids,
            "asked_for_referrals": asked_for_referrals or bool(referral_ids), "created": stamp,
        })
        puts.insert(0, interaction)
        followup = None
        if next_action.strip():
            followup = validated(FollowUp, {
                "id": self.db.new_id(FollowUp), "contact_id": introducer.id,
                "action": next_action,
                "due": next_due or when + timedelta(days=DEFAULT_NEXT_STEP_DAYS),
                "interaction_id": interaction.id, "created": stamp,
            })
            puts.append(followup)
        activated = [p.model_copy(update={"status": Status.ACTIVE, "updated": stamp})
                     for p in people if p.status == Status.LEAD]
        puts.extend(activated)
        names = ", ".join(p.name for p in people)
        self.db.commit(puts, summary=f"Logged {interaction.kind} with {names} on {when:%a %d %b}")
        for item in puts:
            if isinstance(item, Contact):
                self._reindex(item)
        for cid in contact_ids:  # their keep-in-touch clock restarts
            self._touch(cid)
        return LogResult(interaction, followup, result_leads, linked, activated)

    def existing_referral(self, ref: Referral | int) -> Contact | None:
        """The contact a referral would be linked to: the id given, or the one contact
        of exactly that name (and company, when given); None for a new lead."""
        if isinstance(ref, int):
            return self.contact(ref)
        if ref.new:
            return None
        same = [self.db.contacts[i] for i in self.db.ids_named(ref.name)]
        same = [c for c in same if not c.in_trash
                and (not ref.company or c.company.casefold() == ref.company.casefold())]
        return same[0] if len(same) == 1 else None
