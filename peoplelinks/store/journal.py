"""Reading the journal back: which lines belong to the file, and which must be set aside.

A journal line is ``CRC32 JSON\\n`` with ``{"seq", "epoch", "ops"}``; the ops of a
change include its history document, which holds every record's document before
and after (see :mod:`.history`). Replaying a line onto the file is only right
when the file is the one it was written against:

- its *epoch* must be the file's (a journal written to another version of the
  file, restored or replaced since, is never replayed onto this one);
- its sequence number must follow the previous line's (a missing line means a
  lost write: the journal is damaged);
- every record it changes must still be what the line says it was before (a
  record edited by hand, or by another program, after the line was written
  keeps that edit: the line conflicts and is not applied).

Lines that cannot be applied are never dropped: the store keeps them in a
*set-aside* file next to the journal and tells the user.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from peoplelinks.errors import DatabaseCorrupt
from peoplelinks.store.history import HISTORY, records_of

Tables = dict[str, dict[str, Any]]
# A journal line written before epochs existed: it belongs to any file.
ANY_EPOCH: Any = object()
SALVAGE_HINT = ("'peoplelinks doctor --salvage' keeps every change before it and sets the "
                "rest aside")


@dataclass(frozen=True)
class Line:
    """One acknowledged write."""

    seq: int
    epoch: Any
    ops: list[Any]
    raw: bytes  # the line as stored, newline included


@dataclass
class Replay:
    """What replaying a journal did."""

    seq: int  # the last write applied (or skipped as already in the file)
    aside: list[bytes] = field(default_factory=list)  # lines not applied, as stored
    foreign: int = 0  # written to another version of the file
    clashes: list[str] = field(default_factory=list)  # records changed on disk meanwhile
    damaged: int = 0  # after a missing or damaged line (salvage only)
    gap: tuple[int, int] | None = None  # (last applied, next found) when a line is missing
    applied: int = 0  # lines applied that the file does not hold yet

    def reasons(self, path: Path) -> str:
        """Why lines were set aside, for the user."""
        parts = []
        if self.foreign:
            parts.append(f"{self.foreign} made to another version of {path} (it was restored "
                         "or replaced)")
        if self.clashes:
            listed = ", ".join(sorted(set(self.clashes))[:5])
            parts.append(f"{len(self.clashes)} that would have overwritten what was changed "
                         f"in the file on disk ({listed}): the file's version was kept")
        if self.damaged:
            parts.append(f"{self.damaged} after a missing or damaged journal line")
        return "; ".join(parts)


def decode(line: bytes) -> tuple[int, Any, list[Any]] | None:
    """A journal line's (seq, epoch, ops), or None when it is torn or damaged."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        entry = orjson.loads(body)
        return int(entry["seq"]), entry.get("epoch", ANY_EPOCH), list(entry["ops"])
    except (ValueError, KeyError, TypeError, AttributeError, orjson.JSONDecodeError):
        return None


def encode(seq: int, epoch: str | None, ops: list[Any]) -> bytes:
    """One journal line (CRC, space, JSON, newline)."""
    body = orjson.dumps({"seq": seq, "epoch": epoch, "ops": ops})
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def read_lines(raw: bytes, path: Path, *, salvage: bool) -> tuple[list[Line], int, bytes]:
    """The lines of a journal, the size of its acknowledged part, and (salvaging) the
    bytes from its first damaged line on. A torn last line was never acknowledged:
    it is left out. A damaged line before it is an error, unless salvaging."""
    pieces = raw.split(b"\n")
    # Everything before the last newline was acknowledged; the piece after it
    # (empty when the file ends in a newline) is a write that never was.
    complete = pieces[:-1]
    lines: list[Line] = []
    size = 0
    for number, piece in enumerate(complete, start=1):
        entry = decode(piece)
        if entry is None:
            if number == len(complete):
                break  # a torn last line: ignored, cut off at the next write
            if salvage:
                return lines, size, raw[size:]
            raise DatabaseCorrupt(
                f"{path} line {number} is damaged; it was left untouched; {SALVAGE_HINT}")
        lines.append(Line(*entry, raw=piece + b"\n"))
        size += len(piece) + 1
    return lines, size, b""


def clash(tables: Tables, ops: Iterable[Any]) -> str | None:
    """The first record a line would change that is no longer what the line says it
    was before (changed on disk since), or None."""
    for op, table, _key, doc in ops:
        if op == "put" and table == HISTORY and isinstance(doc, dict):
            for name, key, before, _after in records_of(doc, tables.get(HISTORY, {})):
                if tables.get(name, {}).get(key) != before:
                    return f"{name} #{key}"
    return None


def replay(tables: Tables, lines: list[Line], *, seq: int, epoch: str | None, folded: Any,
           salvage: bool) -> Replay:
    """Apply to ``tables`` the lines that belong to this file; report the others.

    Stops at a missing line (``gap``): the lines after it are set aside when
    salvaging, and otherwise the caller refuses the journal."""
    result = Replay(seq=seq)
    expected = seq + 1
    for at, line in enumerate(lines):
        if line.epoch is not ANY_EPOCH and line.epoch != epoch:
            if line.epoch == folded and line.seq <= seq:
                continue  # folded into this file: the journal outlived a compaction
            result.foreign += 1
            result.aside.append(line.raw)
            continue
        if line.seq <= seq:
            continue  # already in the file
        if line.seq != expected:
            result.gap = (expected - 1, line.seq)
            if salvage:
                rest = lines[at:]
                result.damaged += len(rest)
                result.aside.extend(x.raw for x in rest)
            return result
        found = clash(tables, line.ops)
        if found:
            result.clashes.append(found)
            result.aside.append(line.raw)
        else:
            apply(tables, line.ops)
            result.applied += 1
        result.seq = line.seq
        expected = line.seq + 1
    return result


def apply(tables: Tables, ops: Iterable[Any]) -> None:
    """Apply a line's operations to the tables."""
    for op, table, doc_id, doc in ops:
        if op == "put":
            tables.setdefault(table, {})[doc_id] = doc
        elif op == "del":
            tables.get(table, {}).pop(doc_id, None)
        else:
            raise DatabaseCorrupt(f"unknown journal operation {op!r}")
