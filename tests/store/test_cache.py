"""The cache beside the database file (``<file>.cache``): a command that only reads
answers from it exactly as from the file, and never uses one that is stale, missing,
damaged, from another version, or made while a journal held changes."""

from __future__ import annotations

import errno
import os
import random
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peoplelinks.cli import main
from peoplelinks.domain.facts import FactsTable
from peoplelinks.errors import CannotOpen, FileChanged
from peoplelinks.service import PeopleLinks
from peoplelinks.store import cache
from peoplelinks.store.cache import cache_path
from peoplelinks.store.records import Records
from tests.store.changes import random_change


@pytest.fixture(autouse=True)
def _any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Caches for the small files of these tests too."""
    monkeypatch.setattr("peoplelinks.store.database.CACHE_FROM_BYTES", 0)


def _cached(path: Path) -> PeopleLinks:
    return PeopleLinks.open(path, read_only=True, cached=True)


def _people(path: Path, n: int = 60) -> None:
    with PeopleLinks.open(path) as app, app.db.batch("people"):
        app.set_objective({"target_companies": ["Acme", "Initech", "Globex"]})
        first = app.add_contact({"name": "Ann Lee", "company": "Acme", "tags": ["fintech"]})
        for k in range(n):
            person = app.add_contact({"name": f"Person {k}", "company": "Acme" if k % 2 else
                                      "Globex", "introduced_by": first.id if k % 3 else None,
                                      "notes": f"met at event {k}"})
            if k % 4 == 0:
                app.log([person.id], notes=f"coffee {k}", next_action="write")


def _app_from_cache(path: Path, n: int) -> PeopleLinks:
    """The app opened from the cache of a file of ``n`` people (the caller closes it)."""
    _people(path, n)
    with PeopleLinks.open(path, cached=True):
        pass  # the app's first start: it leaves the cache
    return PeopleLinks.open(path, cached=True)


def _view(app: PeopleLinks) -> tuple[object, ...]:
    """What commands read: records, indexes, searches."""
    db = app.db
    ids = sorted(db.contacts)
    return ({i: db.contacts[i] for i in ids},
            {i: db.last_contact(i) for i in ids}, {i: sorted(db.talk_dates(i)) for i in ids},
            {i: [t.id for t in db.interactions_of(i)] for i in ids},
            {i: [f.id for f in db.followups_of(i)] for i in ids},
            {i: db.ids_named(db.contacts[i].name) for i in ids},
            dict(db.parents), dict(db.generations), {i: db.introduced(i) for i in ids},
            [c.id for c in app.search("acme person 1")], [c.id for c in app.search("fintech")],
            [c.id for c in app.search("persn")],  # a near miss
            sorted(db.followups), sorted(db.interactions), db.objective, app.changes(),
            app.due(), app.due(app.today + timedelta(days=400)),  # (then all are due)
            app.today_items(), app.coverage(), app.dashboard(), app.paths("Acme"),
            app.paths("Initech"), _links(app))


def _links(app: PeopleLinks) -> tuple[object, ...]:
    """Warm paths' graph, as values (Links compares by identity)."""
    links = app.links()
    return (dict(links.adjacent.items()), links.direct, links.first, links.referred,
            dict(links.companies.items()))


def test_a_cached_read_answers_as_the_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path)
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = _view(plain)
    assert not cache_path(path).exists()  # only commands asking for it make one
    with _cached(path) as first:
        assert first.db._cache is None  # none yet: the file is read, and a cache made
        assert _view(first) == expected
    assert cache_path(path).exists()
    with _cached(path) as app:
        assert app.db._cache is not None
        contact = app.contact(5)
        assert contact.name == "Person 3"
        assert dict.__len__(app.db.contacts) == 1  # one record read and validated
        assert _view(app) == expected


def test_the_read_that_makes_the_cache_lets_the_documents_go_before_validating(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents and records are never all held at once: once the documents are in the
    cache, the file's tables are let go, and each record's document goes as it is
    validated."""
    path = tmp_path / "db.json"
    _people(path)
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = _view(plain)
    held: list[int] = []
    real = Records.validate_now

    def validate_now(self: Records, *tables: str) -> None:
        held.append(sum(len(docs) for name, docs in self.storage._tables.items()
                        if name in ("contacts", "interactions", "followups", "changes")))
        real(self, *tables)

    monkeypatch.setattr(Records, "validate_now", validate_now)
    with _cached(path) as first:
        assert first.db._cache is None
        first.search("acme")
    assert held == [0]
    with pytest.raises(CannotOpen, match="let go"):
        first.db.storage.read()
    monkeypatch.undo()
    with _cached(path) as app:
        assert app.db._cache is not None and _view(app) == expected


def test_once_every_contact_is_validated_the_views_read_the_records(tmp_path: Path) -> None:
    """The facts the cache keeps of each contact stand in for the records until they
    are all validated (the app validates them beside the UI): then the views read the
    records, not a second copy."""
    path = tmp_path / "db.json"
    _people(path)
    with _cached(path):
        pass
    with _cached(path) as app:
        assert isinstance(app.people(), FactsTable)
        expected = (app.today_items(), app.coverage(), app.dashboard(), app.paths("Acme"))
        app.db.validate_now("contacts")
        assert app.people() is app.db.contacts
        assert (app.today_items(), app.coverage(), app.dashboard(),
                app.paths("Acme")) == expected


def test_what_is_due_is_read_without_validating_the_contacts(tmp_path: Path) -> None:
    """The cache holds who the keep-in-touch reminders track (valid contacts only) and
    the open follow-ups with their contact's name: a status bar's `due` validates the
    open follow-ups, not 30,000 contacts."""
    path = tmp_path / "db.json"
    _people(path, 30)
    data = orjson.loads(path.read_bytes())
    data["contacts"]["7"]["emails"] = ["not an address"]  # tracked, due, but not valid
    path.write_bytes(orjson.dumps(data))
    later = date.today() + timedelta(days=400)
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = plain.due(later)
    with _cached(path):
        pass
    with _cached(path) as app:
        report = app.due(later)
        assert dict.__len__(app.db.contacts) == 0
        assert dict.__len__(app.db.followups) == len(app.db.open_followups() or ()) > 0
        assert report == expected
    assert 7 not in {item.contact_id for item in expected.keep_in_touch}
    assert len(expected.keep_in_touch) == 30  # everyone else
    assert report.keep_in_touch[0].contact.name == report.keep_in_touch[0].name


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the local time zone (put back after the test)."""
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()
    yield set_zone
    monkeypatch.undo()
    time.tzset()


def test_keep_in_touch_dates_made_in_another_time_zone_are_checked(
        tmp_path: Path, zone: Callable[[str], None]) -> None:
    """A contact never logged is due counting from the day it was added where the user
    is: a cache made in UTC, read at UTC+14, gives the dates of UTC+14."""
    path = tmp_path / "db.json"
    _people(path, 4)
    data = orjson.loads(path.read_bytes())
    data["contacts"]["3"]["created"] = "2024-01-01T23:30:00Z"  # 2 Jan at UTC+14
    path.write_bytes(orjson.dumps(data))
    later = date.today() + timedelta(days=400)
    zone("UTC")
    with _cached(path):
        pass
    with _cached(path) as app:
        in_utc = {item.contact_id: item.next_contact for item in app.due(later).keep_in_touch}
    zone("Pacific/Kiritimati")
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = plain.due(later)
    with _cached(path) as app:
        assert app.db._cache is not None
        assert app.due(later) == expected
    ahead = {item.contact_id: item.next_contact for item in expected.keep_in_touch}
    assert ahead[3] == in_utc[3] + timedelta(days=1)


def test_a_write_makes_the_cache_stale(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 10)
    with _cached(path):
        pass
    with PeopleLinks.open(path) as app:
        app.edit_contact(2, {"name": "Zed Renamed"})
    with _cached(path) as app:
        assert app.db._cache is None  # made from the file before the edit: not used
        assert app.contact(2).name == "Zed Renamed"
    with _cached(path) as app:
        assert app.db._cache is not None and app.contact(2).name == "Zed Renamed"


def test_a_file_changed_behind_our_back_is_read_not_the_cache(tmp_path: Path) -> None:
    """Same size, and the modification time set back: the change time still differs."""
    path = tmp_path / "db.json"
    _people(path, 10)
    with _cached(path):
        pass
    before = os.stat(path)
    data = path.read_bytes().replace(b"Person 3", b"Person X")
    path.write_bytes(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with _cached(path) as app:
        assert app.db._cache is None
        assert app.contact(5).name == "Person X"


def test_no_cache_is_used_while_a_journal_holds_changes(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 10)
    with _cached(path):
        pass
    app = PeopleLinks.open(path)  # open: the change is in the journal, not the file
    try:
        app.edit_contact(2, {"name": "Zed Renamed"})
        with _cached(path) as reader:
            assert reader.db._cache is None
            assert reader.contact(2).name == "Zed Renamed"
    finally:
        app.close()


def test_a_missing_or_damaged_cache_is_never_used(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 30)
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = _view(plain)
    target = cache_path(path)
    for damage in ("delete", "truncate", "garbage", "header", "lengths", "sections"):
        with _cached(path):
            pass
        data = target.read_bytes()
        if damage == "delete":
            target.unlink()
        elif damage == "truncate":
            target.write_bytes(data[: len(data) // 2])
        elif damage == "garbage":
            target.write_bytes(os.urandom(len(data)))
        elif damage == "header":  # the header's key edited (its CRC no longer matches)
            target.write_bytes(data.replace(b'"key":[', b'"key":[0,', 1))
        else:  # a header that checks out, but says a part is a petabyte long, or
            # lists its parts where a table of them should be
            start, _crc = struct.unpack("<QI", data[-12:])
            header = orjson.loads(data[start:-12])
            if damage == "lengths":
                header["sections"]["keys"][1] = 10**15
            else:
                header["sections"] = list(header["sections"].values())
            raw = orjson.dumps(header)
            target.write_bytes(data[:start] + raw + struct.pack("<QI", start, zlib.crc32(raw)))
        with _cached(path) as app:
            assert app.db._cache is None, damage
            assert _view(app) == expected, damage


def test_a_damaged_section_found_late_falls_back_to_the_file(tmp_path: Path) -> None:
    """A chunk whose CRC fails after other sections were used: the rest is read from
    the file (the one the cache was made from), with the same answers."""
    path = tmp_path / "db.json"
    _people(path, 60)
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = _view(plain)
    with _cached(path):
        pass
    target = cache_path(path)
    data = bytearray(target.read_bytes())
    spot = data.index(b'"name":"Person 50"')
    data[spot + 9] = ord("Q")  # inside a chunk: its CRC no longer matches
    target.write_bytes(bytes(data))
    with _cached(path) as app:
        assert app.db._cache is not None  # the header is fine
        assert app.contact(2).name == "Person 0"  # read from the cache
        assert _view(app) == expected  # Person 50's chunk: from the file


def test_a_damaged_section_after_the_file_changed_is_an_error_not_a_mix(
        tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 60)
    with _cached(path):
        pass
    target = cache_path(path)
    data = target.read_bytes()
    target.write_bytes(data.replace(b'"name":"Person 50"', b'"name":"Person 5Q"'))
    app = _cached(path)
    try:
        assert app.contact(2).name == "Person 0"
        with PeopleLinks.open(path) as writer:
            writer.edit_contact(3, {"name": "Changed"})
        with pytest.raises(FileChanged, match="run the command again"):
            app.db.contacts.settle()
    finally:
        app.close()


def test_a_cache_of_another_version_is_not_used(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.json"
    _people(path, 10)
    monkeypatch.setattr(cache, "__version__", "0.0.1")
    with _cached(path):
        pass  # made by "0.0.1"
    monkeypatch.setattr(cache, "__version__", "0.0.2")
    with _cached(path) as app:
        assert app.db._cache is None
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    with _cached(path) as app:
        assert app.db._cache is None  # the one made by 0.0.2 has the old format
    with _cached(path) as app:
        assert app.db._cache is not None


def test_invalid_records_are_reported_from_the_cache_as_from_the_file(
        tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 20)
    data = orjson.loads(path.read_bytes())
    data["contacts"]["7"]["circle"] = "martians"
    data["interactions"]["2"]["contact_ids"] = "nobody"
    path.write_bytes(orjson.dumps(data))
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = sorted(plain.db.all_problems(), key=str)
        view = _view(plain)
    with _cached(path):
        pass
    with _cached(path) as app:
        assert app.db._cache is not None
        assert app.db.contacts.get(7) is None and [p.doc_id for p in app.db.problems] == ["7"]
        assert sorted(app.db.all_problems(), key=str) == expected
        assert _view(app) == view
    assert len(expected) == 2


def test_a_folder_that_cannot_be_written_gets_no_cache_and_no_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    path = tmp_path / "db.json"
    _people(path, 5)
    tmp_path.chmod(0o500)
    try:
        with _cached(path) as app:
            assert app.contact(2).name == "Person 0"
    finally:
        tmp_path.chmod(0o700)
    assert not cache_path(path).exists()


def test_the_cache_keeps_out_what_the_folder_is_denied(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache that cannot be written (a full disk, a read-only folder) costs nothing
    but the time: the command answers, and no half-written file is left."""
    path = tmp_path / "db.json"
    _people(path, 5)

    def refuse(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "write", refuse)
    with _cached(path) as app:
        assert app.contact(2).name == "Person 0"
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json", "db.json.lock"]


def test_the_command_line_says_the_same_with_and_without_the_cache(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "db.json"
    _people(path, 40)
    outputs = []
    for _run in range(3):  # the file, then making the cache, then the cache
        for args in (["list", "person", "--json"], ["show", "5", "--json"], ["due", "--json"],
                     ["today", "--json"], ["list", "acme"]):
            assert main(["--db", str(path), *args]) == 0
        outputs.append(capsys.readouterr().out)
        if _run == 0:
            assert cache_path(path).exists()
    assert outputs[0] == outputs[1] == outputs[2]
    assert "Person 3" in outputs[0]


def test_doctor_reads_the_file_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.json"
    _people(path, 5)
    opened: list[bool] = []
    real = PeopleLinks.open.__func__  # type: ignore[attr-defined]

    def spy(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(kwargs.get("cached", False))
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(PeopleLinks, "open", classmethod(spy))
    assert main(["--db", str(path), "doctor"]) == 0
    assert main(["--db", str(path), "list"]) == 0
    assert opened == [False, True]
    assert "checked" in capsys.readouterr().out


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_after_any_changes_the_cache_answers_as_the_file(tmp_path_factory,  # type: ignore[no-untyped-def]
                                                         seed: int) -> None:
    rng = random.Random(seed)
    path = tmp_path_factory.mktemp("cache") / "db.json"
    with PeopleLinks.open(path) as app:
        app.set_objective({"target_companies": ["Acme", "Initech"]})
    for _session in range(3):
        with PeopleLinks.open(path) as app:
            for step in range(12):
                random_change(app, rng, step)
        with PeopleLinks.open(path, read_only=True) as plain:
            expected = _view(plain)
        with _cached(path) as first:
            assert _view(first) == expected
        with _cached(path) as app:
            assert app.db._cache is not None
            assert _view(app) == expected


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_the_app_keeps_what_it_read_from_the_cache_current(tmp_path_factory,  # type: ignore[no-untyped-def]
                                                           seed: int) -> None:
    """Opened from the cache, the app reads every view off it, then changes records: each
    view then answers as a fresh read of the file does."""
    rng = random.Random(seed)
    path = tmp_path_factory.mktemp("cache") / "db.json"
    with PeopleLinks.open(path) as app:
        app.set_objective({"target_companies": ["Acme", "Initech"]})
        for step in range(20):
            random_change(app, rng, step)
    with _cached(path):
        pass
    with PeopleLinks.open(path, cached=True) as app:
        assert app.db._cache is not None
        _view(app)  # every index and view made from the cache
        for step in range(12):
            random_change(app, rng, step)
        after = _view(app)
    with PeopleLinks.open(path, read_only=True) as plain:
        assert _view(plain) == after


def test_the_app_leaves_the_cache_of_what_it_wrote(tmp_path: Path) -> None:
    """A writer opened with ``cached`` (the app) writes the cache on close: the command
    line's next reads use it, and see its changes."""
    path = tmp_path / "db.json"
    _people(path, 20)
    with PeopleLinks.open(path, cached=True) as app:
        app.edit_contact(3, {"name": "Renamed In The App"})
        app.log([3], notes="coffee")
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = _view(plain)
    with _cached(path) as reader:
        assert reader.db._cache is not None
        assert reader.contact(3).name == "Renamed In The App"
        assert _view(reader) == expected
    with PeopleLinks.open(path) as app:  # the command line's writes leave it stale
        app.edit_contact(3, {"name": "Renamed Again"})
    with _cached(path) as reader:
        assert reader.db._cache is None and reader.contact(3).name == "Renamed Again"


def test_the_app_writes_no_cache_of_a_file_changed_behind_its_back(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 20)
    app = PeopleLinks.open(path, cached=True)
    before = os.stat(path)
    path.write_bytes(path.read_bytes().replace(b"Person 3", b"Person X"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    app.close()  # it wrote nothing: memory holds the file as it was
    with _cached(path) as reader:
        assert reader.contact(5).name == "Person X"


def test_the_app_opens_from_the_cache_and_writes_without_reading_the_file(
        tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 20)
    with PeopleLinks.open(path, cached=True):
        pass  # the app's first start: it leaves the cache
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = _view(plain)
    with PeopleLinks.open(path, cached=True) as app:
        assert app.db._cache is not None and not app.db.storage.loaded
        assert _view(app) == expected  # everything off the cache
        assert not app.db.storage.loaded
        app.edit_contact(3, {"name": "Renamed"})  # off the cache, our change over it
        app.undo()
        app.redo()
        assert app.contact(3).name == "Renamed"
        assert "Renamed" in app.changes()[0][0].summary
        assert not app.db.storage.loaded
    with PeopleLinks.open(path, read_only=True) as plain:
        assert plain.contact(3).name == "Renamed"
        after = _view(plain)
    with _cached(path) as reader:  # the app left the cache of what it wrote
        assert reader.db._cache is not None and _view(reader) == after


def test_the_app_writes_nothing_over_a_file_changed_since_its_cache(tmp_path: Path) -> None:
    """Opened from the cache, the file changed by another program before the first save
    (same size and time): the save is refused, and the change on disk is said."""
    path = tmp_path / "db.json"
    app = _app_from_cache(path, 20)
    try:
        assert app.db._cache is not None
        before = os.stat(path)
        path.write_bytes(path.read_bytes().replace(b"Person 3", b"Person X"))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        with pytest.raises(FileChanged):
            app.edit_contact(2, {"name": "Mine"})
        assert app.db.changed_on_disk() is not None
    finally:
        app.close()
    assert b"Person X" in path.read_bytes() and b"Mine" not in path.read_bytes()


def test_a_cache_of_a_file_in_an_older_schema_is_not_a_writers(tmp_path: Path) -> None:
    """A command that only reads may cache an older file (migrated in memory); the app
    must migrate the file itself, so it reads the file."""
    path = tmp_path / "db.json"
    _people(path, 10)
    data = orjson.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = 4
    path.write_bytes(orjson.dumps(data))
    with _cached(path):
        pass
    with _cached(path) as reader:
        assert reader.db._cache is not None
    with PeopleLinks.open(path, cached=True) as app:
        assert app.db._cache is None
    assert orjson.loads(path.read_bytes())["_meta"]["1"]["schema"] == 5


def test_a_file_removed_before_the_app_read_it_is_written_again_whole(
        tmp_path: Path) -> None:
    """Opened from the cache, the file removed before it was read: reading it fails (it
    is not taken as empty), and writing it again writes everything the cache held."""
    path = tmp_path / "db.json"
    _people(path, 30)
    with PeopleLinks.open(path, cached=True):
        pass
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = _view(plain)
    app = PeopleLinks.open(path, cached=True)
    try:
        path.unlink()
        with pytest.raises(FileChanged):
            app.db.load_file()
        with pytest.raises(FileChanged):
            app.edit_contact(2, {"name": "Mine"})
        assert app.db.changed_on_disk() is not None
        assert app.db.reload() is False  # written again from what it holds
        app.edit_contact(2, {"name": "Mine"})
    finally:
        app.close()
    with PeopleLinks.open(path, read_only=True) as plain:
        assert plain.contact(2).name == "Mine"
        assert plain.count() == 31
        view = _view(plain)
    assert view[1:3] == expected[1:3]  # the last talks and talks by contact as before


def test_a_cache_that_is_not_a_file_is_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 5)
    os.mkfifo(cache_path(path))
    done = subprocess.run([sys.executable, "-m", "peoplelinks", "--db", str(path), "show",
                           "2"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PEOPLELINKS_CACHE_FROM": "0"})
    assert done.returncode == 0 and "Person 0" in done.stdout


def test_a_cache_found_damaged_is_made_again(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 60)
    with _cached(path):
        pass
    target = cache_path(path)
    target.write_bytes(target.read_bytes().replace(b'"name":"Person 50"', b'"name":"Person 5Q"'))
    with _cached(path) as app:
        assert app.db._cache is not None
        app.db.all_problems()  # meets the damage: the rest from the file
        assert app.db._cache.broken
    with _cached(path) as app:
        assert app.db._cache is not None
        app.db.all_problems()
        assert not app.db._cache.broken and app.contact(52).name == "Person 50"


def test_the_app_opened_from_a_damaged_cache_of_a_changed_file_reads_it_again(
        tmp_path: Path) -> None:
    """Both at once: the file replaced by another program and a part of the cache
    damaged. What cannot be read is missing (no error where it is read) until the
    app reloads; nothing is written before."""
    path = tmp_path / "db.json"
    _people(path, 60)
    with PeopleLinks.open(path, cached=True):
        pass
    target = cache_path(path)
    app = PeopleLinks.open(path, cached=True)
    try:
        assert app.db._cache is not None
        data = path.read_bytes().replace(b"Person 50", b"Person 5X")
        path.unlink()
        path.write_bytes(data)  # another file now
        target.write_bytes(target.read_bytes().replace(b'"name":"Person 50"',
                                                       b'"name":"Person 5Q"'))
        assert app.db.contacts.get(52) is None  # no error
        assert app.db.changed_on_disk() is not None
        with pytest.raises(FileChanged):
            app.edit_contact(3, {"name": "Mine"})
        assert app.db.reload() is True
        assert app.contact(52).name == "Person 5X"
    finally:
        app.close()


def test_the_cache_never_takes_the_room_a_write_needs(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.json"
    _people(path, 20)
    size = path.stat().st_size
    with monkeypatch.context() as patched:
        patched.setattr(cache.shutil, "disk_usage", lambda folder: shutil_usage(size * 2))
        with _cached(path):
            pass
    assert not cache_path(path).exists()  # too little room left for it
    with _cached(path):
        pass
    assert cache_path(path).exists()
    # A disk found full when writing: the cache goes, and the write is made.
    from peoplelinks.store import storage  # noqa: PLC0415

    real = storage.atomic_write_parts

    def full_unless_room(target: Path, parts: Iterable[bytes]) -> None:
        if cache_path(path).exists():
            raise OSError(errno.ENOSPC, "No space left on device")
        real(target, parts)

    monkeypatch.setattr(storage, "atomic_write_parts", full_unless_room)
    with PeopleLinks.open(path) as app:
        app.edit_contact(2, {"name": "Saved Anyway"})
    assert not cache_path(path).exists()
    with PeopleLinks.open(path, read_only=True) as app:
        assert app.contact(2).name == "Saved Anyway"


def shutil_usage(free: int) -> object:
    return type("Usage", (), {"total": free, "used": 0, "free": free})()


def test_leftovers_of_a_cache_write_killed_midway_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _people(path, 5)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    leftover = tmp_path / f".db.json.cache.{gone}.tmp"
    leftover.write_bytes(b"half a cache")
    mine = tmp_path / f".db.json.cache.{os.getpid()}.tmp.other"
    mine.write_bytes(b"not ours to remove")
    with _cached(path):
        pass
    assert not leftover.exists() and mine.exists() and cache_path(path).exists()


def test_on_a_file_system_with_coarse_times_the_file_itself_is_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where times are whole seconds (FAT, HFS+), two edits within a second may leave
    size and times alike: the cache also keeps the file's checksum, compared on use."""
    path = tmp_path / "db.json"
    _people(path, 20)

    def whole_seconds(st: os.stat_result, schema: int) -> list[object]:
        # The file system of the test keeps nanoseconds: as if it kept seconds, in
        # which the edit below falls within the same second.
        return [cache.FORMAT, "v", schema, st.st_dev, st.st_ino, st.st_size, 0, 0]

    monkeypatch.setattr(cache, "key_of", whole_seconds)
    monkeypatch.setattr("peoplelinks.store.database.key_of", whole_seconds)
    with _cached(path):
        pass
    with _cached(path) as app:
        assert app.db._cache is not None  # the file as the cache was made: used
    path.write_bytes(path.read_bytes().replace(b"Person 3", b"Person X"))
    with _cached(path) as app:
        assert app.db._cache is None and app.contact(5).name == "Person X"
