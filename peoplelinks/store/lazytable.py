"""A table of records, each validated from its stored document when first read.

Validating 90,000 records costs most of a second at LinkedIn's scale, and a
command that shows one contact reads a handful of them. A :class:`LazyTable`
is a ``dict`` of id -> model that starts empty, with the stored documents set
aside: reading one record (``table[id]``, ``get``, ``in``) validates that one;
reading them all (``values()``, ``items()``, iteration, ``len``) validates the
rest in one batch, pydantic's fastest path. A document that is not valid is
reported once (as at load before) and is then simply not in the table.

Once everything is validated the table is a plain dict with a few thin wrappers.
Writes go through ``__setitem__`` / ``pop`` as before. Validation takes a lock:
the app validates in a background thread while the user reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, ItemsView, Iterator, KeysView, ValuesView
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from peoplelinks.domain.models import Record
from peoplelinks.domain.validation import describe
from peoplelinks.gcpause import gc_paused, keep_for_good

R = TypeVar("R", bound=Record)
_MISSING: Any = object()
LATER: Any = object()  # a document not read yet: ``fetch`` reads it
_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}  # shared by records that set them all
_set_attribute = object.__setattr__  # past pydantic's frozen check, as pydantic does
SINGLES = 300  # records validated one by one before the rest are, in one batch
BATCH = 4096  # records validated in one batch, at most (as fast as all at once)
# At most this many in one batch beside a UI: a batch is one call into pydantic that
# holds the interpreter, and a key waits for it (4,096 contacts: ~40-80 ms; 256: ~3-5).
UI_BATCH = 256
FREEZE_AFTER = 1000  # records validated in one batch from which they are frozen for the GC


def list_adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    """A validator of a list of ``model`` (made once per model)."""
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[model]


class LazyTable(dict[int, R], Generic[R]):
    """Records by id, validated on first read (see the module)."""

    def __init__(self, model: type[R], docs: dict[str, Any],
                 report: Callable[[str, str], None],
                 fetch: Callable[[list[str]], list[Any]] | None = None) -> None:
        """``docs``: the stored documents by key; ``report(key, message)`` is called
        for each one that is not a valid record. ``fetch(keys)``: the documents of
        ``keys``, for those given as :data:`LATER` in ``docs`` (read when needed)."""
        super().__init__()
        self._model = model
        self._pending: dict[str, Any] = dict(docs)
        self._report = report
        self._fetch = fetch
        self._all_fields = _ALL_FIELDS.setdefault(model, set(model.model_fields))
        self._lock = threading.RLock()
        self._singles = 0
        self._unfrozen = 0  # records validated in passes since the last keep_for_good()
        self._checked = False  # see check()

    # ---- validating ------------------------------------------------------------------

    @property
    def settled(self) -> bool:
        """True when every document has been validated."""
        return not self._pending

    @property
    def checked(self) -> bool:
        """True when every document has been validated, kept or not (every one that is
        not valid has been reported)."""
        return self._checked or not self._pending

    def check(self, batch: int = BATCH) -> None:
        """Validate every document not validated yet without keeping the records: each
        one that is not valid is reported (and then never read), the others are
        validated again when read. For a large table read a few records at a time (the
        app's talks: 50,000 of them take ~50 MB as records). ``batch``: at most this
        many at once (:data:`UI_BATCH` beside a UI)."""
        if self._pending:
            keys = list(self._pending)
            for start in range(0, len(keys), batch):
                self._validate(keys[start:start + batch], keep=False)
        self._checked = True

    def settle(self, batch: int = BATCH) -> None:
        """Validate every document not validated yet, in batches of ``batch`` at most
        (documents read from a cache are then held a batch at a time, not all)."""
        if self._pending:
            keys = list(self._pending)
            for start in range(0, len(keys), batch):
                self._validate(keys[start:start + batch])

    def many(self, ids: list[int]) -> list[R]:
        """The records of ``ids`` that are valid, in that order; those not validated
        yet are validated in one batch (a search's matches, say)."""
        if self._pending:
            self._validate([key for key in dict.fromkeys(map(str, ids)) if key in self._pending])
        return [record for i in ids if (record := dict.get(self, i)) is not None]

    def each(self) -> Iterator[R]:
        """Every valid record, those not validated yet validated a batch at a time and
        not kept (after :meth:`check`: a pass over the whole table that should not
        hold it all); in no particular order."""
        yield from list(dict.values(self))
        keys = list(self._pending)
        for start in range(0, len(keys), BATCH):
            yield from self._validate(keys[start:start + BATCH], keep=False)

    def _validate(self, wanted: list[str], keep: bool = True) -> list[R]:
        """Validate the pending documents ``wanted`` in one batch. Not ``keep``: those
        that are not valid are taken out (reported), the others stay pending; the
        valid records are returned.

        The documents are read and validated outside the table's lock, and what came
        of them is kept under it, each only if still pending: the UI reading a card
        beside the app's pass over the table validates its own few at once rather
        than wait for the pass's batch; a document written or validated meanwhile
        is left as the table holds it."""
        with self._lock:
            keys = [key for key in wanted if key in self._pending]
            if not keys:
                return []
            docs = [self._pending[key] for key in keys]
        docs = self._read_later(keys, docs)
        adapter = list_adapter(self._model)
        bad: list[int] = []
        with gc_paused():  # tens of thousands of new objects, none of them cyclic
            try:
                records = adapter.validate_python(docs)
                good = list(range(len(keys)))
            except ValidationError as exc:
                failed = {e["loc"][0] for e in exc.errors()
                          if e["loc"] and isinstance(e["loc"][0], int)}
                bad = sorted(failed)
                good = [n for n in range(len(keys)) if n not in failed]
                records = adapter.validate_python([docs[n] for n in good])
        with self._lock:
            pending = self._pending
            for n in bad:
                if keys[n] in pending:
                    self._invalid(keys[n], docs[n])
                    del pending[keys[n]]
            done = [(keys[n], record) for n, record in zip(good, records, strict=True)]
            if not keep:
                valid = []
                for key, record in done:
                    if str(record.id) == key:
                        valid.append(record)
                    elif key in pending:
                        self._same_id(key, record)  # (reports it)
                        del pending[key]
                return valid
            kept = []
            for key, record in done:
                if key in pending:
                    found = self._keep(key, record)
                    del pending[key]
                else:  # written or validated meanwhile: as the table holds it
                    found = dict.get(self, record.id) if str(record.id) == key else None
                if found is not None:
                    kept.append(found)
        if len(keys) >= UI_BATCH:  # a pass over the table (not a search's few)
            self._unfrozen += len(keys)
        if self._unfrozen >= FREEZE_AFTER:
            self._unfrozen = 0
            keep_for_good()  # they live as long as the app
        return kept

    def _read_later(self, keys: list[str], docs: list[Any]) -> list[Any]:
        """``docs`` (the pending documents of ``keys``, a list of the caller's own) with
        those not read yet read, in place."""
        later = [n for n, doc in enumerate(docs) if doc is LATER]
        if later and self._fetch is not None:
            for n, doc in zip(later, self._fetch([keys[n] for n in later]), strict=True):
                docs[n] = doc
        return docs

    def _one(self, key: str) -> R | None:
        """Validate the pending document ``key``; the record, or None (reported).
        After :data:`SINGLES` records read one by one, the rest are validated in one
        batch: a reader of that many will likely read most, and a batch costs a
        third of validating one by one. (Read and validated outside the lock, kept
        under it, as :meth:`_validate` does.)"""
        self._singles += 1
        if self._singles > SINGLES:
            self.settle()
            return dict.get(self, int(key)) if key.isdigit() else None
        with self._lock:
            doc = self._pending.get(key, _MISSING)
        if doc is _MISSING:  # validated meanwhile (another thread), or never here
            return dict.get(self, int(key)) if key.isdigit() else None
        doc = self._read_later([key], [doc])[0]
        problem = None
        try:
            record = self._model.model_validate(doc)
        except ValidationError as exc:
            problem, record = str(describe(exc)), None
        with self._lock:
            if key not in self._pending:  # written or validated meanwhile
                return dict.get(self, int(key)) if key.isdigit() else None
            if problem is not None:
                self._report(key, problem)
            kept = self._keep(key, record) if record is not None else None
            del self._pending[key]
            return kept

    def _same_id(self, key: str, record: R) -> bool:
        if str(record.id) != key:
            self._report(key, f"id: the document's id {record.id} differs from its key")
            return False
        return True

    def _keep(self, key: str, record: R) -> R | None:
        if not self._same_id(key, record):
            return None
        if len(record.__pydantic_fields_set__) == len(self._all_fields):
            # Every field was in the document (as stored): one set of their names for
            # all such records, not one each — 2 KB of a contact's 3.6 KB. Pydantic
            # never changes it in place (model_copy copies it first).
            _set_attribute(record, "__pydantic_fields_set__", self._all_fields)
        dict.__setitem__(self, record.id, record)
        return record

    def _invalid(self, key: str, doc: Any) -> None:
        try:
            self._model.model_validate(doc)
        except ValidationError as exc:
            self._report(key, str(describe(exc)))

    # ---- reading one -----------------------------------------------------------------

    def __missing__(self, key: int) -> R:
        record = self._one(str(key)) if self._pending else None
        if record is None:
            raise KeyError(key)
        return record

    def get(self, key: int, default: Any = None) -> Any:
        found = dict.get(self, key, _MISSING)
        if found is not _MISSING:
            return found
        if self._pending and isinstance(key, int):
            record = self._one(str(key))
            if record is not None:
                return record
        return default

    def __contains__(self, key: object) -> bool:
        if dict.__contains__(self, key):
            return True
        return bool(self._pending) and isinstance(key, int) and self._one(str(key)) is not None

    # ---- reading all -----------------------------------------------------------------

    def __len__(self) -> int:
        self.settle()
        return dict.__len__(self)

    def __bool__(self) -> bool:
        return bool(self._pending) or dict.__len__(self) > 0

    def __iter__(self) -> Iterator[int]:
        self.settle()
        return dict.__iter__(self)

    def keys(self) -> KeysView[int]:  # type: ignore[override]
        self.settle()
        return dict.keys(self)

    def values(self) -> ValuesView[R]:  # type: ignore[override]
        self.settle()
        return dict.values(self)

    def items(self) -> ItemsView[int, R]:  # type: ignore[override]
        self.settle()
        return dict.items(self)

    def __eq__(self, other: object) -> bool:
        self.settle()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self.settle()
        return dict.__repr__(self)

    # ---- writing ---------------------------------------------------------------------

    def __setitem__(self, key: int, record: R) -> None:
        with self._lock:
            self._pending.pop(str(key), None)
            dict.__setitem__(self, key, record)

    def __delitem__(self, key: int) -> None:
        if self.pop(key, _MISSING) is _MISSING:
            raise KeyError(key)

    def pop(self, key: int, default: Any = _MISSING) -> Any:
        with self._lock:
            if self._pending and str(key) in self._pending:
                self._one(str(key))  # its model: the indexes take it out
            if default is _MISSING:
                return dict.pop(self, key)
            return dict.pop(self, key, default)

    def copy(self) -> dict[int, R]:
        self.settle()
        return dict.copy(self)

    def setdefault(self, key: int, default: Any = None) -> Any:
        found = self.get(key, _MISSING)
        if found is _MISSING:
            self[key] = default
            return default
        return found

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()
            dict.clear(self)
