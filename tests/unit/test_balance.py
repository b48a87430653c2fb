"""The give/ask balance of a relationship and its nudge."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from peoplelinks.domain.balance import Balance, balance, balances, nudge
from peoplelinks.domain.models import Interaction

DAY = date(2026, 11, 2)


def talk(id: int, day: int = 0, *, gave: str = "", refs: bool = False, rec: bool = False,
         ids: tuple[int, ...] = (1,)) -> Interaction:
    return Interaction(id=id, contact_ids=list(ids), date=DAY + timedelta(days=day), gave=gave,
                       asked_for_referrals=refs, asked_for_recommendation=rec)


def test_no_talks() -> None:
    assert balance([]) == Balance(0, 0, 0)


def test_gives_and_asks_are_counted() -> None:
    talks = [talk(1, 0, gave="an article"), talk(2, 1, refs=True), talk(3, 2, rec=True),
             talk(4, 3), talk(5, 4, refs=True, rec=True)]
    assert balance(talks) == Balance(gave=1, asked=3, asks_since_gave=3)


def test_a_give_resets_the_asks() -> None:
    talks = [talk(1, 0, refs=True), talk(2, 1, refs=True), talk(3, 2, gave="intro to Bo"),
             talk(4, 3, rec=True)]
    assert balance(talks) == Balance(gave=1, asked=3, asks_since_gave=1)


def test_giving_in_the_asking_talk_counts_first() -> None:
    talks = [talk(1, 0, refs=True), talk(2, 1, refs=True), talk(3, 2, gave="x", refs=True)]
    assert balance(talks) == Balance(gave=1, asked=3, asks_since_gave=1)


def test_order_is_by_date_then_id_whatever_the_input_order() -> None:
    # same day: the give (id 5) was logged after the ask (id 4)
    talks = [talk(5, 1, gave="x"), talk(4, 1, refs=True), talk(9, 0, refs=True)]
    assert balance(talks).asks_since_gave == 0
    assert balance(reversed(talks)).asks_since_gave == 0
    # an older give does not reset a later ask, whatever its id
    assert balance([talk(1, 5, refs=True), talk(2, 0, gave="x")]).asks_since_gave == 1


def test_blank_gave_is_not_giving() -> None:
    assert balance([talk(1, gave="   ")]).gave == 0


def test_nudge() -> None:
    assert nudge(Balance(1, 1, 1), "Priya") is None
    assert nudge(Balance(1, 2, 2), "Priya") == (
        "You have asked Priya twice since you last gave: offer something first "
        "(an introduction, an article)")
    assert nudge(Balance(0, 3, 3), "Bo") == (
        "You have asked Bo 3 times and never given: offer something first "
        "(an introduction, an article)")


def test_balances_of_many_contacts_in_one_pass() -> None:
    talks = [talk(1, 0, refs=True, ids=(1, 2)), talk(2, 1, gave="x", ids=(2,)),
             talk(3, 2, rec=True, ids=(1, 3, 99)), talk(4, 3, ids=(1,))]
    got = balances(iter(talks), [1, 2, 3, 4])
    assert got == {1: Balance(0, 2, 2), 2: Balance(1, 1, 0), 3: Balance(0, 1, 1),
                   4: Balance()}
    assert 99 not in got


events = st.lists(st.tuples(st.integers(0, 5), st.booleans(), st.booleans(), st.booleans()),
                  max_size=15)


@given(events)
def test_same_as_walking_the_talks_in_order(raw: list[tuple[int, bool, bool, bool]]) -> None:
    talks = [talk(i + 1, day, gave="g" if g else "", refs=r, rec=c)
             for i, (day, g, r, c) in enumerate(raw)]
    since = 0
    for t in sorted(talks, key=lambda t: (t.date, t.id)):
        if t.gave:
            since = 0
        if t.asked_for_referrals or t.asked_for_recommendation:
            since += 1
    shuffled = talks[:]
    random.Random(len(raw)).shuffle(shuffled)
    got = balance(shuffled)
    assert got.asks_since_gave == since
    assert balances(shuffled, [1]) == {1: got}
