"""Follow-ups: add, complete, reopen, snooze, edit, and what is due.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from peoplelinks.domain.dates import check_date, not_earlier
from peoplelinks.domain.enums import PlanStatus
from peoplelinks.domain.fields import now
from peoplelinks.domain.models import (
    Contact,
    FollowUp,
    MeetingPlan,
)
from peoplelinks.domain.schedule import Bucket, DueItem, DueReport, bucket_starts
from peoplelinks.domain.tickler import Tickler
from peoplelinks.domain.validation import describe
from peoplelinks.errors import InputError, NotFound
from peoplelinks.service.base import DEFAULT_NEXT_STEP_DAYS, validated
from peoplelinks.service.logbook import LogbookVerbs


class FollowupVerbs(LogbookVerbs):
    """Follow-ups and the keep-in-touch tickler."""

    def followup(self, followup_id: int) -> FollowUp:
        """The follow-up with ``followup_id``."""
        try:
            return self.db.followups[followup_id]
        except KeyError:
            raise NotFound(f"follow-up: no follow-up has id {followup_id}") from None

    def add_followup(self, contact_id: int, action: str, due: date | None = None) -> FollowUp:
        """Add a follow-up on its own, due ``due`` (default: a week from today)."""
        due = check_date(due or self.today + timedelta(days=DEFAULT_NEXT_STEP_DAYS), "due")
        contact = self.contact(contact_id)
        if contact.in_trash:
            raise InputError(f"contact: {contact.name} (#{contact.id}) is in the trash")
        item = validated(FollowUp, {"id": self.db.new_id(FollowUp), "contact_id": contact_id,
                                    "action": action, "due": due})
        self.db.commit([item], summary=f"Added follow-up “{item.action}” for {contact.name}")
        return item

    def _whose(self, item: FollowUp) -> str:
        """The name of the follow-up's contact (for messages and the undo history)."""
        contact = self.db.contacts.get(item.contact_id)
        return contact.name if contact else f"contact #{item.contact_id}"

    def complete_followup(self, followup_id: int, on: date | None = None) -> FollowUp:
        """Mark a follow-up done (``on``: the day it was done, when not today; it
        counts in that day's week for the weekly goals)."""
        old = self.followup(followup_id)
        if old.done:
            return old
        done_at = now()
        if on is not None and on != self.today:
            on = check_date(on, "date")
            if on > self.today:
                raise InputError(f"date: {on.isoformat()} is in the future; a follow-up is "
                                 "done today or was done before", field="date")
            # Noon local time that day, kept in UTC like every time stored.
            done_at = datetime.combine(on, time(12)).astimezone(UTC)
        item = old.model_copy(update={"done": True, "done_at": done_at})
        self.db.commit([item], summary=f"Done: {item.action} — {self._whose(item)}")
        return item

    def reopen_followup(self, followup_id: int) -> FollowUp:
        """Mark a done follow-up as open again."""
        old = self.followup(followup_id)
        item = old.model_copy(update={"done": False, "done_at": None})
        self.db.commit([item], summary=f"Reopened: {item.action} — {self._whose(item)}")
        return item

    def edit_followup(self, followup_id: int, *, action: str | None = None,
                      due: date | None = None) -> FollowUp:
        """Change a follow-up's action or due date (a done one keeps its due date)."""
        old = self.followup(followup_id)
        if old.done and due is not None and due != old.due:
            raise InputError(f"follow-up: F{old.id} {old.action!r} is done; its due date no "
                             "longer matters (its action can still be edited)", field="follow-up")
        changes: dict[str, Any] = {}
        if action is not None:
            changes["action"] = action
        if due is not None:
            changes["due"] = check_date(due, "due")
        try:
            item = old.changed(**changes)
        except ValidationError as exc:
            raise describe(exc, changes) from None
        said = (f"Moved “{item.action}” to {item.due:%a %d %b}" if item.due != old.due
                else f"Edited follow-up “{item.action}”") + f" — {self._whose(item)}"
        self.db.commit([item], summary=said)
        return item

    def snooze_followup(self, followup_id: int, due: date) -> FollowUp:
        """Move an open follow-up to ``due``, never earlier than it was (front ends read
        the date typed with :func:`~peoplelinks.domain.dates.snooze_date`); a done one is
        refused (nothing to snooze)."""
        old = self.followup(followup_id)
        if old.done:
            raise InputError(f"follow-up: F{old.id} {old.action!r} is done; nothing to snooze",
                             field="follow-up")
        not_earlier(check_date(due, "due"), old.due, "due")
        return self.edit_followup(followup_id, due=due)

    def due(self, today: date | None = None, keep_limit: int | None = None) -> DueReport:
        """Open follow-ups by bucket, and contacts whose keep-in-touch date has come
        (only the ``keep_limit`` most overdue when given; the total is always counted)."""
        today = today or self.today
        report = DueReport(today=today)
        contacts = self.db.contacts
        stored = self.db.open_followups()
        if stored is None:
            # By due date then id, as the store keeps them (after every save: not sorted).
            items = self.db.many("followups", self.db.open_followup_ids())
            # The owners validated together (one by one, a thousand would validate all).
            owners = {c.id: c.name for c in self.db.many(
                "contacts", list({i.contact_id: 0 for i in items})) if not c.in_trash}
        else:  # as the cache holds them: only these follow-ups are validated
            items = self.db.many("followups", list(stored))
            items.sort(key=lambda fu: (fu.due, fu.id))
            owners = {item.contact_id: stored[item.id] for item in items}
        report.owners = owners
        # In due order: one bucket after the other (no date compared to all four).
        starts = bucket_starts(today)
        found = report.followups[Bucket.OVERDUE]
        for item in items:
            while starts and item.due >= starts[0][1]:
                found = report.followups[starts.pop(0)[0]]
            if item.contact_id in owners:
                found.append(item)
        report.plans = self.planned()
        tickler = self._tickler
        if tickler is None:
            # Built aside and then published, under the store's lock: the app works out
            # its views in a thread, and no change may land between the two.
            with self.db.derive_lock:
                tickler = self._tickler or self._build_tickler()
                self._tickler = tickler
        report.keep_in_touch_total, chosen = tickler.due(today, keep_limit)
        last, name = self.db.last_contacts.get, tickler.name
        report.keep_in_touch = [DueItem(cid, name(cid), last(cid), when, contacts.__getitem__)
                                for when, cid in chosen]
        return report

    def due_ready(self) -> bool:
        """True when :meth:`due` has its parts ready (no record to validate, no index to
        build): the app works it out beside the UI when not."""
        db = self.db
        return self._tickler is not None and db.settled("followups") and db.settled("plans")

    def _build_tickler(self) -> Tickler:
        stored = self.db.stored_tickler()
        if stored is not None:  # as a cache of the file holds it: no contact validated
            return Tickler.of_sorted(stored)
        return Tickler.of((contact.id, self.next_contact(contact), contact.name)
                          for contact in self.db.contacts.values())

    def planned(self) -> list[MeetingPlan]:
        """Meetings planned and not yet held nor cancelled (also those whose day has
        passed unlogged), by date, with contacts not in the trash."""
        contacts = self.db.contacts
        found = [p for p in self.db.plans.values() if p.status == PlanStatus.PLANNED
                 and p.contact_id in contacts and not contacts[p.contact_id].in_trash]
        return sorted(found, key=lambda p: (p.date, p.id))

    def open_followups(self) -> list[FollowUp]:
        """Every open follow-up of a contact not in the trash, by due date."""
        report = self.due()
        return [fu for b in Bucket for fu in report.followups[b]]

    def snooze_keep_in_touch(self, contact_id: int, day: date) -> Contact:
        """Move a contact's keep-in-touch reminder to ``day`` (never earlier than it was
        due); the next logged talk with them clears it."""
        contact = self.contact(contact_id)
        current = self.next_contact(contact)
        if current is None:
            raise InputError(f"contact: {contact.name} (#{contact.id}) has no keep-in-touch "
                             "reminder to snooze", field="contact")
        day = check_date(day, "due")
        if day < current:
            raise InputError(f"due: {day.isoformat()} is before the reminder's date "
                             f"({current.isoformat()}); a snooze only moves it later",
                             field="due")
        changed = contact.model_copy(update={"next_contact_on": day, "updated": now()})
        self.db.commit([changed], summary=f"Keep in touch with {contact.name}: moved to "
                                          f"{day:%a %d %b}")
        self._reindex(changed)
        return changed
