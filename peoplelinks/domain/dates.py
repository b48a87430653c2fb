"""Dates typed by people: ISO dates and natural language.

The common phrases of a job seeker's log ("tomorrow", "next tue", "in 2 weeks",
"end of month", and shorthands like "tmrw", "eom", "3d", "2w") are handled
here exactly; anything else goes to parsedatetime, imported only then (it costs
about 40 ms). The result is always a plain :class:`datetime.date`, and the
front ends show it before saving.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from peoplelinks.errors import InputError

_ALIASES = {
    "tmrw": "tomorrow", "tmw": "tomorrow", "tomorow": "tomorrow", "tom": "tomorrow",
    "yday": "yesterday", "tdy": "today", "now": "today",
    "eom": "end of month", "eow": "end of week", "eoy": "end of year",
    "next wk": "next week", "next mo": "next month",
}
_UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "m": "months", "mo": "months", "mos": "months", "month": "months", "months": "months",
    "y": "years", "yr": "years", "yrs": "years", "year": "years", "years": "years",
}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
            "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_RELATIVE = re.compile(
    r"^(?:in\s+)?(?P<sign>[+-])?\s*(?P<n>\d+|" + "|".join(_NUMBERS) + r")\s*(?P<unit>[a-z]+)"
    r"(?P<ago>\s+ago)?(?:\s+from\s+(?:now|today))?$"
)
_WEEKDAYS = {name: i for i, names in enumerate(
    [("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "weds", "wednesday"),
     ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
     ("sun", "sunday")]) for name in names}
_WEEKDAY = re.compile(r"^(?P<next>next\s+|this\s+|on\s+)?(?P<day>[a-z]+)$")


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


_MONTHS = {name: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_ORDINAL = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH_DAY = re.compile(
    rf"^(?:(?P<m1>[a-z]+)\.?\s+{_ORDINAL}"
    rf"|{_ORDINAL.replace('day', 'day2')}\s+(?:of\s+)?(?P<m2>[a-z]+)\.?)"
    r"(?:,?\s+(?P<year>\d{4}))?$"
)


def _month_day(text: str, today: date, field: str) -> date | None:
    """"dec 3", "3rd of december", "march 1 2027": the nearest such day when no year is given.

    An impossible day ("jan 32") is an error rather than a guess.
    """
    m = _MONTH_DAY.match(text)
    if not m:
        return None
    month = _MONTHS.get(m["m1"] or m["m2"] or "")
    if month is None:
        return None
    day = int(m["day"] or m["day2"])
    years = [int(m["year"])] if m["year"] else [today.year - 1, today.year, today.year + 1]
    candidates = []
    for year in years:
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise InputError(f"{field}: {text!r} is not a real date", field=field)
    return min(candidates, key=lambda d: abs((d - today).days))


def _relative(n: int, unit: str, today: date) -> date:
    if unit == "days":
        return today + timedelta(days=n)
    if unit == "weeks":
        return today + timedelta(weeks=n)
    if unit == "months":
        return add_months(today, n)
    return add_months(today, 12 * n)


def _exact(text: str, today: date) -> date | None:
    """The phrases handled here, or None to fall back to the library."""
    fixed = {
        "today": today,
        "tomorrow": today + timedelta(days=1),
        "yesterday": today - timedelta(days=1),
        "end of month": _month_end(today),
        "end of week": today + timedelta(days=(4 - today.weekday()) % 7),
        "end of year": date(today.year, 12, 31),
        "next week": today + timedelta(days=7 - today.weekday()),
        "next month": add_months(today, 1),
        "day after tomorrow": today + timedelta(days=2),
        "end of next week": today + timedelta(days=(4 - today.weekday()) % 7 + 7),
        "end of next month": _month_end(add_months(today.replace(day=1), 1)),
    }
    if text in fixed:
        return fixed[text]
    if m := _RELATIVE.match(text):
        unit = _UNITS.get(m["unit"])
        if unit:
            raw = m["n"]
            n = int(raw) if raw.isdigit() else _NUMBERS[raw]
            if m["sign"] == "-" or m["ago"]:
                n = -n
            return _relative(n, unit, today)
    if (m := _WEEKDAY.match(text)) and m["day"] in _WEEKDAYS:
        ahead = (_WEEKDAYS[m["day"]] - today.weekday()) % 7
        # "tue" and "next tue" both mean the coming Tuesday, never today.
        return today + timedelta(days=ahead or 7)
    return None


EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
_RANGE = f"give a date between {EARLIEST.isoformat()} and {LATEST.isoformat()}"


def check_date(day: date, field: str) -> date:
    """Return ``day`` if it is within :data:`EARLIEST`..:data:`LATEST`, else raise
    :class:`InputError` naming ``field`` (for dates that arrive already parsed)."""
    if not EARLIEST <= day <= LATEST:
        raise InputError(f"{field}: {day.isoformat()} is out of range; {_RANGE}", field=field)
    return day


def parse_date(text: str, today: date | None = None, *, field: str = "date") -> date:
    """Parse ``text`` as a date relative to ``today``.

    Raises :class:`InputError` quoting the text when it cannot be understood or
    falls outside :data:`EARLIEST`..:data:`LATEST`.
    """
    today = today or date.today()
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise InputError(f"{field}: empty; try a date like 2026-12-01, 'tomorrow' or "
                         "'in 2 weeks'", field=field)
    try:
        found = _parse(text, raw, today, field)
    except (ValueError, OverflowError):  # "in 99999 years": past the calendar's end
        found = None
        out_of_range = True
    else:
        out_of_range = found is not None and not EARLIEST <= found <= LATEST
    if out_of_range:
        raise InputError(f"{field}: {raw!r} is out of range; {_RANGE}", field=field)
    if found is None:
        raise InputError(
            f"{field}: cannot understand {raw!r}; try 2026-12-01, 'tomorrow', 'next tue', "
            "'in 2 weeks' or 'end of month'",
            field=field,
        )
    return found


def _parse(text: str, raw: str, today: date, field: str) -> date | None:
    """The date ``text`` (folded, lower case) means, or None if it means nothing."""
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        try:
            y, m, d = (int(p) for p in text.split("-"))
            return date(y, m, d)
        except ValueError as exc:
            raise InputError(f"{field}: {raw!r} is not a real date ({exc})", field=field) from None
    text = _ALIASES.get(text, text)
    found = _exact(text, today)
    if found is None:
        found = _month_day(text, today, field)
    if found is not None:
        return found
    return _library(text, today)


def _library(text: str, today: date) -> date | None:
    import parsedatetime  # noqa: PLC0415 - imported lazily, it costs ~40 ms

    cal = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    source = datetime(today.year, today.month, today.day, 12)
    try:
        parsed, ctx = cal.parseDT(text, sourceTime=source)
    except (ValueError, OverflowError):
        return None
    if not ctx.hasDate and not ctx.hasTime:
        return None
    return parsed.date()
