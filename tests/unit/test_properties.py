"""Property-based tests: what holds for any input, not just the examples we thought of.

- every model survives a trip through its JSON form unchanged;
- ``parse_date`` returns a date between 1900 and 2999 or raises InputError;
- ``parse_referral(s)`` returns clean single-line names or raises InputError, and
  reads back what ``Name @ Company - note`` wrote.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from peoplelinks.domain.dates import EARLIEST, LATEST, parse_date
from peoplelinks.domain.enums import Circle, Employment, Kind, Level, PlanStatus, Status
from peoplelinks.domain.models import (
    Contact,
    FollowUp,
    Interaction,
    MeetingPlan,
    Model,
    Objective,
    Settings,
)
from peoplelinks.domain.referrals import Referral, parse_referral, parse_referrals, split_email
from peoplelinks.domain.text import clean_text
from peoplelinks.errors import InputError

FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# ---- text people type and files hold ---------------------------------------------------

PIECES = [
    "[b]", "[/]", "[/b]", "Bob [/]", "[@click=app.quit]x[/]", "[ACME Corp]", "\\[", "$name",
    "\x1b[31m", "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\", "\x9b2J", "\x1b", "\x00", "\x7f",
    "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u2028", "\x85",
    "\n", "\r\n", "\r", "\t", "  ", "\u00a0", "\u3000",
    "👨\u200d👩\u200d👧", "🇫🇷", "👍🏽", "李小龙", "株式会社", "e\u0308", "Zoë", "ﷺ", "𝔘𝔫𝔦",
    " @ ", "@", " - ", "-", "(", ")", "<", ">", ",", "ann@x.com", "<b@y.org>", "'", '"',
]
TEXT = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(PIECES)), max_size=8).map(
    "".join)
DATES = st.dates(min_value=EARLIEST, max_value=LATEST)
STAMPS = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2999, 12, 30),
                      timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)),
                                                 timezone(timedelta(hours=-8))]))
# Required text: something visible among whatever else was typed.
NAME = st.tuples(TEXT, st.text(st.characters(categories=["L", "N", "S"]), min_size=1,
                               max_size=5), TEXT).map("".join)
# Mostly well-formed (so that most contacts are valid), sometimes anything.
EMAIL = st.builds(lambda local, host: f"{local}@{host}.com",
                  st.from_regex(r"[A-Za-z0-9._+-]{1,12}", fullmatch=True),
                  st.from_regex(r"[A-Za-z0-9-]{1,12}", fullmatch=True))
EMAILS = st.one_of(st.lists(EMAIL, max_size=3), st.lists(st.one_of(EMAIL, TEXT), max_size=2))
PHONE = st.from_regex(r"\+?[0-9 ()-]{0,6}[0-9]{3}[0-9 ()-]{0,6}( ext\. ?[0-9]{1,4})?",
                      fullmatch=True)
PHONES = st.one_of(st.lists(PHONE, max_size=3), st.lists(st.one_of(PHONE, TEXT), max_size=2))
IDS = st.integers(min_value=1, max_value=10**6)


def _choice(enum: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(list(enum)), st.sampled_from([e.value for e in enum]),
                     TEXT)


def _text_list() -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(TEXT, max_size=4), TEXT)


CONTACTS = st.fixed_dictionaries({"name": NAME}, optional={
    "company": TEXT, "title": TEXT, "how_met": TEXT, "notes": TEXT, "warning": TEXT,
    "level": _choice(Level), "circle": _choice(Circle), "status": _choice(Status),
    "employment": _choice(Employment), "emails": EMAILS, "phones": PHONES,
    "tags": _text_list(),
    "profile_url": st.one_of(TEXT, st.sampled_from(["example.com/in/ann", "http://x.org",
                                                    "https://localhost:8000/a b"])),
    "introduced_by": st.one_of(st.none(), IDS), "id": st.integers(0, 10**6),
    "keep_in_touch_days": st.one_of(st.none(), st.integers(0, 3650)),
    "created": STAMPS, "updated": STAMPS, "deleted_at": st.one_of(st.none(), STAMPS),
})
INTERACTIONS = st.fixed_dictionaries(
    {"contact_ids": st.lists(IDS, min_size=1, max_size=4), "date": DATES}, optional={
        "kind": _choice(Kind), "notes": TEXT, "gave": TEXT, "got": TEXT,
        "referrals": st.lists(IDS, max_size=4), "asked_for_referrals": st.booleans(),
        "created": STAMPS, "id": IDS,
    })
FOLLOWUPS = st.one_of(
    st.fixed_dictionaries({"contact_id": IDS, "action": NAME, "due": DATES},
                          optional={"interaction_id": st.one_of(st.none(), IDS),
                                    "created": STAMPS, "id": IDS}),
    st.fixed_dictionaries({"contact_id": IDS, "action": NAME, "due": DATES,
                           "done": st.just(True), "done_at": STAMPS}),
)
PLANS = st.fixed_dictionaries({"contact_id": IDS}, optional={
    "date": st.one_of(st.none(), DATES), "purpose": TEXT, "agenda": TEXT, "offer": TEXT,
    "info_wanted": TEXT, "referrals_wanted": _text_list(), "status": _choice(PlanStatus),
    "interaction_id": st.one_of(st.none(), IDS), "created": STAMPS,
})
OBJECTIVES = st.fixed_dictionaries({}, optional={
    "role": TEXT, "level": TEXT, "industries": _text_list(), "target_companies": _text_list(),
    "locations": _text_list(), "updated": st.one_of(st.none(), STAMPS),
    "weekly_goals": st.fixed_dictionaries({}, optional={
        k: st.integers(0, 100) for k in ("meetings", "events", "followups")}),
})
SETTINGS = st.fixed_dictionaries({}, optional={
    "keep_in_touch_days": st.dictionaries(_choice(Circle), st.integers(0, 3650), max_size=3),
})

INPUTS: list[tuple[type[Model], st.SearchStrategy[dict[str, Any]]]] = [
    (Contact, CONTACTS), (Interaction, INTERACTIONS), (FollowUp, FOLLOWUPS),
    (MeetingPlan, PLANS), (Objective, OBJECTIVES), (Settings, SETTINGS)]


@pytest.mark.parametrize(("model", "inputs"), INPUTS, ids=[m.__name__ for m, _ in INPUTS])
@FAST
@given(data=st.data())
def test_every_model_survives_its_json_form(
        model: type[Model], inputs: st.SearchStrategy[dict[str, Any]], data: st.DataObject,
) -> None:
    given_input = data.draw(inputs, label="input")
    try:
        record = model.from_input(given_input)
    except (InputError, ValidationError):
        event("refused cleanly")
        return
    event(f"valid {model.__name__}")
    again = model.model_validate(record.model_dump(mode="json"))
    assert again == record
    assert again.model_dump(mode="json") == record.model_dump(mode="json")


# ---- dates ------------------------------------------------------------------------------

NUMBER = st.one_of(st.integers(-10**12, 10**12).map(str),
                   st.sampled_from(["a", "an", "one", "two", "twelve", "0", "00", "١٢"]))
UNIT = st.sampled_from(["d", "day", "days", "w", "wks", "weeks", "m", "mo", "months", "y",
                        "yrs", "years", "fortnight", "hours", "sec"])
DATE_WORDS = st.one_of(
    st.text(max_size=30),
    TEXT,
    st.builds(lambda pre, n, unit, post: f"{pre}{n} {unit}{post}",
              st.sampled_from(["", "in ", "+", "-", "in -"]), NUMBER, UNIT,
              st.sampled_from(["", " ago", " from now", " from today"])),
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", st.integers(0, 99999), st.integers(0, 13),
              st.integers(0, 32)),
    st.builds(lambda month, day, year: f"{month} {day} {year}".strip(),
              st.sampled_from(["jan", "feb", "march", "sept", "dec.", "smarch"]),
              st.sampled_from(["1", "1st", "29", "30", "31", "32", "99"]),
              st.sampled_from(["", "0000", "1899", "1900", "2999", "3000", "9999"])),
    st.sampled_from(["today", "tmrw", "yesterday", "eom", "eoy", "next tue", "this fri",
                     "end of next month", "day after tomorrow", "next year", "last year",
                     "noon", "10am", "in 3 days at noon", "2 weeks ago tuesday",
                     "the 31st", "february 30th", "Feb 29", "dec 31 2999", "jan 1 1900"]),
)


@FAST
@given(DATE_WORDS, DATES)
def test_parse_date_gives_a_date_in_range_or_an_input_error(text: str, today: date) -> None:
    try:
        day = parse_date(text, today, field="due")
    except InputError as exc:
        message = str(exc)
        assert message.startswith("due: ") and "\n" not in message and exc.field == "due"
        return
    assert isinstance(day, date) and EARLIEST <= day <= LATEST


# ---- referrals --------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean_line(text: str) -> bool:
    return "\n" not in text and len(text.splitlines()) <= 1 and not _CONTROL.search(text)


def _check(ref: Referral) -> None:
    assert ref.name and ref.name == ref.name.strip()
    for part in (ref.name, ref.company, ref.note, ref.email):
        assert _clean_line(part), ref


@FAST
@given(st.one_of(TEXT, st.text()))
def test_any_referral_line_gives_clean_names_or_an_input_error(text: str) -> None:
    try:
        ref = parse_referral(text)
    except InputError as exc:
        assert exc.field == "referrals" and "\n" not in str(exc)
        return
    _check(ref)


@FAST
@given(st.lists(st.one_of(TEXT, st.text()), max_size=5).map("\n".join))
def test_any_referral_text_gives_clean_names_or_an_input_error(text: str) -> None:
    try:
        refs = parse_referrals(text)
    except InputError as exc:
        assert exc.field == "referrals"
        return
    for ref in refs:
        _check(ref)


def _part(text: str) -> bool:
    """Usable as one part of ``Name @ Company - note``: clean, and no separator in it
    (nor made at its ends when the parts are joined)."""
    return bool(text) and clean_text(text) == text and " @ " not in f" {text} " \
        and " - " not in f" {text} "


PART = TEXT.map(clean_text).filter(_part)


@FAST
@given(PART.filter(lambda name: split_email(name) == (name, "")), PART, PART)
def test_referral_round_trip(name: str, company: str, note: str) -> None:
    line = f"{name} @ {company} - {note}"
    assert parse_referral(line) == Referral(name, company, note)
    assert parse_referrals(f"{line}\n{name}\n") == [Referral(name, company, note),
                                                    Referral(name)]
