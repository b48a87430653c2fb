"""Stable enumerations. Their values are part of the JSON contract: never rename one.

- ``Circle``: where a contact comes from (DOMAIN.md section 2).
- ``Status``: the state of the relationship; a referral not yet met is a ``lead``.
- ``Employment``: whether the contact is working or also job seeking.
- ``Level``: seniority, to judge who can hire or refer.
- ``Kind``: what sort of interaction was logged.
- ``PlanStatus``: a meeting plan is planned, then held (logged) or cancelled.
- ``Outcome``: how a meeting went.
"""

from __future__ import annotations

from enum import StrEnum


class Circle(StrEnum):
    """The three circles of contacts."""

    PERSONAL = "personal"
    NETWORK = "network"
    WORK = "work"


class Status(StrEnum):
    """Relationship status."""

    LEAD = "lead"
    ACTIVE = "active"
    DORMANT = "dormant"
    NOT_HELPFUL = "not-helpful"
    DO_NOT_CONTACT = "do-not-contact"


class Employment(StrEnum):
    """Employment status of a contact."""

    EMPLOYED = "employed"
    JOB_SEEKING = "job-seeking"
    UNKNOWN = "unknown"


class Level(StrEnum):
    """Seniority level."""

    UNKNOWN = "unknown"
    IC = "ic"
    MANAGER = "manager"
    DIRECTOR = "director"
    EXECUTIVE = "executive"


class Kind(StrEnum):
    """Kind of interaction."""

    COFFEE = "coffee"
    CALL = "call"
    VIDEO = "video"
    EMAIL = "email"
    MESSAGE = "message"
    MEETING = "meeting"
    EVENT = "event"
    INTERVIEW = "interview"
    OTHER = "other"

    @property
    def face_to_face(self) -> bool:
        """True for kinds that count as a face-to-face meeting (weekly goals, thank-you)."""
        return self in _FACE_TO_FACE


    @property
    def counts_as_meeting(self) -> bool:
        """True for kinds the weekly face-to-face goal counts (a video call is not one)."""
        return self in _MEETINGS


_FACE_TO_FACE = frozenset({Kind.COFFEE, Kind.VIDEO, Kind.MEETING, Kind.EVENT, Kind.INTERVIEW})
_MEETINGS = frozenset({Kind.COFFEE, Kind.MEETING, Kind.EVENT, Kind.INTERVIEW})


class PlanStatus(StrEnum):
    """State of a meeting plan."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class Outcome(StrEnum):
    """How a meeting went (DOMAIN.md section 10)."""

    GOOD = "good"
    NEUTRAL = "neutral"
    POOR = "poor"


# Words people type for a value, mapped to the value. Keys are lower case.
ALIASES: dict[type[StrEnum], dict[str, str]] = {
    Status: {"not helpful": "not-helpful", "declined": "not-helpful", "dnc": "do-not-contact",
             "do not contact": "do-not-contact"},
    Employment: {"job seeking": "job-seeking", "seeking": "job-seeking", "looking": "job-seeking"},
    Level: {"individual contributor": "ic", "individual-contributor": "ic", "individual": "ic",
            "mgr": "manager", "exec": "executive", "vp": "executive", "c-level": "executive"},
    Outcome: {"ok": "neutral", "fine": "neutral", "bad": "poor", "great": "good"},
    PlanStatus: {"done": "held", "cancelled": "cancelled", "canceled": "cancelled"},
    Kind: {"phone": "call", "zoom": "video", "chat": "message", "text": "message",
           "lunch": "coffee"},
}


def normalise_choice(enum: type[StrEnum], value: object) -> object:
    """Map an alias or differently-cased word to the enum's value; leave others alone."""
    if isinstance(value, str):
        word = " ".join(value.strip().lower().split())
        return ALIASES.get(enum, {}).get(word, word.replace(" ", "-"))
    return value
