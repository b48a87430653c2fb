"""Coverage of the target companies (DOMAIN.md section 1)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from peoplelinks.domain.coverage import CompanyCoverage, at_company, coverage
from peoplelinks.domain.models import Contact, Interaction
from peoplelinks.domain.paths import build_links

GONE = datetime(2026, 1, 1, tzinfo=UTC)


def person(cid: int, company: str = "", **extra: Any) -> Contact:
    return Contact(id=cid, name=f"P{cid}", company=company, **extra)


def run(targets: list[str], people: list[Contact], talks: list[Interaction] = [],  # noqa: B006
        warmth: dict[int, float] | None = None,
        last: dict[int, date | None] | None = None) -> list[CompanyCoverage]:
    contacts = {c.id: c for c in people}
    return coverage(targets, contacts, links=build_links(contacts, talks),
                    warmth=warmth or {}, last_contact=last or {})


def test_who_is_where() -> None:
    people = [
        person(1, "Fabrikam, Inc.", status="active"), person(2, "FABRIKAM LLC", status="dormant"),
        person(3, "fabrikam", status="lead", introduced_by=1),
        person(4, "Fabrikam", status="not-helpful"), person(5, "Fabrikam", status="do-not-contact"),
        person(6, "Fabrikam", deleted_at=GONE), person(7, "Fabrikam Robotics"),
    ]
    [row] = run(["Fabrikam"], people, warmth={1: 0.5, 2: 2.0},
                last={1: date(2026, 3, 1), 2: date(2025, 1, 1)})
    assert row.company == "Fabrikam" and row.key == "fabrikam"
    assert row.contacts == (2, 1)  # warmest first
    assert row.last_contact == date(2026, 3, 1)
    assert row.leads == (3,)
    assert row.declined == (4, 5)
    assert row.warmth == 2.5
    assert row.path is None  # there are contacts: no path needed
    assert not row.nobody


def test_order_nobody_then_only_leads_then_fewest_and_coldest() -> None:
    people = [
        person(1, "Ann Co"), person(2, "Ann Co"),
        person(3, "Big"), person(4, "Big"), person(5, "Big"),
        person(6, "Cold"), person(7, "Warm"),
        person(8, "Leads", status="lead", introduced_by=1),
        person(9, "Declined", status="not-helpful"),
    ]
    rows = run(["Warm", "Big", "Empty", "Leads", "Cold", "Ann", "Declined", "Also empty"],
               people, warmth={7: 1.0, 6: 0.1, 3: 5.0})
    assert [r.company for r in rows] == ["Empty", "Declined", "Also empty", "Leads", "Cold",
                                        "Warm", "Ann", "Big"]
    assert [r.nobody for r in rows] == [True, True, True, False, False, False, False, False]


def test_only_leads_get_the_warmest_shortest_path() -> None:
    people = [person(1, "Contoso"), person(2, "Contoso"),
              person(10, "Fabrikam", status="lead", introduced_by=1),
              person(11, "Fabrikam", status="lead", introduced_by=2),
              person(12, "Fabrikam", status="lead"),  # nobody introduced: unreachable
              person(20, "Initech", status="lead")]
    rows = run(["Fabrikam", "Initech", "Contoso"], people, warmth={1: 0.2, 2: 0.9})
    fab = next(r for r in rows if r.company == "Fabrikam")
    assert fab.leads == (10, 11, 12)
    assert fab.path is not None and fab.path.ids == (2, 11)
    initech = next(r for r in rows if r.company == "Initech")
    assert initech.leads == (20,) and initech.path is None and not initech.nobody


def test_the_same_company_twice_is_one_row_and_blanks_are_skipped() -> None:
    rows = run(["Fabrikam", "", "fabrikam inc.", "  "], [person(1, "Fabrikam")])
    assert [(r.company, r.contacts) for r in rows] == [("Fabrikam", (1,))]
    assert run([], [person(1, "Fabrikam")]) == []


def test_last_contact_and_ties() -> None:
    people = [person(1, "X"), person(2, "X"), person(3, "X")]
    [row] = run(["X"], people, last={1: None, 2: date(2026, 1, 1), 3: date(2026, 2, 1)})
    assert row.contacts == (3, 2, 1)  # no warmth: the latest talk first, never last
    assert row.last_contact == date(2026, 2, 1)
    [row] = run(["X"], people)
    assert row.contacts == (1, 2, 3) and row.last_contact is None


def test_at_company() -> None:
    contacts = {c.id: c for c in [person(1, "Fabrikam"), person(2, "fabrikam, inc"),
                                  person(3, "Contoso"), person(4, "Fabrikam", deleted_at=GONE),
                                  person(5, "Fabrikam", status="lead")]}
    assert at_company(contacts, "fabrikam") == [1, 2, 5]
    assert at_company(contacts, "") == []
