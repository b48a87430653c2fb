"""export ics: follow-ups, planned meetings and keep-in-touch dates as all-day events
(or to-dos) with a reminder, and UIDs that stay the same from one export to the
next, so a calendar updates its entries instead of doubling them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import vobject  # type: ignore[import-untyped]

from peoplelinks.service import PeopleLinks
from tests.conftest import TODAY


def _read(path: Path) -> list[object]:
    return list(vobject.readComponents(path.read_text(encoding="utf-8")))[0].getChildren()


def test_events_with_stable_uids_and_reminders(app: PeopleLinks, tmp_path: Path) -> None:
    ann = app.add_contact({"name": "Ann Lee", "keep_in_touch_days": 30})
    fu = app.add_followup(ann.id, "Send the deck", TODAY + timedelta(days=2))
    plan = app.plan_meeting(ann.id, TODAY + timedelta(days=5), place="Blue Bottle",
                            purpose="her team's roadmap")
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert app.export_ics(first) == 3
    events = {e.uid.value: e for e in _read(first) if e.name == "VEVENT"}
    assert set(events) == {f"followup-{fu.id}@peoplelinks", f"plan-{plan.id}@peoplelinks",
                           f"keep-in-touch-{ann.id}@peoplelinks"}
    deck = events[f"followup-{fu.id}@peoplelinks"]
    assert deck.summary.value == "Send the deck — Ann Lee"
    assert deck.dtstart.value == fu.due
    assert deck.valarm.trigger.value == timedelta(hours=9)
    meet = events[f"plan-{plan.id}@peoplelinks"]
    assert meet.summary.value == "Meet Ann Lee: her team's roadmap"
    assert meet.location.value == "Blue Bottle"
    app.edit_followup(fu.id, due=TODAY + timedelta(days=4))
    app.export_ics(second)
    again = {e.uid.value: e for e in _read(second) if e.name == "VEVENT"}
    assert set(again) == set(events)  # the same UIDs: the calendar moves the entry
    assert again[f"followup-{fu.id}@peoplelinks"].dtstart.value == TODAY + timedelta(days=4)


def test_todos_and_what_is_left_out(app: PeopleLinks, tmp_path: Path) -> None:
    ann = app.add_contact({"name": "Ann Lee"})
    done = app.add_followup(ann.id, "Already done")
    app.complete_followup(done.id)
    app.add_followup(ann.id, "Call back", TODAY + timedelta(days=1))
    target = tmp_path / "todo.ics"
    assert app.export_ics(target, todo=True) == 1  # a done follow-up is not on it
    (todo,) = [c for c in _read(target) if c.name == "VTODO"]
    assert todo.summary.value == "Call back — Ann Lee"
    assert todo.due.value == TODAY + timedelta(days=1)
