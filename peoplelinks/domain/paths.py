"""Warm paths: who can introduce me to someone at company X? (DOMAIN.md section 4)

The network is a graph. You (node :data:`YOU`, 0) are linked to each contact
you know directly (not introduced by anyone, not a lead) and to each contact
you have logged a talk with. Two contacts are linked when one introduced the
other: ``introduced_by``, or a referral logged in a talk (the talk's first
person referred them; a referral to someone who already had an introducer does
not change ``introduced_by`` but is a link all the same). A warm path is a
chain of such links from you to a person at the company: the first person is
someone you know, each next one someone the previous one introduced, or who
introduced them.

Two people logged in the same talk are not linked to each other: both are
already one step from you (you talked with them), so such a link could never
make a path shorter; leaving them out keeps the graph small.

:func:`build_links` builds the graph and an index of who works where (the store
keeps them current change by change in a
:class:`~peoplelinks.domain.linkindex.LinkIndex`); :func:`warm_paths` then walks
it breadth first from you, once per query, so it costs O(contacts + links)
whatever the number of people at the company, and less when enough people there
are one step away. Statuses and the trash are also checked at query time,
against the contacts given then: nobody in the trash, marked not helpful or do
not contact is ever on a path, neither as an intermediate nor as its end.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from peoplelinks.domain.companies import company_key
from peoplelinks.domain.enums import Status
from peoplelinks.domain.facts import Person
from peoplelinks.domain.linkindex import LinkIndex
from peoplelinks.domain.models import Contact, Interaction

YOU = 0
# Never on a path: they declined, or asked not to be contacted.
BLOCKED = frozenset({Status.NOT_HELPFUL, Status.DO_NOT_CONTACT})


class How(StrEnum):
    """How a step's contact is linked to the previous person on the path.

    The values read after the contact's name: "Bob — introduced by Ann".
    """

    KNOWN = "known directly"  # you know them; nobody introduced them to you
    TALKED = "you talked"  # you logged a talk with them
    INTRODUCED_BY = "introduced by"  # the previous person introduced them
    INTRODUCER_OF = "introducer of"  # they introduced the previous person


@dataclass(frozen=True)
class Step:
    """One person on a warm path, and how the previous one (who would introduce
    you) is linked to them. ``introducer`` is :data:`YOU` on the first step."""

    contact_id: int
    introducer: int
    how: How
    last_contact: date | None = None  # your last talk with ``contact_id``

    @property
    def via(self) -> str:
        """The link without names: "known directly", "introduced by", ..."""
        return self.how.value

    def describe(self, names: Mapping[int, Person] | Mapping[int, str]) -> str:
        """The link as a sentence naming who introduced whom (see :func:`describe`)."""
        return describe(self, names)


def _name(names: Mapping[int, Person] | Mapping[int, str], cid: int) -> str:
    if cid == YOU:
        return "you"
    found = names.get(cid)
    if found is None:
        return f"#{cid}"
    return found if isinstance(found, str) else found.name


def describe(step: Step, names: Mapping[int, Person] | Mapping[int, str]) -> str:
    """``step`` as a sentence: "You know Bob", "You talked with Bob", "Ann introduced
    Bob" (Ann can introduce you to Bob), "Bob introduced Ann" (Ann can ask Bob).

    ``names`` maps ids to names or to contacts; an unknown id shows as ``#id``.
    """
    who = _name(names, step.contact_id)
    prev = _name(names, step.introducer)
    text = {
        How.KNOWN: f"you know {who}",
        How.TALKED: f"you talked with {who}",
        How.INTRODUCED_BY: f"{prev} introduced {who}",
        How.INTRODUCER_OF: f"{who} introduced {prev}",
    }[step.how]
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class WarmPath:
    """A chain of people from you to ``target``: the first step is someone you know,
    the last one ``target``.

    ``warmth`` is the warmth of your link with the first person, the one you
    would ask: it is the only link on the path the log can measure (how well
    Ann knows Bob is not recorded), and asking a warm contact is what makes a
    path warm. On a path of one step it is the warmth of the target.
    """

    steps: tuple[Step, ...]
    target: int
    warmth: float

    @property
    def length(self) -> int:
        """Number of people on the path (1: you already know the target)."""
        return len(self.steps)

    @property
    def first(self) -> int:
        """The contact you would ask first."""
        return self.steps[0].contact_id

    @property
    def ids(self) -> tuple[int, ...]:
        """Contact ids from the first person to the target."""
        return tuple(step.contact_id for step in self.steps)

    def describe(self, names: Mapping[int, Person] | Mapping[int, str]) -> str:
        """Every step as a sentence, joined with "; "."""
        return "; ".join(describe(step, names) for step in self.steps)


@dataclass(frozen=True, eq=False)
class Links:
    """The graph warm paths walk (:func:`build_links`, or the store's index). Links may
    reach contacts in the trash or blocked: statuses and the trash are read when a
    path is walked."""

    adjacent: Mapping[int, tuple[int, ...]]  # contact -> linked contacts, in id order
    direct: Mapping[int, How]  # contact -> how you know them (KNOWN or TALKED)
    first: tuple[int, ...]  # the keys of ``direct``, in id order
    # (referrer, referred) for referrals logged in talks, to name the link
    referred: frozenset[tuple[int, int]] = frozenset()
    # company_key -> the contacts there, in id order
    companies: Mapping[str, tuple[int, ...]] = field(default_factory=dict)


def build_links(contacts: Mapping[int, Contact], interactions: Iterable[Interaction]) -> Links:
    """Link the network (see the module docstring); contacts in the trash are left out
    of every path. The store keeps a :class:`~peoplelinks.domain.linkindex.LinkIndex`
    current instead of calling this after each change."""
    talks = list(interactions)
    talked = {cid for talk in talks for cid in talk.contact_ids}
    return LinkIndex.build(contacts.values(), talks).links(contacts, talked)


def usable(contact: Person | None) -> bool:
    """True when ``contact`` may be on a warm path: it exists, is not in the trash,
    and is neither not helpful nor do not contact."""
    return contact is not None and contact.deleted_at is None and contact.status not in BLOCKED


@dataclass(frozen=True, eq=False)
class _Walk:
    """The breadth-first walk from you: for each person reached, the step count of
    the shortest path, the previous person on it and its first person."""

    level: dict[int, int]
    parent: dict[int, int]
    root: dict[int, int]


def _walk(links: Links, contacts: Mapping[int, Person], warmth: Mapping[int, float],
          targets: frozenset[int], limit: int | None) -> _Walk:
    """Breadth first from you. Among the shortest paths to a person it keeps the one
    whose first person is warmest (then the lowest id). Stops once ``limit`` of
    ``targets`` are settled at a depth no later target can beat (None: walk all)."""
    level: dict[int, int] = {}
    parent: dict[int, int] = {}
    root: dict[int, int] = {}
    blocked: set[int] = set()
    found_at: dict[int, int] = {}  # depth -> targets found there
    queue: deque[int] = deque()
    for cid in links.first:
        if usable(contacts.get(cid)):
            level[cid], parent[cid], root[cid] = 1, YOU, cid
            queue.append(cid)
            if cid in targets:
                found_at[1] = found_at.get(1, 0) + 1
    depth, settled = 1, found_at.get(1, 0)
    while queue:
        node = queue.popleft()
        here = level[node]
        if here != depth:  # every person at depth ``here`` is now final
            depth = here
            settled += found_at.get(here, 0)
        if limit is not None and settled >= limit:
            break
        first = root[node]
        heat = warmth.get(first, 0.0)
        for near in links.adjacent.get(node, ()):
            seen = level.get(near)
            if seen is None:
                if near in blocked:
                    continue
                if not usable(contacts.get(near)):
                    blocked.add(near)
                    continue
                level[near], parent[near], root[near] = here + 1, node, first
                queue.append(near)
                if near in targets:
                    found_at[here + 1] = found_at.get(here + 1, 0) + 1
            elif seen == here + 1:
                other = root[near]
                other_heat = warmth.get(other, 0.0)
                if heat > other_heat or (heat == other_heat and first < other):
                    parent[near], root[near] = node, first
    return _Walk(level, parent, root)


def _how(links: Links, contacts: Mapping[int, Person], prev: int, cid: int) -> How:
    if prev == YOU:
        return links.direct[cid]
    if contacts[cid].introduced_by == prev or (prev, cid) in links.referred:
        return How.INTRODUCED_BY
    return How.INTRODUCER_OF  # the only other link: they introduced (referred) ``prev``


def _path(walk: _Walk, links: Links, contacts: Mapping[int, Person],
          warmth: Mapping[int, float], last_contact: Mapping[int, date | None],
          target: int) -> WarmPath:
    ids = [target]
    while walk.parent[ids[-1]] != YOU:
        ids.append(walk.parent[ids[-1]])
    ids.reverse()
    steps = tuple(Step(cid, prev, _how(links, contacts, prev, cid), last_contact.get(cid))
                  for prev, cid in zip([YOU, *ids], ids, strict=False))
    return WarmPath(steps, target, warmth.get(ids[0], 0.0))


def paths_to(links: Links, contacts: Mapping[int, Person], targets: Iterable[int], *,
             warmth: Mapping[int, float], last_contact: Mapping[int, date | None],
             limit: int | None = 5) -> list[WarmPath]:
    """One warm path to each of ``targets`` that can be reached, shortest first, then
    warmest (:attr:`WarmPath.warmth`), then by target id; at most ``limit`` (None: all).

    Targets that may not be on a path (see :func:`usable`) are left out.
    """
    wanted = frozenset(cid for cid in targets if usable(contacts.get(cid)))
    if not wanted or (limit is not None and limit <= 0):
        return []
    if limit is not None:  # enough people there you know: no walk needed
        near = sorted((-warmth.get(cid, 0.0), cid) for cid in wanted if cid in links.direct)
        if len(near) >= limit:
            return [WarmPath((Step(cid, YOU, links.direct[cid], last_contact.get(cid)),), cid,
                             -heat) for heat, cid in near[:limit]]
    walk = _walk(links, contacts, warmth, wanted, limit)
    reached = sorted((walk.level[cid], -warmth.get(walk.root[cid], 0.0), cid)
                     for cid in wanted if cid in walk.level)
    chosen = reached if limit is None else reached[:limit]
    return [_path(walk, links, contacts, warmth, last_contact, cid) for _, _, cid in chosen]


def best_paths(links: Links, contacts: Mapping[int, Person],
               groups: Mapping[str, Iterable[int]], *, warmth: Mapping[int, float],
               last_contact: Mapping[int, date | None]) -> dict[str, WarmPath]:
    """The first path :func:`paths_to` would give into each group of people (say, each
    company), from one walk for all groups; groups nobody can reach are left out."""
    wanted = {name: frozenset(cid for cid in ids if usable(contacts.get(cid)))
              for name, ids in groups.items()}
    everyone = frozenset().union(*wanted.values())
    if not everyone:
        return {}
    walk = _walk(links, contacts, warmth, everyone, None)
    found: dict[str, WarmPath] = {}
    for name, ids in wanted.items():
        reached = [(walk.level[cid], -warmth.get(walk.root[cid], 0.0), cid)
                   for cid in ids if cid in walk.level]
        if reached:
            found[name] = _path(walk, links, contacts, warmth, last_contact, min(reached)[2])
    return found


def warm_paths(links: Links, contacts: Mapping[int, Person], company: str, *,
               warmth: Mapping[int, float], last_contact: Mapping[int, date | None],
               limit: int | None = 5) -> list[WarmPath]:
    """One warm path to each person at ``company``, as :func:`paths_to` orders them.

    Who is there comes from the index in ``links`` (companies matched with
    :func:`~peoplelinks.domain.companies.company_key`). Someone there you know or
    talk to is a path of one step; [] when nobody there can be reached."""
    there = links.companies.get(company_key(company), ())
    return paths_to(links, contacts, there, warmth=warmth, last_contact=last_contact,
                    limit=limit)
