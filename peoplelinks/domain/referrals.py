"""Referral lines typed in a log: ``Name``, ``Name @ Company`` or ``Name @ Company - note``.

The ``@`` that separates the company has white space around it (or starts or
ends the text), so an email address or a handle stays whole. An email written
in the name part, bare or as ``(a@b.com)`` or ``<a@b.com>``, is taken out of
the name into :attr:`Referral.email`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peoplelinks.domain.fields import EMAIL_PATTERN
from peoplelinks.domain.text import clean_text
from peoplelinks.errors import InputError

_COMPANY_AT = re.compile(r"(?:^|\s)@(?:\s|$)")
_EMAIL = re.compile(EMAIL_PATTERN)
_BRACKETED = re.compile(r"[(<]\s*([^\s()<>]+)\s*[)>]")
_EDGE = " ,;"


@dataclass(frozen=True)
class Referral:
    """A person someone suggested talking to."""

    name: str
    company: str = ""
    note: str = ""
    # True: always a new lead, even when a contact of that name exists (the user
    # said it is someone else).
    new: bool = False
    email: str = ""


def split_email(text: str) -> tuple[str, str]:
    """``(rest, email)``: the first email in ``text`` taken out of it ("" if none).

    An email in brackets (``Bob (bob@x.com)``, ``Bob <bob@x.com>``) wins over a
    bare word; the rest has its white space folded and its ends stripped.
    """
    for m in _BRACKETED.finditer(text):
        if _EMAIL.match(m[1]):
            rest = text[:m.start()] + " " + text[m.end():]
            return " ".join(rest.split()).strip(_EDGE), m[1]
    words = text.split()
    for i, word in enumerate(words):
        candidate = word.strip(_EDGE)
        if _EMAIL.match(candidate):
            rest = " ".join(words[:i] + words[i + 1:])
            return rest.strip(_EDGE), candidate
    return text, ""


def parse_referral(line: str) -> Referral:
    """Parse one referral line; raise :class:`InputError` naming the line if it has no name."""
    text = clean_text(line)
    note = ""
    head = text
    if " - " in text:
        head, note = (part.strip() for part in text.split(" - ", 1))
    name, company = head, ""
    if m := _COMPANY_AT.search(head):
        name, company = head[:m.start()].strip(), head[m.end():].strip()
    name, email = split_email(name)
    if not name:
        name = email  # only an email: it names them until you know better
    if not name:
        raise InputError(f"referrals: {line!r} has no name (write 'Name @ Company - note')",
                         field="referrals")
    return Referral(name=name, company=company, note=note, email=email)


def parse_referrals(text: str) -> list[Referral]:
    """Parse one referral per non-empty line."""
    return [parse_referral(line) for line in text.splitlines() if line.strip()]
