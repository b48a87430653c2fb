"""The changes of a writer opened from the cache, laid over the cache's documents.

At 30,000 contacts the file's documents take ~160 MB as Python objects, as much
again as the records validated from them. So the app, which opens a large
database from its cache (:mod:`.cache`), never holds them: a write takes the
documents it replaces from the cache with the changes made since laid over them
(an :class:`Overlay`) and appends its journal line; the journal is folded into
the file, and the cache made again on close, from the cache's chunks and the
changes, a chunk at a time (:meth:`Overlay.table_bytes`, :class:`OverlayTables`).

What is read through an overlay is exactly what replaying the journal onto the
file gives, the order of keys included: a document put again after it was
removed (an undo of a removal) goes to the end of its table, where the journal
line that put it back puts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import orjson

from peoplelinks.store.cache import CHUNK, Cache

Tables = dict[str, dict[str, Any]]
_ABSENT: Any = object()


class Overlay:
    """Documents put and removed since the file the ``cache`` was made from."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        # table -> key -> the document now (None: removed), in the order the keys
        # would take at the end of the table (see put)
        self._changes: dict[str, dict[str, Any]] = {}
        # Keys the file held that were removed since (put again, they come at the end).
        self._moved: dict[str, set[str]] = {}
        self._created: set[str] = set()  # tables the file did not hold, put to since

    # ---- changing -------------------------------------------------------------------

    def apply(self, ops: Iterable[tuple[str, str, str, Any]]) -> None:
        """Lay a journal line's operations over what is there."""
        for op, table, key, doc in ops:
            self.put(table, key, doc if op == "put" else None)

    def put(self, table: str, key: str, doc: Any) -> None:
        """Make ``doc`` the document of ``key`` (None: remove it)."""
        changes = self._changes.setdefault(table, {})
        if doc is None:
            changes.pop(key, None)  # a key removed comes back, if ever, at the end
            changes[key] = None
            if self._in_file(table, key):
                self._moved.setdefault(table, set()).add(key)
            return
        if changes.get(key, _ABSENT) is None:
            del changes[key]
        changes[key] = doc
        if table not in self.cache.small and table not in self.cache.chunked:
            self._created.add(table)

    def lay_over(self, tables: Tables) -> None:
        """Lay every change over ``tables`` (the file and the journal just read: the
        changes written are in them already, those of a batch not yet)."""
        for table, changes in self._changes.items():
            moved = self._moved.get(table, set())
            docs = tables.setdefault(table, {}) if table in self._created else \
                tables.get(table, {})
            # Those after the file's go, and come back in the order they were put.
            for key, doc in changes.items():
                if doc is None or key in moved or not self._in_file(table, key):
                    docs.pop(key, None)
            for key, doc in changes.items():
                if doc is not None:
                    tables.setdefault(table, docs)[key] = doc

    # ---- reading ----------------------------------------------------------------------

    def doc(self, table: str, key: str) -> Any:
        """The document of ``key`` in ``table`` now, or None."""
        changes = self._changes.get(table)
        if changes is not None and key in changes:
            return changes[key]
        small = self.cache.small.get(table)
        if small is not None:
            return small.get(key)
        if not self.cache.holds(table, key):
            return None
        return self.cache.docs(table, [key])[0]

    def names(self) -> list[str]:
        """The tables, those of the file first."""
        names = self._file_tables()
        return names + [t for t in self._created if t not in names]

    def chunked(self, table: str) -> bool:
        """True when the cache holds ``table`` in chunks (a large one)."""
        return table not in self.cache.small and table in self.cache.chunked

    def keys(self, table: str) -> list[str]:
        """The keys of ``table`` in order, without reading a document."""
        changes, moved = self._view(table)
        if self.chunked(table):
            stored: Iterable[str] = self.cache.keys(table)
        else:
            stored = self.cache.small.get(table, {})
        kept = [k for k in stored if k not in moved and changes.get(k, _ABSENT) is not None]
        return kept + self._tail(table, changes, moved)

    def items(self, table: str) -> Iterator[tuple[str, Any]]:
        """(key, document) of ``table`` in order, reading the cache a chunk at a time.
        The changes are copied first: a write meanwhile (the app writes while a
        worker reads) is either seen whole or not at all."""
        changes, moved = self._view(table)
        for key, doc in self._stored(table):
            now = changes.get(key, doc)
            if key not in moved and now is not None:
                yield key, now
        for key in self._tail(table, changes, moved):
            yield key, changes[key]

    def table(self, table: str) -> dict[str, Any]:
        """Every document of ``table`` by key (for the small tables)."""
        return dict(self.items(table))

    def table_bytes(self, table: str) -> Iterator[bytes]:
        """``orjson.dumps`` of the table, a part at a time: the stored bytes of each
        chunk that holds no change, the others' documents parsed and dumped again."""
        if not self.chunked(table):
            yield orjson.dumps(self.table(table))
            return
        changes, moved = self._view(table)
        keys = self.cache.keys(table)
        yield b"{"
        first = True
        for n in range(0, len(keys), CHUNK):
            part = keys[n:n + CHUNK]
            raw = None
            if not any(key in changes for key in part):
                raw = self.cache.chunk_bytes(table, n // CHUNK)
            if raw is None:
                docs = {key: changes.get(key, doc) for key, doc in zip(
                    part, self.cache.docs(table, part), strict=True) if key not in moved}
                raw = orjson.dumps({k: d for k, d in docs.items() if d is not None})
            if len(raw) > 2:  # not {}
                yield raw[1:-1] if first else b"," + raw[1:-1]
                first = False
        tail = self._tail(table, changes, moved)
        if tail:
            body = orjson.dumps({key: changes[key] for key in tail})[1:-1]
            yield body if first else b"," + body
        yield b"}"

    # ---- helpers ------------------------------------------------------------------------

    def _file_tables(self) -> list[str]:
        return [*self.cache.small, *(t for t in self.cache.chunked if t not in self.cache.small)]

    def _stored(self, table: str) -> Iterator[tuple[str, Any]]:
        """(key, document) as the file held them, a chunk of the cache at a time."""
        if not self.chunked(table):
            yield from self.cache.small.get(table, {}).items()
            return
        keys = self.cache.keys(table)
        for n in range(0, len(keys), CHUNK):
            part = keys[n:n + CHUNK]
            yield from zip(part, self.cache.docs(table, part), strict=True)

    def _in_file(self, table: str, key: str) -> bool:
        small = self.cache.small.get(table)
        if small is not None:
            return key in small
        return table in self.cache.chunked and self.cache.holds(table, key)

    def _view(self, table: str) -> tuple[dict[str, Any], set[str]]:
        return dict(self._changes.get(table, {})), set(self._moved.get(table, ()))

    def _tail(self, table: str, changes: dict[str, Any], moved: set[str]) -> list[str]:
        """The keys put that the file did not hold, or removed and put again: after the
        file's, in the order a replay of the journal leaves them."""
        return [k for k, doc in changes.items()
                if doc is not None and (k in moved or not self._in_file(table, k))]


class OverlayTables(Mapping[str, Mapping[str, Any]]):
    """Every table as an overlay reads it, for writing a cache: a large table's
    documents are read a chunk at a time as they are asked for, in order."""

    def __init__(self, overlay: Overlay) -> None:
        self._overlay = overlay
        self._names = overlay.names()

    def __getitem__(self, table: str) -> Mapping[str, Any]:
        if table not in self._names:
            raise KeyError(table)
        if self._overlay.chunked(table):
            return _ChunkedDocs(self._overlay, table)
        return self._overlay.table(table)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class _ChunkedDocs(Mapping[str, Any]):
    """A large table's documents, the cache's chunks read one at a time (the last one
    read is kept: documents asked for in the table's order read each chunk once)."""

    def __init__(self, overlay: Overlay, table: str) -> None:
        self._overlay = overlay
        self._table = table
        self._keys = overlay.keys(table)
        self._changes, _moved = overlay._view(table)
        self._chunk = -1
        self._docs: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key in self._changes:
            doc = self._changes[key]
            if doc is None:
                raise KeyError(key)
            return doc
        cache = self._overlay.cache
        n = cache.chunk_of(self._table, key)
        if n != self._chunk:
            part = cache.keys(self._table)[n * CHUNK:(n + 1) * CHUNK]
            self._docs = dict(zip(part, cache.docs(self._table, part), strict=True))
            self._chunk = n
        return self._docs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
