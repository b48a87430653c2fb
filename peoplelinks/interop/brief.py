"""A one-page Markdown brief to read before meeting someone (DOMAIN.md section 6).

Pure: it takes the records it shows and returns text. Names and notes are the
user's own words, printed as they are; Markdown's special characters in them
are escaped so a name cannot turn the page into a link or a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from peoplelinks.domain.models import Contact, FollowUp, Interaction, MeetingPlan

# Inline text never starts a line here, so only what acts mid-line is escaped
# (emphasis, code, links and images, HTML, tables, strike-through).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str) -> str:
    """``text`` with Markdown's special characters escaped (one line)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


@dataclass
class BriefData:
    """What a brief shows, gathered by the service."""

    contact: Contact
    today: date
    generation: int | None
    last_contact: date | None
    chain: Sequence[Contact]  # from someone you know directly down to the contact
    plan: MeetingPlan | None = None
    talks: Sequence[Interaction] = ()  # the latest first
    open_followups: Sequence[FollowUp] = ()
    names: dict[int, str] = field(default_factory=dict)  # ids of people in talks
    gave: int = 0
    asked: int = 0


def _plan_lines(plan: MeetingPlan) -> list[str]:
    where = f" at {md(plan.place)}" if plan.place else ""
    lines = [f"## The meeting: {plan.date:%A %d %B %Y}{where}", ""]
    if plan.purpose:
        lines += [f"**Why:** {md(plan.purpose)}", ""]
    if plan.agenda:
        lines += ["**Agenda**", "", *(f"{n}. {md(item)}" for n, item in
                                      enumerate(plan.agenda, start=1)), ""]
    for title, text in (("How I can help them", plan.help_them),
                        ("What I want to learn", plan.learn)):
        if text:
            lines += [f"**{title}:** {md(text)}", ""]
    if plan.ask_for:
        lines += ["**Whom to ask to be referred to:** "
                  + ", ".join(md(who) for who in plan.ask_for), ""]
    return lines


def _card_lines(data: BriefData) -> list[str]:
    c = data.contact
    role = " at ".join(md(part) for part in (c.title, c.company) if part)
    lines = [f"# Brief: {md(c.name)}", ""]
    if role:
        lines += [f"*{role}*", ""]
    facts = [f"circle: {c.circle}", f"status: {c.status}", f"level: {c.level}",
             f"employment: {c.employment}"]
    if data.generation:
        facts.append(f"generation {data.generation}")
    last = f"{data.last_contact:%d %b %Y}" if data.last_contact else "never"
    facts.append(f"last talk: {last}")
    lines += ["- " + " · ".join(facts)]
    if c.warning:
        lines += [f"- **Warning:** {md(c.warning)}"]
    if c.how_met:
        lines += [f"- how we met: {md(c.how_met)}"]
    for label, day in (("my objective shared", c.objective_shared_on),
                       ("recommendation asked", c.recommendation_asked_on),
                       ("recommendation given", c.recommendation_given_on)):
        if day:
            lines += [f"- {label}: {day:%d %b %Y}"]
    if c.notes:
        lines += [f"- notes: {md(c.notes)}"]
    return [*lines, ""]


def _chain_lines(data: BriefData) -> list[str]:
    lines = ["## How we are connected", ""]
    if len(data.chain) <= 1:
        return [*lines, "You know them directly.", ""]
    steps = ["You", *(md(c.name) for c in data.chain)]
    lines.append(" → ".join(steps))
    introducer = data.chain[-2]
    lines += ["", f"Introduced by {md(introducer.name)}.", ""]
    return lines


def _talk_lines(data: BriefData) -> list[str]:
    lines = [f"## Last talks ({len(data.talks)})", ""]
    if not data.talks:
        return [*lines, "None logged yet.", ""]
    for talk in data.talks[:5]:
        others = [md(data.names.get(cid, f"#{cid}")) for cid in talk.contact_ids
                  if cid != data.contact.id]
        with_ = f" (with {', '.join(others)})" if others else ""
        how = f", went {talk.outcome}" if talk.outcome else ""
        lines.append(f"- **{talk.date:%d %b %Y}** {talk.kind}{with_}{how}: {md(talk.notes)}")
        if talk.gave:
            lines.append(f"  - I gave: {md(talk.gave)}")
        if talk.got:
            lines.append(f"  - I got: {md(talk.got)}")
    return [*lines, ""]


def brief_markdown(data: BriefData) -> str:
    """The brief: the plan, the card, how we are connected, the last talks, what
    each gave the other, and the open follow-ups."""
    lines = _card_lines(data)
    if data.plan is not None:
        lines += _plan_lines(data.plan)
    lines += _chain_lines(data)
    lines += _talk_lines(data)
    lines += ["## Give and ask", "",
              f"I gave in {data.gave} talk(s) and asked in {data.asked}.", ""]
    lines += [f"## Open follow-ups ({len(data.open_followups)})", ""]
    lines += [f"- F{f.id} due {f.due:%d %b %Y}: {md(f.action)}" for f in data.open_followups] \
        or ["None."]
    return "\n".join(lines).rstrip() + "\n"
