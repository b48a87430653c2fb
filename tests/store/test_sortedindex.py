"""Ids in the order of a date or a time, kept in two arrays of numbers: every range
asked for gives what sorting the (value, id) pairs themselves gives, after any
moves, and an index read back from what it stored answers the same."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from peoplelinks.store.sortedindex import SortedIndex, stored_value

_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 3, 1))
_zones = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)),
                          timezone(timedelta(hours=-8))])
_times = st.builds(lambda d, s, us, tz: datetime(d.year, d.month, d.day, tzinfo=tz)
                   + timedelta(seconds=s, microseconds=us),
                   _dates, st.integers(0, 86_399), st.integers(0, 999_999), _zones)


def _check(values: st.SearchStrategy, data: st.DataObject) -> None:  # type: ignore[type-arg]
    pairs = data.draw(st.lists(st.tuples(values, st.integers(1, 40)), max_size=30))
    index = SortedIndex(pairs)
    model = sorted(pairs, key=lambda p: (stored_value(p[0]), p[1]))
    for _ in range(data.draw(st.integers(0, 20))):
        old = data.draw(st.sampled_from(model)) if model and data.draw(st.booleans()) else None
        new = data.draw(st.tuples(values, st.integers(1, 40))) if data.draw(st.booleans()) \
            else None
        index.move(old, new)
        if old is not None and old != new:
            model.remove(old)
        if new is not None and old != new:
            model.append(new)
        model.sort(key=lambda p: (stored_value(p[0]), p[1]))
    again = SortedIndex.of_stored(index.pairs())
    for _ in range(5):
        low, high = data.draw(values), data.draw(values)
        expected = [rid for value, rid in model
                    if stored_value(low) <= stored_value(value) < stored_value(high)]
        assert index.between(low, high) == expected
        assert again.between(low, high) == expected


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_dates_in_order_after_any_moves(data: st.DataObject) -> None:
    _check(_dates, data)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_times_in_any_zone_in_order_after_any_moves(data: st.DataObject) -> None:
    _check(_times, data)


def test_times_compare_as_instants_and_dates_as_days() -> None:
    noon_utc = datetime(2024, 5, 1, 12, tzinfo=UTC)
    same = noon_utc.astimezone(timezone(timedelta(hours=-8)))
    assert stored_value(noon_utc) == stored_value(same)
    assert stored_value(noon_utc + timedelta(microseconds=1)) == stored_value(noon_utc) + 1
    assert stored_value(date(2024, 5, 2)) == stored_value(date(2024, 5, 1)) + 1
    index = SortedIndex([(noon_utc, 2), (same, 1), (noon_utc - timedelta(days=1), 3)])
    assert index.between(noon_utc - timedelta(days=2), noon_utc + timedelta(seconds=1)) \
        == [3, 1, 2]
    assert index.between(noon_utc, noon_utc) == []
