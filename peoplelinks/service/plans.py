"""Meeting plans (DOMAIN.md section 6): plan a meeting, change or cancel the plan,
and the plans still to hold. A plan is marked held by the log that records the
meeting (see :meth:`LogbookVerbs.log`'s ``plan_id``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from peoplelinks.domain.dates import check_date
from peoplelinks.domain.enums import PlanStatus, Status
from peoplelinks.domain.models import Contact, MeetingPlan
from peoplelinks.errors import InputError, NotFound
from peoplelinks.service.base import validated
from peoplelinks.service.settings import SettingsVerbs

PLAN_FIELDS = ("date", "place", "purpose", "agenda", "help_them", "learn", "ask_for")


class PlanVerbs(SettingsVerbs):
    """Meeting plans."""

    def plan(self, plan_id: int) -> MeetingPlan:
        """The meeting plan with ``plan_id``."""
        try:
            return self.db.plans[plan_id]
        except KeyError:
            raise NotFound(f"plan: no meeting plan has id P{plan_id}", field="plan") from None

    def _plannable(self, contact: Contact) -> None:
        if contact.in_trash:
            raise InputError(f"contact: {contact.name} (#{contact.id}) is in the trash",
                             field="contact")
        if contact.status == Status.DO_NOT_CONTACT:
            raise InputError(f"contact: {contact.name} (#{contact.id}) is marked "
                             "do-not-contact", field="contact")

    def _plan_date(self, when: date, old: date | None = None) -> date:
        when = check_date(when, "date")
        if when < self.today and when != old:
            raise InputError(f"date: {when.isoformat()} is in the past; a plan is for a "
                             "meeting to come (log a meeting that happened)", field="date")
        return when

    def plan_meeting(self, contact_id: int, when: date, *, place: str = "", purpose: str = "",
                     agenda: Sequence[str] = (), help_them: str = "", learn: str = "",
                     ask_for: Sequence[str] = ()) -> MeetingPlan:
        """Plan a meeting with a contact: when and where, why, the agenda, how I can
        help them, what I want to learn, whom I want to be referred to."""
        contact = self.contact(contact_id)
        self._plannable(contact)
        plan = validated(MeetingPlan, {
            "id": self.db.new_id(MeetingPlan), "contact_id": contact.id,
            "date": self._plan_date(when), "place": place, "purpose": purpose,
            "agenda": list(agenda), "help_them": help_them, "learn": learn,
            "ask_for": list(ask_for)})
        self.db.commit([plan], summary=f"Planned a meeting with {contact.name} on "
                                       f"{plan.date:%a %d %b}")
        return plan

    def edit_plan(self, plan_id: int, **changes: Any) -> MeetingPlan:
        """Change any field of a plan (:data:`PLAN_FIELDS`)."""
        old = self.plan(plan_id)
        unknown = sorted(set(changes) - set(PLAN_FIELDS))
        if unknown:
            raise InputError(f"{unknown[0]}: is not a field of a meeting plan", field=unknown[0])
        if "date" in changes:
            changes["date"] = self._plan_date(changes["date"], old.date)
        plan = validated(MeetingPlan, {**old.model_dump(), **changes})
        if plan == old:
            return old
        self.db.commit([plan], summary=f"Changed the plan to meet {self._name(plan)} on "
                                       f"{plan.date:%a %d %b}")
        return plan

    def cancel_plan(self, plan_id: int) -> MeetingPlan:
        """Cancel a planned meeting (undoable; a held one cannot be cancelled)."""
        old = self.plan(plan_id)
        if old.status == PlanStatus.HELD:
            raise InputError(f"plan: P{plan_id} was held (logged as L{old.interaction_id}); "
                             "delete that log instead", field="plan")
        if old.status == PlanStatus.CANCELLED:
            return old
        plan = old.model_copy(update={"status": PlanStatus.CANCELLED})
        self.db.commit([plan], summary=f"Cancelled the meeting with {self._name(plan)} on "
                                       f"{plan.date:%a %d %b}")
        return plan

    def _name(self, plan: MeetingPlan) -> str:
        contact = self.db.contacts.get(plan.contact_id)
        return contact.name if contact else f"contact #{plan.contact_id}"

    def plans_of(self, contact_id: int) -> list[MeetingPlan]:
        """Every plan with a contact, the latest first."""
        found = [p for p in self.db.plans.values() if p.contact_id == contact_id]
        return sorted(found, key=lambda p: (p.date, p.id), reverse=True)

    def next_plan(self, contact_id: int) -> MeetingPlan | None:
        """The next meeting planned with a contact, if any."""
        found = [p for p in self.planned() if p.contact_id == contact_id]
        return found[0] if found else None
