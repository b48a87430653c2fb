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
import glob
import os
import shutil
import stat
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator, KeysView, Mapping
from pathlib import Path
from typing import Any

import orjson

from peoplelinks import __version__
from peoplelinks.store.files import replace_with_parts
from peoplelinks.store.tablelines import crc_of

FORMAT = 3
MAGIC = b"peoplelinks-cache\n"
CHUNK = 16  # documents per chunk: one record read costs parsing ~12 KB at most
# A file smaller than this is read whole faster than a cache is checked and written.
CACHE_FROM_BYTES = 1 << 20
ROOM_FOR = 3  # a cache is written only with this many times the database's size free
_TAIL = struct.Struct("<QI")  # where the header starts and its CRC, at the very end

Tables = dict[str, dict[str, Any]]
Docs = Mapping[str, Mapping[str, Any]]  # tables whose documents may be read as asked for
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


def coarse(key: Key) -> bool:
    """True when the file's times in ``key`` are whole seconds: a file system that
    keeps no finer time (FAT, HFS+, ext3), where two edits within a second can leave
    size and times alike. A cache of such a file also keeps the file's checksum."""
    return bool(key[6] % 1_000_000_000 == 0 and key[7] % 1_000_000_000 == 0)


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
                 fallback: Callable[[], Tables], file_schema: int = 0,
                 file_crc: int | None = None) -> None:
        """``end``: where the sections end (the header starts)."""
        self.key = key
        # The schema of the file itself (the cache holds its documents migrated).
        self.file_schema = file_schema
        # The file's CRC-32 when the cache was made (None: not known).
        self.file_crc = file_crc
        self._fd = fd
        self._sections = sections
        self._end = end
        self._fallback = fallback
        self._tables: Tables | None = None  # the file's, once fallen back
        self._where: dict[str, dict[str, int]] = {}
        self._whole: dict[str, dict[str, Any]] = {}
        # Set when a part turned out damaged (then the cache is made again on close).
        self.broken = False
        self.small: Tables = self._section("small")
        self._keys: dict[str, list[str]] = self._section("keys")
        if not isinstance(self.small, dict) or not isinstance(self._keys, dict) or not all(
                isinstance(t, dict) for t in self.small.values()) or not all(
                isinstance(k, list) for k in self._keys.values()):
            raise CacheBroken("not a cache's tables")

    # ---- reading ------------------------------------------------------------------

    def _section(self, name: str) -> Any:
        data = self._section_bytes(name)
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise CacheBroken(f"section {name}: {exc}") from None

    def _section_bytes(self, name: str) -> bytes:
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
        return data

    def _file(self) -> Tables:
        """The database file's tables: from now on everything is read from there."""
        self.broken = True
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

    def _where_of(self, table: str) -> dict[str, int]:
        where = self._where.get(table)
        if where is None:
            where = {key: n // CHUNK for n, key in enumerate(self.keys(table))}
            self._where[table] = where
        return where

    @property
    def chunked(self) -> KeysView[str]:
        """The tables held in chunks (the large ones), in the file's order."""
        return self._keys.keys()

    def chunk_of(self, table: str, key: str) -> int:
        """The chunk of ``table`` that holds ``key`` (KeyError when none does)."""
        return self._where_of(table)[key]

    def holds(self, table: str, key: str) -> bool:
        """True when the file held ``key`` in the chunked ``table``."""
        return key in self._where_of(table)

    def chunk_bytes(self, table: str, n: int) -> bytes | None:
        """The stored bytes of chunk ``n`` of ``table`` (the JSON object of its
        documents, as the file's table holds them), or None when it cannot be read
        (then :meth:`docs` reads its documents from the file)."""
        if self._tables is None:
            try:
                return self._section_bytes(f"{table}:{n}")
            except CacheBroken:
                self._file()
        return None

    def _docs(self, table: str, keys: list[str]) -> list[Any]:
        where = self._where_of(table)
        # Chunks are parsed for this call only: the documents go to be validated, and
        # a command that reads every record would otherwise hold them all twice.
        chunks: dict[int, dict[str, Any]] = {}
        found = []
        try:
            for key in keys:
                n = where[key]
                chunk = chunks.get(n)
                if chunk is None:
                    chunk = chunks[n] = self._section(f"{table}:{n}")
                found.append(chunk[key])
        except (KeyError, TypeError) as exc:  # not what the keys say: not a cache's
            raise CacheBroken(f"{table}: {exc!r}") from None
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
        # Never waits on what is not a file (a FIFO put there).
        fd = os.open(cache_path(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise CacheBroken("not a file")
        size = st.st_size
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
        if coarse(key) and header.get("file_crc") != _crc_of(path):
            raise CacheBroken("the file's times are too coarse to tell, and it changed")
        sections, file_schema = header.get("sections"), header.get("file_schema")
        if not isinstance(sections, dict) or not isinstance(file_schema, int) or not all(
                type(place) is list and len(place) == 3 and all(type(n) is int for n in place)
                for place in sections.values()):
            raise CacheBroken("a header that is not a cache's")
        crc = header.get("file_crc")
        cache = Cache(fd, key, sections, start, fallback, file_schema,
                      crc if type(crc) is int else None)
    except (CacheBroken, orjson.JSONDecodeError, OSError):
        os.close(fd)
        return None
    return cache


# ---- writing ------------------------------------------------------------------------

def _crc_of(path: Path) -> int | None:
    try:
        return crc_of(path)
    except OSError:
        return None


def write_cache(path: Path, key: Key, tables: Docs, chunked: Iterable[str],
                indexes: Iterable[tuple[str, Any]],
                later: Callable[[], Iterable[tuple[str, Any]]],
                file_schema: int, file_crc: int) -> None:
    """Write the cache of ``path`` made from ``tables`` (what the file with ``key``
    and checksum ``file_crc`` holds, in schema ``file_schema``, migrated), the tables
    ``chunked`` in chunks, then the (name, JSON-ready value) pairs ``indexes`` gives,
    then those ``later`` gives, asked once the documents are written (it may let them
    go); each pair is written before the next is made.
    Never raises for a folder it cannot write to: a cache is only ever a shortcut.

    Layout: the magic line, the sections one after another, the header (the key and
    where each section is, with its CRC), then where the header starts and its CRC.
    Sections are written as they are made: the whole cache is never in memory at
    once."""
    target = cache_path(path)
    with contextlib.suppress(OSError):
        _remove_leftovers(target)
        # Never take the room a write of the database needs (the cache is about its
        # size again; a write may need the database's size for a while).
        if shutil.disk_usage(target.parent).free < ROOM_FOR * key[5]:
            return
        replace_with_parts(target, _parts(key, tables, [t for t in chunked if t in tables],
                                          indexes, later, file_schema, file_crc))


def _remove_leftovers(target: Path) -> None:
    """The temporary files of cache writes killed midway (their process is gone)."""
    if os.name != "posix":
        return
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = stale.name[len(target.name) + 2:-4]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            stale.unlink()
        except OSError:
            pass  # someone else's: alive


def _parts(key: Key, tables: Docs, chunked: list[str], indexes: Iterable[tuple[str, Any]],
           later: Callable[[], Iterable[tuple[str, Any]]], file_schema: int,
           file_crc: int) -> Iterator[bytes]:
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
        del docs  # not held while ``later`` runs: it may let the documents go
    for name, value in indexes:
        yield section(f"index:{name}", orjson.dumps(value))
    for name, value in later():  # (asked for only now: it may let the documents go)
        yield section(f"index:{name}", orjson.dumps(value))
    header = orjson.dumps({"key": key, "file_schema": file_schema, "sections": sections,
                           "file_crc": file_crc})
    yield header
    yield _TAIL.pack(offset, zlib.crc32(header))
