"""Every rule of the models, through the same path user input takes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from peoplelinks.domain.enums import Circle, Employment, Kind, Level, Outcome, PlanStatus, Status
from peoplelinks.domain.models import (
    Contact,
    FollowUp,
    Interaction,
    MeetingPlan,
    Objective,
    Settings,
    WeeklyGoals,
)
from peoplelinks.domain.validation import describe
from peoplelinks.errors import InputError


def error_of(model: type, data: dict) -> InputError:
    with pytest.raises(ValidationError) as info:
        model.from_input(data)
    return describe(info.value)


def test_enum_values_are_the_documented_json_contract() -> None:
    assert [c.value for c in Circle] == ["personal", "network", "work"]
    assert [s.value for s in Status] == ["lead", "active", "dormant", "not-helpful",
                                         "do-not-contact"]
    assert [e.value for e in Employment] == ["employed", "job-seeking", "unknown"]
    assert {k.value for k in Kind} == {"coffee", "call", "video", "email", "message", "meeting",
                                       "event", "interview", "other"}
    assert {lv.value for lv in Level} == {"unknown", "ic", "manager", "director", "executive"}
    assert [p.value for p in PlanStatus] == ["planned", "held", "cancelled"]
    assert [o.value for o in Outcome] == ["good", "neutral", "poor"]


def test_contact_defaults() -> None:
    c = Contact.from_input({"name": "Ann"})
    assert (c.circle, c.status, c.employment, c.level) == (
        Circle.NETWORK, Status.ACTIVE, Employment.UNKNOWN, Level.UNKNOWN)
    assert c.created.tzinfo is not None and c.created.utcoffset() == timedelta(0)
    assert not c.in_trash


@pytest.mark.parametrize("name", ["", "   ", "\x1b[31m", "\t\n"])
def test_empty_name_rejected_naming_the_field(name: str) -> None:
    err = error_of(Contact, {"name": name})
    assert err.field == "name"
    assert "name: must not be empty" in str(err)


def test_bad_email_names_field_and_value() -> None:
    err = error_of(Contact, {"name": "Ann", "emails": ["ann@example.com", "not-an-email"]})
    assert str(err) == "emails: 'not-an-email' is not a valid email address"


@pytest.mark.parametrize("email", ["a@b", "a b@c.com", "@c.com", "a@@c.com", "a@c.1"])
def test_more_bad_emails(email: str) -> None:
    assert "is not a valid email address" in str(error_of(Contact, {"name": "A",
                                                                    "emails": [email]}))


def test_emails_deduplicated_and_domain_lowercased() -> None:
    c = Contact.from_input({"name": "A", "emails": ["Ann@Example.COM", "ann@example.com", ""]})
    assert c.emails == ["Ann@example.com"]


def test_unknown_circle_names_field_and_value() -> None:
    err = error_of(Contact, {"name": "Ann", "circle": "friends"})
    assert err.field == "circle"
    assert "'personal', 'network' or 'work'" in str(err) and "'friends'" in str(err)


@pytest.mark.parametrize(
    ("field", "typed", "value"),
    [("circle", "Personal", Circle.PERSONAL), ("level", "VP", Level.EXECUTIVE),
     ("level", "individual contributor", Level.IC), ("status", "Not Helpful", Status.NOT_HELPFUL),
     ("status", "declined", Status.NOT_HELPFUL), ("employment", "job seeking",
                                                  Employment.JOB_SEEKING),
     ("status", "DNC", Status.DO_NOT_CONTACT)],
)
def test_aliases_and_case(field: str, typed: str, value: object) -> None:
    assert getattr(Contact.from_input({"name": "A", field: typed}), field) == value


def test_unknown_status_and_employment_rejected() -> None:
    assert error_of(Contact, {"name": "A", "status": "friendly"}).field == "status"
    assert error_of(Contact, {"name": "A", "employment": "retired"}).field == "employment"


def test_text_is_cleaned_of_escapes_and_controls() -> None:
    c = Contact.from_input({"name": "  Eve\x1b[31m  Red ", "company": "ACME\x07",
                            "notes": "line one\x1b]0;x\x07\nline two"})
    assert (c.name, c.company, c.notes) == ("Eve Red", "ACME", "line one\nline two")


def test_markup_like_text_is_kept_literally() -> None:
    c = Contact.from_input({"name": "Bob [/]", "company": "[bold]ACME[/]"})
    assert (c.name, c.company) == ("Bob [/]", "[bold]ACME[/]")


def test_stored_records_with_control_characters_are_rejected() -> None:
    # Data read back from a file is validated without cleaning: it must be clean.
    with pytest.raises(ValidationError) as info:
        Contact.model_validate({"name": "Eve\x1b[31m"})
    assert "contains control characters" in str(describe(info.value))


def test_phones() -> None:
    ok = Contact.from_input({"name": "A", "phones": ["+1 (555) 123-4567", "555.123.4567 ext 9"]})
    assert len(ok.phones) == 2
    assert error_of(Contact, {"name": "A", "phones": ["call me"]}).field == "phones"


def test_profile_url_gets_https_and_rejects_garbage() -> None:
    assert Contact.from_input({"name": "A", "profile_url": "linkedin.com/in/ann"}).profile_url \
        == "https://linkedin.com/in/ann"
    assert error_of(Contact, {"name": "A", "profile_url": "not a url"}).field == "profile_url"


def test_tags_deduplicated_and_no_commas_through_the_model() -> None:
    c = Contact.from_input({"name": "A", "tags": ["Alumni", "alumni", "pma"]})
    assert c.tags == ["Alumni", "pma"]
    assert Contact.from_input({"name": "A", "tags": "a, b"}).tags == ["a", "b"]
    with pytest.raises(ValidationError):
        Contact.model_validate({"name": "A", "tags": ["a,b"]})


@pytest.mark.parametrize("days", [-1, 3651])
def test_keep_in_touch_range(days: int) -> None:
    assert error_of(Contact, {"name": "A", "keep_in_touch_days": days}).field == \
        "keep_in_touch_days"


def test_unknown_field_rejected() -> None:
    assert str(error_of(Contact, {"name": "A", "nickname": "x"})) == \
        "nickname: is not a known field"


def test_records_are_frozen_and_changed_validates() -> None:
    c = Contact.from_input({"name": "A"})
    with pytest.raises(ValidationError):
        c.name = "B"  # type: ignore[misc]
    assert c.changed(name="  B ").name == "B"
    with pytest.raises(ValidationError):
        c.changed(circle="nope")


def test_timestamps_converted_to_utc() -> None:
    plus2 = timezone(timedelta(hours=2))
    c = Contact.from_input({"name": "A", "created": datetime(2026, 1, 1, 12, tzinfo=plus2)})
    assert c.created == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert c.model_dump(mode="json")["created"] == "2026-01-01T10:00:00Z"


def test_interaction_rules() -> None:
    i = Interaction.from_input({"contact_ids": [3, 3, 4], "date": "2026-11-01", "kind": "Zoom"})
    assert i.contact_ids == [3, 4] and i.kind == Kind.VIDEO and i.date == date(2026, 11, 1)
    assert error_of(Interaction, {"contact_ids": [], "date": "2026-11-01"}).field == "contact_ids"
    assert error_of(Interaction, {"contact_ids": [1], "date": "someday"}).field == "date"
    assert error_of(Interaction, {"contact_ids": [1], "date": "2026-11-01",
                                  "kind": "telepathy"}).field == "kind"


def test_followup_due_must_be_a_date() -> None:
    err = error_of(FollowUp, {"contact_id": 1, "action": "Send thanks", "due": "next-ish"})
    assert err.field == "due" and "'next-ish'" in str(err)


def test_followup_action_required_and_done_at_consistent() -> None:
    assert error_of(FollowUp, {"contact_id": 1, "action": " ", "due": "2026-01-01"}).field == \
        "action"
    err = error_of(FollowUp, {"contact_id": 1, "action": "x", "due": "2026-01-01",
                              "done_at": datetime(2026, 1, 2, tzinfo=UTC)})
    assert "not done" in str(err)


def test_meeting_plan_and_objective() -> None:
    plan = MeetingPlan.from_input({"contact_id": 2, "date": "2026-11-25", "purpose": " learn ",
                                   "status": "Done",
                                   "ask_for": "a hiring manager\na recruiter, data team"})
    assert plan.purpose == "learn" and plan.status == PlanStatus.HELD
    assert plan.ask_for == ["a hiring manager", "a recruiter, data team"]
    obj = Objective.from_input({"role": "PM", "level": "Director",
                                "target_companies": ["Acme", "acme", "Fabrikam, Inc."]})
    assert obj.target_companies == ["Acme", "Fabrikam, Inc."] and obj.is_set
    assert obj.level == Level.DIRECTOR
    assert obj.weekly_goals == WeeklyGoals(meetings=5, events=1)
    assert not Objective().is_set


def test_settings_interval_by_circle_and_override() -> None:
    settings = Settings()
    assert settings.interval_for(Contact.from_input({"name": "A", "circle": "work"})) == 180
    assert settings.interval_for(Contact.from_input({"name": "A", "circle": "network"})) == 180
    assert settings.interval_for(Contact.from_input({"name": "A", "circle": "personal"})) == 365
    assert settings.interval_for(Contact.from_input({"name": "A",
                                                     "keep_in_touch_days": 30})) == 30
