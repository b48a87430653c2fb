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
from peoplelinks.domain.enums import (
    Circle,
    Employment,
    Kind,
    Level,
    Outcome,
    PlanStatus,
    Status,
)
from peoplelinks.domain.fields import Block, Email, Line, Name, Phone, Tag, Timestamp, Url

MAX_KEEP_IN_TOUCH_DAYS = 3650


class Model(BaseModel):
    """Base of all models: frozen, no unknown fields, input cleaned by ``from_input``."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # Lists and dicts default through ``default_factory``: a plain ``= []`` is
    # deep-copied in Python on every validation (a tenth of an import's time).

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
    emails: list[Email] = Field(default_factory=list)
    phones: list[Phone] = Field(default_factory=list)
    profile_url: Url = ""
    tags: list[Tag] = Field(default_factory=list)
    how_met: Line = ""
    notes: Block = ""
    warning: Line = ""
    introduced_by: int | None = Field(default=None, ge=1)
    keep_in_touch_days: int | None = Field(default=None, ge=0, le=MAX_KEEP_IN_TOUCH_DAYS)
    # A keep-in-touch reminder snoozed to this day; the next logged talk clears it.
    next_contact_on: dt.date | None = None
    # The method: tell a few chosen people your goal early; ask them for a
    # recommendation later (DOMAIN.md section 2).
    objective_shared_on: dt.date | None = None
    recommendation_asked_on: dt.date | None = None
    recommendation_given_on: dt.date | None = None
    created: Timestamp = Field(default_factory=f.now)
    updated: Timestamp = Field(default_factory=f.now)
    deleted_at: Timestamp | None = None
    # What each import last wrote ("linkedin" -> field -> value as text), so that
    # importing a newer file updates what the file owns but never a field the user
    # has edited by hand since.
    imported: dict[str, dict[str, str]] = Field(default_factory=dict)
    # Merged into another contact (which now holds everything of this one): this
    # id resolves to that one. The record stays, in the trash, so undo and old
    # references keep working.
    merged_into: int | None = Field(default=None, ge=1)

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
        "outcome": f.choice(Outcome),
    }

    contact_ids: list[int] = Field(min_length=1)
    date: dt.date
    kind: Kind = Kind.COFFEE
    notes: Block = ""
    gave: Block = ""
    got: Block = ""
    referrals: list[int] = Field(default_factory=list)
    asked_for_referrals: bool = False
    asked_for_recommendation: bool = False
    shared_objective: bool = False
    outcome: Outcome | None = None
    # The meeting plan this talk held, if it was logged from one.
    plan_id: int | None = Field(default=None, ge=1)
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
    """A planned meeting (DOMAIN.md section 6): when and where, why, an agenda, how I
    can help them, what I want to learn, and whom I want to be referred to."""

    CLEAN: ClassVar[dict[str, f.Cleaner]] = {
        "place": f.line, "purpose": f.line, "agenda": f.entries, "help_them": f.block,
        "learn": f.block, "ask_for": f.entries, "status": f.choice(PlanStatus),
        "created": f.utc,
    }

    contact_id: int = Field(ge=1)
    date: dt.date
    place: Line = ""
    purpose: Line = ""
    agenda: list[Line] = Field(default_factory=list)
    help_them: Block = ""
    learn: Block = ""
    ask_for: list[Line] = Field(default_factory=list)  # names or roles
    status: PlanStatus = PlanStatus.PLANNED
    interaction_id: int | None = Field(default=None, ge=1)  # the talk that held it
    created: Timestamp = Field(default_factory=f.now)


class WeeklyGoals(Model):
    """Weekly targets counted from the log (DOMAIN.md section 9); 0 turns one off."""

    meetings: int = Field(default=5, ge=0, le=100)  # face to face
    events: int = Field(default=1, ge=0, le=100)  # professional-association events
    followups: int = Field(default=5, ge=0, le=100)  # follow-ups completed
    new_contacts: int = Field(default=3, ge=0, le=100)


class Objective(Model):
    """The job search objective that contacts and meetings are judged against."""

    CLEAN: ClassVar[dict[str, f.Cleaner]] = {
        "role": f.line, "level": f.choice(Level), "industries": f.entries,
        "target_companies": f.entries, "locations": f.entries, "pitch": f.line,
        "updated": f.utc,
    }

    role: Line = ""
    level: Level = Level.UNKNOWN
    industries: list[Line] = Field(default_factory=list)
    target_companies: list[Line] = Field(default_factory=list)
    locations: list[Line] = Field(default_factory=list)
    pitch: Line = ""
    weekly_goals: WeeklyGoals = WeeklyGoals()
    updated: Timestamp | None = None

    @property
    def is_set(self) -> bool:
        """True once the user has written anything down."""
        return bool(self.role or self.target_companies or self.industries or self.pitch)


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
