"""Dates typed by people: ISO dates and natural language.

The common phrases of a job seeker's log ("tomorrow", "next tue", "in 2 weeks",
"end of month", and shorthands like "tmrw", "eom", "3d", "2w") are handled
here exactly; anything else goes to parsedatetime, imported only then (it costs
about 40 ms). The result is always a plain :class:`datetime.date`, and the
front ends show it before saving.

A date field knows its :class:`Direction`: the date of something that happened
looks back ("thursday" typed on a Sunday is the Thursday just gone) and refuses
the future; a due date looks ahead; a snooze (:func:`snooze_date`) looks ahead
from the later of today and the date it moves, and never moves it earlier.
"""

from __future__ import annotations

import calendar
import importlib
import re
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from peoplelinks.errors import InputError

_ALIASES = {
    "tmrw": "tomorrow", "tmw": "tomorrow", "tomorow": "tomorrow", "tom": "tomorrow",
    "yday": "yesterday", "tdy": "today", "now": "today",
    "eom": "end of month", "eow": "end of week", "eoy": "end of year",
    "next wk": "next week", "next mo": "next month",
    "last wk": "last week", "last mo": "last month",
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
    r"^(?P<in>in\s+)?(?P<sign>[+-])?\s*(?P<n>\d+|" + "|".join(_NUMBERS) + r")\s*"
    r"(?P<unit>[a-z]+)(?P<ago>\s+ago)?(?P<from>\s+from\s+(?:now|today))?$"
)
_WEEKDAYS = {name: i for i, names in enumerate(
    [("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "weds", "wednesday"),
     ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
     ("sun", "sunday")]) for name in names}
_WEEKDAY = re.compile(r"^(?:(?P<rel>next|this|on|last|past)\s+)?(?P<day>[a-z]+)$")

# A date written out (2026-11-23, "nov 23") may be this many days after today in a
# past-looking field: the other person's calendar, or the laptop's clock, may
# already be on tomorrow. A phrase ("tomorrow", "in 1 day") gets no such allowance.
PAST_ALLOWANCE_DAYS = 1


class Direction(StrEnum):
    """Which way a date field looks, so that a phrase means what the person means.

    - ``PAST``: when something happened (a log's date). Weekdays ("thu", "on
      thu", "this thu": the latest such day, today included; "last thu": before
      today), month days without a year ("dec 3": the latest one) and bare
      amounts ("3d", "2 weeks": ago) look back; "last week" is a week ago. What
      names the future ("tomorrow", "next week", "in 3 days", "+2d", "end of
      month" before the month's last day) is refused. A date written out may be
      :data:`PAST_ALLOWANCE_DAYS` ahead (time zones); a phrase may not.
    - ``FUTURE``: something to do (a due date, a snooze). Weekdays ("tue" on a
      Tuesday: the next one, never today) and bare amounts look ahead; a month
      day without a year is the next one on or after today. A past date is not
      refused (an overdue item may be entered as it is).
    - ``ANY``: nothing known: weekdays and amounts ahead, a month day the nearest.

    Words that say their own direction win in every field: "3 days ago",
    "last fri", "in 2 weeks", "next tue" and "yesterday" mean what they say.
    """

    ANY = "any"
    PAST = "past"
    FUTURE = "future"

    @classmethod
    def of(cls, field: str) -> Direction:
        """The direction of a front end's date field by its name: ``date`` (when
        something happened) looks back, ``due`` ahead, anything else :attr:`ANY`."""
        return {"date": cls.PAST, "due": cls.FUTURE}.get(field, cls.ANY)


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


def _month_day(text: str, today: date, field: str, direction: Direction) -> date | None:
    """"dec 3", "3rd of december", "march 1 2027". Without a year: the latest such
    day looking back (:attr:`Direction.PAST`), the next one on or after today looking
    ahead, else the nearest.

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
    if direction is Direction.PAST:
        gone = [d for d in candidates if d <= today + timedelta(days=PAST_ALLOWANCE_DAYS)]
        return max(gone) if gone else min(candidates)
    if direction is Direction.FUTURE:
        coming = [d for d in candidates if d >= today]
        return min(coming) if coming else max(candidates)
    return min(candidates, key=lambda d: abs((d - today).days))


def _relative(n: int, unit: str, today: date) -> date:
    if unit == "days":
        return today + timedelta(days=n)
    if unit == "weeks":
        return today + timedelta(weeks=n)
    if unit == "months":
        return add_months(today, n)
    return add_months(today, 12 * n)


def _exact(text: str, today: date, base: date, direction: Direction) -> date | None:
    """The phrases handled here, or None to fall back to the library. Phrases count
    from ``base``; "today" and "yesterday" always mean today's date and the one before."""
    fixed = {
        "today": today,
        "yesterday": today - timedelta(days=1),
        "tomorrow": base + timedelta(days=1),
        "end of month": _month_end(base),
        "end of week": base + timedelta(days=(4 - base.weekday()) % 7),
        "end of year": date(base.year, 12, 31),
        "next week": base + timedelta(days=7 - base.weekday()),
        "next month": add_months(base, 1),
        "day after tomorrow": base + timedelta(days=2),
        "end of next week": base + timedelta(days=(4 - base.weekday()) % 7 + 7),
        "end of next month": _month_end(add_months(base.replace(day=1), 1)),
        "last week": base - timedelta(weeks=1),
        "last month": add_months(base, -1),
        "last year": add_months(base, -12),
    }
    if text in fixed:
        return fixed[text]
    back = direction is Direction.PAST
    if m := _RELATIVE.match(text):
        unit = _UNITS.get(m["unit"])
        if unit:
            raw = m["n"]
            n = int(raw) if raw.isdigit() else _NUMBERS[raw]
            ahead = bool(m["in"] or m["from"]) or m["sign"] == "+"
            if m["sign"] == "-" or m["ago"] or (back and not ahead):  # bare "3d" in a log: ago
                n = -n
            return _relative(n, unit, base)
    if (m := _WEEKDAY.match(text)) and m["day"] in _WEEKDAYS:
        day = _WEEKDAYS[m["day"]]
        if m["rel"] in ("last", "past"):  # the one before today
            return base - timedelta(days=(base.weekday() - day) % 7 or 7)
        if back and m["rel"] != "next":  # the latest one, today included
            return base - timedelta(days=(base.weekday() - day) % 7)
        ahead_by = (day - base.weekday()) % 7
        # "tue" and "next tue" both mean the coming Tuesday, never today.
        return base + timedelta(days=ahead_by or 7)
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


def parse_date(text: str, today: date | None = None, *, field: str = "date",
               direction: Direction = Direction.ANY, base: date | None = None) -> date:
    """Parse ``text`` as a date relative to ``today``, looking the way ``direction``
    says (see :class:`Direction`); phrases count from ``base`` (default: today).

    Raises :class:`InputError` naming ``field`` and quoting the text when it cannot
    be understood, falls outside :data:`EARLIEST`..:data:`LATEST`, or names the
    future in a :attr:`Direction.PAST` field.
    """
    today = today or date.today()
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise InputError(f"{field}: empty; try a date like 2026-12-01, 'tomorrow' or "
                         "'in 2 weeks'", field=field)
    try:
        found, written = _parse(text, raw, today, base or today, direction, field)
    except (ValueError, OverflowError):  # "in 99999 years": past the calendar's end
        found, written = None, False
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
    allowed = PAST_ALLOWANCE_DAYS if written else 0
    if direction is Direction.PAST and (found - today).days > allowed:
        raise InputError(f"{field}: {raw!r} is {found:%a %d %b %Y}, in the future; give the day "
                         "it happened (today or earlier)", field=field)
    return found


def snooze_date(text: str, today: date, current: date, *, field: str = "due") -> date:
    """The date a snooze of something due ``current`` moves it to.

    ``text`` looks ahead, and its phrases count from the later of today and
    ``current``: "tomorrow" or "in 1 week" for a follow-up due next Friday mean
    the Saturday or the Friday after it. A date before ``current`` is refused
    (:func:`not_earlier`): a snooze never brings a date forward.
    """
    day = parse_date(text, today, field=field, direction=Direction.FUTURE,
                     base=max(today, current))
    return not_earlier(day, current, field, text)


def not_earlier(day: date, current: date, field: str = "due", text: str | None = None) -> date:
    """Return ``day`` unless it is before ``current`` (the date a snooze moves);
    then raise :class:`InputError` naming ``field`` and quoting ``text`` if given."""
    if day < current:
        said = f"{text!r} is {day:%a %d %b %Y}" if text is not None else day.isoformat()
        raise InputError(f"{field}: {said}, before the current due date {current:%a %d %b %Y}; "
                         "a snooze never moves a date earlier (edit the follow-up to bring it "
                         "forward)", field=field)
    return day


def snooze_suggestion(today: date, current: date) -> str:
    """What a snooze question offers first: "tomorrow" for something due today or
    overdue, else "in 1 week" (counted from its due date by :func:`snooze_date`)."""
    return "tomorrow" if current <= today else "in 1 week"


def _parse(text: str, raw: str, today: date, base: date, direction: Direction,
           field: str) -> tuple[date | None, bool]:
    """The date ``text`` (folded, lower case) means, or None if it means nothing; and
    whether it was a date written out (ISO or a month and day) rather than a phrase."""
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        try:
            y, m, d = (int(p) for p in text.split("-"))
            return date(y, m, d), True
        except ValueError as exc:
            raise InputError(f"{field}: {raw!r} is not a real date ({exc})", field=field) from None
    text = _ALIASES.get(text, text)
    found = _exact(text, today, base, direction)
    if found is not None:
        return found, False
    found = _month_day(text, today, field, direction)
    if found is not None:
        return found, True
    return _library(text, base), False


def _library(text: str, base: date) -> date | None:
    # Imported lazily (it costs ~40 ms), and untyped: kept as Any here only.
    parsedatetime: Any = importlib.import_module("parsedatetime")

    cal = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    source = datetime(base.year, base.month, base.day, 12)
    try:
        parsed, ctx = cal.parseDT(text, sourceTime=source)
    except (ValueError, OverflowError):
        return None
    if not ctx.hasDate and not ctx.hasTime:
        return None
    day: date = parsed.date()
    return day
