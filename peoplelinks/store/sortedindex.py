"""Record ids in the order of one of their values (a date, a time), kept sorted
change by change, so that "the talks of the last 8 weeks" reads those talks only.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Any)


class SortedIndex(Generic[K]):
    """(value, id) pairs in order; an id appears once per value given for it."""

    def __init__(self, pairs: Iterable[tuple[K, int]]) -> None:
        self._items: list[tuple[K, int]] = sorted(pairs)

    def move(self, old: tuple[K, int] | None, new: tuple[K, int] | None) -> None:
        """Take out the pair ``old`` (if there) and put in ``new`` (if given)."""
        if old == new:
            return
        if old is not None:
            at = bisect_left(self._items, old)
            if at < len(self._items) and self._items[at] == old:
                del self._items[at]
        if new is not None:
            insort(self._items, new)

    def between(self, low: K, high: K) -> list[int]:
        """Ids whose value is from ``low`` to before ``high``, in value order (ids are
        positive, as every record id is)."""
        items = self._items
        return [i for _value, i in items[bisect_left(items, (low, -1)):
                                         bisect_left(items, (high, -1))]]
