"""How a contact is reached, as keys that are equal for the same address however it
is written: the duplicate check when adding someone, the import's matching and the
``dupes`` list all compare contacts by these."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peoplelinks.domain.models import Contact

# Fewer digits than this is not a phone number worth matching on ("ext 12").
PHONE_DIGITS = 6


def address_keys(contact: Contact, *, phones: bool = True) -> list[str]:
    """``email:…`` (case-folded), ``phone:…`` (its digits, when there are enough;
    left out when not ``phones``) and ``url:…`` (the profile address, case-folded,
    without a trailing slash)."""
    keys = [f"email:{e.casefold()}" for e in contact.emails]
    if phones:
        for phone in contact.phones:
            digits = "".join(ch for ch in phone if ch.isdigit())
            if len(digits) >= PHONE_DIGITS:
                keys.append(f"phone:{digits}")
    if contact.profile_url:
        keys.append(f"url:{contact.profile_url.casefold().rstrip('/')}")
    return keys
