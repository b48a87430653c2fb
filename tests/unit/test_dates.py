"""Natural-language and ISO dates, relative to a fixed Sunday."""

from __future__ import annotations

from datetime import date

import pytest

from peoplelinks.domain.dates import (
    Direction,
    add_months,
    check_date,
    not_earlier,
    parse_date,
    snooze_date,
    snooze_suggestion,
)
from peoplelinks.errors import InputError

SUNDAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 22)), ("Today", date(2026, 11, 22)),
        ("tomorrow", date(2026, 11, 23)), ("tmrw", date(2026, 11, 23)),
        ("yesterday", date(2026, 11, 21)),
        ("next tue", date(2026, 11, 24)), ("next tuesday", date(2026, 11, 24)),
        ("tue", date(2026, 11, 24)), ("sunday", date(2026, 11, 29)),
        ("in 2 weeks", date(2026, 12, 6)), ("2 weeks", date(2026, 12, 6)),
        ("in 2 wks", date(2026, 12, 6)), ("2w", date(2026, 12, 6)),
        ("in 3 days", date(2026, 11, 25)), ("+3d", date(2026, 11, 25)),
        ("3 days ago", date(2026, 11, 19)), ("in a month", date(2026, 12, 22)),
        ("in two weeks", date(2026, 12, 6)),
        ("end of month", date(2026, 11, 30)), ("eom", date(2026, 11, 30)),
        ("end of week", date(2026, 11, 27)), ("next week", date(2026, 11, 23)),
        ("2026-12-01", date(2026, 12, 1)), ("2027-1-5", date(2027, 1, 5)),
        ("dec 3", date(2026, 12, 3)), ("3rd of december", date(2026, 12, 3)),
        ("nov 20", date(2026, 11, 20)), ("jan 5", date(2027, 1, 5)),
        ("march 1 2028", date(2028, 3, 1)), ("day after tomorrow", date(2026, 11, 24)),
        ("end of next month", date(2026, 12, 31)), ("end of next week", date(2026, 12, 4)),
    ],
)
def test_parses(text: str, expected: date) -> None:
    assert parse_date(text, SUNDAY) == expected


def test_weekday_on_that_weekday_means_next_week() -> None:
    tuesday = date(2026, 11, 24)
    assert parse_date("tue", tuesday) == date(2026, 12, 1)


@pytest.mark.parametrize("text", ["garbage", "the day after never", "sometime"])
def test_unparseable_quotes_the_text_and_names_the_field(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_date(text, SUNDAY, field="due")
    assert str(info.value).startswith("due: cannot understand")
    assert repr(text) in str(info.value)
    assert info.value.field == "due"


def test_impossible_iso_date() -> None:
    with pytest.raises(InputError, match="'2026-02-30' is not a real date"):
        parse_date("2026-02-30", SUNDAY)


@pytest.mark.parametrize("text", ["jan 32", "feb 30", "dec 45"])
def test_impossible_month_day_refused(text: str) -> None:
    with pytest.raises(InputError, match="is not a real date"):
        parse_date(text, SUNDAY)


def test_empty() -> None:
    with pytest.raises(InputError, match="empty"):
        parse_date("  ", SUNDAY)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


@pytest.mark.parametrize("text", ["1800-01-01", "1899-12-31", "3000-01-01", "9999-12-31",
                                  "jan 1 1800", "march 3 3001", "in 2000 years",
                                  "500 years ago", "in 99999 years", "in 99999999999 days",
                                  "-99999999 weeks"])
def test_dates_out_of_range_are_refused_quoting_the_text(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_date(text, SUNDAY, field="due")
    assert str(info.value).startswith("due: ")
    assert repr(text) in str(info.value)
    assert info.value.field == "due"
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("text", "expected"), [("1900-01-01", date(1900, 1, 1)),
                                                ("2999-12-31", date(2999, 12, 31))])
def test_range_ends_are_accepted(text: str, expected: date) -> None:
    assert parse_date(text, SUNDAY) == expected


def test_check_date_range() -> None:
    assert check_date(date(1900, 1, 1), "date") == date(1900, 1, 1)
    with pytest.raises(InputError, match=r"^date: 1800-01-01 is out of range") as info:
        check_date(date(1800, 1, 1), "date")
    assert info.value.field == "date"


# ---- direction: a log's date looks back, a due date and a snooze ahead ---------------

PAST, FUTURE = Direction.PAST, Direction.FUTURE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thursday", date(2026, 11, 19)), ("thu", date(2026, 11, 19)),
        ("on thu", date(2026, 11, 19)), ("this thursday", date(2026, 11, 19)),
        ("last thursday", date(2026, 11, 19)), ("sunday", SUNDAY), ("sun", SUNDAY),
        ("last sunday", date(2026, 11, 15)), ("mon", date(2026, 11, 16)),
        ("today", SUNDAY), ("yesterday", date(2026, 11, 21)),
        ("3d", date(2026, 11, 19)), ("2 weeks", date(2026, 11, 8)),
        ("3 days ago", date(2026, 11, 19)), ("-1w", date(2026, 11, 15)),
        ("last week", date(2026, 11, 15)), ("last month", date(2026, 10, 22)),
        ("dec 3", date(2025, 12, 3)), ("nov 20", date(2026, 11, 20)),
        ("2026-11-01", date(2026, 11, 1)),
        # a date written out may be one day ahead (time zones); a phrase may not
        ("2026-11-23", date(2026, 11, 23)), ("nov 23", date(2026, 11, 23)),
    ],
)
def test_a_date_that_happened_looks_back(text: str, expected: date) -> None:
    assert parse_date(text, SUNDAY, field="date", direction=PAST) == expected


@pytest.mark.parametrize("text", ["next week", "tomorrow", "tmrw", "in 3 days", "+2d",
                                  "next thu", "in 2 weeks", "end of week", "end of month",
                                  "2026-11-24", "dec 1 2026", "3 days from now"])
def test_a_date_that_happened_refuses_the_future_naming_field_and_text(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_date(text, SUNDAY, field="date", direction=PAST)
    message = str(info.value)
    assert message.startswith(f"date: {text!r} is ") and "in the future" in message
    assert info.value.field == "date"


def test_end_of_month_on_its_last_day_is_today_looking_back() -> None:
    last = date(2026, 11, 30)
    assert parse_date("end of month", last, direction=PAST) == last


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thursday", date(2026, 11, 26)), ("sun", date(2026, 11, 29)),
        ("next week", date(2026, 11, 23)), ("2w", date(2026, 12, 6)), ("3d", date(2026, 11, 25)),
        ("dec 3", date(2026, 12, 3)), ("nov 20", date(2027, 11, 20)),
        ("nov 22", SUNDAY), ("last fri", date(2026, 11, 20)), ("yesterday", date(2026, 11, 21)),
    ],
)
def test_a_due_date_looks_ahead(text: str, expected: date) -> None:
    assert parse_date(text, SUNDAY, field="due", direction=FUTURE) == expected


def test_direction_of_a_field() -> None:
    assert Direction.of("date") is PAST and Direction.of("due") is FUTURE
    assert Direction.of("other") is Direction.ANY


WEDNESDAY_25 = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # phrases count from the due date when it is later than today
        ("tomorrow", date(2026, 11, 26)), ("in 1 week", date(2026, 12, 2)),
        ("2d", date(2026, 11, 27)), ("fri", date(2026, 11, 27)), ("wed", date(2026, 12, 2)),
        ("next week", date(2026, 11, 30)),
        # dates written out are what they say
        ("2026-11-25", WEDNESDAY_25), ("dec 3", date(2026, 12, 3)),
    ],
)
def test_a_snooze_counts_from_the_later_due_date(text: str, expected: date) -> None:
    assert snooze_date(text, SUNDAY, WEDNESDAY_25) == expected


def test_a_snooze_of_an_overdue_item_counts_from_today() -> None:
    overdue = date(2026, 11, 10)
    assert snooze_date("tomorrow", SUNDAY, overdue) == date(2026, 11, 23)
    assert snooze_date("in 2 weeks", SUNDAY, overdue) == date(2026, 12, 6)
    assert snooze_date("today", SUNDAY, overdue) == SUNDAY


@pytest.mark.parametrize("text", ["2026-11-24", "nov 23", "today", "yesterday", "3 days ago"])
def test_a_snooze_never_moves_a_date_earlier(text: str) -> None:
    with pytest.raises(InputError) as info:
        snooze_date(text, SUNDAY, WEDNESDAY_25)
    message = str(info.value)
    assert message.startswith(f"due: {text!r} is ")
    assert "before the current due date Wed 25 Nov 2026" in message
    assert info.value.field == "due"


def test_not_earlier_without_text() -> None:
    assert not_earlier(WEDNESDAY_25, WEDNESDAY_25) == WEDNESDAY_25
    with pytest.raises(InputError, match=r"^due: 2026-11-24, before the current due date"):
        not_earlier(date(2026, 11, 24), WEDNESDAY_25)


def test_a_snooze_offers_a_date_after_the_current_one() -> None:
    for current in (date(2026, 11, 10), SUNDAY, WEDNESDAY_25, date(2027, 3, 1)):
        offered = snooze_date(snooze_suggestion(SUNDAY, current), SUNDAY, current)
        assert offered > current and offered > SUNDAY
