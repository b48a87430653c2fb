"""A TinyDB storage that makes every write durable at the cost of the change.

The database is one JSON file in TinyDB's own layout (``{table: {id: doc}}``),
so stock ``tinydb.TinyDB(path)`` reads it. Writes do not rewrite that file:
each one is a line appended to a journal beside it (``<file>.journal``) and
fsynced, so a write costs what it changes, not what the database holds. The
journal is folded back into the file (*compaction*: temporary file, fsync,
rename, fsync of the folder) when it grows, and when the database is closed,
so a closed database is one plain JSON file again.

Crash safety:
- a journal line carries a CRC and the sequence number of its write; a torn
  last line (a write that was never acknowledged) is ignored on replay;
- the file records the sequence number it holds up to, so a crash between
  renaming the new file and removing the journal never applies a write twice;
- a write that fails (a full disk) is cut back off the journal and raises
  :class:`WriteFailed`; memory is only changed after the journal is durable.
"""

from __future__ import annotations

import contextlib
import gc
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from peoplelinks.errors import DatabaseCorrupt, ReadOnly, WriteFailed
from peoplelinks.store.files import FILE_MODE, atomic_write, ensure_folder, fsync_dir

META = "_meta"
META_ID = "1"
# Fold the journal into the file once it holds this many bytes.
COMPACT_AT_BYTES = 8 * 1024 * 1024

Tables = dict[str, dict[str, Any]]
# ("put", table, doc_id, document) or ("del", table, doc_id, None)
Op = tuple[str, str, str, Any]


class JournalStorage(Storage):  # type: ignore[misc]
    """TinyDB storage: a JSON file plus an append-only journal of changes.

    ``read()`` returns the tables in memory (TinyDB may edit them in place);
    ``write()`` (TinyDB's own write path) rewrites the whole file atomically;
    :meth:`append` is the fast path used by peoplelinks.
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False,
                 compact_at: int = COMPACT_AT_BYTES) -> None:
        super().__init__()
        self.path = Path(path)
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.read_only = read_only
        self.compact_at = compact_at
        self._tables: Tables | None = None
        self._seq = 0
        self._journal_fd: int | None = None
        self._journal_size = 0
        self._broken: str | None = None

    # ---- TinyDB's interface ---------------------------------------------------

    def read(self) -> Tables:
        """All tables, loaded from the file and journal on first use."""
        if self._tables is None:
            self._tables = self._load()
        return self._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """TinyDB's write path: replace everything, atomically, then drop the journal."""
        self._check_writable()
        self._tables = data
        self.compact()

    def close(self) -> None:
        """Fold the journal into the file (when writable) and release the journal."""
        try:
            if not self.read_only and self._broken is None and self._journal_size:
                self.compact()
        finally:
            self._close_journal()

    # ---- the fast path --------------------------------------------------------

    @property
    def seq(self) -> int:
        """Sequence number of the last durable write."""
        self.read()
        return self._seq

    def append(self, ops: Iterable[Op]) -> None:
        """Durably apply ``ops`` as one all-or-nothing write.

        On return the change is on disk (fsynced). On error nothing changed,
        in memory or on disk, and :class:`WriteFailed` says why.
        """
        self._check_writable()
        tables = self.read()
        ops = list(ops)
        seq = self._seq + 1
        body = orjson.dumps({"seq": seq, "ops": ops})
        line = b"%08x " % zlib.crc32(body) + body + b"\n"
        self._append_line(line)
        self._seq = seq
        _apply(tables, ops)
        if self._journal_size >= self.compact_at:
            # The write above is already durable; a failed compaction keeps the journal.
            with contextlib.suppress(WriteFailed):
                self.compact()

    def compact(self) -> None:
        """Write everything to the file atomically and start an empty journal."""
        self._check_writable()
        tables = self.read()
        meta = tables.setdefault(META, {}).setdefault(META_ID, {})
        meta["seq"] = self._seq
        try:
            atomic_write(self.path, orjson.dumps(tables))
        except OSError as exc:
            raise WriteFailed(f"could not save {self.path}: {exc.strerror or exc}") from exc
        self._close_journal()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.journal_path)
            fsync_dir(self.path.parent)
        self._journal_size = 0

    @property
    def journal_bytes(self) -> int:
        """Size of the journal not yet folded into the file."""
        return self._journal_size

    # ---- loading --------------------------------------------------------------

    def _load(self) -> Tables:
        # Python's cyclic GC scans every new object while hundreds of thousands
        # are allocated here, tripling load time; nothing loaded here is cyclic.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for _attempt in range(3):
                tables, stale = self._load_once()
                if not stale:
                    return tables
            return tables
        finally:
            if was_enabled:
                gc.enable()

    def _load_once(self) -> tuple[Tables, bool]:
        tables = self._read_file()
        meta = tables.get(META, {}).get(META_ID, {})
        file_seq = meta.get("seq", 0) if isinstance(meta, dict) else 0
        self._seq = file_seq if isinstance(file_seq, int) else 0
        entries, size = self._read_journal()
        expected = self._seq + 1
        for seq, ops in entries:
            if seq <= self._seq:
                continue  # already in the file: the journal outlived a compaction
            if seq != expected:
                if self.read_only:
                    return tables, True  # a writer compacted while we read: read again
                raise DatabaseCorrupt(
                    f"{self.journal_path} skips from write {expected - 1} to {seq}; "
                    "it was left untouched"
                )
            _apply(tables, ops)
            self._seq = seq
            expected = seq + 1
        self._journal_size = size
        return tables, False

    def _read_file(self) -> Tables:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise DatabaseCorrupt(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        if not raw.strip():
            raise DatabaseCorrupt(f"{self.path} is empty (0 bytes of data)")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise DatabaseCorrupt(f"{self.path} is not valid JSON ({exc})") from exc
        if not isinstance(data, dict) or not all(
            isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
            for t in data.values()
        ):
            raise DatabaseCorrupt(f"{self.path} is JSON but not a TinyDB database")
        return data

    def _read_journal(self) -> tuple[list[tuple[int, list[Any]]], int]:
        try:
            raw = self.journal_path.read_bytes()
        except FileNotFoundError:
            return [], 0
        entries: list[tuple[int, list[Any]]] = []
        lines = raw.split(b"\n")
        # Everything before the last newline was acknowledged; the piece after it
        # (empty when the file ends in a newline) is a write that never was.
        complete, good_size = lines[:-1], 0
        for number, line in enumerate(complete, start=1):
            entry = _decode(line)
            if entry is None:
                if number == len(complete):
                    break  # a torn last line: ignored, cut off at the next write
                raise DatabaseCorrupt(
                    f"{self.journal_path} line {number} is damaged; it was left untouched"
                )
            entries.append(entry)
            good_size += len(line) + 1
        return entries, good_size

    # ---- writing the journal --------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnly(f"{self.path} is open read-only")
        if self._broken:
            raise WriteFailed(self._broken)

    def _open_journal(self) -> int:
        if self._journal_fd is None:
            ensure_folder(self.path.parent)
            existed = self.journal_path.exists()
            fd = os.open(self.journal_path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
            # Cut off a torn tail left by a crash before writing after it.
            os.ftruncate(fd, self._journal_size)
            os.lseek(fd, self._journal_size, os.SEEK_SET)
            if not existed:
                fsync_dir(self.path.parent)
            self._journal_fd = fd
        return self._journal_fd

    def _append_line(self, line: bytes) -> None:
        try:
            fd = self._open_journal()
        except OSError as exc:
            raise WriteFailed(f"could not save to {self.journal_path}: {exc.strerror or exc}") \
                from exc
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        except OSError as exc:
            self._rollback(fd)
            raise WriteFailed(
                f"could not save to {self.journal_path}: {exc.strerror or exc}; nothing was changed"
            ) from exc
        self._journal_size += len(line)

    def _rollback(self, fd: int) -> None:
        """Cut a partly written line off the journal; if that fails, stop writing."""
        try:
            os.ftruncate(fd, self._journal_size)
            os.lseek(fd, self._journal_size, os.SEEK_SET)
            os.fsync(fd)
        except OSError as exc:
            self._broken = (
                f"{self.journal_path} could not be repaired after a failed write "
                f"({exc.strerror or exc}); restart peoplelinks"
            )

    def _close_journal(self) -> None:
        if self._journal_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._journal_fd)
            self._journal_fd = None


def _decode(line: bytes) -> tuple[int, list[Any]] | None:
    """A journal line's (seq, ops), or None when it is torn or damaged."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        entry = orjson.loads(body)
        return int(entry["seq"]), list(entry["ops"])
    except (ValueError, KeyError, TypeError, orjson.JSONDecodeError):
        return None


def _apply(tables: Tables, ops: Iterable[Op] | Iterator[Any]) -> None:
    for op, table, doc_id, doc in ops:
        if op == "put":
            tables.setdefault(table, {})[doc_id] = doc
        elif op == "del":
            tables.get(table, {}).pop(doc_id, None)
        else:
            raise DatabaseCorrupt(f"unknown journal operation {op!r}")
