"""Pydantic models of every record peoplelinks keeps.

The models validate single records; input from people and files goes through
:meth:`Record.from_input`, which cleans it first (see :mod:`.fields`). Rules
that need other records (an ``introduced_by`` that must exist, introduction
cycles) live in :mod:`peoplelinks.domain.graph` and are applied by the service.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from peoplelinks.domain import fields as f
from peoplelinks.domain.enums import Circle, Employment, Kind, Level, PlanStatus, Status
from peoplelinks.domain.fields import Block, Email, Line, Name, Phone, Tag, Timestamp, Url

MAX_KEEP_IN_TOUCH_DAYS = 3650


class Model(BaseModel):
    """Base of all models: frozen, no unknown fields, input cleaned by ``from_input``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # field name -> cleaner applied to input before validation
    CLEAN: ClassVar[dict[str, f.Cleaner]] = {}

    @classmethod
    def clean(cls, data: dict[str, Any]) -> dict[str, Any]:
        """Return ``data`` with every known field cleaned (unknown ones are kept for errors)."""
        return {k: (cls.CLEAN[k](v) if k in cls.CLEAN else v) for k, v in data.items()}

    @classmethod
    def from_input(cls, data: dict[str, Any]) -> Self:
        """Clean then validate untrusted input (keyboard, command line, imported file)."""
        return cls.model_validate(cls.clean(data))

    def changed(self, **changes: Any) -> Self:
        """Return a validated copy with ``changes`` (untrusted input) applied."""
        data = self.model_dump()
        data.update(self.clean(changes))
        return type(self).model_validate(data)


class Record(Model):
    """A stored record: an integer id, 0 until the store gives it one."""

    id: int = Field(default=0, ge=0)


class Contact(Record):
    """A person in the user's network."""

    CLEAN: ClassVar[dict[str, f.Cleaner]] = {
        "name": f.line, "company": f.line, "title": f.line, "how_met": f.line,
        "warning": f.line, "notes": f.block, "emails": f.emails, "phones": f.lines,
        "tags": f.lines, "profile_url": f.url, "level": f.choice(Level),
        "circle": f.choice(Circle), "status": f.choice(Status),
        "employment": f.choice(Employment), "created": f.utc, "updated": f.utc,
        "deleted_at": f.utc,
    }

    name: Name
    company: Line = ""
    title: Line = ""
    level: Level = Level.UNKNOWN
    circle: Circle = Circle.NETWORK
    status: Status = Status.ACTIVE
    employment: Employment = Employment.UNKNOWN
    emails: list[Email] = []
    phones: list[Phone] = []
    profile_url: Url = ""
    tags: list[Tag] = []
    how_met: Line = ""
    notes: Block = ""
    warning: Line = ""
    introduced_by: int | None = Field(default=None, ge=1)
    keep_in_touch_days: int | None = Field(default=None, ge=0, le=MAX_KEEP_IN_TOUCH_DAYS)
    # A keep-in-touch reminder snoozed to this day; the next logged talk clears it.
    next_contact_on: dt.date | None = None
    created: Timestamp = Field(default_factory=f.now)
    updated: Timestamp = Field(default_factory=f.now)
    deleted_at: Timestamp | None = None

    # "Nobody introduces themselves" is checked with the other introduction rules in
    # the service (graph.would_cycle): a per-record Python validator here would cost
    # a tenth of the load time at 30,000 contacts.

    @property
    def in_trash(self) -> bool:
        """True when the contact was deleted (it can be restored)."""
        return self.deleted_at is not None

    @property
    def label(self) -> str:
        """Name and company, for messages and lists."""
        return f"{self.name} ({self.company})" if self.company else self.name


class Interaction(Record):
    """Something that happened with one or more contacts: a coffee chat, a call..."""

    CLEAN: ClassVar[dict[str, f.Cleaner]] = {
        "notes": f.block, "gave": f.block, "got": f.block, "kind": f.choice(Kind),
        "contact_ids": f.ids, "referrals": f.ids, "created": f.utc,
    }

    contact_ids: list[int] = Field(min_length=1)
    date: dt.date
    kind: Kind = Kind.COFFEE
    notes: Block = ""
    gave: Block = ""
    got: Block = ""
    referrals: list[int] = []
    asked_for_referrals: bool = False
    created: Timestamp = Field(default_factory=f.now)


class FollowUp(Record):
    """A next step with a due date: a thank-you note, a promised article, a check-back."""

    CLEAN: ClassVar[dict[str, f.Cleaner]] = {
        "action": f.line, "done_at": f.utc, "created": f.utc,
    }

    contact_id: int = Field(ge=1)
    action: Name
    due: dt.date
    done: bool = False
    done_at: Timestamp | None = None
    interaction_id: int | None = Field(default=None, ge=1)
    created: Timestamp = Field(default_factory=f.now)

    @model_validator(mode="after")
    def _done_consistent(self) -> Self:
        if self.done_at is not None and not self.done:
            raise ValueError("done_at is set on a follow-up that is not done")
        return self


class MeetingPlan(Record):
    """The plan for a meeting: why, agenda, how I can help, what I want to learn."""

    CLEAN: ClassVar[dict[str, f.Cleaner]] = {
        "purpose": f.line, "agenda": f.block, "offer": f.block, "info_wanted": f.block,
        "referrals_wanted": f.lines, "status": f.choice(PlanStatus), "created": f.utc,
    }

    contact_id: int = Field(ge=1)
    date: dt.date | None = None
    purpose: Line = ""
    agenda: Block = ""
    offer: Block = ""
    info_wanted: Block = ""
    referrals_wanted: list[Line] = []
    status: PlanStatus = PlanStatus.PLANNED
    interaction_id: int | None = Field(default=None, ge=1)
    created: Timestamp = Field(default_factory=f.now)


class WeeklyGoals(Model):
    """Weekly targets counted from the log (DOMAIN.md section 9)."""

    meetings: int = Field(default=5, ge=0, le=100)
    events: int = Field(default=1, ge=0, le=100)
    followups: int = Field(default=5, ge=0, le=100)


class Objective(Model):
    """The job search objective that contacts and meetings are judged against."""

    CLEAN: ClassVar[dict[str, f.Cleaner]] = {
        "role": f.line, "level": f.line, "industries": f.lines,
        "target_companies": f.lines, "locations": f.lines, "updated": f.utc,
    }

    role: Line = ""
    level: Line = ""
    industries: list[Line] = []
    target_companies: list[Line] = []
    locations: list[Line] = []
    weekly_goals: WeeklyGoals = WeeklyGoals()
    updated: Timestamp | None = None

    @property
    def is_set(self) -> bool:
        """True once the user has written anything down."""
        return bool(self.role or self.target_companies or self.industries)


DEFAULT_KEEP_IN_TOUCH = {Circle.PERSONAL: 365, Circle.NETWORK: 180, Circle.WORK: 180}


class Settings(Model):
    """User preferences stored with the data."""

    keep_in_touch_days: dict[Circle, Annotated[int, Field(ge=0, le=MAX_KEEP_IN_TOUCH_DAYS)]] = \
        Field(default_factory=lambda: dict(DEFAULT_KEEP_IN_TOUCH))

    def interval_for(self, contact: Contact) -> int:
        """Keep-in-touch interval of ``contact`` in days (0: not tracked)."""
        if contact.keep_in_touch_days is not None:
            return contact.keep_in_touch_days
        return self.keep_in_touch_days.get(contact.circle, DEFAULT_KEEP_IN_TOUCH[contact.circle])
