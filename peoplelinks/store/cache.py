"""A derived copy of the database beside it (``<file>.cache``) that a command which
only reads opens instead of parsing the whole file.

At 30,000 contacts the file is 40 MB and parsing it costs more than everything
``show 5`` does with it. The cache holds the same documents in chunks of
:data:`CHUNK` (one record costs one small parse), each table's keys, and what
the store's indexes are made of, worked out from those documents: talks and
follow-ups by contact, the last talk's date, introducers, names, and the text a
search looks in.

It is never the source of truth:

- it is used only when it was made from the file as it is on disk now (device,
  inode, size, modification and change time), with no journal beside it, by
  this version of peoplelinks for this schema; otherwise it is ignored;
- the header and each section carry a CRC checked when read: a damaged part is
  never used (the reader falls back to the file, see :class:`Cache`);
- records read from it are validated exactly like records read from the file,
  so ``doctor`` and the warnings report the same problems;
- it is written, without fsync (losing it loses nothing), by a command that read
  the whole file and found no cache it could use, and by the app when it quits
  (of the file as it leaves it); deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import os
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from peoplelinks import __version__
from peoplelinks.store.files import replace_with_parts

FORMAT = 2
MAGIC = b"peoplelinks-cache\n"
CHUNK = 16  # documents per chunk: one record read costs parsing ~12 KB at most
# A file smaller than this is read whole faster than a cache is checked and written.
CACHE_FROM_BYTES = 1 << 20
_TAIL = struct.Struct("<QI")  # where the header starts and its CRC, at the very end

Tables = dict[str, dict[str, Any]]
Key = list[Any]


class CacheBroken(Exception):
    """A cache section that cannot be used (damaged, missing, not what it says)."""


def cache_path(path: Path) -> Path:
    """Where the cache of the database file ``path`` lives."""
    return path.with_name(path.name + ".cache")


def key_of(st: os.stat_result, schema: int) -> Key:
    """What a cache must have been made from to be used for a file with status ``st``:
    the file's identity and times (the change time cannot be set back by a program),
    the cache format, the version of peoplelinks that made it and the schema."""
    return [FORMAT, __version__, schema, st.st_dev, st.st_ino, st.st_size,
            st.st_mtime_ns, st.st_ctime_ns]


def journal_empty(path: Path) -> bool:
    """True when no journal with changes lies beside the database file ``path``."""
    try:
        return os.stat(path.with_name(path.name + ".journal")).st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def current_key(path: Path, schema: int) -> Key | None:
    """The key a cache of ``path`` must carry now, or None when no cache may be used
    (no file, or a journal beside it: the file alone is not the data)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return key_of(st, schema) if journal_empty(path) else None


class Cache:
    """An open cache whose key matched the file; sections are read on demand.

    ``fallback()`` returns the tables read from the database file itself: if a
    section turns out damaged after others were used, everything still to be read
    comes from there (the same data: the file is checked to be the one the cache
    was made from, else the fallback raises)."""

    def __init__(self, fd: int, key: Key, sections: dict[str, list[int]], end: int,
                 fallback: Callable[[], Tables], file_schema: int = 0) -> None:
        """``end``: where the sections end (the header starts)."""
        self.key = key
        # The schema of the file itself (the cache holds its documents migrated).
        self.file_schema = file_schema
        self._fd = fd
        self._sections = sections
        self._end = end
        self._fallback = fallback
        self._tables: Tables | None = None  # the file's, once fallen back
        self._where: dict[str, dict[str, int]] = {}
        self._whole: dict[str, dict[str, Any]] = {}
        self.small: Tables = self._section("small")
        self._keys: dict[str, list[str]] = self._section("keys")

    # ---- reading ------------------------------------------------------------------

    def _section(self, name: str) -> Any:
        place = self._sections.get(name)
        if place is None:
            raise CacheBroken(f"no section {name}")
        offset, length, crc = place
        if not len(MAGIC) <= offset <= offset + length <= self._end:
            raise CacheBroken(f"section {name} is not in the cache")
        try:
            data = os.pread(self._fd, length, offset)
        except OSError as exc:
            raise CacheBroken(f"section {name}: {exc}") from None
        if len(data) != length or zlib.crc32(data) != crc:
            raise CacheBroken(f"section {name} is damaged")
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise CacheBroken(f"section {name}: {exc}") from None

    def _file(self) -> Tables:
        """The database file's tables: from now on everything is read from there."""
        if self._tables is None:
            self._tables = self._fallback()
        return self._tables

    def keys(self, table: str) -> list[str]:
        """The keys of ``table``, in the file's order."""
        return self._keys.get(table, [])

    def docs(self, table: str, keys: list[str]) -> list[Any]:
        """The stored documents of ``keys`` (each one in the table) in that order."""
        if self._tables is None:
            try:
                return self._docs(table, keys)
            except CacheBroken:
                self._file()
        stored = self._file().get(table, {})
        return [stored[key] for key in keys]

    def _docs(self, table: str, keys: list[str]) -> list[Any]:
        where = self._where.get(table)
        if where is None:
            where = {key: n // CHUNK for n, key in enumerate(self.keys(table))}
            self._where[table] = where
        # Chunks are parsed for this call only: the documents go to be validated, and
        # a command that reads every record would otherwise hold them all twice.
        chunks: dict[int, dict[str, Any]] = {}
        found = []
        for key in keys:
            n = where[key]
            chunk = chunks.get(n)
            if chunk is None:
                chunk = chunks[n] = self._section(f"{table}:{n}")
            found.append(chunk[key])
        return found

    def table(self, table: str) -> dict[str, Any]:
        """Every stored document of ``table`` by key, in the file's order."""
        if self._tables is None and table in self.small:
            return self.small[table]
        if self._tables is None and table not in self._whole:
            keys = self.keys(table)
            try:
                self._whole[table] = dict(zip(keys, self._docs(table, keys), strict=True))
            except CacheBroken:
                self._file()
        if self._tables is not None:
            return self._tables.get(table, {})
        return self._whole[table]

    def index(self, name: str) -> Any:
        """The index ``name`` as stored, or None (then it is made from the documents)."""
        if self._tables is not None:
            return None
        try:
            return self._section(f"index:{name}")
        except CacheBroken:
            self._file()
            return None

    def close(self) -> None:
        """Let go of the file."""
        with contextlib.suppress(OSError):
            os.close(self._fd)


def open_cache(path: Path, schema: int, fallback: Callable[[], Tables]) -> Cache | None:
    """The cache of ``path`` when it was made from the file as it is now, else None."""
    key = current_key(path, schema)
    if key is None:
        return None
    try:
        fd = os.open(cache_path(path), os.O_RDONLY)
    except OSError:
        return None
    try:
        size = os.fstat(fd).st_size
        head = os.pread(fd, len(MAGIC), 0)
        tail = os.pread(fd, _TAIL.size, size - _TAIL.size) if size > _TAIL.size else b""
        if head != MAGIC or len(tail) != _TAIL.size:
            raise CacheBroken("not a cache")
        start, crc = _TAIL.unpack(tail)
        length = size - _TAIL.size - start
        if start < len(MAGIC) or length <= 0:
            raise CacheBroken("not a cache")
        raw = os.pread(fd, length, start)
        if zlib.crc32(raw) != crc:
            raise CacheBroken("the header is damaged")
        header = orjson.loads(raw)
        if not isinstance(header, dict) or header.get("key") != key:
            raise CacheBroken("made from another file")
        file_schema = header.get("file_schema")
        cache = Cache(fd, key, header["sections"], start, fallback,
                      file_schema if isinstance(file_schema, int) else 0)
    except (CacheBroken, orjson.JSONDecodeError, KeyError, TypeError, ValueError, OSError):
        os.close(fd)
        return None
    return cache


# ---- writing ------------------------------------------------------------------------

def write_cache(path: Path, key: Key, tables: Tables, chunked: Iterable[str],
                indexes: dict[str, Any], file_schema: int) -> None:
    """Write the cache of ``path`` made from ``tables`` (what the file with ``key``
    holds, in schema ``file_schema``, migrated), the tables ``chunked`` in chunks, and
    ``indexes`` (JSON-ready values).
    Never raises for a folder it cannot write to: a cache is only ever a shortcut.

    Layout: the magic line, the sections one after another, the header (the key and
    where each section is, with its CRC), then where the header starts and its CRC.
    Sections are written as they are made: the whole cache is never in memory at
    once."""
    with contextlib.suppress(OSError):
        replace_with_parts(cache_path(path), _parts(key, tables, [t for t in chunked
                                                                  if t in tables],
                                                    indexes, file_schema))


def _parts(key: Key, tables: Tables, chunked: list[str], indexes: dict[str, Any],
           file_schema: int) -> Iterator[bytes]:
    """The cache's bytes, part by part (see :func:`write_cache`)."""
    sections: dict[str, list[int]] = {}
    offset = len(MAGIC)
    yield MAGIC

    def section(name: str, data: bytes) -> bytes:
        nonlocal offset
        sections[name] = [offset, len(data), zlib.crc32(data)]
        offset += len(data)
        return data

    yield section("small", orjson.dumps({t: docs for t, docs in tables.items()
                                         if t not in chunked}))
    keys = {t: list(tables[t]) for t in chunked}
    yield section("keys", orjson.dumps(keys))
    for table in chunked:
        docs, order = tables[table], keys[table]
        for n in range(0, len(order), CHUNK):
            yield section(f"{table}:{n // CHUNK}",
                          orjson.dumps({k: docs[k] for k in order[n:n + CHUNK]}))
    for name, value in indexes.items():
        yield section(f"index:{name}", orjson.dumps(value))
    header = orjson.dumps({"key": key, "file_schema": file_schema, "sections": sections})
    yield header
    yield _TAIL.pack(offset, zlib.crc32(header))
