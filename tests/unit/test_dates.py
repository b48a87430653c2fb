"""Natural-language and ISO dates, relative to a fixed Sunday."""

from __future__ import annotations

from datetime import date

import pytest

from peoplelinks.domain.dates import add_months, check_date, parse_date
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
