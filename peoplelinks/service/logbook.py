"""Logging conversations, and correcting them.

A log records an interaction; its referrals become leads (each with a
"reach out" follow-up unless asked not to), its next step a follow-up for
whichever of the people it is for, and it can close the follow-ups the talk
answered. A log can be edited (every field) or deleted later; what was derived
from it follows: last-contact dates, the follow-ups it created, and — when the
user says so — the leads it created.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from peoplelinks.domain import graph
from peoplelinks.domain.dates import check_date
from peoplelinks.domain.enums import Kind, Outcome, PlanStatus, Status
from peoplelinks.domain.fields import now
from peoplelinks.domain.models import Contact, FollowUp, Interaction, MeetingPlan
from peoplelinks.domain.referrals import Referral
from peoplelinks.errors import InputError, NotFound
from peoplelinks.service.base import DEFAULT_NEXT_STEP_DAYS, MAX_LOG_DAYS_AHEAD, validated
from peoplelinks.service.contacts import ContactVerbs

# A new lead's "reach out" follow-up is due this many days after the talk.
REACH_OUT_DAYS = 3
LEAD_CHOICES = ("keep", "trash")


@dataclass
class LogResult:
    """What one logged interaction created or changed."""

    interaction: Interaction
    followup: FollowUp | None = None
    new_leads: list[Contact] = field(default_factory=list)
    linked: list[Contact] = field(default_factory=list)
    activated: list[Contact] = field(default_factory=list)
    reach_outs: list[FollowUp] = field(default_factory=list)
    closed: list[FollowUp] = field(default_factory=list)
    # Follow-ups of the people logged that are still open: the talk may answer them.
    still_open: list[FollowUp] = field(default_factory=list)
    plan: MeetingPlan | None = None  # the plan the talk held, now held
    repair: FollowUp | None = None  # after a poor meeting


class LeadsQuestion(InputError):
    """Deleting a log that created leads: keep them, or move them to the trash?"""

    def __init__(self, message: str, leads: list[Contact]) -> None:
        super().__init__(message, field="leads")
        self.leads = leads


class _Puts:
    """Records to write in one commit, each contact changed once whatever asks."""

    def __init__(self, verbs: LogbookVerbs) -> None:
        self.verbs = verbs
        self.records: list[Any] = []
        self._contacts: dict[int, Contact] = {}

    def contact(self, contact: Contact, **changes: Any) -> Contact:
        base = self._contacts.get(contact.id, contact)
        changed = validated(Contact, {**base.model_dump(), **changes, "updated": now()})
        self._contacts[contact.id] = changed
        return changed

    def all(self) -> list[Any]:
        return [*self.records, *self._contacts.values()]


class LogbookVerbs(ContactVerbs):
    """Log an interaction, edit or delete one."""

    def interaction(self, interaction_id: int) -> Interaction:
        """The interaction with ``interaction_id``."""
        try:
            return self.db.interactions[interaction_id]
        except KeyError:
            raise NotFound(f"log: no logged talk has id {interaction_id}", field="log") from None

    def _people(self, contact_ids: Sequence[int], field_name: str = "contact") -> list[Contact]:
        if not contact_ids:
            raise InputError(f"{field_name}: a log needs at least one contact", field=field_name)
        people = [self.contact(cid) for cid in dict.fromkeys(contact_ids)]
        for person in people:
            if person.in_trash:
                raise InputError(f"{field_name}: {person.name} (#{person.id}) is in the trash",
                                 field=field_name)
        return people

    def _log_date(self, when: date | None) -> date:
        when = check_date(when or self.today, "date")
        if when > self.today + timedelta(days=MAX_LOG_DAYS_AHEAD):
            raise InputError(f"date: {when.isoformat()} is in the future; log what has happened",
                             field="date")
        return when

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
        next_for: int | None = None,
        reach_out: bool = True,
        close: Sequence[int] = (),
        outcome: str | None = None,
        shared_objective: bool = False,
        asked_for_recommendation: bool = False,
        plan_id: int | None = None,
        repair: bool = True,
        warning: str | None = None,
    ) -> LogResult:
        """Log an interaction, all of it one durable write (and one undo).

        ``referrals`` holds new people (:class:`Referral`, linked to an existing
        contact of exactly that name and company when there is one) or ids of
        existing contacts; new ones become leads with a "reach out" follow-up
        unless not ``reach_out``. The next step becomes a follow-up for
        ``next_for`` (one of the people; default the first). ``close``: ids of
        follow-ups of these people that the talk answered. ``outcome``: how it went;
        a poor one files a "repair" follow-up unless not ``repair``, and ``warning``
        sets the first person's warning. ``shared_objective`` and
        ``asked_for_recommendation`` are remembered on each person; ``plan_id`` is
        the meeting plan this talk held (marked held).
        """
        when = self._log_date(when)
        people = self._people(contact_ids)
        plan = self._held_plan(plan_id, people)
        owner = self._next_owner(people, next_for)
        if next_due is not None:
            check_date(next_due, "due")
            if not next_action.strip():
                raise InputError("next: a due date was given without a next step", field="next")
            if next_due < when:
                raise InputError(f"due: the next step cannot be due ({next_due.isoformat()}) "
                                 f"before the interaction's date ({when.isoformat()})",
                                 field="due")
        closing = self._closing(people, close)
        puts = _Puts(self)
        stamp = now()
        new_leads: list[Contact] = []
        linked: list[Contact] = []
        referral_ids = self._referrals(puts, new_leads, linked, people[0], referrals, when,
                                       stamp)
        interaction = validated(Interaction, {
            "id": self.db.new_id(Interaction), "contact_ids": [p.id for p in people],
            "date": when, "kind": kind, "notes": notes, "gave": gave, "got": got,
            "referrals": referral_ids, "created": stamp,
            "asked_for_referrals": asked_for_referrals or bool(referral_ids),
            "outcome": outcome or None, "shared_objective": shared_objective,
            "asked_for_recommendation": asked_for_recommendation,
            "plan_id": plan.id if plan else None,
        })
        result = LogResult(interaction, new_leads=new_leads, linked=linked)
        puts.records.insert(0, interaction)
        if plan is not None:
            result.plan = plan.model_copy(update={"status": PlanStatus.HELD,
                                                  "interaction_id": interaction.id})
            puts.records.append(result.plan)
        if interaction.outcome == Outcome.POOR and repair:
            result.repair = validated(FollowUp, {
                "id": self.db.new_id(FollowUp), "contact_id": people[0].id,
                "action": f"Repair the relationship with {people[0].name}"[:200],
                "due": max(when, self.today) + timedelta(days=1),
                "interaction_id": interaction.id, "created": stamp})
            puts.records.append(result.repair)
        self._remember(puts, people, interaction, warning)
        if next_action.strip():
            result.followup = validated(FollowUp, {
                "id": self.db.new_id(FollowUp), "contact_id": owner.id, "action": next_action,
                "due": next_due or when + timedelta(days=DEFAULT_NEXT_STEP_DAYS),
                "interaction_id": interaction.id, "created": stamp,
            })
            puts.records.append(result.followup)
        if reach_out:
            for lead in result.new_leads:
                item = validated(FollowUp, {
                    "id": self.db.new_id(FollowUp), "contact_id": lead.id,
                    "action": f"Reach out to {lead.name} (referred by {people[0].name})"[:200],
                    "due": max(when, self.today) + timedelta(days=REACH_OUT_DAYS),
                    "interaction_id": interaction.id, "created": stamp,
                })
                result.reach_outs.append(item)
                puts.records.append(item)
        for item in closing:
            done = item.model_copy(update={"done": True, "done_at": stamp})
            result.closed.append(done)
            puts.records.append(done)
        for person in people:
            if person.status == Status.LEAD:  # met now: no longer a lead
                result.activated.append(puts.contact(person, status=Status.ACTIVE))
            if person.next_contact_on is not None:  # a snoozed reminder: answered
                puts.contact(person, next_contact_on=None)
        names = ", ".join(p.name for p in people)
        self.db.commit(puts.all(), summary=f"Logged {interaction.kind} with {names} on "
                                           f"{when:%a %d %b}")
        self._after_contacts(puts.all(), [p.id for p in people])
        taken = {item.id for item in [*result.closed, *result.reach_outs]}
        if result.followup:
            taken.add(result.followup.id)
        result.still_open = [f for p in people for f in self.db.followups_of(p.id)
                             if not f.done and f.id not in taken]
        return result

    def _held_plan(self, plan_id: int | None, people: list[Contact]) -> MeetingPlan | None:
        if plan_id is None:
            return None
        plan = self.db.plans.get(plan_id)
        if plan is None or plan.status != PlanStatus.PLANNED:
            raise InputError(f"plan: P{plan_id} is not a meeting still planned", field="plan")
        if plan.contact_id not in {p.id for p in people}:
            raise InputError(f"plan: P{plan_id} is a meeting with someone not in this log",
                             field="plan")
        return plan

    @staticmethod
    def _remember(puts: _Puts, people: list[Contact], talk: Interaction,
                  warning: str | None) -> None:
        """What a talk says about the people in it: the objective shared, a
        recommendation asked, and a warning after a poor meeting."""
        for person in people:
            changes: dict[str, Any] = {}
            if talk.shared_objective and (person.objective_shared_on is None
                                          or talk.date < person.objective_shared_on):
                changes["objective_shared_on"] = talk.date
            if talk.asked_for_recommendation and (person.recommendation_asked_on is None
                                                  or talk.date > person.recommendation_asked_on):
                changes["recommendation_asked_on"] = talk.date
            if warning is not None and person is people[0]:
                changes["warning"] = warning
            if changes:
                puts.contact(person, **changes)

    def _next_owner(self, people: list[Contact], next_for: int | None) -> Contact:
        if next_for is None:
            return people[0]
        for person in people:
            if person.id == next_for:
                return person
        raise InputError(f"next_for: the next step can only be for someone in the log, not "
                         f"#{next_for}", field="next_for")

    def _closing(self, people: list[Contact], close: Sequence[int]) -> list[FollowUp]:
        ids = {p.id for p in people}
        items = []
        for fid in dict.fromkeys(close):
            item = self.db.followups.get(fid)
            if item is None or item.contact_id not in ids:
                raise InputError(f"close: F{fid} is not an open follow-up of the people logged",
                                 field="close")
            if not item.done:
                items.append(item)
        return items

    def _referrals(self, puts: _Puts, new_leads: list[Contact], linked: list[Contact],
                   introducer: Contact, referrals: Iterable[Referral | int], when: date,
                   stamp: Any) -> list[int]:
        """Link the referrals to known people or make them leads; their ids."""
        ids: list[int] = []
        for ref in referrals:
            existing = self.existing_referral(ref)
            if existing is not None:
                ids.append(existing.id)
                linked.append(self._link(puts, existing, introducer, ref, when))
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
            ids.append(lead.id)
            new_leads.append(lead)
            puts.records.append(lead)
        return ids

    def _link(self, puts: _Puts, existing: Contact, introducer: Contact,
              ref: Referral | int, when: date) -> Contact:
        """A referral to someone already known: who introduced them, and what was said."""
        changes: dict[str, Any] = {}
        if existing.introduced_by is None and existing.id != introducer.id and not \
                graph.would_cycle(self.db.parents, existing.id, introducer.id):
            changes["introduced_by"] = introducer.id
        if isinstance(ref, Referral):  # what was said about them is kept with them
            if ref.note:
                said = f"{ref.note} (referred by {introducer.name}, {when:%d %b %Y})"
                changes["notes"] = f"{existing.notes}\n{said}".strip()
            if ref.email and ref.email.casefold() not in map(str.casefold, existing.emails):
                changes["emails"] = [*existing.emails, ref.email]
        return puts.contact(existing, **changes) if changes else existing

    def _after_contacts(self, records: Iterable[Any], touched: Iterable[int]) -> None:
        for item in records:
            if isinstance(item, Contact):
                self._reindex(item)
        for cid in touched:  # their keep-in-touch clock may move
            if cid in self.db.contacts:
                self._touch(cid)

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

    # ---- correcting a log ---------------------------------------------------------

    def edit_log(self, interaction_id: int, **changes: Any) -> Interaction:
        """Change any field of a logged talk: ``contact_ids``, ``kind``, ``date``,
        ``notes``, ``gave``, ``got``, ``referrals`` (ids of existing contacts),
        ``asked_for_referrals``, ``asked_for_recommendation``, ``shared_objective``,
        ``outcome``. People added who were leads become active."""
        old = self.interaction(interaction_id)
        known = {"contact_ids", "kind", "date", "notes", "gave", "got", "referrals",
                 "asked_for_referrals", "asked_for_recommendation", "shared_objective",
                 "outcome"}
        unknown = set(changes) - known
        if unknown:
            raise InputError(f"{sorted(unknown)[0]}: is not a field of a log",
                             field=sorted(unknown)[0])
        if changes.get("outcome") == "":
            changes["outcome"] = None  # "how it went" cleared
        data = {**old.model_dump(), **changes}
        data["date"] = self._log_date(data["date"])
        people = self._people(data["contact_ids"], "with")
        for rid in data["referrals"]:
            self.contact(rid)  # each must exist
        item = validated(Interaction, data)
        if item == old:
            return old
        puts = _Puts(self)
        puts.records.append(item)
        added = [p for p in people if p.id not in old.contact_ids]
        for person in added:
            if person.status == Status.LEAD:
                puts.contact(person, status=Status.ACTIVE)
        self.db.commit(puts.all(), summary=f"Edited the {item.kind} of {item.date:%a %d %b} "
                                           f"with {', '.join(p.name for p in people)}")
        self._after_contacts(puts.all(), {*old.contact_ids, *item.contact_ids})
        return item

    def log_leads(self, interaction_id: int) -> list[Contact]:
        """The leads a log created (not the people it linked), still leads and not in the
        trash: what deleting it should ask about."""
        item = self.interaction(interaction_id)
        found = []
        for cid in item.referrals:
            contact = self.db.contacts.get(cid)
            if contact is not None and not contact.in_trash and contact.created == item.created \
                    and contact.status == Status.LEAD:
                found.append(contact)
        return found

    def delete_log(self, interaction_id: int, *, leads: str | None = None) -> Interaction:
        """Delete a logged talk and the follow-ups it created; the leads it created are
        kept or moved to the trash as ``leads`` says ("keep" or "trash"), and asked
        about (:class:`LeadsQuestion`) when not said. Undoable like any change."""
        item = self.interaction(interaction_id)
        created = self.log_leads(interaction_id)
        if created and leads not in LEAD_CHOICES:
            listed = ", ".join(f"#{c.id} {c.label}" for c in created)
            raise LeadsQuestion(f"leads: this log created {listed}; keep them, or move them "
                                "to the trash? (--leads keep or --leads trash)", created)
        kept = {c.id for c in created} if leads == "keep" else set()
        # Its next step goes with it; a kept lead keeps its "reach out".
        deletes: list[Any] = [item, *(f for f in self.db.followups.values()
                                      if f.interaction_id == item.id
                                      and f.contact_id not in kept)]
        stamp = now()
        trashed: list[Any] = [c.model_copy(update={"deleted_at": stamp}) for c in created] \
            if leads == "trash" else []
        # The meeting it held is planned again.
        trashed += [p.model_copy(update={"status": PlanStatus.PLANNED, "interaction_id": None})
                    for p in self.db.plans.values() if p.interaction_id == item.id]
        names = ", ".join(self.db.contacts[c].name for c in item.contact_ids
                          if c in self.db.contacts)
        self.db.commit(trashed, deletes,
                       summary=f"Deleted the {item.kind} of {item.date:%a %d %b} with {names}")
        self._after_contacts(trashed, item.contact_ids)
        return item
