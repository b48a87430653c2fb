"""Replace the strings of lights that don't work (DOMAIN.md section 5)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from peoplelinks.domain.models import Contact
from peoplelinks.domain.replacements import Suggestion, replacements

GONE = datetime(2026, 1, 1, tzinfo=UTC)


def person(cid: int, company: str = "", circle: str = "work", **extra: Any) -> Contact:
    created = datetime(2025, 1, 1, tzinfo=UTC).replace(day=1 + cid % 28)
    return Contact(id=cid, name=f"P{cid}", company=company, circle=circle, created=created,
                   **extra)


def suggest(contact: Contact, people: list[Contact], asks: dict[int, int] | None = None,
            last: dict[int, date | None] | None = None, limit: int = 5) -> list[Suggestion]:
    contacts = {c.id: c for c in [contact, *people]}
    return replacements(contact, contacts, recent_asks=asks or {}, last_contact=last or {},
                        limit=limit)


def test_same_company_first_then_circle_then_leads() -> None:
    bob = person(1, "Fabrikam", status="not-helpful")
    people = [
        person(2, "FABRIKAM LLC"), person(3, "Fabrikam", status="dormant"),
        person(4, "Fabrikam", status="lead", circle="network"),
        person(5, "Contoso"), person(6, "Initech"),
        person(7, "Contoso", circle="personal"),
        person(8, status="lead", circle="network"),
    ]
    found = suggest(bob, people, asks={5: 2, 6: 1}, limit=10)
    assert found == [
        Suggestion(2, "also at Fabrikam"),
        Suggestion(3, "also at Fabrikam, dormant: worth reviving"),
        Suggestion(4, "also at Fabrikam, a lead not contacted yet"),
        Suggestion(6, "work circle, asked once lately"),
        Suggestion(5, "work circle, asked 2 times lately"),
        Suggestion(8, "a lead not contacted yet"),
    ]
    assert suggest(bob, people, limit=2) == found[:2]
    assert suggest(bob, people, limit=0) == []


def test_fewest_asks_then_latest_talk_then_id() -> None:
    ann = person(1)
    people = [person(i) for i in range(2, 7)]
    last: dict[int, date | None] = {2: date(2026, 1, 1), 3: date(2026, 5, 1), 4: None}
    found = suggest(ann, people, asks={2: 0, 3: 0, 4: 0, 5: 3, 6: 0}, last=last)
    assert [s.contact_id for s in found] == [3, 2, 4, 6, 5]
    assert found[0].reason == "work circle, asked 0 times lately"


def test_never_the_contact_blocked_or_trash_and_no_dormant_outside_the_company() -> None:
    ann = person(1, "Fabrikam")
    people = [person(2, "Fabrikam", status="not-helpful"),
              person(3, "Fabrikam", status="do-not-contact"),
              person(4, "Fabrikam", deleted_at=GONE), person(5, status="dormant"),
              person(6, status="lead", deleted_at=GONE), person(7, status="do-not-contact")]
    assert suggest(ann, people) == []


def test_leads_oldest_first_and_only_when_not_contacted() -> None:
    ann = person(1, circle="personal")
    people = [person(12, status="lead"), person(11, status="lead"), person(13, status="lead")]
    found = suggest(ann, people, last={13: date(2026, 1, 1)})
    assert found == [Suggestion(11, "a lead not contacted yet"),
                     Suggestion(12, "a lead not contacted yet")]


def test_no_company_no_company_group() -> None:
    ann = person(1, "")
    people = [person(2, ""), person(3, "", circle="personal")]
    assert suggest(ann, people) == [Suggestion(2, "work circle, asked 0 times lately")]


@given(st.lists(st.tuples(st.sampled_from(["", "Fabrikam", "fabrikam inc", "Contoso"]),
                          st.sampled_from(["work", "personal", "network"]),
                          st.sampled_from(["active", "dormant", "lead", "not-helpful",
                                           "do-not-contact"]),
                          st.booleans(), st.integers(0, 3)), min_size=1, max_size=25),
       st.integers(0, 30))
def test_never_twice_never_blocked(rows: list[tuple[str, str, str, bool, int]],
                                   limit: int) -> None:
    people = [person(i, company, circle, status=status, deleted_at=GONE if gone else None)
              for i, (company, circle, status, gone, _) in enumerate(rows, start=1)]
    asks = {i: row[4] for i, row in enumerate(rows, start=1)}
    contacts = {c.id: c for c in people}
    found = replacements(people[0], contacts, recent_asks=asks, last_contact={}, limit=limit)
    chosen = [s.contact_id for s in found]
    assert len(chosen) == len(set(chosen)) <= limit
    assert people[0].id not in chosen
    for cid in chosen:
        c = contacts[cid]
        assert c.deleted_at is None and c.status not in ("not-helpful", "do-not-contact")
