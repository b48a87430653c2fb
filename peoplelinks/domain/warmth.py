"""How warm a relationship is, from the talks logged with a contact.

Each talk counts for ``0.5 ** (age_days / HALF_LIFE_DAYS)``: 1.0 today, 0.5
three months ago, 0.25 six months ago, and so on. The warmth of a contact is
the sum over their talks, so it rewards both recency and frequency: a chat
last week (~0.95) beats four chats two years ago (4 x ~0.003), and a monthly
coffee over the last year adds up to ~3.6. It is 0.0 with no talks at all.

A talk dated in the future (a typo, or a clock that ran ahead) counts as today:
it can never be warmer than a talk held today.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

# Three months: a talk keeps half its warmth a quarter later, which matches the
# method's "reach out about every six months" (a quarter of the warmth left).
HALF_LIFE_DAYS = 90.0


def warmth(dates: Iterable[date], today: date) -> float:
    """Sum of ``0.5 ** (age_days / HALF_LIFE_DAYS)`` over the talks on ``dates``."""
    total = 0.0
    for day in dates:
        age = max(0, (today - day).days)
        total += 0.5 ** (age / HALF_LIFE_DAYS)
    return total
