"""Warm paths: who can introduce me to someone at a company (DOMAIN.md section 4)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peoplelinks.domain.models import Contact, Interaction
from peoplelinks.domain.paths import (
    YOU,
    How,
    Links,
    Step,
    WarmPath,
    best_paths,
    build_links,
    describe,
    paths_to,
    warm_paths,
)

DAY = date(2026, 11, 1)
GONE = datetime(2026, 1, 1, tzinfo=UTC)


def person(cid: int, name: str = "", company: str = "", **extra: Any) -> Contact:
    return Contact(id=cid, name=name or f"P{cid}", company=company, **extra)


def talk(tid: int, *ids: int, referrals: tuple[int, ...] = ()) -> Interaction:
    return Interaction(id=tid, contact_ids=list(ids), date=DAY, referrals=list(referrals))


def network(*people: Contact) -> dict[int, Contact]:
    return {c.id: c for c in people}


def find(contacts: dict[int, Contact], talks: list[Interaction] = [],  # noqa: B006
         company: str = "Fabrikam", warmth: dict[int, float] | None = None,
         limit: int | None = 5) -> list[WarmPath]:
    links = build_links(contacts, talks)
    last = {cid: DAY for t in talks for cid in t.contact_ids}
    return warm_paths(links, contacts, company, warmth=warmth or {}, last_contact=last,
                      limit=limit)


def ids(paths: list[WarmPath]) -> list[tuple[int, ...]]:
    return [p.ids for p in paths]


# ---- the basic shapes ------------------------------------------------------------


def test_someone_you_know_there_is_one_step() -> None:
    contacts = network(person(1, "Ann", "Fabrikam, Inc."))
    [path] = find(contacts)
    assert path == WarmPath((Step(1, YOU, How.KNOWN, None),), target=1, warmth=0.0)
    assert path.length == 1 and path.first == 1
    assert path.describe(contacts) == "You know Ann"


def test_someone_you_talked_with_there_is_one_step() -> None:
    contacts = network(person(1, "Ann"), person(2, "Bob", "FABRIKAM LLC", introduced_by=1))
    [path] = find(contacts, [talk(1, 2)], warmth={2: 1.5})
    assert path.steps == (Step(2, YOU, How.TALKED, DAY),)
    assert path.warmth == 1.5
    assert path.steps[0].via == "you talked"
    assert path.describe(contacts) == "You talked with Bob"


def test_introduced_chain() -> None:
    contacts = network(person(1, "Ann"), person(2, "Bob", introduced_by=1),
                       person(3, "Cy", "fabrikam", introduced_by=2))
    [path] = find(contacts, warmth={1: 0.7})
    assert path.ids == (1, 2, 3) and path.target == 3 and path.warmth == 0.7
    assert [s.how for s in path.steps] == [How.KNOWN, How.INTRODUCED_BY, How.INTRODUCED_BY]
    assert [s.introducer for s in path.steps] == [YOU, 1, 2]
    assert path.describe(contacts) == "You know Ann; Ann introduced Bob; Bob introduced Cy"
    assert path.steps[1].via == "introduced by"


def test_the_target_introduced_someone_you_know() -> None:
    # Dee at Fabrikam was introduced by Zed (not known to you), and introduced Ann to you.
    contacts = network(person(9, "Zed", status="lead"),
                       person(4, "Dee", "Fabrikam", introduced_by=9),
                       person(1, "Ann", introduced_by=4))
    [path] = find(contacts, [talk(1, 1)])
    assert path.ids == (1, 4)
    assert path.steps[1] == Step(4, 1, How.INTRODUCER_OF, None)
    assert path.steps[1].describe(contacts) == "Dee introduced Ann"
    assert describe(path.steps[1], {1: "A", 4: "D"}) == "D introduced A"
    assert describe(path.steps[1], {}) == "#4 introduced #1"


def test_referral_logged_in_a_talk_is_a_link() -> None:
    # Cy already had an introducer (Bob, a lead nobody reaches); Ann referred Cy in a talk.
    contacts = network(person(1, "Ann"), person(2, "Bob", status="lead"),
                       person(3, "Cy", "Fabrikam", status="lead", introduced_by=2))
    assert find(contacts) == []
    [path] = find(contacts, [talk(1, 1, referrals=(3,))])
    assert path.ids == (1, 3)
    assert path.steps[1].how == How.INTRODUCED_BY
    assert path.describe(contacts) == "You talked with Ann; Ann introduced Cy"


def test_people_met_in_one_talk_are_each_one_step_away() -> None:
    contacts = network(person(1, "Ann"), person(2, "Bob", "Fabrikam", status="lead",
                                                introduced_by=1),
                       person(3, "Cy", "Fabrikam", status="lead"))
    paths = find(contacts, [talk(1, 1, 3)])
    assert ids(paths) == [(3,), (1, 2)]
    assert paths[0].steps[0].how == How.TALKED


def test_leads_are_reached_only_through_their_introducer() -> None:
    contacts = network(person(1, "Ann", status="dormant"),
                       person(2, "Lee", "Fabrikam", status="lead", introduced_by=1),
                       person(3, "Lou", "Fabrikam", status="lead"))  # nobody introduced
    assert ids(find(contacts)) == [(1, 2)]


def test_a_company_with_nobody() -> None:
    contacts = network(person(1, "Ann", "Contoso"))
    assert find(contacts) == []
    assert find(contacts, company="") == []
    assert find({}) == []


def test_limit() -> None:
    contacts = network(*[person(i, company="Fabrikam") for i in range(1, 8)])
    assert len(find(contacts)) == 5
    assert len(find(contacts, limit=2)) == 2
    assert len(find(contacts, limit=None)) == 7
    assert find(contacts, limit=0) == []


# ---- exclusions ---------------------------------------------------------------------


@pytest.mark.parametrize("bad", [{"status": "not-helpful"}, {"status": "do-not-contact"},
                                 {"deleted_at": GONE}])
def test_never_through_a_blocked_contact(bad: dict[str, Any]) -> None:
    contacts = network(person(1, "Ann", **bad),
                       person(2, "Bob", "Fabrikam", status="lead", introduced_by=1))
    assert find(contacts) == []
    assert find(contacts, [talk(1, 1, referrals=(2,))]) == []
    # Another way round it is taken.
    contacts[3] = person(3, "Cy")
    contacts[4] = person(4, "Dee", introduced_by=3)
    contacts[5] = person(5, "Eve", "Fabrikam", introduced_by=4)
    assert ids(find(contacts)) == [(3, 4, 5)]


@pytest.mark.parametrize("bad", [{"status": "not-helpful"}, {"status": "do-not-contact"},
                                 {"deleted_at": GONE}])
def test_never_to_a_blocked_contact(bad: dict[str, Any]) -> None:
    contacts = network(person(1, "Ann"), person(2, "Bob", "Fabrikam", introduced_by=1, **bad),
                       person(3, "Cy", "Fabrikam", **bad))
    assert find(contacts, [talk(1, 3)]) == []
    links = build_links(contacts, [talk(1, 3)])
    assert paths_to(links, contacts, [2, 3], warmth={}, last_contact={}) == []


def test_status_is_read_at_query_time() -> None:
    contacts = network(person(1, "Ann"), person(2, "Bob", "Fabrikam", introduced_by=1))
    links = build_links(contacts, [])
    assert len(warm_paths(links, contacts, "Fabrikam", warmth={}, last_contact={})) == 1
    changed = {**contacts, 1: contacts[1].changed(status="not-helpful")}
    assert warm_paths(links, changed, "Fabrikam", warmth={}, last_contact={}) == []


def test_a_trash_introducer_counts_as_unknown() -> None:
    # Bob's introducer is in the trash: Bob is known directly, as in the generations.
    contacts = network(person(1, "Ann", deleted_at=GONE),
                       person(2, "Bob", "Fabrikam", introduced_by=1),
                       person(3, "Lee", "Fabrikam", status="lead", introduced_by=1))
    [path] = find(contacts)
    assert path.steps == (Step(2, YOU, How.KNOWN, None),)


def test_orphans_count_as_known_directly_unless_leads() -> None:
    contacts = network(person(2, "Bob", "Fabrikam", introduced_by=77),
                       person(3, "Lee", "Fabrikam", status="lead", introduced_by=78))
    assert ids(find(contacts)) == [(2,)]
    assert ids(find(contacts, [talk(1, 3)])) == [(2,), (3,)]


def test_cycles_do_not_hang() -> None:
    # A corrupt file: 1 -> 2 -> 3 -> 1, and 4 introduced by itself.
    contacts = network(person(1, introduced_by=3), person(2, introduced_by=1),
                       person(3, "Cy", "Fabrikam", introduced_by=2),
                       person(4, "Dee", "Fabrikam", introduced_by=4))
    assert ids(find(contacts)) == [(4,)]  # nobody in the cycle is known
    assert ids(find(contacts, [talk(1, 1)])) == [(4,), (1, 3)]


# ---- ranking ------------------------------------------------------------------------


def test_shorter_first_then_warmer_then_by_id() -> None:
    contacts = network(
        person(1, "Ann"), person(2, "Bob"), person(3, "Cy"),
        person(10, "Far", "Fabrikam", introduced_by=11), person(11, introduced_by=1),
        person(20, "Warm", "Fabrikam", introduced_by=2),
        person(30, "Cold", "Fabrikam", introduced_by=3),
        person(40, "Tie", "Fabrikam", introduced_by=3),
        person(50, "Here", "Fabrikam"),
    )
    paths = find(contacts, warmth={1: 9.0, 2: 2.0, 3: 1.0}, limit=None)
    assert ids(paths) == [(50,), (2, 20), (3, 30), (3, 40), (1, 11, 10)]
    assert [p.warmth for p in paths] == [0.0, 2.0, 1.0, 1.0, 9.0]


def test_among_shortest_paths_the_warmest_first_person_wins() -> None:
    # Bob at Fabrikam can be reached through Ann or through Cy (both introduced by him).
    contacts = network(person(5, "Bob", "Fabrikam", status="lead"),
                       person(1, "Ann", introduced_by=5), person(3, "Cy", introduced_by=5))
    talks = [talk(1, 1), talk(2, 3)]
    assert ids(find(contacts, talks, warmth={1: 0.5, 3: 2.0})) == [(3, 5)]
    assert ids(find(contacts, talks, warmth={1: 2.0, 3: 0.5})) == [(1, 5)]
    assert ids(find(contacts, talks)) == [(1, 5)]  # a tie: the lower id
    # ... also two steps further on.
    contacts[6] = person(6, "Dee", introduced_by=5)
    contacts[7] = person(7, "Eve", "Fabrikam", introduced_by=6)
    contacts[5] = person(5, "Bob", "Contoso", status="lead")
    assert ids(find(contacts, talks, warmth={1: 0.5, 3: 2.0})) == [(3, 5, 6, 7)]


def test_the_walk_stops_early_but_the_order_holds() -> None:
    contacts = network(*[person(i, introduced_by=None) for i in range(1, 6)],
                       *[person(10 + i, "T", "Fabrikam", introduced_by=i) for i in range(1, 6)])
    warmth = {i: float(i) for i in range(1, 6)}
    assert ids(find(contacts, warmth=warmth, limit=2)) == [(5, 15), (4, 14)]


def test_best_paths_one_walk_for_many_groups() -> None:
    contacts = network(person(1, "Ann"), person(2, "Bob", introduced_by=1),
                       person(3, "Cy", introduced_by=2), person(4, "Dee", status="not-helpful"))
    links = build_links(contacts, [])
    found = best_paths(links, contacts, {"a": [3, 2], "b": [3], "c": [4, 99], "d": []},
                       warmth={}, last_contact={})
    assert {k: p.ids for k, p in found.items()} == {"a": (1, 2), "b": (1, 2, 3)}
    assert best_paths(links, contacts, {"c": [4]}, warmth={}, last_contact={}) == {}


# ---- against a slow, obviously right search -------------------------------------------


def brute(contacts: dict[int, Contact], links: Links, targets: set[int],
          warmth: dict[int, float]) -> list[tuple[int, float, int]]:
    """(length, warmth, target) by trying every simple path (small graphs only)."""
    ok = {c for c, p in contacts.items() if p.deleted_at is None
          and p.status not in ("not-helpful", "do-not-contact")}
    best: dict[int, tuple[int, float]] = {}
    stack = [(c, (c,)) for c in links.first if c in ok]
    while stack:
        node, path = stack.pop()
        if node in targets:
            score = (len(path), -warmth.get(path[0], 0.0))
            if node not in best or score < best[node]:
                best[node] = score
        stack.extend((n, (*path, n)) for n in links.adjacent.get(node, ())
                     if n in ok and n not in path)
    return [(length, -neg, t) for length, neg, t in
            sorted((length, neg, t) for t, (length, neg) in best.items())]


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10_000))
def test_same_as_trying_every_path(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 14)
    statuses = ["active"] * 6 + ["lead", "dormant", "not-helpful", "do-not-contact"]
    contacts = network(*[person(
        i, company=rng.choice(["Fabrikam", "Contoso"]), status=rng.choice(statuses),
        introduced_by=rng.choice([None, None, *range(1, n + 3)]),
        deleted_at=GONE if rng.random() < 0.1 else None) for i in range(1, n + 1)])
    talks = [talk(t, *rng.sample(range(1, n + 1), rng.randint(1, min(3, n))),
                  referrals=tuple(rng.sample(range(1, n + 1), rng.randint(0, min(2, n)))))
             for t in range(rng.randint(0, 4))]
    warmth = {i: rng.choice([0.0, 0.5, 1.0]) for i in range(1, n + 1)}
    links = build_links(contacts, talks)
    paths = warm_paths(links, contacts, "Fabrikam", warmth=warmth, last_contact={}, limit=None)
    targets = {c for c, p in contacts.items() if p.company == "Fabrikam"}
    expected = brute(contacts, links, targets, warmth)
    assert [(p.length, p.warmth, p.target) for p in paths] == expected
    for path in paths:  # every step is a real link and names it rightly
        prev = YOU
        for step in path.steps:
            assert step.introducer == prev
            if prev == YOU:
                assert step.contact_id in links.direct
            else:
                assert step.contact_id in links.adjacent[prev]
            prev = step.contact_id
    limited = warm_paths(links, contacts, "Fabrikam", warmth=warmth, last_contact={}, limit=2)
    assert [(p.length, p.warmth, p.target) for p in limited] == expected[:2]
