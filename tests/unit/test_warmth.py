"""Warmth: recency and frequency of talks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peoplelinks.domain.warmth import HALF_LIFE_DAYS, warmth

TODAY = date(2026, 11, 22)


def test_no_talks_is_cold() -> None:
    assert warmth([], TODAY) == 0.0


def test_half_life() -> None:
    assert warmth([TODAY], TODAY) == 1.0
    assert warmth([TODAY - timedelta(days=90)], TODAY) == pytest.approx(0.5)
    assert warmth([TODAY - timedelta(days=180)], TODAY) == pytest.approx(0.25)
    assert HALF_LIFE_DAYS == 90


def test_frequency_adds_up_and_recency_wins() -> None:
    old = [TODAY - timedelta(days=700 + i) for i in range(4)]
    assert warmth([TODAY - timedelta(days=7)], TODAY) > warmth(old, TODAY)
    assert warmth([TODAY, TODAY], TODAY) == 2.0


def test_future_talks_count_as_today() -> None:
    assert warmth([TODAY + timedelta(days=30)], TODAY) == 1.0


def test_takes_any_iterable() -> None:
    assert warmth((d for d in [TODAY]), TODAY) == 1.0


@given(st.lists(st.dates(), max_size=20), st.dates())
def test_bounded_and_monotonic(days: list[date], extra: date) -> None:
    w = warmth(days, TODAY)
    assert 0.0 <= w <= len(days)
    assert warmth([*days, extra], TODAY) >= w
    assert warmth(days, TODAY + timedelta(days=1)) <= w + 1e-9
