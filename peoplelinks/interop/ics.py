"""What is coming, as an iCalendar file (``export ics``) for any calendar app.

Open follow-ups, planned meetings and keep-in-touch dates become all-day events
(or, with ``todo``, VTODOs: Google Calendar ignores those) with a reminder at 9:00
that day. Each has a stable UID ("followup-12@peoplelinks"...), so importing a
newer export into a calendar updates the entries instead of adding them twice;
the summary names the person and the action.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peoplelinks.domain.fields import now

DOMAIN = "peoplelinks"
REMINDER = timedelta(hours=9)  # after the all-day event's start: 9:00 that day


@dataclass(frozen=True)
class Entry:
    """One thing on a day."""

    uid: str
    day: date
    summary: str
    description: str = ""
    location: str = ""


def calendar_bytes(entries: Iterable[Entry], *, todo: bool = False,
                   stamp: datetime | None = None) -> bytes:
    """The .ics file: one VEVENT (or VTODO) per entry, each with a reminder."""
    import vobject  # type: ignore[import-untyped]  # noqa: PLC0415
    from dateutil import tz  # type: ignore[import-untyped]  # noqa: PLC0415 (vobject names UTC its way)

    cal = vobject.iCalendar()
    cal.add("prodid").value = "-//peoplelinks//peoplelinks//EN"
    cal.add("x-wr-calname").value = "peoplelinks"
    stamp = (stamp or now()).replace(tzinfo=tz.tzutc())
    for entry in entries:
        item = cal.add("vtodo" if todo else "vevent")
        item.add("uid").value = f"{entry.uid}@{DOMAIN}"
        item.add("dtstamp").value = stamp
        item.add("summary").value = entry.summary
        if todo:
            item.add("due").value = entry.day
        else:
            item.add("dtstart").value = entry.day
            item.add("dtend").value = entry.day + timedelta(days=1)
            item.add("transp").value = "TRANSPARENT"  # a reminder, not a busy day
        if entry.description:
            item.add("description").value = entry.description
        if entry.location:
            item.add("location").value = entry.location
        alarm = item.add("valarm")
        alarm.add("action").value = "DISPLAY"
        alarm.add("description").value = entry.summary
        alarm.add("trigger").value = REMINDER
    text: str = cal.serialize()
    return text.encode("utf-8")
