"""Logging, referrals as leads, follow-ups and keep-in-touch."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peoplelinks.domain.enums import Kind, Status
from peoplelinks.domain.referrals import Referral, parse_referral, parse_referrals
from peoplelinks.domain.schedule import Bucket, bucket
from peoplelinks.errors import InputError
from peoplelinks.service import PeopleLinks
from tests.conftest import TODAY


def test_log_with_referrals_and_next_step(app: PeopleLinks) -> None:
    dev = app.add_contact({"name": "Dev"})
    priya = app.add_contact({"name": "Priya", "introduced_by": dev.id})
    result = app.log([priya.id], kind="coffee", notes="roles", gave="a deck", got="names",
                     referrals=[Referral("Tom", "Northwind", "owns dashboards")],
                     next_action="Send thanks", next_due=TODAY + timedelta(days=14))
    tom = result.new_leads[0]
    assert (tom.name, tom.company, tom.notes, tom.status) == ("Tom", "Northwind",
                                                              "owns dashboards", Status.LEAD)
    assert tom.introduced_by == priya.id and app.generation(tom.id) == 3
    assert result.interaction.referrals == [tom.id]
    assert result.interaction.asked_for_referrals
    fu = result.followup
    assert fu is not None and fu.due == TODAY + timedelta(days=14) and fu.contact_id == priya.id
    assert fu.interaction_id == result.interaction.id
    assert app.last_contact(priya.id) == TODAY
    assert app.db.interactions_of(priya.id)[0].gave == "a deck"


def test_referral_links_existing_contact_of_that_name(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    tom = app.add_contact({"name": "Tom", "company": "Northwind"})
    result = app.log([a.id], referrals=[Referral("tom")])
    assert result.new_leads == [] and [c.id for c in result.linked] == [tom.id]
    assert app.contact(tom.id).introduced_by == a.id


def test_logging_a_lead_makes_it_active(app: PeopleLinks) -> None:
    lead = app.add_contact({"name": "L", "status": "lead"})
    result = app.log([lead.id], kind="call")
    assert app.contact(lead.id).status == Status.ACTIVE
    assert [c.id for c in result.activated] == [lead.id]


def test_log_rules(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    with pytest.raises(InputError, match="in the future"):
        app.log([a.id], when=TODAY + timedelta(days=5))
    with pytest.raises(InputError, match="without a next step"):
        app.log([a.id], next_due=TODAY)
    with pytest.raises(InputError, match="kind"):
        app.log([a.id], kind="telepathy")
    with pytest.raises(InputError, match="at least one contact"):
        app.log([])
    assert app.db.interactions == {}


def test_next_step_defaults_to_a_week(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    result = app.log([a.id], when=TODAY - timedelta(days=2), next_action="Check back")
    assert result.followup is not None and result.followup.due == TODAY + timedelta(days=5)


def test_due_buckets_and_completion(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    made = {
        "old": app.add_followup(a.id, "overdue one", TODAY - timedelta(days=1)),
        "now": app.add_followup(a.id, "today one", TODAY),
        "soon": app.add_followup(a.id, "this week", TODAY + timedelta(days=3)),
        "late": app.add_followup(a.id, "later", TODAY + timedelta(days=30)),
    }
    report = app.due()
    assert [f.id for f in report.followups[Bucket.OVERDUE]] == [made["old"].id]
    assert [f.id for f in report.followups[Bucket.TODAY]] == [made["now"].id]
    assert [f.id for f in report.followups[Bucket.WEEK]] == [made["soon"].id]
    assert [f.id for f in report.followups[Bucket.LATER]] == [made["late"].id]
    done = app.complete_followup(made["old"].id)
    assert done.done and done.done_at is not None
    assert made["old"].id not in [f.id for f in app.open_followups()]
    snoozed = app.edit_followup(made["now"].id, due=TODAY + timedelta(days=10))
    assert snoozed.due == TODAY + timedelta(days=10)
    assert app.reopen_followup(made["old"].id).done is False


def test_keep_in_touch_restarts_at_last_interaction(app: PeopleLinks) -> None:
    long_ago = datetime(2025, 1, 1, tzinfo=UTC)
    a = app.add_contact({"name": "A", "circle": "work", "created": long_ago})
    lead = app.add_contact({"name": "L", "status": "lead", "created": long_ago})
    dnc = app.add_contact({"name": "D", "status": "do-not-contact", "created": long_ago})
    due_ids = [d.contact.id for d in app.due().keep_in_touch]
    assert a.id in due_ids and lead.id not in due_ids and dnc.id not in due_ids
    app.log([a.id], when=TODAY - timedelta(days=10))
    assert app.next_contact(app.contact(a.id)) == TODAY + timedelta(days=170)
    assert a.id not in [d.contact.id for d in app.due().keep_in_touch]


def test_trashed_contacts_leave_the_due_list(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    app.add_followup(a.id, "x", TODAY)
    app.delete_contact(a.id)
    assert app.due().followups[Bucket.TODAY] == []


def test_parse_referrals() -> None:
    assert parse_referral("Tom Becker @ Northwind - owns dashboards") == Referral(
        "Tom Becker", "Northwind", "owns dashboards")
    assert parse_referral("Aisha") == Referral("Aisha")
    assert parse_referrals("A @ X\n\n B ") == [Referral("A", "X"), Referral("B")]
    with pytest.raises(InputError, match="has no name"):
        parse_referral(" @ Acme")


def test_kind_aliases_in_log(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    assert app.log([a.id], kind="zoom").interaction.kind == Kind.VIDEO


def test_doctor_clean_database(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    app.log([a.id], next_action="x")
    assert app.doctor() == []


def test_referral_marked_new_is_a_new_lead_despite_the_name(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    tom = app.add_contact({"name": "Tom"})
    result = app.log([a.id], referrals=[Referral("Tom", new=True)])
    assert [c.name for c in result.new_leads] == ["Tom"] and result.new_leads[0].id != tom.id
    assert app.existing_referral(Referral("Tom")) is None  # now two Toms: ambiguous


def test_keep_in_touch_default_per_circle_is_configurable(app: PeopleLinks) -> None:
    long_ago = datetime(2026, 1, 1, tzinfo=UTC)
    a = app.add_contact({"name": "A", "circle": "personal", "created": long_ago})
    assert app.next_contact(a) == long_ago.date() + timedelta(days=365)
    app.set_keep_in_touch("personal", 30)
    assert app.next_contact(app.contact(a.id)) == long_ago.date() + timedelta(days=30)
    app.set_keep_in_touch("personal", 0)
    assert app.next_contact(app.contact(a.id)) is None
    with pytest.raises(InputError, match="keep_in_touch_days"):
        app.set_keep_in_touch("personal", -5)
    with pytest.raises(InputError):
        app.set_keep_in_touch("friends", 30)


def test_due_keep_limit_counts_everyone(app: PeopleLinks) -> None:
    long_ago = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(5):
        app.add_contact({"name": f"P{n}", "created": long_ago + timedelta(days=n)})
    report = app.due(keep_limit=2)
    assert report.keep_in_touch_total == 5
    assert [d.contact.name for d in report.keep_in_touch] == ["P0", "P1"]
    assert len(app.due().keep_in_touch) == 5


def test_referral_email_goes_into_the_new_leads_emails(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    result = app.log([a.id], referrals=[Referral("Bob Stone", "Acme", email="bob@X.com")])
    lead = result.new_leads[0]
    assert (lead.name, lead.company, lead.emails) == ("Bob Stone", "Acme", ["bob@x.com"])


@pytest.mark.parametrize("day", [date(1800, 1, 1), date(1899, 12, 31)])
def test_dates_before_1900_are_refused_by_the_service(app: PeopleLinks, day: date) -> None:
    a = app.add_contact({"name": "A"})
    with pytest.raises(InputError, match=rf"^date: {day.isoformat()} is out of range") as info:
        app.log([a.id], when=day)
    assert info.value.field == "date"
    for late in (day, date(3000, 1, 1)):
        with pytest.raises(InputError, match=rf"^due: {late.isoformat()} is out of range"):
            app.log([a.id], next_action="x", next_due=late)
        with pytest.raises(InputError, match=rf"^due: {late.isoformat()} is out of range"):
            app.add_followup(a.id, "x", late)
    fu = app.add_followup(a.id, "x", TODAY)
    with pytest.raises(InputError, match=rf"^due: {day.isoformat()} is out of range"):
        app.edit_followup(fu.id, due=day)
    assert app.db.interactions == {} and app.followup(fu.id).due == TODAY


def test_next_step_due_before_the_interaction_is_refused(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    when = TODAY - timedelta(days=2)
    with pytest.raises(InputError) as info:
        app.log([a.id], when=when, next_action="x", next_due=when - timedelta(days=10))
    assert info.value.field == "due"
    assert str(info.value).startswith("due: ")
    assert "2026-11-10" in str(info.value) and "2026-11-20" in str(info.value)
    assert app.db.interactions == {} and app.db.followups == {}
    # The same day is fine.
    assert app.log([a.id], when=when, next_action="x", next_due=when).followup is not None


def test_snooze_followup_moves_an_open_one_and_refuses_a_done_one(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    fu = app.add_followup(a.id, "Send the deck", TODAY)
    assert app.snooze_followup(fu.id, TODAY + timedelta(days=3)).due == TODAY + timedelta(days=3)
    app.complete_followup(fu.id)
    for change in (lambda: app.snooze_followup(fu.id, TODAY + timedelta(days=9)),
                   lambda: app.edit_followup(fu.id, due=TODAY + timedelta(days=9))):
        with pytest.raises(InputError) as info:
            change()
        assert str(info.value).startswith(f"follow-up: F{fu.id} 'Send the deck' is done; ")
        assert info.value.field == "follow-up"
    done = app.followup(fu.id)
    assert done.done and done.due == TODAY + timedelta(days=3)
    # The action of a done follow-up can still be corrected; so can an unchanged due date.
    assert app.edit_followup(fu.id, action="Send the slides", due=done.due).action == (
        "Send the slides")
    other = app.add_followup(a.id, "Call back", TODAY)
    with pytest.raises(InputError, match="out of range"):
        app.snooze_followup(other.id, date(1800, 1, 1))


def test_a_snooze_never_moves_a_follow_up_earlier(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    fu = app.add_followup(a.id, "Send the deck", TODAY + timedelta(days=3))
    with pytest.raises(InputError) as info:
        app.snooze_followup(fu.id, TODAY + timedelta(days=1))
    assert str(info.value).startswith(
        f"due: {(TODAY + timedelta(days=1)).isoformat()}, before the current due date ")
    assert info.value.field == "due"
    assert app.followup(fu.id).due == TODAY + timedelta(days=3)
    # The same day or later is fine; an edit may still bring it forward.
    assert app.snooze_followup(fu.id, TODAY + timedelta(days=3)).due == TODAY + timedelta(days=3)
    assert app.edit_followup(fu.id, due=TODAY).due == TODAY


def test_a_referral_linked_to_a_contact_keeps_its_note_and_email(app: PeopleLinks) -> None:
    from peoplelinks.domain.referrals import parse_referral

    ann = app.add_contact({"name": "Ann Lee"})
    sam = app.add_contact({"name": "Sam Okafor", "company": "Fabrikam", "notes": "met once"})
    app.log([ann.id], referrals=[parse_referral(
        "Sam Okafor (sam@fabrikam.example) @ Fabrikam - controller, knows the analytics team")])
    linked = app.contact(sam.id)
    assert linked.introduced_by == ann.id and linked.emails == ["sam@fabrikam.example"]
    assert linked.notes == ("met once\ncontroller, knows the analytics team "
                            "(referred by Ann Lee, 22 Nov 2026)")
    app.undo()
    assert app.contact(sam.id) == sam


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=3),
                          st.integers(min_value=-2, max_value=9),
                          st.sampled_from(["add", "done", "snooze", "trash"])),
                max_size=30))
def test_due_puts_each_open_followup_in_its_bucket_by_date(
        tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, int, str]]) -> None:
    """``due`` walks the open follow-ups in the order the store keeps them (by due
    date, then id) and cuts the buckets where each starts: it must answer as putting
    each one in :func:`bucket` and sorting, after any run of changes."""
    with PeopleLinks.open(tmp_path_factory.mktemp("due") / "db.json",
                          today=lambda: TODAY) as app:
        app.due()  # the store keeps its order from now on, change by change
        _check_due(app, steps)


def _check_due(app: PeopleLinks, steps: list[tuple[int, int, str]]) -> None:
    people = [app.add_contact({"name": f"P{n}"}) for n in range(4)]
    made: list[int] = []
    for who, days, what in steps:
        day = TODAY + timedelta(days=days)
        if app.contact(people[who].id).in_trash:
            continue
        if what == "add" or not made:
            made.append(app.add_followup(people[who].id, f"do {days}", day).id)
            continue
        fid = made[(who * 7 + days) % len(made)]
        if what == "done" and not app.followup(fid).done:
            app.complete_followup(fid)
        elif what == "snooze" and not app.followup(fid).done and day > app.followup(fid).due:
            app.edit_followup(fid, due=day)
        elif what == "trash":
            app.delete_contact(people[who].id)
    kept = {b: [] for b in Bucket}  # type: dict[Bucket, list[int]]
    for fu in sorted(app.db.followups.values(), key=lambda f: (f.due, f.id)):
        if not fu.done and not app.contact(fu.contact_id).in_trash:
            kept[bucket(fu.due, TODAY)].append(fu.id)
    report = app.due()
    assert {b: [f.id for f in report.followups[b]] for b in Bucket} == kept
