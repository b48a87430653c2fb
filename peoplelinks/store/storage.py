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

Never behind anyone's back:
- every compaction gives the file a new random *epoch* and each journal line
  carries the epoch of the file it extends, so a journal is never replayed onto
  a file it was not written against (a file restored from a backup, synced from
  another laptop): such a journal is set aside, kept, and reported;
- before every write the storage checks that the file and the journal on disk
  are still what it read and wrote (identity, size, modification time, and a
  checksum when only the time moved); if not it raises :class:`FileChanged`
  and writes nothing. :meth:`JournalStorage.changed_on_disk` lets a front end
  notice earlier and reload.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from peoplelinks.errors import CannotOpen, DatabaseCorrupt, FileChanged, ReadOnly, WriteFailed
from peoplelinks.gcpause import gc_paused
from peoplelinks.store import journal, tablelines
from peoplelinks.store.cache import cache_path
from peoplelinks.store.files import (
    FILE_MODE,
    atomic_write,
    atomic_write_parts,
    ensure_folder,
    fsync_dir,
)
from peoplelinks.store.overlay import Overlay

META = "_meta"
META_ID = "1"
# Fold the journal into the file once it holds this many bytes.
COMPACT_AT_BYTES = 8 * 1024 * 1024
# A write of this many documents or more rewrites the file instead of adding a line.
WHOLE_FILE_OPS = 2000

Tables = dict[str, dict[str, Any]]
# ("put", table, doc_id, document) or ("del", table, doc_id, None)
Op = tuple[str, str, str, Any]
# (device, inode, size, modification and change time in ns) of a file as last read or
# written; the change time because a program can set the modification time back
Signature = tuple[int, int, int, int, int]


def _signature(st: os.stat_result | None) -> Signature | None:
    return None if st is None else (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns,
                                    st.st_ctime_ns)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


class JournalStorage(Storage):
    """TinyDB storage: a JSON file plus an append-only journal of changes.

    ``read()`` returns the tables in memory (TinyDB may edit them in place);
    ``write()`` (TinyDB's own write path) rewrites the whole file atomically;
    :meth:`append` is the fast path used by peoplelinks.
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False,
                 compact_at: int = COMPACT_AT_BYTES,
                 guard: Callable[[], None] | None = None, salvage: bool = False) -> None:
        """``guard`` runs before every write and raises to stop it (the writer lock's
        check). ``salvage``: a damaged journal is applied up to the damage and the rest
        set aside, instead of refused."""
        super().__init__()
        self.path = Path(path)
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.read_only = read_only
        self.compact_at = compact_at
        self.guard = guard
        self.salvage = salvage
        # Things the user should hear about (a journal set aside, a fold that failed).
        self.warnings: list[str] = []
        self._tables: Tables | None = None
        self._seq = 0
        self._epoch: str | None = None
        self._journal_fd: int | None = None
        self._journal_size = 0
        self._broken: str | None = None
        self._load_lock = threading.Lock()
        # The data came from a cache of the file (see assume_read): when read, the file
        # must be the one it was made from, or the one written since.
        self._assumed = False
        # The changes made since, over the cache's documents, while the file is not read
        # (see defer).
        self._overlay: Overlay | None = None
        # The file's status when last read or written (what a cache of it is keyed on).
        self.file_stat: os.stat_result | None = None
        self._needs_compaction = False
        # What the file and journal were when last read or written by us.
        self._file_seen: Signature | None = None
        self._file_crc = 0
        self._forgotten = False  # see forget()
        self._journal_seen: tuple[int, int] | None = None  # (device, inode)
        self._journal_disk_size = 0

    # ---- TinyDB's interface ---------------------------------------------------

    def read(self) -> Tables:
        """All tables, loaded from the file and journal on first use (by one thread:
        the app may load them beside the UI while a save asks for them)."""
        if self._forgotten:
            raise CannotOpen(f"{self.path}: its documents were let go as it closed")
        if self._tables is None:
            with self._load_lock:
                if self._tables is None:
                    self._tables = self._load_assumed() if self._assumed else self._load()
        return self._tables

    def _load_assumed(self) -> Tables:
        """The file and journal read for data that came from a cache of the file: they
        must be those the cache was made from, with our writes since; the changes not
        written yet (a batch's) are laid over them."""
        seen, journal_seen, journal_size = self._file_seen, self._journal_seen, self._journal_size
        tables = self._load()
        if _signature(self.file_stat) != seen or self._journal_size != journal_size or (
                journal_seen is not None and self._journal_seen != journal_seen):
            self.distrust()
            # Not taken in: a write would be made against another file's data.
            what = f"{self.path} was changed by another program"
            raise FileChanged(f"{what} since peoplelinks read it; nothing was written", what)
        if self._overlay is not None:
            self._overlay.lay_over(tables)
            self._overlay = None
        self._assumed = False
        return tables

    @property
    def overlay(self) -> Overlay | None:
        """The changes laid over the cache's documents, while the file is not read."""
        return self._overlay if self._tables is None else None

    def doc(self, table: str, key: str) -> Any:
        """The document of ``key`` in ``table`` now, or None (read off the cache with our
        changes over it while the file is not read)."""
        overlay = self._overlay
        if overlay is not None and self._tables is None:
            return overlay.doc(table, key)
        return self.read().get(table, {}).get(key)

    def stage(self, table: str, key: str, doc: Any) -> None:
        """Make ``doc`` the document of ``key`` in memory only (None: remove it): a
        batch's changes, written together when it ends."""
        with self._load_lock:  # never between a load and taking the changes over
            if self._overlay is not None and self._tables is None:
                self._overlay.put(table, key, doc)
                return
        tables = self.read()
        if doc is None:
            tables.get(table, {}).pop(key, None)
        else:
            tables.setdefault(table, {})[key] = doc

    def forget(self, tables: Iterable[str]) -> None:
        """Let go of the documents of ``tables`` (the database is closing, and they
        were written out); reading the tables again raises :class:`CannotOpen`
        rather than give less than the file holds."""
        self._forgotten = True
        if self._tables is not None:
            for table in tables:
                self._tables[table] = {}

    @property
    def file_crc(self) -> int:
        """The checksum of the file as last read or written."""
        return self._file_crc

    @property
    def loaded(self) -> bool:
        """True once the tables were read (or written)."""
        return self._tables is not None

    def assume_read(self, seen: Signature, crc: int | None = None) -> None:
        """The file is taken to be ``seen`` (with CRC-32 ``crc``, when known) before it
        is read (its data came from a cache of it): changes made on disk are noticed
        from the start, and a file only touched (its bytes the same) is not one."""
        self._file_seen = seen
        if crc is not None:
            self._file_crc = crc
        self._assumed = True

    def defer(self, overlay: Overlay) -> None:
        """Write without reading the file (assumed read, see :meth:`assume_read`): the
        documents a write replaces come from ``overlay`` (the cache's with our changes
        over them), each write is a journal line as usual, and the journal is folded
        into the file from the overlay, a chunk at a time. Not when a journal with
        changes lies beside the file (then it is read on the first write)."""
        try:
            st = os.stat(self.journal_path)
        except FileNotFoundError:
            st = None
        except OSError:
            return
        if st is not None:
            if st.st_size:
                return
            self._journal_seen = (st.st_dev, st.st_ino)
        meta = overlay.doc(META, META_ID)
        meta = meta if isinstance(meta, dict) else {}
        seq, epoch = meta.get("seq", 0), meta.get("epoch")
        self._seq = seq if isinstance(seq, int) else 0
        self._epoch = epoch if isinstance(epoch, str) else None
        self._overlay = overlay

    def adopt(self, tables: Tables) -> None:
        """Take ``tables`` as what the file held before it was read (it is gone; they
        come from the cache made from it), with our changes since over them."""
        if self._overlay is not None:
            self._overlay.lay_over(tables)
            self._tables, self._overlay, self._assumed = tables, None, False
            return
        meta = tables.get(META, {}).get(META_ID, {})
        seq, epoch = meta.get("seq", 0), meta.get("epoch")
        self._seq = seq if isinstance(seq, int) else 0
        self._epoch = epoch if isinstance(epoch, str) else None
        self._tables = tables

    def distrust(self) -> None:
        """What was read is not the file the data in memory came from: every write is
        refused and :meth:`changed_on_disk` says so, until the file is read again."""
        self._file_seen = (-1, -1, -1, -1, -1)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """TinyDB's write path: replace everything, atomically, then drop the journal."""
        self._check_writable()
        self._tables, self._overlay, self._assumed = data, None, False
        self.compact()

    def close(self) -> None:
        """Fold the journal into the file (when writable) and release the journal.

        Every write is already durable in the journal, so a fold that fails (a
        full disk, the file changed on disk) is a warning in :attr:`warnings`,
        not an error: the journal stays and is folded the next time."""
        try:
            if not self.read_only and self._broken is None and self._journal_size:
                try:
                    self.compact()
                except (WriteFailed, FileChanged) as exc:
                    self.warnings.append(
                        f"{exc}; your changes are safe in {self.journal_path} and will be "
                        "folded into the file the next time peoplelinks opens it")
        finally:
            self._close_journal()

    # ---- the fast path --------------------------------------------------------

    @property
    def seq(self) -> int:
        """Sequence number of the last durable write."""
        if self.overlay is None:
            self.read()
        return self._seq

    def append(self, ops: Iterable[Op]) -> None:
        """Durably apply ``ops`` as one all-or-nothing write.

        On return the change is on disk (fsynced). On error nothing changed,
        in memory or on disk, and :class:`WriteFailed` says why.
        """
        self._check_writable()
        ops = list(ops)
        seq = self._seq + 1
        if self.overlay is not None and len(ops) < WHOLE_FILE_OPS:
            self._append_line(journal.encode(seq, self._epoch, ops))
            self._seq = seq
            with self._load_lock:
                if self._tables is None and self._overlay is not None:
                    self._overlay.apply(ops)
                else:  # read meanwhile (the journal line with it)
                    journal.apply(self._tables or {}, ops)
            self._compact_when_due()
            return
        tables = self.read()
        if len(ops) >= WHOLE_FILE_OPS:
            self._write_whole(tables, ops, seq)
            return
        self._append_line(journal.encode(seq, self._epoch, ops))
        self._seq = seq
        journal.apply(tables, ops)
        self._compact_when_due()

    def _compact_when_due(self) -> None:
        if self._journal_size >= self.compact_at:
            # The write above is already durable; a failed compaction keeps the journal.
            with contextlib.suppress(WriteFailed):
                self.compact()

    def _write_whole(self, tables: Tables, ops: list[Op], seq: int) -> None:
        """A bulk change (an import) as one atomic write of the whole file: its journal
        line would be as large as the file, and fold into it at once anyway."""
        new = dict(tables)
        for table in {op[1] for op in ops}:
            new[table] = dict(tables.get(table, {}))
        journal.apply(new, ops)
        self._tables, self._seq = new, seq
        try:
            self.compact()
        except BaseException:
            self._tables, self._seq = tables, seq - 1
            raise

    def compact(self) -> None:
        """Write everything to the file atomically and start an empty journal."""
        self._check_writable()
        overlay = self.overlay
        if overlay is not None:
            self._compact_over(overlay)
            return
        tables = self.read()
        meta = tables.setdefault(META, {}).setdefault(META_ID, {})
        before = dict(meta)
        epoch = os.urandom(8).hex()
        meta.update(seq=self._seq, epoch=epoch, folded=self._epoch)
        try:
            # A table at a time: the file's bytes are never all in memory at once.
            crc = self._write_file(lambda: tablelines.table_lines(tables))
        except WriteFailed:
            meta.clear()
            meta.update(before)
            raise
        self._folded(epoch, crc)

    def _compact_over(self, overlay: Overlay) -> None:
        """Fold the journal into the file without reading it: the file is written from
        the cache's chunks with our changes over them, a chunk at a time."""
        metas = overlay.table(META)
        meta = dict(metas.get(META_ID, {}))
        epoch = os.urandom(8).hex()
        meta.update(seq=self._seq, epoch=epoch, folded=self._epoch)
        metas[META_ID] = meta
        names = overlay.names()
        names += [META] if META not in names else []

        def tables() -> Iterator[tuple[str, Iterable[bytes]]]:
            for name in names:
                yield name, [orjson.dumps(metas)] if name == META else overlay.table_bytes(name)

        crc = self._write_file(lambda: tablelines.lines(tables()))
        with self._load_lock:
            if self._tables is None:
                overlay.put(META, META_ID, meta)
            else:  # read meanwhile (a damaged part of the cache): from the old file
                self._tables.setdefault(META, {})[META_ID] = meta
        self._folded(epoch, crc)

    def _write_file(self, make: Callable[[], Iterable[bytes]]) -> int:
        """Write the file atomically from the parts ``make()`` gives; return its CRC."""
        crc = 0

        def parts() -> Iterator[bytes]:
            nonlocal crc
            crc = 0
            for part in make():
                crc = zlib.crc32(part, crc)
                yield part

        try:
            try:
                atomic_write_parts(self.path, parts())
            except OSError as exc:
                if exc.errno != errno.ENOSPC or not self._drop_cache():
                    raise
                atomic_write_parts(self.path, parts())  # the cache's room was what it lacked
        except OSError as exc:
            raise WriteFailed(f"could not save {self.path}: {exc.strerror or exc}") from exc
        return crc

    def _folded(self, epoch: str, crc: int) -> None:
        """The file was written with everything (epoch ``epoch``, checksum ``crc``): the
        journal goes."""
        self._epoch = epoch
        self.file_stat = _stat(self.path)
        self._file_seen = _signature(self.file_stat)
        self._file_crc = crc
        self._close_journal()
        # The file now holds everything; a journal left behind is skipped on load
        # (its lines carry the epoch this file says it folded), so failing to
        # remove it loses nothing.
        with contextlib.suppress(OSError):
            os.unlink(self.journal_path)
            fsync_dir(self.path.parent)
        self._journal_size = 0
        self._journal_seen = None
        self._journal_disk_size = 0
        self._needs_compaction = False

    def write_again(self) -> None:
        """The file (or its folder) was removed under us: there is nothing to overwrite,
        so write it again from memory, which holds everything."""
        if self.path.exists():
            raise FileChanged(f"{self.path} exists again; nothing was written",
                              what=f"{self.path} was changed by another program")
        ensure_folder(self.path.parent)
        self._file_seen = None
        if _stat(self.journal_path) is None:
            self._close_journal()
            self._journal_seen = None
            self._journal_disk_size = 0
        self.compact()
        self.warnings.append(f"{self.path} was removed while peoplelinks had it open; it was "
                             "written again from what peoplelinks holds")

    @property
    def needs_compaction(self) -> bool:
        """True when memory holds changes that only a compaction makes durable
        (a journal was set aside after its own lines were applied)."""
        return self._needs_compaction

    @property
    def journal_bytes(self) -> int:
        """Size of the journal not yet folded into the file."""
        return self._journal_size

    # ---- loading --------------------------------------------------------------

    def _load(self) -> Tables:
        with gc_paused():
            for _attempt in range(4):
                try:
                    return self._load_once()
                except _Stale:
                    time.sleep(0.05)  # a writer compacted while we read: read again
            return self._load_once(last_try=True)

    def _load_once(self, last_try: bool = False) -> Tables:
        tables = self._read_file()
        meta = tables.get(META, {}).get(META_ID, {})
        meta = meta if isinstance(meta, dict) else {}
        file_seq = meta.get("seq", 0)
        self._seq = file_seq if isinstance(file_seq, int) else 0
        self._epoch = meta.get("epoch") if isinstance(meta.get("epoch"), str) else None
        lines, size, damaged = self._read_journal()
        result = journal.replay(tables, lines, seq=self._seq, epoch=self._epoch,
                                folded=meta.get("folded"), salvage=self.salvage)
        if damaged:
            result.damaged += 1
            result.aside.append(damaged)
        if (result.gap or result.foreign) and self.read_only and not last_try:
            raise _Stale  # a writer compacted while we read: read again
        if result.gap and not self.salvage:
            raise DatabaseCorrupt(
                f"{self.journal_path} skips from write {result.gap[0]} to {result.gap[1]} "
                f"(a line is missing); it was left untouched; {journal.SALVAGE_HINT}")
        self._seq = result.seq
        self._journal_size = size
        if result.aside:
            self._set_aside(result)
        return tables

    def _set_aside(self, result: journal.Replay) -> None:
        """Keep the journal lines that cannot be applied in a file of their own (never
        replayed, never dropped), and say so."""
        count = len(result.aside)
        if self.read_only:
            self.warnings.append(
                f"{count} change(s) in {self.journal_path} are not shown: "
                f"{result.reasons(self.path)}; open peoplelinks to set them aside")
            return
        aside = self.journal_path.with_name(
            f"{self.journal_path.name}.set-aside-{time.strftime('%Y%m%dT%H%M%S')}")
        n = 1
        while aside.exists():
            n += 1
            aside = aside.with_name(f"{aside.name.split('.set-aside-')[0]}.set-aside-"
                                    f"{time.strftime('%Y%m%dT%H%M%S')}-{n}")
        try:
            atomic_write(aside, b"".join(result.aside))
        except OSError as exc:
            raise WriteFailed(f"could not set aside changes from {self.journal_path}: "
                              f"{exc.strerror or exc}") from exc
        self.warnings.append(
            f"{count} change(s) in the journal were not applied: {result.reasons(self.path)}; "
            f"they are kept in {aside}")
        # The journal goes when the file is written again (the lines applied are
        # in memory only until then).
        self._needs_compaction = True

    def _read_file(self) -> Tables:
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())
                data = self._read_by_line(handle.fileno(), st)
                raw = b"" if data is not None else handle.read()
        except FileNotFoundError:
            self._file_seen = None
            return {}
        except IsADirectoryError:
            raise CannotOpen(f"{self.path} is a folder, not a database file") from None
        except OSError as exc:
            raise CannotOpen(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        self._file_seen = _signature(st)
        self.file_stat = st
        if data is not None:
            return data
        self._file_crc = zlib.crc32(raw)
        if not raw.strip():
            raise DatabaseCorrupt(f"{self.path} is empty (0 bytes of data)")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as bad:
                raise DatabaseCorrupt(f"{self.path} is not UTF-8 text (a bad byte at position "
                                      f"{bad.start})") from None
            raise DatabaseCorrupt(f"{self.path} is not valid JSON ({exc})") from exc
        return self._tinydb_tables(data)

    def _read_by_line(self, fd: int, st: os.stat_result) -> Tables | None:
        """The file's tables read a line at a time (see :mod:`.tablelines`), or None
        to read it whole: another layout, a line that does not parse, or the file
        changed while it was read."""
        self._file_crc, newlines = tablelines.scan(fd, st.st_size)
        data = tablelines.read_by_line(fd, st.st_size, newlines)
        if data is None or _signature(os.fstat(fd)) != _signature(st):
            return None
        try:
            return self._tinydb_tables(data)
        except DatabaseCorrupt:
            return None  # the whole file's read says so

    def _tinydb_tables(self, data: Any) -> Tables:
        if not isinstance(data, dict) or not all(
            isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
            for t in data.values()
        ):
            raise DatabaseCorrupt(f"{self.path} is JSON but not a TinyDB database")
        return data

    def _read_journal(self) -> tuple[list[journal.Line], int, bytes]:
        try:
            with open(self.journal_path, "rb") as handle:
                st = os.fstat(handle.fileno())
                raw = handle.read()
        except FileNotFoundError:
            self._journal_seen = None
            self._journal_disk_size = 0
            return [], 0, b""
        except OSError as exc:
            raise CannotOpen(f"cannot read {self.journal_path}: {exc.strerror or exc}") from exc
        self._journal_seen = (st.st_dev, st.st_ino)
        self._journal_disk_size = len(raw)
        return journal.read_lines(raw, self.journal_path, salvage=self.salvage)

    # ---- noticing changes made by others ----------------------------------------

    def changed_on_disk(self) -> str | None:
        """What changed on disk since this storage last read or wrote the files, or None.

        Costs two ``stat`` calls; the file is read again (for its checksum) only
        when its time changed but not its size."""
        st = _stat(self.path)
        seen = _signature(st)
        if seen != self._file_seen:
            if st is None:
                return f"{self.path} was removed"
            if self._file_seen is None:
                return f"{self.path} was created by another program"
            if st.st_size != self._file_seen[2] or not self._same_bytes():
                return f"{self.path} was changed by another program"
            self._file_seen = seen  # touched, or rewritten with the same bytes
        jst = _stat(self.journal_path)
        if jst is None:
            if self._journal_seen is not None:
                return f"{self.journal_path} was removed by another program"
        elif (jst.st_dev, jst.st_ino) != self._journal_seen or \
                jst.st_size != self._journal_disk_size:
            return f"{self.journal_path} was changed by another program"
        return None

    def _same_bytes(self) -> bool:
        try:
            return tablelines.crc_of(self.path) == self._file_crc
        except OSError:
            return False

    # ---- writing the journal --------------------------------------------------

    def check_writable(self) -> None:
        """Raise what a write now would raise before writing anything: read-only,
        broken, the lock lost, the files changed on disk."""
        self._check_writable()

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnly(f"{self.path} is open read-only")
        if self._broken:
            raise WriteFailed(self._broken)
        if self.guard is not None:
            self.guard()
        if self._tables is not None or self._overlay is not None:
            changed = self.changed_on_disk()
            if changed:
                raise FileChanged(f"{changed} since peoplelinks read it; nothing was written",
                                  what=changed)

    def _open_journal(self) -> int:
        if self._journal_fd is None:
            ensure_folder(self.path.parent)
            existed = self.journal_path.exists()
            fd = os.open(self.journal_path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
            try:
                # Cut off a torn tail left by a crash before writing after it.
                os.ftruncate(fd, self._journal_size)
                os.lseek(fd, self._journal_size, os.SEEK_SET)
                if not existed:
                    fsync_dir(self.path.parent)
            except OSError:
                os.close(fd)
                raise
            st = os.fstat(fd)
            self._journal_seen = (st.st_dev, st.st_ino)
            self._journal_disk_size = self._journal_size
            self._journal_fd = fd
        return self._journal_fd

    def _drop_cache(self) -> bool:
        """Remove the cache beside the file (derived, see :mod:`.cache`) to make room
        for a write the disk is too full for; True when there was one."""
        try:
            os.unlink(cache_path(self.path))
        except OSError:
            return False
        return True

    def _append_line(self, line: bytes, retry: bool = True) -> None:
        try:
            fd = self._open_journal()
        except OSError as exc:
            raise WriteFailed(f"could not save to {self.journal_path}: {exc.strerror or exc}") \
                from exc
        try:
            view = memoryview(line)
            while view:
                written = os.write(fd, view)
                self._journal_disk_size += written
                view = view[written:]
            os.fsync(fd)
        except OSError as exc:
            self._rollback(fd)
            if exc.errno == errno.ENOSPC and retry and not self._broken and self._drop_cache():
                self._append_line(line, retry=False)  # the cache's room was what it lacked
                return
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
            self._journal_disk_size = self._journal_size
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


class _Stale(Exception):
    """A reader saw a file and a journal from two moments of a writer: read again."""
