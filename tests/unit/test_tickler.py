"""The tickler keeps contacts in due order, one change at a time."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from peoplelinks.domain.tickler import Tickler

DAY = date(2026, 11, 22)


def test_due_counts_and_limits() -> None:
    t = Tickler()
    t.set(1, date(2026, 11, 1), "Zed")
    t.set(2, date(2026, 11, 1), "Amy")
    t.set(3, date(2026, 12, 1), "Bo")
    t.set(4, None, "Cy")
    assert t.due(DAY) == (2, [(date(2026, 11, 1), 2), (date(2026, 11, 1), 1)])
    assert t.due(DAY, limit=1) == (2, [(date(2026, 11, 1), 2)])
    t.set(2, date(2027, 1, 1), "Amy")  # logged: moves out
    assert t.due(DAY) == (1, [(date(2026, 11, 1), 1)])
    t.remove(1)
    assert t.due(DAY) == (0, []) and len(t) == 2


@given(st.lists(st.tuples(st.integers(1, 20), st.one_of(st.none(), st.dates()),
                          st.sampled_from(["a", "B", "c"]))))
def test_same_as_sorting_everything(changes: list[tuple[int, date | None, str]]) -> None:
    t = Tickler()
    final: dict[int, tuple[date | None, str]] = {}
    for cid, when, name in changes:
        t.set(cid, when, name)
        final[cid] = (when, name)
    expected = sorted((w, n.casefold(), c) for c, (w, n) in final.items() if w and w <= DAY)
    assert t.due(DAY) == (len(expected), [(w, c) for w, _n, c in expected])


@given(st.lists(st.tuples(st.integers(1, 30), st.none() | st.dates(), st.sampled_from(
    ["Ann", "ann", "Bo", "Émile"])), max_size=60), st.dates())
def test_made_at_once_it_is_what_setting_one_by_one_makes(entries, today) -> None:  # type: ignore[no-untyped-def]
    one_by_one = Tickler()
    for cid, when, name in entries:
        one_by_one.set(cid, when, name)
    at_once = Tickler.of(entries)
    assert at_once.due(today) == one_by_one.due(today) and len(at_once) == len(one_by_one)
    assert at_once._items == one_by_one._items
    for cid, _when, _name in entries[:3]:  # it goes on as a tickler
        at_once.remove(cid)
        one_by_one.remove(cid)
    assert at_once._items == one_by_one._items
