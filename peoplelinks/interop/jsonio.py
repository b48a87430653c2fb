"""The stable JSON shapes of records (``--json`` output and JSON export).

Field names and enumeration values here are a contract: scripts rely on them.
Add fields freely; never rename or remove one. Dates are ISO 8601; times are
UTC ISO 8601 ending in ``Z``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from peoplelinks.domain.models import Contact, FollowUp, Interaction, MeetingPlan


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def contact_json(contact: Contact, *, generation: int | None, last_contact: date | None,
                 next_contact: date | None, introduced: list[int] | None = None) -> dict[str, Any]:
    """A contact with the values derived from the rest of the database."""
    data = contact.model_dump(mode="json")
    data.update(
        generation=generation,
        last_contact=_iso(last_contact),
        next_contact=_iso(next_contact),
        introduced=list(introduced or []),
    )
    return data


def interaction_json(item: Interaction) -> dict[str, Any]:
    """An interaction."""
    return item.model_dump(mode="json")


def followup_json(item: FollowUp, contact_name: str | None = None) -> dict[str, Any]:
    """A follow-up, with its contact's name for convenience."""
    data = item.model_dump(mode="json")
    if contact_name is not None:
        data["contact_name"] = contact_name
    return data



def plan_json(item: MeetingPlan, contact_name: str | None = None) -> dict[str, Any]:
    """A meeting plan, with its contact's name for convenience."""
    data = item.model_dump(mode="json")
    if contact_name is not None:
        data["contact_name"] = contact_name
    return data
