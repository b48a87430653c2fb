"""The whole network as one Markdown page (``export md``): each target company with
whom you know there, then each circle, every person with when you last talked and
what is open with them. Names and text come from outside: Markdown's special
characters are escaped (:func:`peoplelinks.interop.brief.md`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from peoplelinks.domain.companies import company_key
from peoplelinks.domain.enums import Circle
from peoplelinks.domain.models import Contact, FollowUp
from peoplelinks.interop.brief import md


def _person(contact: Contact, last: date | None, open_items: Sequence[FollowUp]) -> str:
    parts = [f"**{md(contact.name)}**"]
    if contact.title or contact.company:
        parts.append(md(" at ".join(p for p in (contact.title, contact.company) if p)))
    parts.append(f"last talk {last.isoformat()}" if last else "never talked")
    line = "- " + " — ".join(parts)
    if contact.status != "active":
        line += f" ({contact.status})"
    for item in open_items:
        line += f"\n  - open: {md(item.action)} (due {item.due.isoformat()})"
    return line


def network_markdown(contacts: Iterable[Contact], *, today: date, targets: Sequence[str],
                     last_contact: Callable[[int], date | None],
                     open_followups: Mapping[int, Sequence[FollowUp]]) -> str:
    """The page (see the module); contacts in the trash are left out."""
    people = sorted((c for c in contacts if not c.in_trash),
                    key=lambda c: (c.name.casefold(), c.id))
    lines = [f"# My network — {today.isoformat()}", "",
             f"{len(people):,} people."]

    def block(group: Iterable[Contact]) -> list[str]:
        return [_person(c, last_contact(c.id), open_followups.get(c.id, ())) for c in group]

    if targets:
        lines += ["", "## Target companies"]
        for company in targets:
            key = company_key(company)
            there = [c for c in people if key and company_key(c.company) == key]
            lines += ["", f"### {md(company)}", ""]
            lines += block(there) or ["- nobody there yet"]
    for circle in Circle:
        group = [c for c in people if c.circle == circle]
        if group:
            lines += ["", f"## {circle.value.title()} ({len(group):,})", ""]
            lines += block(group)
    return "\n".join(lines) + "\n"
