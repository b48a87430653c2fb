"""Record ids in the order of one of their values (a date, a time), kept sorted
change by change, so that "the talks of the last 8 weeks" reads those talks only.

An index read from a cache stays as the cache holds it, ISO text in order, until it
changes: ISO dates, and ISO times all in UTC, sort as their values do, so reading a
few weeks of it costs two binary searches, not 90,000 dates parsed.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Any)
_TEXT = itemgetter(0)


def stored_value(value: date | datetime) -> str:
    """``value`` as :meth:`SortedIndex.of_stored` takes it (a time in UTC)."""
    if isinstance(value, datetime):
        value = value.astimezone(UTC)
    return value.isoformat()


class SortedIndex(Generic[K]):
    """(value, id) pairs in order; an id appears once per value given for it."""

    def __init__(self, pairs: Iterable[tuple[K, int]]) -> None:
        self._items: list[tuple[K, int]] = sorted(pairs)
        self._stored: list[list[Any]] | None = None
        self._parse: Callable[[str], K] | None = None

    @classmethod
    def of_stored(cls, rows: list[list[Any]], parse: Callable[[str], K]) -> SortedIndex[K]:
        """The index of ``rows`` ([text, id], in order, each text made by
        :func:`stored_value`); ``parse`` reads a text back (``date.fromisoformat``
        or ``datetime.fromisoformat``)."""
        index = cls(())
        index._stored, index._parse = rows, parse
        return index

    def _values(self) -> list[tuple[K, int]]:
        """The pairs as values (a stored index is read whole on its first change)."""
        if self._stored is not None and self._parse is not None:
            parse = self._parse
            self._items = [(parse(text), rid) for text, rid in self._stored]
            self._stored = None
        return self._items

    def move(self, old: tuple[K, int] | None, new: tuple[K, int] | None) -> None:
        """Take out the pair ``old`` (if there) and put in ``new`` (if given)."""
        if old == new:
            return
        items = self._values()
        if old is not None:
            at = bisect_left(items, old)
            if at < len(items) and items[at] == old:
                del items[at]
        if new is not None:
            insort(items, new)

    def between(self, low: K, high: K) -> list[int]:
        """Ids whose value is from ``low`` to before ``high``, in value order (ids are
        positive, as every record id is)."""
        stored = self._stored
        if stored is not None and _comparable(low) and _comparable(high):
            return [rid for _text, rid in stored[bisect_left(stored, stored_value(low),
                                                             key=_TEXT):
                                                 bisect_left(stored, stored_value(high),
                                                             key=_TEXT)]]
        items = self._values()
        return [i for _value, i in items[bisect_left(items, (low, -1)):
                                         bisect_left(items, (high, -1))]]


def _comparable(bound: Any) -> bool:
    """True when ``bound`` compares with stored text as its value would: a date, or a
    time with a zone (then written in UTC)."""
    if isinstance(bound, datetime):
        return bound.utcoffset() is not None
    return isinstance(bound, date)
