"""What the store keeps current change by change (warm-path links, generations,
the indexes by date, meetings and asks per contact, warmth) always equals what a
rebuild from the records gives, through adds, edits, talks with referrals, the
trash, deleted talks, undo and redo in a random order."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

import pytest

from peoplelinks.domain import graph
from peoplelinks.domain.companies import company_key
from peoplelinks.domain.enums import Kind, Status
from peoplelinks.domain.models import Contact, Interaction
from peoplelinks.domain.paths import How, Links, build_links, paths_to
from peoplelinks.domain.referrals import Referral
from peoplelinks.domain.warmth import warmth
from peoplelinks.errors import PeopleLinksError
from peoplelinks.service import PeopleLinks
from tests.conftest import TODAY

COMPANIES = ["Contoso", "Fabrikam, Inc.", "Northwind", ""]
KINDS = [Kind.COFFEE, Kind.EMAIL, Kind.EVENT, Kind.CALL]


def _reference_links(contacts: Mapping[int, Contact],
                     interactions: Iterable[Interaction]) -> Links:
    """The links made from scratch, the plain way (trash left out), to check the
    store's index against something written independently of it."""
    alive = {cid for cid, c in contacts.items() if c.deleted_at is None}
    near: dict[int, set[int]] = {}
    direct: dict[int, How] = {}
    referred: set[tuple[int, int]] = set()
    companies: dict[str, list[int]] = {}
    for cid in sorted(alive):
        contact = contacts[cid]
        parent = contact.introduced_by
        if parent is not None and parent != cid and parent in alive:
            near.setdefault(parent, set()).add(cid)
            near.setdefault(cid, set()).add(parent)
        elif contact.status != Status.LEAD:
            direct[cid] = How.KNOWN
        if contact.company:
            companies.setdefault(company_key(contact.company), []).append(cid)
    for talk in interactions:
        for cid in talk.contact_ids:
            if cid in alive:
                direct[cid] = How.TALKED
        if talk.referrals and talk.contact_ids[0] in alive:
            for cid in talk.referrals:
                if cid in alive and cid != talk.contact_ids[0]:
                    near.setdefault(talk.contact_ids[0], set()).add(cid)
                    near.setdefault(cid, set()).add(talk.contact_ids[0])
                    referred.add((talk.contact_ids[0], cid))
    return Links(adjacent={cid: tuple(sorted(ids)) for cid, ids in near.items()},
                 direct=direct, first=tuple(sorted(direct)), referred=frozenset(referred),
                 companies={key: tuple(ids) for key, ids in companies.items()})


def _live(app: PeopleLinks) -> list[int]:
    return [c.id for c in app.db.contacts.values() if c.deleted_at is None]


def _step(app: PeopleLinks, rng: random.Random, n: int) -> None:
    """One random change through the service, as a user would make it."""
    live = _live(app)
    action = rng.choice(["add", "add", "log", "log", "refer", "edit", "trash", "restore",
                         "status", "delete-log", "edit-log", "undo", "redo", "done"])
    if action == "add" or not live:
        data = {"name": f"Person {n}", "company": rng.choice(COMPANIES)}
        if live and rng.random() < 0.6:
            data["introduced_by"] = rng.choice(live)
        app.add_contact(data, allow_duplicate=True)
    elif action == "log":
        people = rng.sample(live, min(len(live), rng.randint(1, 2)))
        app.log(people, kind=rng.choice(KINDS), when=TODAY - timedelta(days=rng.randint(0, 90)),
                asked_for_referrals=rng.random() < 0.3)
    elif action == "refer":
        referrals: list[Referral | int] = [Referral(f"Lead {n}", rng.choice(COMPANIES))]
        if len(live) > 1 and rng.random() < 0.5:
            referrals.append(rng.choice(live))
        app.log([rng.choice(live)], referrals=referrals)
    elif action == "edit":
        changes: dict[str, object] = {"company": rng.choice(COMPANIES)}
        if rng.random() < 0.5:
            changes["introduced_by"] = rng.choice([None, *live])
        app.edit_contact(rng.choice(live), changes)
    elif action == "trash":
        app.delete_contact(rng.choice(live))
    elif action == "restore":
        gone = [c.id for c in app.db.contacts.values() if c.deleted_at is not None]
        if gone:
            app.restore_contact(rng.choice(gone))
    elif action == "status":
        app.edit_contact(rng.choice(live), {"status": rng.choice(list(Status))})
    elif action in ("delete-log", "edit-log") and app.db.interactions:
        talk = rng.choice(list(app.db.interactions))
        if action == "delete-log":
            app.delete_log(talk, leads="keep")
        else:
            app.edit_log(talk, kind=rng.choice(KINDS),
                         when=TODAY - timedelta(days=rng.randint(0, 60)))
    elif action == "undo":
        app.undo()
    elif action == "redo":
        app.redo()
    elif action == "done":
        open_ones = [f.id for f in app.db.followups.values() if not f.done]
        if open_ones:
            app.complete_followup(rng.choice(open_ones))


def _check(app: PeopleLinks) -> None:
    db = app.db
    contacts = db.contacts
    fresh = _reference_links(contacts, db.interactions.values())
    assert build_links(contacts, db.interactions.values()).first == fresh.first
    kept = app.links()
    assert dict(kept.direct) == dict(fresh.direct)
    assert kept.first == fresh.first
    alive = {cid for cid, c in contacts.items() if c.deleted_at is None}
    for cid in alive:  # links to the trash are kept, and never walked
        assert [n for n in kept.adjacent.get(cid, ()) if n in alive] == \
            [n for n in fresh.adjacent.get(cid, ()) if n in alive]
    for key in {company_key(c) for c in COMPANIES if c}:
        there = [cid for cid in kept.companies.get(key, ()) if cid in alive]
        assert there == list(fresh.companies.get(key, ()))
        # Same paths, whichever links they walk.
        heat = {cid: warmth(db.talk_dates(cid), TODAY) for cid in contacts}
        last = db.last_contacts
        assert paths_to(kept, contacts, there, warmth=heat, last_contact=last, limit=None) == \
            paths_to(fresh, contacts, there, warmth=heat, last_contact=last, limit=None)
    assert db.generations == graph.generations(db.parents)
    assert {k: v for k, v in graph.children(db.parents).items()} == \
        {k: db.introduced(k) for k in graph.children(db.parents)}
    first, end = TODAY - timedelta(days=40), TODAY + timedelta(days=1)
    assert [t.id for t in db.interactions_between(first, end)] == \
        [t.id for t in sorted(db.interactions.values(), key=lambda t: (t.date, t.id))
         if first <= t.date < end]
    low = datetime(2000, 1, 1, tzinfo=UTC)
    high = datetime.now(UTC) + timedelta(days=1)
    assert sorted(c.id for c in db.contacts_created_between(low, high)) == sorted(contacts)
    assert sorted(f.id for f in db.followups_done_between(low, high)) == \
        sorted(f.id for f in db.followups.values() if f.done)
    meetings, asked = db.talk_tally()
    recount_m: dict[int, int] = {}
    recount_a: dict[int, int] = {}
    for talk in db.interactions.values():
        for cid in talk.contact_ids:
            if talk.kind.counts_as_meeting:
                recount_m[cid] = recount_m.get(cid, 0) + 1
            if talk.asked_for_referrals:
                recount_a[cid] = recount_a.get(cid, 0) + 1
    assert meetings == recount_m
    assert asked == recount_a
    kept_heat = app.warmth_of()
    for cid in contacts:
        assert kept_heat[cid] == pytest.approx(warmth(db.talk_dates(cid), TODAY))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_indexes_equal_a_rebuild(app: PeopleLinks, seed: int) -> None:
    rng = random.Random(seed)
    # Build every index first, so that the changes below must keep them current.
    app.add_contact({"name": "Ann Root", "company": "Contoso"})
    _check(app)
    for n in range(120):
        # A change refused (a cycle, nothing to undo...) must leave them agreeing too.
        with contextlib.suppress(PeopleLinksError):
            _step(app, rng, n)
        if n % 6 == 0:
            _check(app)
    _check(app)


def test_kept_indexes_survive_a_reload(app: PeopleLinks) -> None:
    rng = random.Random(7)
    app.add_contact({"name": "Ann Root", "company": "Contoso"})
    _check(app)
    for n in range(30):
        with contextlib.suppress(PeopleLinksError):
            _step(app, rng, n)
    app.db.reload()
    _check(app)


def test_prepare_works_every_view_out_ahead_and_stops_when_asked(app: PeopleLinks) -> None:
    app.add_contact({"name": "Ann Root", "company": "Contoso"})
    assert app.prepare(stop=lambda: True) is False
    assert not app.today_ready()
    asked: list[int] = []

    def stop_before_the_views() -> bool:
        asked.append(1)
        return len(asked) > 8

    assert app.prepare(stop=stop_before_the_views) is False
    assert not app.today_ready()  # stopped before today's list
    assert app.prepare() is True
    assert app.today_ready()
    app.add_contact({"name": "Bob Next"})
    assert not app.today_ready()  # any change: to be worked out again


def test_a_contact_added_while_the_search_index_is_made_aside_is_found(
        app: PeopleLinks, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app makes the search index in a thread while the user may save: one made
    from the contacts as they were is not kept; it is made again."""
    import threading  # noqa: PLC0415

    from peoplelinks.domain import search  # noqa: PLC0415

    app.add_contact({"name": "Ann Early"})
    inside, proceed = threading.Event(), threading.Event()
    made = search.SearchIndex.__init__

    def slow_init(index: search.SearchIndex, contacts: Iterable[Contact]) -> None:
        made(index, contacts)
        if not inside.is_set():  # the first one only: it is being made while...
            inside.set()
            proceed.wait(5)

    monkeypatch.setattr(search.SearchIndex, "__init__", slow_init)
    warming = threading.Thread(target=app.warm_up)
    warming.start()
    assert inside.wait(5)
    app.add_contact({"name": "Zoe Meanwhile"})  # ...this is saved
    proceed.set()
    warming.join(5)
    assert [app.db.contacts[i].name for i in app.browse_ids("zoe")] == ["Zoe Meanwhile"]
    assert [app.db.contacts[i].name for i in app.browse_ids("ann")] == ["Ann Early"]
