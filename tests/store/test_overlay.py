"""A writer opened from the cache writes without reading the file: the documents it
replaces come from the cache with its changes laid over them (an Overlay), and the
file and the cache are written again from those, a chunk at a time. What it leaves
must be exactly what replaying its journal onto the file gives."""

from __future__ import annotations

import copy
import os
import random
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peoplelinks.errors import FileChanged
from peoplelinks.service import PeopleLinks
from peoplelinks.store import journal, tablelines
from peoplelinks.store.cache import CHUNK, current_key, open_cache, write_cache
from peoplelinks.store.overlay import Overlay, OverlayTables
from peoplelinks.store.storage import JournalStorage
from tests.store.changes import random_change
from tests.store.test_cache import _app_from_cache, _people, _view


@pytest.fixture(autouse=True)
def _small_files_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("peoplelinks.store.database.CACHE_FROM_BYTES", 0)


def _base(n: int) -> dict[str, dict[str, Any]]:
    return {"_meta": {"1": {"schema": 5, "seq": 3, "epoch": "e0"}},
            "big": {str(i): {"v": i, "text": "x" * (i % 7)} for i in range(1, n + 1)},
            "small": {"1": {"w": 1}, "2": {"w": 2}}}


def _overlay_of(folder: Path, tables: dict[str, dict[str, Any]]) -> Overlay:
    path = folder / "db.json"
    path.write_bytes(b"".join(tablelines.table_lines(tables)))
    key = current_key(path, 5)
    assert key is not None
    write_cache(path, key, tables, ["big"], {}, lambda: [], 5, 0)
    cache = open_cache(path, 5, lambda: pytest.fail("the cache is whole"))  # type: ignore[arg-type, return-value]
    assert cache is not None
    return Overlay(cache)


_ops = st.lists(st.tuples(st.sampled_from(["put", "del"]), st.sampled_from(["big", "small", "new"]),
                          st.integers(min_value=1, max_value=45), st.integers(-99, 99)),
                max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=40), _ops)
def test_an_overlay_reads_as_the_journal_replayed(tmp_path_factory,  # type: ignore[no-untyped-def]
                                                  n: int, raw_ops: list) -> None:  # type: ignore[type-arg]
    """Every way of reading through an overlay (a document, the keys, every document
    in order, the table's bytes, the tables for a cache, laid over the file read)
    gives what applying the same operations to the file's tables gives, in order."""
    base = _base(n)
    overlay = _overlay_of(tmp_path_factory.mktemp("overlay"), base)
    ops = [(op, table, str(key), {"v": value} if op == "put" else None)
           for op, table, key, value in raw_ops]
    expected = copy.deepcopy(base)
    journal.apply(expected, ops)
    overlay.apply(ops)
    assert set(overlay.names()) == set(expected)
    as_cache = OverlayTables(overlay)
    for table, docs in expected.items():
        assert overlay.keys(table) == list(docs)
        assert list(overlay.items(table)) == list(docs.items())
        assert b"".join(overlay.table_bytes(table)) == orjson.dumps(docs)
        assert list(as_cache[table].items()) == list(docs.items())
        for key in range(1, 46):
            assert overlay.doc(table, str(key)) == docs.get(str(key))
    laid = copy.deepcopy(base)
    journal.apply(laid, ops[: len(ops) // 2])  # a journal read with half of them
    overlay.lay_over(laid)
    assert {t: list(d.items()) for t, d in laid.items() if t in expected} == \
        {t: list(d.items()) for t, d in expected.items()}


def test_unchanged_chunks_are_copied_as_stored(tmp_path: Path) -> None:
    """The file is written from the cache's stored bytes where nothing changed: only
    the chunk holding a change is parsed."""
    overlay = _overlay_of(tmp_path, _base(5 * CHUNK))
    parsed: list[list[str]] = []
    real = overlay.cache.docs

    def spy(table: str, keys: list[str]) -> list[Any]:
        parsed.append(keys)
        return real(table, keys)

    overlay.cache.docs = spy  # type: ignore[method-assign]
    overlay.put("big", str(2 * CHUNK + 3), {"v": -1})
    data = b"".join(overlay.table_bytes("big"))
    assert orjson.loads(data)[str(2 * CHUNK + 3)] == {"v": -1}
    assert parsed == [[str(k) for k in range(2 * CHUNK + 1, 3 * CHUNK + 1)]]


def _sessions(path: Path, rng: random.Random, sessions: int, compact_at: int) -> None:
    """Random changes in sessions of the app opened from the cache; each session's result
    is checked against its journal replayed onto the file it started from."""
    for _session in range(sessions):
        with PeopleLinks.open(path, cached=True) as app:
            storage = app.db.storage
            assert storage.overlay is not None  # writes without reading the file
            storage.compact_at = compact_at
            start = path.read_bytes()
            for step in range(15):
                random_change(app, rng, step)
            given_up = rng.random() < 0.5
            if given_up:
                with pytest.raises(RuntimeError), app.batch("given up"):
                    app.add_contact({"name": "Gone"}, allow_duplicate=True)
                    random_change(app, rng, 99)
                    raise RuntimeError("cancelled")
            with app.batch("several"):  # (an undo inside a batch is not a thing)
                added = app.add_contact({"name": "Batch"}, allow_duplicate=True)
                app.edit_contact(added.id, {"company": "Initech"})
                app.log([added.id, rng.choice([c.id for c in app.contacts()])], notes="b")
                if rng.random() < 0.5:
                    app.delete_contact(added.id)
            assert not storage.loaded
            copy_dir = path.parent / "replay"
            copy_dir.mkdir(exist_ok=True)
            shutil.copy(path, copy_dir / "db.json")
            if storage.journal_path.exists():
                shutil.copy(storage.journal_path, copy_dir / "db.json.journal")
            else:
                (copy_dir / "db.json.journal").unlink(missing_ok=True)
            reader = JournalStorage(copy_dir / "db.json", read_only=True)
            replayed = reader.read()
            compacted = path.read_bytes() != start
        written = orjson.loads(path.read_bytes())
        for table in set(written) | set(replayed):
            if table != "_meta":
                assert written.get(table, {}) == replayed.get(table, {}), table
                if not given_up:  # (a document a batch given up put back comes last,
                    # as in memory when the file was read)
                    assert list(written.get(table, {})) == list(replayed.get(table, {}))
        meta = {k: v for k, v in written["_meta"]["1"].items() if k not in ("epoch", "folded")}
        assert meta == {**{k: v for k, v in replayed["_meta"]["1"].items()
                           if k not in ("epoch", "folded")}, "seq": reader.seq}
        assert compacted or compact_at > 10**6 or not replayed  # (compacted midway)


@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([1500, 10**9]))
def test_the_app_from_the_cache_writes_what_its_journal_says(
        tmp_path_factory, seed: int, compact_at: int) -> None:  # type: ignore[no-untyped-def]
    """Sessions of random changes (undo and redo, batches, one given up), the journal
    folded midway or only on close: the file left holds exactly the file read plus the
    journal written, and the cache made on close answers as the file does."""
    rng = random.Random(seed)
    path = tmp_path_factory.mktemp("deferred") / "db.json"
    _people(path, 20)
    with PeopleLinks.open(path, cached=True):
        pass  # leaves the cache
    _sessions(path, rng, 2, compact_at)
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = _view(plain)
    with PeopleLinks.open(path, read_only=True, cached=True) as reader:
        assert reader.db._cache is not None
        assert _view(reader) == expected


def test_the_app_from_the_cache_refuses_a_file_changed_under_it(tmp_path: Path) -> None:
    """Writes without reading the file still refuse one changed on disk (same size),
    and the journal written so far is still what the file is read with."""
    path = tmp_path / "db.json"
    app = _app_from_cache(path, 10)
    try:
        app.edit_contact(2, {"name": "Mine"})
        assert app.db.storage.overlay is not None
        path.write_bytes(path.read_bytes().replace(b"Person 3", b"Person X"))
        with pytest.raises(FileChanged):
            app.edit_contact(3, {"name": "Lost"})
        with pytest.raises(FileChanged):
            app.db.load_file()
    finally:
        app.close()
    with PeopleLinks.open(path, read_only=True) as plain:
        assert plain.contact(5).name == "Person X"  # theirs, untouched
        assert plain.contact(2).name == "Mine"  # ours, durable in the journal kept
        assert plain.contact(3).name == "Person 1"  # the write refused


def test_a_file_only_touched_under_the_app_is_not_a_change(tmp_path: Path) -> None:
    """The file's times moved but not its bytes (a backup tool, `touch`): the app from the
    cache knows the file's checksum from the cache, so it is not taken as changed, and
    writes go on without reading the file."""
    path = tmp_path / "db.json"
    app = _app_from_cache(path, 10)
    try:
        later = path.stat().st_mtime_ns + 5_000_000_000
        os.utime(path, ns=(later, later))
        assert app.db.changed_on_disk() is None
        app.edit_contact(2, {"name": "Mine"})
        assert app.db.storage.overlay is not None
    finally:
        app.close()
    with PeopleLinks.open(path, read_only=True) as plain:
        assert plain.contact(2).name == "Mine"


def test_a_file_removed_after_writes_from_the_cache_is_written_again_with_them(
        tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    app = _app_from_cache(path, 10)
    try:
        app.edit_contact(2, {"name": "Mine"})
        added = app.add_contact({"name": "Newcomer"})
        path.unlink()
        assert app.db.changed_on_disk() is not None
        assert app.db.reload() is False  # written again from the cache and our changes
        app.edit_contact(3, {"name": "After"})
    finally:
        app.close()
    with PeopleLinks.open(path, read_only=True) as plain:
        assert [plain.contact(i).name for i in (2, 3, added.id)] == ["Mine", "After",
                                                                     "Newcomer"]
        assert plain.contact(5).name == "Person 3" and plain.count() == 12
