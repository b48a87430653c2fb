"""Keep-in-touch dates and follow-up buckets (DOMAIN.md sections 7 and 8)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from peoplelinks.domain.enums import Status
from peoplelinks.domain.models import Contact, FollowUp, MeetingPlan, Settings

# Relationships the tickler leaves alone: not met yet, or better left alone.
UNTRACKED = frozenset({Status.LEAD, Status.NOT_HELPFUL, Status.DO_NOT_CONTACT})


def next_contact(contact: Contact, last: date | None, settings: Settings) -> date | None:
    """When ``contact`` should next hear from the user, or None if not tracked.

    The clock restarts at the last logged interaction; a contact never logged
    counts from the day it was added.
    """
    if contact.status in UNTRACKED or contact.in_trash:
        return None
    if contact.next_contact_on is not None:
        return contact.next_contact_on  # snoozed
    interval = settings.interval_for(contact)
    if interval <= 0:
        return None
    # The day it was added where the user is, not in UTC.
    start = last or contact.created.astimezone().date()
    return start + timedelta(days=interval)


class Bucket(StrEnum):
    """Where a due date falls relative to today."""

    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"
    LATER = "later"


def bucket(due: date, today: date) -> Bucket:
    """Overdue, today, within the next 7 days, or later."""
    if due < today:
        return Bucket.OVERDUE
    if due == today:
        return Bucket.TODAY
    if due <= today + timedelta(days=7):
        return Bucket.WEEK
    return Bucket.LATER


def bucket_starts(today: date) -> list[tuple[Bucket, date]]:
    """The buckets after the first (overdue), each with its first day, in order: dates
    in order fall in the buckets in order (as :func:`bucket` puts each)."""
    return [(Bucket.TODAY, today), (Bucket.WEEK, today + timedelta(days=1)),
            (Bucket.LATER, today + timedelta(days=8))]


@dataclass
class DueItem:
    """A contact whose keep-in-touch date has come: their id and name, with the record
    itself read only when asked for (:attr:`contact`) — a command lists thousands."""

    contact_id: int
    name: str
    last_contact: date | None
    next_contact: date
    read: Callable[[int], Contact] = field(repr=False, compare=False)

    @classmethod
    def of(cls, contact: Contact, last_contact: date | None, next_contact: date) -> DueItem:
        """The item of a contact at hand."""
        return cls(contact.id, contact.name, last_contact, next_contact, lambda _id: contact)

    @property
    def contact(self) -> Contact:
        """The contact's record."""
        return self.read(self.contact_id)


@dataclass
class DueReport:
    """Open follow-ups by bucket, and contacts due for a keep-in-touch note."""

    today: date
    followups: dict[Bucket, list[FollowUp]] = field(
        default_factory=lambda: {b: [] for b in Bucket}
    )
    keep_in_touch: list[DueItem] = field(default_factory=list)
    keep_in_touch_total: int = 0
    # Meetings planned and not yet held (nor cancelled), by date.
    plans: list[MeetingPlan] = field(default_factory=list)
    # The name of each follow-up's contact (id -> name): read without the records.
    owners: dict[int, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Follow-ups due by today, meetings planned for today or earlier (not logged
        yet), plus keep-in-touch contacts due."""
        return (len(self.followups[Bucket.OVERDUE]) + len(self.followups[Bucket.TODAY])
                + sum(1 for plan in self.plans if plan.date <= self.today)
                + self.keep_in_touch_total)
