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

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any

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


class Warmth(Mapping[int, float]):
    """The warmth of each contact, worked out the first time it is asked for and then
    remembered: a query reads a few hundred contacts, not the whole network.

    ``dates_of(contact_id)`` gives the dates of the talks with a contact;
    ``version(contact_id)``, when given, a number that changes whenever those talks
    do: a value is then remembered across changes to other contacts' talks and
    worked out again only for the contacts whose talks changed. Contacts with no
    talk have warmth 0.0 (``get`` gives it, whatever its default), and are not
    listed when iterating (only the contacts worked out so far are).
    """

    def __init__(self, dates_of: Callable[[int], Iterable[date]], today: date,
                 version: Callable[[int], int] | None = None) -> None:
        self._dates_of = dates_of
        self._today = today
        self._version = version or (lambda _cid: 0)
        self._known: dict[int, tuple[int, float]] = {}

    def __getitem__(self, contact_id: int) -> float:
        version = self._version(contact_id)
        found = self._known.get(contact_id)
        if found is not None and found[0] == version:
            return found[1]
        value = warmth(self._dates_of(contact_id), self._today)
        self._known[contact_id] = (version, value)
        return value

    def get(self, contact_id: int, default: Any = None) -> Any:  # noqa: D102 (Mapping's)
        return self[contact_id]

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._known))

    def __len__(self) -> int:
        return len(self._known)
