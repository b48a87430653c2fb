"""Duplicates and merging: nothing of either contact is lost, introductions follow in
both directions, the merged-away id resolves to the kept one, and one undo takes
the merge back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from peoplelinks.errors import InputError
from peoplelinks.service import PeopleLinks
from tests.conftest import TODAY


def test_merge_keeps_everything_of_both(app: PeopleLinks) -> None:
    boss = app.add_contact({"name": "Ann Boss"})
    keep = app.add_contact({"name": "Nina Volkova", "company": "Fabrikam",
                            "emails": ["nina@fabrikam.example"], "tags": ["robotics"]})
    other = app.add_contact({"name": "Nina V.", "emails": ["nina@home.example"],
                             "phones": ["+1 312 555 0100"], "tags": ["linkedin"],
                             "title": "Engineering Manager", "introduced_by": boss.id,
                             "notes": "Prefers mornings"})
    referred = app.add_contact({"name": "Raj Lead", "introduced_by": other.id})
    talk = app.log([other.id], notes="coffee with the duplicate",
                   when=TODAY - timedelta(days=3), next_action="Send the deck").interaction
    plan = app.plan_meeting(other.id, TODAY + timedelta(days=2), place="Blue Bottle")
    merged = app.merge(keep.id, other.id)
    assert merged.emails == ["nina@fabrikam.example", "nina@home.example"]
    assert merged.phones == ["+1 312 555 0100"] and merged.tags == ["robotics", "linkedin"]
    assert merged.title == "Engineering Manager" and merged.notes == "Prefers mornings"
    assert merged.introduced_by == boss.id  # who introduced the other: now the kept one's
    assert app.contact(referred.id).introduced_by == keep.id  # whom the other introduced
    assert app.interaction(talk.id).contact_ids == [keep.id]
    assert [f.contact_id for f in app.db.followups.values()] == [keep.id]
    assert app.plan(plan.id).contact_id == keep.id
    assert app.resolve(f"#{other.id}").id == keep.id  # the old id means the kept one
    assert other.id not in [c.id for c in app.contacts()]
    assert app.doctor() == []
    app.undo()
    assert app.resolve(f"#{other.id}").name == "Nina V."
    assert app.interaction(talk.id).contact_ids == [other.id]
    assert app.contact(referred.id).introduced_by == other.id


def test_merging_with_who_introduced_them_makes_no_cycle(app: PeopleLinks) -> None:
    other = app.add_contact({"name": "Tom Becker", "emails": ["tom@x.example"]})
    keep = app.add_contact({"name": "Tom B.", "introduced_by": other.id})
    merged = app.merge(keep.id, other.id)
    assert merged.introduced_by is None and app.doctor() == []


def test_merge_refuses_the_same_contact_twice_and_a_merged_one(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "Ann Lee"})
    b = app.add_contact({"name": "Ann L."})
    with pytest.raises(InputError, match="the same contact twice"):
        app.merge(a.id, a.id)
    app.merge(a.id, b.id)
    with pytest.raises(InputError, match="already merged"):
        app.merge(a.id, b.id)


def test_duplicates_most_certain_first(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "Karen Liu", "company": "Contoso",
                         "emails": ["karen@contoso.example"]})
    b = app.add_contact({"name": "K. Liu", "emails": ["Karen@contoso.example"]},
                        allow_duplicate=True)
    c = app.add_contact({"name": "Jose Munoz", "company": "Fabrikam, Inc."})
    d = app.add_contact({"name": "Munoz Jose", "company": "FABRIKAM LLC"})
    app.add_contact({"name": "Someone Else", "company": "Contoso"})
    found = app.duplicates()
    assert [(x.first.id, x.second.id) for x in found] == [(a.id, b.id), (c.id, d.id)]
    assert found[0].why == "the same email (karen@contoso.example)"
    assert found[0].certainty == 100 and found[1].certainty < 100
