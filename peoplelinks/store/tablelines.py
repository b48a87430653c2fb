"""The database file written and read one table per line, never whole in memory.

The file is TinyDB's JSON (``{table: {id: doc}}``), written with a newline after
each table's comma::

    {"_meta":{...},
    "contacts":{...},
    "interactions":{...}}

Stock ``json.load`` and TinyDB read it as before (a newline is whitespace). A
raw newline byte can only be whitespace in JSON (one inside a string is written
``\\n``), so each line holds whole tables, and each is read and parsed on its own:
reading the file then costs its largest table's bytes, not all of them at once
beside the parsed documents (at 30,000 contacts the peak falls from ~310 MB to
~235 MB). A file laid out any other way (written by hand, by an older version,
pretty-printed) is simply read whole, as before; so is any line that does not
parse, so a damaged file gets the same error, from the whole file.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

BLOCK = 1 << 20  # bytes read at a time when looking for the lines
Tables = dict[str, dict[str, Any]]


def table_lines(tables: Tables) -> Iterator[bytes]:
    """The file's bytes for ``tables``, a table at a time (see the module)."""
    return lines((name, [orjson.dumps(docs)]) for name, docs in tables.items())


def lines(tables: Iterable[tuple[str, Iterable[bytes]]]) -> Iterator[bytes]:
    """The file's bytes for ``(name, parts)`` pairs, each table's JSON given in parts
    (never all at once)."""
    yield b"{"
    for n, (name, parts) in enumerate(tables):
        yield (b",\n" if n else b"") + orjson.dumps(name) + b":"
        yield from parts
    yield b"}"


def scan(fd: int, size: int) -> tuple[int, list[int]]:
    """The CRC-32 of the first ``size`` bytes of ``fd`` and where its newlines are,
    reading a block at a time."""
    crc, newlines, offset = 0, [], 0
    while offset < size:
        block = os.pread(fd, min(BLOCK, size - offset), offset)
        if not block:
            break
        crc = zlib.crc32(block, crc)
        at = block.find(b"\n")
        while at >= 0:
            newlines.append(offset + at)
            at = block.find(b"\n", at + 1)
        offset += len(block)
    return crc, newlines


def crc_of(path: os.PathLike[str] | str) -> int:
    """The CRC-32 of the file at ``path``, read a block at a time."""
    fd = os.open(path, os.O_RDONLY)
    try:
        return scan(fd, os.fstat(fd).st_size)[0]
    finally:
        os.close(fd)


def read_by_line(fd: int, size: int, newlines: list[int]) -> Tables | None:
    """The tables of the file open as ``fd`` (``size`` bytes, newlines at
    ``newlines``), parsed a line at a time; None when it is not laid out one table
    per line or a line does not parse (then the caller reads it whole)."""
    if not newlines or size < 2:
        return None
    # Each line's members without the file's braces and the separating commas.
    spans, start = [], 1
    for end in newlines:
        spans.append((start, end - 1))
        start = end + 1
    spans.append((start, size - 1))
    if os.pread(fd, 1, 0) != b"{" or os.pread(fd, 1, size - 1) != b"}" or any(
            os.pread(fd, 1, end - 1) != b"," for end in newlines):
        return None
    tables: Tables = {}
    for first, last in spans:
        if last <= first:
            return None
        # One buffer per line, the braces around it: the line is never copied.
        buffer = bytearray(last - first + 2)
        buffer[0], buffer[-1] = ord("{"), ord("}")
        if os.preadv(fd, [memoryview(buffer)[1:-1]], first) != last - first:
            return None
        try:
            part = orjson.loads(buffer)
        except orjson.JSONDecodeError:
            return None
        del buffer
        if not isinstance(part, dict):
            return None
        tables.update(part)  # a name given twice: the last one, as orjson reads it
    return tables
