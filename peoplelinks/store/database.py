"""The database: validated models in memory, indexes, and durable commits.

:class:`Database` is the only way the layers above reach the data. It opens the
file (lock, backup, migration, validation), keeps every record as a frozen
pydantic model with the indexes the app needs (interactions per contact, last
contact date, the referral graph), and writes changes through
:class:`JournalStorage` as one all-or-nothing commit.

Records that fail validation on load are never dropped: their documents stay
in the file untouched and are listed in :attr:`Database.problems` (``doctor``
shows them).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from peoplelinks.domain import graph
from peoplelinks.domain.models import (
    Contact,
    FollowUp,
    Interaction,
    MeetingPlan,
    Objective,
    Record,
    Settings,
)
from peoplelinks.domain.validation import describe
from peoplelinks.errors import DatabaseCorrupt
from peoplelinks.store import backup, migrations
from peoplelinks.store.lock import WriterLock
from peoplelinks.store.storage import META, META_ID, JournalStorage, Op

TABLE_OF: dict[type[Record], str] = {
    Contact: "contacts",
    Interaction: "interactions",
    FollowUp: "followups",
    MeetingPlan: "plans",
}
SINGLETON_OF: dict[type[BaseModel], str] = {Objective: "objective", Settings: "settings"}
R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Problem:
    """A stored document that is not valid (kept as it is, reported by doctor)."""

    table: str
    doc_id: str
    message: str


class Database:
    """An open peoplelinks database. Use :meth:`open`; close it when done."""

    def __init__(self, storage: JournalStorage, lock: WriterLock | None) -> None:
        self.storage = storage
        self.path = storage.path
        self._lock = lock
        self.contacts: dict[int, Contact] = {}
        self.interactions: dict[int, Interaction] = {}
        self.followups: dict[int, FollowUp] = {}
        self.plans: dict[int, MeetingPlan] = {}
        self.objective = Objective()
        self.settings = Settings()
        self.problems: list[Problem] = []
        self._next_id: dict[str, int] = {}
        self._by_contact: dict[int, list[int]] = {}
        self._followups_of: dict[int, list[int]] = {}
        self._last: dict[int, date] = {}
        self._parents: dict[int, int | None] = {}
        self._generations: dict[int, int] | None = None
        self._children: dict[int, list[int]] | None = None
        self._names: dict[str, list[int]] = {}
        self._backup: threading.Thread | None = None
        self.backup_error: str | None = None

    # ---- opening and closing --------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, lock_timeout: float = 1.0) -> Database:
        """Open ``path`` (created on the first write when missing).

        A writable open takes the single-writer lock, makes today's backup,
        migrates an older file and folds a leftover journal into the file.
        """
        path = Path(path).expanduser()
        lock = None
        if not read_only:
            lock = WriterLock(path, timeout=lock_timeout)
            lock.acquire()
        try:
            storage = JournalStorage(path, read_only=read_only)
            db = cls(storage, lock)
            db._load(path, read_only)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return db

    def _load(self, path: Path, read_only: bool) -> None:
        try:
            tables = self.storage.read()
        except DatabaseCorrupt as exc:
            newest = backup.newest_backup(path)
            hint = f"the newest backup is {newest}" if newest else "there is no backup"
            raise DatabaseCorrupt(f"{exc}; {hint}") from None
        version = migrations.check_supported(tables, path)
        if not read_only and path.exists():
            if version < migrations.SCHEMA_VERSION:
                backup.daily_backup(path, suffix=f"-before-schema-{migrations.SCHEMA_VERSION}")
            # Copying a large file costs as much as loading it: do it beside the load.
            # The copy reads the file it opened even if a compaction renames a new one over it.
            self._backup = threading.Thread(target=self._daily_backup, args=(path,),
                                            name="peoplelinks-backup")
            self._backup.start()
        if version < migrations.SCHEMA_VERSION:
            migrations.migrate(tables)
        self._validate(tables)
        if not read_only and (
            self.storage.journal_bytes or (version < migrations.SCHEMA_VERSION and tables)
        ):
            self.storage.compact()

    def _daily_backup(self, path: Path) -> None:
        try:
            backup.daily_backup(path)
        except OSError as exc:
            self.backup_error = f"could not back up {path}: {exc.strerror or exc}"

    def close(self) -> None:
        """Fold the journal into the file and release the lock."""
        if self._backup is not None:
            self._backup.join()
            self._backup = None
        try:
            self.storage.close()
        finally:
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

    # ---- validation on load ---------------------------------------------------

    def _validate(self, tables: dict[str, dict[str, Any]]) -> None:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for model, name in TABLE_OF.items():
                docs = tables.get(name, {})
                target: dict[int, Any] = getattr(self, name)
                target.update(self._validate_table(model, name, docs))
            for model, name in SINGLETON_OF.items():
                doc = tables.get(name, {}).get("1")
                if doc is not None:
                    try:
                        setattr(self, name, model.model_validate(doc))
                    except ValidationError as exc:
                        self.problems.append(Problem(name, "1", str(describe(exc))))
            meta = tables.get(META, {}).get(META_ID, {})
            stored = meta.get("next_id", {}) if isinstance(meta, dict) else {}
            for name in TABLE_OF.values():
                used = max((int(k) for k in tables.get(name, {}) if k.isdigit()), default=0)
                self._next_id[name] = max(int(stored.get(name, 1)), used + 1)
            self._build_indexes()
        finally:
            if was_enabled:
                gc.enable()
        # Everything loaded lives as long as the app: keep it out of GC scans.
        gc.freeze()

    def _validate_table(self, model: type[R], name: str, docs: dict[str, Any]) -> dict[int, R]:
        keys = list(docs)
        adapter = _adapter(model)
        try:
            records = adapter.validate_python([docs[k] for k in keys])
            bad: set[int] = set()
        except ValidationError as exc:
            bad = {e["loc"][0] for e in exc.errors() if e["loc"] and isinstance(e["loc"][0], int)}
            good = [i for i in range(len(keys)) if i not in bad]
            records = adapter.validate_python([docs[keys[i]] for i in good])
            for i in sorted(bad):
                try:
                    model.model_validate(docs[keys[i]])
                except ValidationError as one:
                    self.problems.append(Problem(name, keys[i], str(describe(one))))
            keys = [keys[i] for i in good]
        out: dict[int, R] = {}
        for key, record in zip(keys, records, strict=True):
            if str(record.id) != key:
                self.problems.append(
                    Problem(name, key, f"id: the document's id {record.id} differs from its key")
                )
                continue
            out[record.id] = record
        return out

    # ---- indexes --------------------------------------------------------------

    def _build_indexes(self) -> None:
        for contact in self.contacts.values():
            self._index_contact(None, contact)
        for item in self.interactions.values():
            self._index_interaction(None, item)
        for follow in self.followups.values():
            self._followups_of.setdefault(follow.contact_id, []).append(follow.id)

    def _index_contact(self, old: Contact | None, new: Contact | None) -> None:
        if old is not None:
            ids = self._names.get(old.name.casefold(), [])
            if old.id in ids:
                ids.remove(old.id)
        if new is not None:
            self._names.setdefault(new.name.casefold(), []).append(new.id)
        before = old.introduced_by if old else None
        if new is None:
            self._parents.pop(old.id if old else 0, None)
        else:
            self._parents[new.id] = new.introduced_by
        if old is None or new is None or before != new.introduced_by:
            self._generations = None
            self._children = None

    def _index_interaction(self, old: Interaction | None, new: Interaction | None) -> None:
        touched: set[int] = set()
        if old is not None:
            for cid in old.contact_ids:
                ids = self._by_contact.get(cid, [])
                if old.id in ids:
                    ids.remove(old.id)
                touched.add(cid)
        if new is not None:
            for cid in new.contact_ids:
                self._by_contact.setdefault(cid, []).append(new.id)
                last = self._last.get(cid)
                if last is None or new.date > last:
                    self._last[cid] = new.date
        if old is not None:
            for cid in touched:
                dates = [self.interactions[i].date for i in self._by_contact.get(cid, [])
                         if i in self.interactions]
                if dates:
                    self._last[cid] = max(dates)
                else:
                    self._last.pop(cid, None)

    # ---- queries --------------------------------------------------------------

    def interactions_of(self, contact_id: int) -> list[Interaction]:
        """Interactions with ``contact_id``, newest first."""
        items = [self.interactions[i] for i in self._by_contact.get(contact_id, [])]
        items.sort(key=lambda it: (it.date, it.id), reverse=True)
        return items

    def followups_of(self, contact_id: int) -> list[FollowUp]:
        """Follow-ups of ``contact_id``, by due date."""
        items = [self.followups[i] for i in self._followups_of.get(contact_id, [])]
        items.sort(key=lambda fu: (fu.due, fu.id))
        return items

    def last_contact(self, contact_id: int) -> date | None:
        """Date of the last logged interaction with ``contact_id``."""
        return self._last.get(contact_id)

    def ids_named(self, name: str) -> list[int]:
        """Ids of contacts whose name is ``name`` (case-insensitive)."""
        return list(self._names.get(name.casefold(), []))

    @property
    def parents(self) -> dict[int, int | None]:
        """Contact id -> id of who introduced them."""
        return self._parents

    def generation(self, contact_id: int) -> int | None:
        """Referral generation of ``contact_id`` (1 = known directly)."""
        if self._generations is None:
            self._generations = graph.generations(self._parents)
        return self._generations.get(contact_id)

    def introduced(self, contact_id: int) -> list[int]:
        """Ids of the contacts ``contact_id`` introduced."""
        if self._children is None:
            self._children = graph.children(self._parents)
        return list(self._children.get(contact_id, []))

    # ---- writing --------------------------------------------------------------

    def new_id(self, model: type[Record]) -> int:
        """Reserve a fresh id for a record of ``model`` (ids are never reused)."""
        name = TABLE_OF[model]
        value = self._next_id.get(name, 1)
        self._next_id[name] = value + 1
        return value

    def commit(self, puts: Sequence[BaseModel] = (), deletes: Iterable[Record] = ()) -> None:
        """Store ``puts`` (records with ids, or the objective/settings) and remove ``deletes``.

        One durable, all-or-nothing write; the models and indexes change only
        after it is on disk.
        """
        ops: list[Op] = []
        for item in puts:
            if isinstance(item, Record):
                if not item.id:
                    raise ValueError("commit() needs records with ids: call new_id() first")
                ops.append(("put", TABLE_OF[type(item)], str(item.id),
                            item.model_dump(mode="json")))
            else:
                ops.append(("put", SINGLETON_OF[type(item)], "1", item.model_dump(mode="json")))
        removed = list(deletes)
        for item in removed:
            ops.append(("del", TABLE_OF[type(item)], str(item.id), None))
        meta = dict(self.storage.read().get(META, {}).get(META_ID, {}))
        meta["schema"] = migrations.SCHEMA_VERSION
        meta["next_id"] = dict(self._next_id)
        ops.append(("put", META, META_ID, meta))
        self.storage.append(ops)
        for item in puts:
            self._apply_put(item)
        for item in removed:
            self._apply_delete(item)

    def _apply_put(self, item: BaseModel) -> None:
        if isinstance(item, Contact):
            self._index_contact(self.contacts.get(item.id), item)
            self.contacts[item.id] = item
        elif isinstance(item, Interaction):
            old = self.interactions.get(item.id)
            self.interactions[item.id] = item
            self._index_interaction(old, item)
        elif isinstance(item, FollowUp):
            if item.id not in self.followups:
                self._followups_of.setdefault(item.contact_id, []).append(item.id)
            elif self.followups[item.id].contact_id != item.contact_id:
                self._followups_of[self.followups[item.id].contact_id].remove(item.id)
                self._followups_of.setdefault(item.contact_id, []).append(item.id)
            self.followups[item.id] = item
        elif isinstance(item, MeetingPlan):
            self.plans[item.id] = item
        elif isinstance(item, Objective):
            self.objective = item
        elif isinstance(item, Settings):
            self.settings = item

    def _apply_delete(self, item: Record) -> None:
        if isinstance(item, Contact):
            self._index_contact(self.contacts.pop(item.id, None), None)
        elif isinstance(item, Interaction):
            old = self.interactions.pop(item.id, None)
            self._index_interaction(old, None)
        elif isinstance(item, FollowUp):
            old_fu = self.followups.pop(item.id, None)
            if old_fu is not None:
                self._followups_of.get(old_fu.contact_id, []).remove(item.id)
        elif isinstance(item, MeetingPlan):
            self.plans.pop(item.id, None)


_ADAPTERS: dict[type[Record], TypeAdapter[Any]] = {}


def _adapter(model: type[Record]) -> TypeAdapter[Any]:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[model]
