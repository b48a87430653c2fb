"""Everything recorded can be corrected: logs edited and deleted (what they created follows),
follow-ups reopened, keep-in-touch reminders snoozed; and what a log leaves hanging is not
left: new leads get a "reach out", the next step goes to whom it is for, answered follow-ups
can be closed with the log. Duplicates are not added silently."""

from __future__ import annotations

from datetime import timedelta

import pytest

from peoplelinks.domain.referrals import Referral
from peoplelinks.errors import DuplicateContact, InputError, NotFound
from peoplelinks.service import PeopleLinks
from peoplelinks.service.logbook import REACH_OUT_DAYS, LeadsQuestion
from tests.conftest import TODAY


@pytest.fixture
def two(app: PeopleLinks) -> PeopleLinks:
    app.add_contact({"name": "Ann Lee", "company": "Acme"})
    app.add_contact({"name": "Bob Stone", "company": "Globex", "status": "lead"})
    return app


def test_edit_every_field_of_a_log_and_what_derives_from_it_follows(two: PeopleLinks) -> None:
    result = two.log([1], when=TODAY - timedelta(days=3), notes="first", kind="call")
    assert two.last_contact(1) == TODAY - timedelta(days=3)
    edited = two.edit_log(result.interaction.id, contact_ids=[1, 2], kind="coffee",
                          date=TODAY - timedelta(days=1), notes="fixed", gave="a deck",
                          got="a name", referrals=[2], asked_for_referrals=True)
    assert (edited.kind, edited.notes, edited.gave, edited.got, edited.referrals,
            edited.asked_for_referrals) == ("coffee", "fixed", "a deck", "a name", [2], True)
    assert two.last_contact(1) == TODAY - timedelta(days=1) == two.last_contact(2)
    assert two.contact(2).status == "active"  # a lead met is a lead no more
    two.edit_log(result.interaction.id, contact_ids=[2])
    assert two.last_contact(1) is None
    two.undo()
    two.undo()
    assert two.interaction(result.interaction.id) == result.interaction
    assert two.contact(2).status == "lead"


@pytest.mark.parametrize(("changes", "message"), [
    ({"date": TODAY + timedelta(days=9)}, "date: .* is in the future"),
    ({"contact_ids": []}, "with: a log needs at least one contact"),
    ({"kind": "telepathy"}, "kind: "),
    ({"referrals": [99]}, "no contact has id 99"),
    ({"followup": 3}, "followup: is not a field of a log"),
])
def test_a_bad_edit_of_a_log_names_the_field(two: PeopleLinks, changes: dict[str, object],
                                             message: str) -> None:
    item = two.log([1]).interaction
    with pytest.raises(InputError, match=message):
        two.edit_log(item.id, **changes)
    assert two.interaction(item.id) == item


def test_delete_a_log_takes_its_next_step_and_asks_about_its_leads(two: PeopleLinks) -> None:
    result = two.log([1], next_action="Thank Ann", referrals=[Referral("Cy Dee", "Initech")])
    cy = result.new_leads[0]
    assert [f.action for f in two.db.followups_of(cy.id)] == [
        "Reach out to Cy Dee (referred by Ann Lee)"]
    with pytest.raises(LeadsQuestion, match="created #3 Cy Dee .Initech.; keep them") as asked:
        two.delete_log(result.interaction.id)
    assert [c.id for c in asked.value.leads] == [cy.id]
    two.delete_log(result.interaction.id, leads="trash")
    assert not two.db.interactions and not two.db.followups_of(1)
    assert two.contact(cy.id).in_trash and two.last_contact(1) is None
    two.undo()
    assert two.interaction(result.interaction.id) and not two.contact(cy.id).in_trash
    two.delete_log(result.interaction.id, leads="keep")
    assert not two.contact(cy.id).in_trash
    assert [f.action for f in two.db.followups_of(cy.id)] == [
        "Reach out to Cy Dee (referred by Ann Lee)"]  # a kept lead keeps its reach-out
    assert two.db.followups_of(1) == []
    with pytest.raises(NotFound, match="log: no logged talk has id"):
        two.delete_log(result.interaction.id)


def test_new_leads_get_a_reach_out_unless_asked_not_to(two: PeopleLinks) -> None:
    first = two.log([1], referrals=[Referral("Cy Dee")])
    (reach,) = first.reach_outs
    assert (reach.contact_id, reach.due) == (first.new_leads[0].id,
                                             TODAY + timedelta(days=REACH_OUT_DAYS))
    second = two.log([1], referrals=[Referral("Dee Eff")], reach_out=False)
    assert second.reach_outs == [] and two.db.followups_of(second.new_leads[0].id) == []


def test_the_next_step_goes_to_whom_it_is_for(two: PeopleLinks) -> None:
    result = two.log([1, 2], kind="event", next_action="Connect with Bob", next_for=2)
    assert result.followup is not None and result.followup.contact_id == 2
    with pytest.raises(InputError, match="next_for: the next step can only be for someone"):
        two.log([1], next_action="x", next_for=2)


def test_a_log_closes_the_followups_it_answered_and_lists_the_others(
        two: PeopleLinks) -> None:
    ask = two.add_followup(1, "Email Ann to ask for coffee")
    other = two.add_followup(1, "Send Ann the article")
    result = two.log([1], close=[ask.id])
    assert two.followup(ask.id).done and [f.id for f in result.closed] == [ask.id]
    assert [f.id for f in result.still_open] == [other.id]
    with pytest.raises(InputError, match="close: F99 is not an open follow-up"):
        two.log([1], close=[99])
    two.undo()
    assert not two.followup(ask.id).done


def test_reopen_a_done_followup(two: PeopleLinks) -> None:
    item = two.add_followup(1, "Call Ann")
    two.complete_followup(item.id)
    assert not two.reopen_followup(item.id).done
    assert item.id in [f.id for f in two.open_followups()]


def test_snooze_a_keep_in_touch_reminder_until_the_next_talk(two: PeopleLinks) -> None:
    ann = two.contact(1)
    due = two.next_contact(ann)
    assert due is not None
    later = due + timedelta(days=30)
    two.snooze_keep_in_touch(1, later)
    assert two.next_contact(two.contact(1)) == later
    assert two.due(today=due + timedelta(days=1)).keep_in_touch_total == 0
    with pytest.raises(InputError, match="a snooze only moves it later"):
        two.snooze_keep_in_touch(1, later - timedelta(days=1))
    two.log([1])
    assert two.contact(1).next_contact_on is None
    assert two.next_contact(two.contact(1)) == TODAY + timedelta(days=180)


@pytest.mark.parametrize("data", [
    {"name": "ann lee"},
    {"name": "Annie", "emails": ["ANN@acme.example"]},
    {"name": "Annie", "profile_url": "https://www.linkedin.com/in/annlee/"},
])
def test_duplicates_are_refused_unless_meant(app: PeopleLinks, data: dict[str, object]) -> None:
    app.add_contact({"name": "Ann Lee", "emails": ["ann@acme.example"],
                     "profile_url": "https://www.linkedin.com/in/annlee"})
    with pytest.raises(DuplicateContact, match="looks like someone already here: #1 Ann Lee"):
        app.add_contact(data)
    assert app.count() == 1
    assert app.add_contact(data, allow_duplicate=True).id == 2


def test_a_duplicate_in_the_trash_says_so(app: PeopleLinks) -> None:
    app.add_contact({"name": "Ann Lee"})
    app.delete_contact(1)
    with pytest.raises(DuplicateContact, match=r"#1 Ann Lee \(in the trash\)"):
        app.add_contact({"name": "Ann Lee"})
