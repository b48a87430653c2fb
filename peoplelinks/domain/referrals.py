"""Referral lines typed in a log: ``Name``, ``Name @ Company`` or ``Name @ Company - note``."""

from __future__ import annotations

from dataclasses import dataclass

from peoplelinks.domain.text import clean_text
from peoplelinks.errors import InputError


@dataclass(frozen=True)
class Referral:
    """A person someone suggested talking to."""

    name: str
    company: str = ""
    note: str = ""
    # True: always a new lead, even when a contact of that name exists (the user
    # said it is someone else).
    new: bool = False


def parse_referral(line: str) -> Referral:
    """Parse one referral line; raise :class:`InputError` naming the line if it has no name."""
    text = clean_text(line)
    note = ""
    head = text
    if " - " in text:
        head, note = (part.strip() for part in text.split(" - ", 1))
    name, _, company = (part.strip() for part in head.partition("@"))
    if not name:
        raise InputError(f"referrals: {line!r} has no name (write 'Name @ Company - note')",
                         field="referrals")
    return Referral(name=name, company=company, note=note)


def parse_referrals(text: str) -> list[Referral]:
    """Parse one referral per non-empty line."""
    return [parse_referral(line) for line in text.splitlines() if line.strip()]
