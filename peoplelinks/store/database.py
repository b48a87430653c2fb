"""The database: an open file, its lock, and durable, undoable commits.

:class:`Database` is the only way the layers above reach the data. It opens the
file (symbolic links resolved, lock, backup, migration, validation into
:class:`~peoplelinks.store.records.Records`) and writes every change through
:class:`JournalStorage` as one all-or-nothing commit.

Every commit is recorded in the change history (:mod:`.history`) with each
record before and after, so any change can be undone (:meth:`Database.undo`)
and redone, whatever made it; a :meth:`Database.batch` makes many commits one
change (a bulk operation).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from peoplelinks.domain.fields import now
from peoplelinks.domain.models import Record
from peoplelinks.errors import (
    CannotOpen,
    DatabaseCorrupt,
    FileChanged,
    NothingToUndo,
    PeopleLinksError,
    UndoConflict,
)
from peoplelinks.store import backup, history, migrations
from peoplelinks.store.cache import (
    CACHE_FROM_BYTES,
    Cache,
    Key,
    current_key,
    journal_empty,
    key_of,
    open_cache,
    write_cache,
)
from peoplelinks.store.files import real_file
from peoplelinks.store.history import HISTORY, ChangeInfo, DocChange
from peoplelinks.store.lazytable import LATER
from peoplelinks.store.lock import WriterLock
from peoplelinks.store.overlay import Overlay, OverlayTables
from peoplelinks.store.records import (
    _UNKNOWN,
    CHECKED,
    ID_TABLES,
    KNOWN_TABLES,
    PREFERENCES,
    QUARANTINE,
    SINGLETON_OF,
    TABLE_OF,
    Problem,
    Records,
    dump_json,
)
from peoplelinks.store.storage import META, META_ID, JournalStorage, Op

__all__ = ["CACHE_FROM_BYTES", "Database", "Problem", "TABLE_OF", "SINGLETON_OF"]


class Database(Records):
    """An open peoplelinks database. Use :meth:`open`; close it when done."""

    def __init__(self, storage: JournalStorage, lock: WriterLock | None) -> None:
        self.storage = storage
        self.path = storage.path
        self._lock = lock
        self.backup_error: str | None = None
        self._backup: threading.Thread | None = None
        self._reset()
        self._batch: list[DocChange] | None = None
        # Read from the cache beside the file instead of the file (see _load_cached).
        self._cache: Cache | None = None
        self._cache_key: Key | None = None
        # The key of the cache to write on close: this read the whole file, and no
        # cache could be used.
        self._cache_due: Key | None = None
        self._changed = False  # a document was written since opening
        self._refresh_cache = False  # write the cache of the file on close (a writer)
        self._file_schema = migrations.SCHEMA_VERSION  # of the file a cache is made from

    def _raw(self, table: str) -> dict[str, Any]:
        # From the cache until the file is read, with our writes over it (a writer).
        if self._cache is not None and not self.storage.loaded:
            with self._unless_unreadable():
                overlay = self.storage.overlay
                return overlay.table(table) if overlay is not None else \
                    self._cache.table(table)
            return {}
        return self.storage.read().get(table, {})

    def _docs(self, table: str) -> Iterator[tuple[int, dict[str, Any]]]:
        overlay = self.storage.overlay
        if overlay is None or not overlay.chunked(table):
            yield from super()._docs(table)
            return
        # A large table a chunk of the cache at a time: never all its documents at once.
        with self._unless_unreadable():
            for key, doc in overlay.items(table):
                if key.isdigit() and isinstance(doc, dict):
                    yield int(key), doc

    def _stored_index(self, name: str) -> Any:
        # Indexes as the file holds them: good until the first change.
        if self._cache is None or self._changed:
            return None
        with self._unless_unreadable():
            return self._cache.index(name)
        return None

    def _cache_docs(self, table: str, keys: list[str]) -> list[Any]:
        assert self._cache is not None
        with self._unless_unreadable():
            return self._cache.docs(table, keys)
        return [None] * len(keys)

    @contextmanager
    def _unless_unreadable(self) -> Iterator[None]:
        """For the app opened from the cache: a part of the cache found damaged when
        the file is no longer the one it was made from cannot be read at all; rather
        than fail where it is read (drawing a card), what it held is missing until the
        app reloads the file (it notices the change, and nothing is written before)."""
        try:
            yield
        except FileChanged:
            if self.read_only:
                raise  # a command: it says so, and is run again

    def _changed_since_read(self) -> bool:
        return self._changed

    def _set_doc(self, table: str, key: str, doc: Any, model: Any = None) -> None:
        self._changed = True
        super()._set_doc(table, key, doc, model)

    # ---- opening and closing --------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, lock_timeout: float = 1.0,
             salvage: bool = False, cached: bool = False) -> Database:
        """Open ``path`` (created on the first write when missing).

        Symbolic links are resolved once: the lock, journal, backups and the
        atomic rename all act on the real file. A writable open takes the
        single-writer lock, makes today's backup, migrates an older file and
        folds a leftover journal into the file. ``cached``: read from the cache
        beside the file when it was made from the file as it is (:mod:`.cache`);
        read only, write one on close when there was none; writable, write without
        ever reading the file (:mod:`.overlay`) and write the cache of the file as it
        is on close (the app: its next start and the command line's reads are fast).
        """
        path = real_file(Path(path))
        lock = None
        if not read_only:
            lock = WriterLock(path, timeout=lock_timeout)
            lock.acquire()
        try:
            db = cls(cls._storage(path, read_only, lock, salvage), lock)
            if not (cached and not salvage and db._load_cached(path, read_only)):
                db._load(path, read_only, cache=cached and read_only and not salvage)
            db._refresh_cache = cached and not read_only
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return db

    @staticmethod
    def _storage(path: Path, read_only: bool, lock: WriterLock | None,
                 salvage: bool = False) -> JournalStorage:
        return JournalStorage(path, read_only=read_only, salvage=salvage,
                              guard=lock.verify if lock is not None else None)

    def reload(self) -> bool:
        """Read the file again (it changed on disk), keeping the lock; True when read.

        Changes of ours still in the journal are replayed onto the new file when
        they were made to it, and set aside (kept, reported) when it was replaced.
        If the new file cannot be read (damaged), nothing changes here and the
        error says why: writes stay refused until it can be. If the file was
        removed, there is nothing to overwrite: it is written again from memory
        (and False returned)."""
        if not self.read_only and not self.path.exists():
            if self._cache is not None and not self.storage.loaded:
                # Removed before it was read: what it held is in its cache.
                self.storage.adopt(self._cached_tables())
            self.storage.write_again()
            return False
        with self.derive_lock:  # nothing is worked out from half-read data
            before = dict(self.__dict__)
            old, old_cache = self.storage, self._cache
            self.storage = self._storage(self.path, old.read_only, self._lock)
            self.storage.warnings = old.warnings
            try:
                self._reset()
                self._cache = self._cache_due = None
                self._load(self.path, old.read_only, backups=False)
            except BaseException:
                self.storage._close_journal()
                self.__dict__.clear()
                self.__dict__.update(before)
                raise
        old._close_journal()
        if old_cache is not None:
            old_cache.close()
        return True

    def _load_cached(self, path: Path, read_only: bool) -> bool:
        """Take everything in from the cache beside ``path``; False when there is no
        cache made from the file as it is now (then the file is read). A writer also
        needs the file in this version's schema (else it is migrated on open)."""
        cache = open_cache(path, migrations.SCHEMA_VERSION, self._file_tables)
        if cache is None:
            return False
        try:
            small = cache.small
            if migrations.check_supported(small, path) != migrations.SCHEMA_VERSION or (
                    not read_only and cache.file_schema != migrations.SCHEMA_VERSION):
                cache.close()
                return False
        except CannotOpen:
            cache.close()
            return False
        self._cache, self._cache_key = cache, cache.key
        if not read_only:
            # Writes take the documents they replace from the cache, with our changes
            # over them; the file, if ever read (load_file, a bulk write), must be the
            # one the cache was made from.
            dev, ino, size, mtime, ctime = cache.key[3:8]
            self.storage.assume_read((dev, ino, size, mtime, ctime), cache.file_crc)
            self.storage.defer(Overlay(cache))
            self._start_daily_backup(path)
        tables = dict(small)
        for table in ID_TABLES:
            tables[table] = dict.fromkeys(cache.keys(table), LATER)
        self._validate(tables, fetch=lambda table: lambda keys: self._cache_docs(table, keys))
        return True

    def _read_cached_file(self) -> bool:
        """True when the file the storage read is the one the cache was made from."""
        st = self.storage.file_stat
        return st is not None and not self.storage.journal_bytes and \
            key_of(st, migrations.SCHEMA_VERSION) == self._cache_key

    def _cached_tables(self) -> dict[str, dict[str, Any]]:
        """Every table as the cache holds it (the file as it was when opened)."""
        assert self._cache is not None
        cache = self._cache
        tables = {name: dict(docs) for name, docs in cache.small.items()}
        for table in ID_TABLES:
            if cache.keys(table):
                tables[table] = dict(cache.table(table))
        return tables

    def load_file(self) -> None:
        """Read the file itself now, if the data came from its cache (writes do not
        need it: see :mod:`.overlay`)."""
        self.storage.read()

    def _file_tables(self) -> dict[str, dict[str, Any]]:
        """The file's tables, for a cache found damaged after part of it was read: the
        file must be the one the cache was made from (the rest must match). A writer's
        were checked when read (see JournalStorage.assume_read), and may hold its writes
        since: the documents still asked for are those it did not write."""
        tables = self.storage.read()
        if not self.read_only:
            return tables
        if not self._read_cached_file():
            raise FileChanged(f"{self.path} was changed by another program while it was "
                              "being read; run the command again",
                              what=f"{self.path} was changed by another program")
        return tables

    def _load(self, path: Path, read_only: bool, backups: bool = True,
              cache: bool = False) -> None:
        try:
            tables = self.storage.read()
        except DatabaseCorrupt as exc:
            newest = backup.newest_backup(path)
            hint = f"the newest backup is {newest}" if newest else "there is no backup"
            raise DatabaseCorrupt(f"{exc}; {hint}") from None
        version = migrations.check_supported(tables, path)
        strangers = sorted(set(tables) - KNOWN_TABLES) if version == 0 else []
        if strangers:
            # No _meta and tables we do not know: another program's TinyDB file.
            raise CannotOpen(
                f"{path} is a TinyDB file of another program (tables: "
                f"{', '.join(strangers[:5])}); peoplelinks leaves it alone: give another --db")
        if backups and not read_only and path.exists():
            if version < migrations.SCHEMA_VERSION:
                backup.event_backup(path, f"before-schema-{migrations.SCHEMA_VERSION}")
            self._start_daily_backup(path)
        if version < migrations.SCHEMA_VERSION:
            migrations.migrate(tables)
        self._validate(tables)
        st = self.storage.file_stat
        # The cache holds the documents as this version reads them (migrated).
        if cache and st is not None and st.st_size >= CACHE_FROM_BYTES and \
                not self.storage.journal_bytes and not self.storage.warnings and \
                journal_empty(path):
            self._cache_due = key_of(st, migrations.SCHEMA_VERSION)
            self._file_schema = version
        if not read_only and (
            self.storage.journal_bytes or self.storage.needs_compaction
            or (version < migrations.SCHEMA_VERSION and tables)
        ):
            self.storage.compact()

    def _write_cache(self, key: Key) -> None:
        """Write the cache of the file as last read or written (``key``), made from
        what memory holds, which is what the file holds — unless the file or its
        journal changed since: then nothing is written."""
        self._cache_due = None
        if current_key(self.path, migrations.SCHEMA_VERSION) != key:
            return
        # A cache is only a shortcut: failing to make one is never an error.
        with contextlib.suppress(PeopleLinksError, OSError):
            overlay = self.storage.overlay
            # A writer that never read the file: from the old cache and our changes.
            tables: Mapping[str, Mapping[str, Any]] = (
                OverlayTables(overlay) if overlay is not None else self.storage.read())
            chunked = [t for t in ID_TABLES if t in tables]

            def validated() -> Iterator[tuple[str, Any]]:
                # The documents are in the cache now and the database is closing: let
                # them go before every record is validated, not hold both (at 30,000
                # contacts, 175 MB of documents beside the records).
                # (Not those still to be read from there: of a table left unvalidated,
                # read once more, when a damaged cache fell back to the file.)
                self._talk_maps()
                self.storage.forget([t for t in chunked if self._cache is None
                                     or self.settled(t) or t not in CHECKED])
                return self.validated_indexes()

            write_cache(self.path, key, tables, chunked, self.stored_indexes(), validated,
                        self._file_schema, self.storage.file_crc)

    def _start_daily_backup(self, path: Path) -> None:
        # Copying a large file costs as much as loading it: do it beside the load.
        # The copy reads the file it opened even if a compaction renames a new one over it.
        self._backup = threading.Thread(target=self._daily_backup, args=(path,),
                                        name="peoplelinks-backup")
        self._backup.start()

    def _daily_backup(self, path: Path) -> None:
        try:
            backup.daily_backup(path)
        except OSError as exc:
            self.backup_error = f"could not back up {path}: {exc.strerror or exc}"

    def close(self) -> None:
        """Fold the journal into the file and release the lock.

        A fold that fails is not an error (every write is already durable in the
        journal): it is added to :attr:`warnings`."""
        if self._backup is not None:
            self._backup.join()
            self._backup = None
        if self._cache_due is not None:
            self._write_cache(self._cache_due)
        try:
            self.storage.close()
            st = self.storage.file_stat
            if self._refresh_cache and st is not None and st.st_size >= CACHE_FROM_BYTES \
                    and self.storage.changed_on_disk() is None:  # memory holds the file
                key = key_of(st, migrations.SCHEMA_VERSION)
                if key != self._cache_key:  # (else the cache read is still the file's)
                    # Still under the lock: nobody else wrote the file meanwhile.
                    self._file_schema = migrations.SCHEMA_VERSION
                    self._write_cache(key)
            if self._cache is not None and self._cache.broken and self.read_only and \
                    self.storage.loaded:  # found damaged: made again from the file read
                self._write_cache(self._cache_key)  # type: ignore[arg-type]
        finally:
            if self._cache is not None:
                self._cache.close()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        """True when opened without the writer lock."""
        return self.storage.read_only

    @property
    def warnings(self) -> list[str]:
        """What the user should be told: a journal set aside, a fold or backup that failed."""
        found = list(self.storage.warnings)
        if self.backup_error:
            found.append(self.backup_error)
        return found

    def changed_on_disk(self) -> str | None:
        """What another program changed in the files since we read them, or None."""
        return self.storage.changed_on_disk()

    # ---- writing --------------------------------------------------------------

    def new_id(self, model: type[Record]) -> int:
        """Reserve a fresh id for a record of ``model`` (ids are never reused)."""
        return self._new_key(TABLE_OF[model])

    def _new_key(self, table: str) -> int:
        value = self._next_id.get(table, 1)
        self._next_id[table] = value + 1
        return value

    def commit(self, puts: Sequence[BaseModel] = (), deletes: Iterable[Record] = (), *,
               summary: str = "") -> None:
        """Store ``puts`` (records with ids, or the objective/settings) and remove ``deletes``.

        One durable, all-or-nothing write, recorded in the history as one change
        described by ``summary`` (what undo says it undid); the models and
        indexes change only after it is on disk.
        """
        changes: list[DocChange] = []
        models: dict[tuple[str, str], BaseModel | None] = {}
        doc_of = self.storage.doc
        for item, doc in zip(puts, dump_json(puts), strict=True):
            if isinstance(item, Record):
                if not item.id:
                    raise ValueError("commit() needs records with ids: call new_id() first")
                table, key = TABLE_OF[type(item)], str(item.id)
            else:
                table, key = SINGLETON_OF[type(item)], "1"
            changes.append((table, key, doc_of(table, key), doc))
            models[(table, key)] = item
        for item in deletes:
            table, key = TABLE_OF[type(item)], str(item.id)
            changes.append((table, key, doc_of(table, key), None))
            models[(table, key)] = None
        self._write(changes, summary=summary, models=models)

    def set_preference(self, name: str, value: Any) -> None:
        """Remember how the app looks (a theme): durable, but not a change to undo."""
        if self.preferences.get(name) == value:
            return
        prefs = {**self.preferences, name: value}
        self._write([(PREFERENCES, "1", None, prefs)], summary="", record=False)

    @contextmanager
    def batch(self, summary: str) -> Iterator[None]:
        """Make every commit inside one change: one durable write, one undo.

        Inside, commits change memory at once (later verbs see them); the
        journal is written when the block ends. If it raises, or the write
        fails, memory goes back to what it was and nothing is written."""
        if self._batch is not None:  # nested: part of the outer batch
            yield
            return
        self.storage.check_writable()
        pending: list[DocChange] = []
        self._batch = pending
        try:
            yield
            self._batch = None
            changes = _merged(pending)
            if changes:
                self._write(changes, summary=summary, applied=True)
        except BaseException:
            self._batch = None
            for table, key, before, _after in reversed(pending):
                self.storage.stage(table, key, before)
                self._set_doc(table, key, before, _UNKNOWN)  # its model, read again
            raise

    def _write(self, changes: Sequence[DocChange], *, summary: str, kind: str = "do",
               target: int | None = None, record: bool = True, applied: bool = False,
               models: dict[tuple[str, str], BaseModel | None] | None = None) -> int | None:
        """Write document changes as one journal line; return the history id.

        ``applied``: memory already holds the changes (the end of a batch)."""
        if self._batch is not None and record:
            for table, key, _before, after in changes:
                self.storage.stage(table, key, after)
                self._set_doc(table, key, after, (models or {}).get((table, key), _UNKNOWN))
            self._batch.extend(changes)
            return None
        ops: list[Op] = [("put", t, k, after) if after is not None else ("del", t, k, None)
                         for t, k, _before, after in changes]
        change_id = None
        if record:
            change_id = self._new_key(HISTORY)
            doc = {"id": change_id, "uid": os.urandom(8).hex(),
                   "at": now().isoformat().replace("+00:00", "Z"),
                   "device": history.device_name(), "summary": summary, "kind": kind,
                   "target": target,
                   # An undo or redo is its target's records, backwards or forwards.
                   "records": [list(c) for c in changes] if kind == "do" else []}
            ops.append(("put", HISTORY, str(change_id), doc))
            dropped = list(self._history)[: max(0, len(self._history) + 1 - history.KEEP)]
            ops.extend(("del", HISTORY, str(old), None) for old in dropped)
        meta = dict(self.storage.doc(META, META_ID) or {})
        meta["schema"] = migrations.SCHEMA_VERSION
        meta["next_id"] = dict(self._next_id)
        ops.append(("put", META, META_ID, meta))
        self.storage.append(ops)
        if change_id is not None:
            for old in dropped:
                del self._history[old]
            self._history[change_id] = doc
        if not applied:
            for table, key, _before, after in changes:
                self._set_doc(table, key, after, (models or {}).get((table, key), _UNKNOWN))
        return change_id

    # ---- history: undo and redo -------------------------------------------------

    def changes(self) -> tuple[list[ChangeInfo], list[ChangeInfo]]:
        """What can be undone and redone, the next one first."""
        undo, redo = history.stacks(self._history.values())
        return ([ChangeInfo.of(self._history[i]) for i in reversed(undo)],
                [ChangeInfo.of(self._history[i]) for i in reversed(redo)])

    def undo(self) -> tuple[ChangeInfo, list[DocChange]]:
        """Undo the last change not yet undone; return it and the documents it touched."""
        undo, _redo = history.stacks(self._history.values())
        if not undo:
            raise NothingToUndo("undo: nothing to undo")
        return self._replay(self._history[undo[-1]], "undo")

    def redo(self) -> tuple[ChangeInfo, list[DocChange]]:
        """Redo the last undone change; return it and the documents it touched."""
        _undo, redo = history.stacks(self._history.values())
        if not redo:
            raise NothingToUndo("redo: nothing to redo")
        return self._replay(self._history[redo[-1]], "redo")

    def _replay(self, change: dict[str, Any], kind: str) -> tuple[ChangeInfo, list[DocChange]]:
        records = change["records"]
        docs = history.inverse(records) if kind == "undo" else history.forward(records)
        info = ChangeInfo.of(change)
        for table, key, expected, _new in docs:
            if self.storage.doc(table, key) != expected:
                raise UndoConflict(
                    f"{kind}: cannot {kind} “{info.summary}”: {table} #{key} was changed since "
                    "by something that is not in the history; nothing was changed")
        self._write(docs, summary=info.summary, kind=kind, target=info.id)
        return info, docs

    # ---- backups and restore ----------------------------------------------------

    def snapshot(self) -> bytes:
        """The whole database as one file's bytes, journal included (for a backup)."""
        tables = dict(self.storage.read())
        meta = dict(tables.get(META, {}).get(META_ID, {}))
        meta.update(seq=self.storage.seq, epoch=os.urandom(8).hex(), folded=None)
        tables[META] = {META_ID: meta}
        return orjson.dumps(tables)

    def backup(self, reason: str) -> Path | None:
        """Back up everything as it is now (journal included) before ``reason``."""
        if not self.path.exists() and not self.storage.journal_bytes:
            return None
        return backup.event_backup(self.path, reason, self.snapshot())

    def replace_all(self, source: Path, summary: str) -> int:
        """Make the data what the database file ``source`` holds (a restore), as one
        undoable change; return how many documents changed.

        The history, the preferences and the id counters are kept (ids are never
        reused); everything else becomes the source's."""
        tables = JournalStorage(source, read_only=True).read()
        return self.replace_tables(tables, source, summary)

    def replace_tables(self, tables: dict[str, dict[str, Any]], source: object,
                       summary: str) -> int:
        """Make the data what ``tables`` hold (``{table: {id: document}}``, in the
        schema their ``_meta`` says, brought up to date here), as one undoable
        change; return how many documents changed (see :meth:`replace_all`)."""
        version = migrations.check_supported(tables, source)
        if version < migrations.SCHEMA_VERSION:
            migrations.migrate(tables)
        current = self.storage.read()
        changes: list[DocChange] = []
        keep = {META, HISTORY, PREFERENCES}
        for table in sorted((set(current) | set(tables)) - keep):
            mine, theirs = current.get(table, {}), tables.get(table, {})
            for key in sorted(set(mine) | set(theirs), key=lambda k: (len(k), k)):
                if mine.get(key) != theirs.get(key):
                    changes.append((table, key, mine.get(key), theirs.get(key)))
            if table in ID_TABLES:
                used = max((int(k) for k in theirs if k.isdigit()), default=0)
                self._next_id[table] = max(self._next_id.get(table, 1), used + 1)
        if changes:
            self._write(changes, summary=summary)
        return len(changes)

    # ---- quarantine -------------------------------------------------------------

    def quarantine(self) -> int:
        """Move every document that failed validation to the ``quarantine`` table
        (one undoable change); return how many were moved."""
        tables = self.storage.read()
        changes: list[DocChange] = []
        stamp = now().isoformat().replace("+00:00", "Z")
        for problem in list(self.all_problems()):
            doc = tables.get(problem.table, {}).get(problem.doc_id)
            if doc is None:
                continue
            changes.append((problem.table, problem.doc_id, doc, None))
            kept = {"table": problem.table, "id": problem.doc_id, "document": doc,
                    "problem": problem.message, "moved": stamp}
            changes.append((QUARANTINE, str(self._new_key(QUARANTINE)), None, kept))
        if changes:
            moved = len(changes) // 2
            self._write(changes, summary=f"Moved {moved} unreadable record(s) to the quarantine")
        return len(changes) // 2


def _merged(changes: Iterable[DocChange]) -> list[DocChange]:
    """Several changes of one document become one (first before, last after); a
    document created and removed again drops out."""
    merged: dict[tuple[str, str], list[Any]] = {}
    for table, key, before, after in changes:
        if (table, key) in merged:
            merged[(table, key)][3] = after
        else:
            merged[(table, key)] = [table, key, before, after]
    return [(t, k, b, a) for t, k, b, a in merged.values() if b != a]
