"""The store's promises: durable, atomic, readable by stock TinyDB, safe on bad files."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from peoplelinks.domain.models import Contact
from peoplelinks.errors import DatabaseCorrupt, DatabaseLocked, NewerSchema, ReadOnly, WriteFailed
from peoplelinks.service import PeopleLinks
from peoplelinks.store import backup
from peoplelinks.store.database import Database
from peoplelinks.store.files import atomic_write, atomic_write_parts
from peoplelinks.store.lock import WriterLock
from peoplelinks.store.migrations import SCHEMA_VERSION
from peoplelinks.store.storage import JournalStorage
from tests.store.crash import crash_after_adding


def fill(path: Path, names: list[str]) -> None:
    with PeopleLinks.open(path) as app:
        for name in names:
            app.add_contact({"name": name})


def test_writes_go_to_the_journal_and_close_folds_them(db_path: Path) -> None:
    app = PeopleLinks.open(db_path)
    app.add_contact({"name": "Ann"})
    journal = db_path.with_name(db_path.name + ".journal")
    assert journal.exists() and journal.stat().st_size > 0
    app.close()
    assert not journal.exists()


def test_closed_database_is_plain_tinydb(db_path: Path) -> None:
    fill(db_path, ["Ann", "Bob"])
    with PeopleLinks.open(db_path) as app:
        app.log([1], notes="coffee", next_action="thanks")
    stock = TinyDB(db_path)
    assert sorted(doc["name"] for doc in stock.table("contacts").all()) == ["Ann", "Bob"]
    assert stock.table("interactions").get(doc_id=1)["notes"] == "coffee"
    assert stock.table("followups").get(doc_id=1)["action"] == "thanks"
    assert stock.table("_meta").get(doc_id=1)["schema"] == SCHEMA_VERSION
    stock.close()


def test_tinydb_api_through_our_storage(db_path: Path) -> None:
    fill(db_path, ["Ann"])
    db = TinyDB(db_path, storage=JournalStorage)
    db.table("contacts").update({"title": "CTO"}, doc_ids=[1])
    db.close()
    with PeopleLinks.open(db_path) as app:
        assert app.contact(1).title == "CTO"


def test_unacknowledged_torn_journal_tail_is_ignored(db_path: Path) -> None:
    journal = crash_after_adding(db_path, "Ann", "Bob")
    raw = journal.read_bytes()
    journal.write_bytes(raw + raw.splitlines(keepends=True)[-1][:25])  # half a line
    with PeopleLinks.open(db_path) as again:
        assert [c.name for c in again.contacts()] == ["Ann", "Bob"]
        again.add_contact({"name": "Cy"})
    with PeopleLinks.open(db_path) as third:
        assert [c.name for c in third.contacts()] == ["Ann", "Bob", "Cy"]


def test_damaged_middle_of_journal_refuses_and_touches_nothing(db_path: Path) -> None:
    journal = crash_after_adding(db_path, "Ann", "Bob", "Cy")
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"Bob", b"Rob")  # CRC no longer matches
    journal.write_bytes(b"".join(lines))
    before = (journal.read_bytes(), db_path.read_bytes())
    with pytest.raises(DatabaseCorrupt, match="line 2 is damaged"):
        PeopleLinks.open(db_path)
    assert (journal.read_bytes(), db_path.read_bytes()) == before


@pytest.mark.parametrize("content", [b"{not json", b"", b"[1, 2]", b'{"contacts": [1]}',
                                     b'{"contacts": {"1": {"name": "A"',
                                     b'{"contacts": {"1": {"name": "\xff\xfe"}}}'])
def test_corrupt_file_clear_message_and_untouched(db_path: Path, content: bytes) -> None:
    fill(db_path, ["Ann"])
    with PeopleLinks.open(db_path):
        pass  # makes today's backup
    db_path.write_bytes(content)
    with pytest.raises(DatabaseCorrupt) as info:
        PeopleLinks.open(db_path)
    message = str(info.value)
    assert str(db_path) in message
    assert "newest backup is" in message and str(backup.backup_folder(db_path)) in message
    assert db_path.read_bytes() == content
    with pytest.raises(DatabaseCorrupt):
        PeopleLinks.open(db_path, read_only=True)
    assert db_path.read_bytes() == content


def test_newer_schema_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    content = orjson.dumps({"_meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "contacts": {}})
    db_path.write_bytes(content)
    with pytest.raises(NewerSchema, match="newer peoplelinks"):
        PeopleLinks.open(db_path)
    assert db_path.read_bytes() == content


def test_version_0_file_is_migrated_with_a_backup(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    doc = Contact.from_input({"id": 1, "name": "Old"}).model_dump(mode="json")
    db_path.write_bytes(orjson.dumps({"contacts": {"1": doc}}))
    with PeopleLinks.open(db_path) as app:
        assert app.contact(1).name == "Old"
    data = orjson.loads(db_path.read_bytes())
    assert data["_meta"]["1"]["schema"] == SCHEMA_VERSION
    assert any("before-schema" in p.name for p in backup.list_backups(db_path))


def test_invalid_records_are_kept_and_reported(db_path: Path) -> None:
    fill(db_path, ["Ann", "Bob"])
    data = orjson.loads(db_path.read_bytes())
    data["contacts"]["2"]["circle"] = "martians"
    db_path.write_bytes(orjson.dumps(data))
    with PeopleLinks.open(db_path) as app:
        assert [c.name for c in app.contacts()] == ["Ann"]
        problems = app.doctor()
        assert any("contacts #2" in p.where and "circle" in p.message for p in problems)
        app.add_contact({"name": "Cy"})
    kept = orjson.loads(db_path.read_bytes())["contacts"]["2"]
    assert kept["circle"] == "martians" and kept["name"] == "Bob"


def test_second_writer_refused_reader_allowed(db_path: Path) -> None:
    fill(db_path, ["Ann"])
    with PeopleLinks.open(db_path):
        with pytest.raises(DatabaseLocked, match="open in another peoplelinks"):
            Database.open(db_path, lock_timeout=0.05)
        with PeopleLinks.open(db_path, read_only=True) as reader:
            assert [c.name for c in reader.contacts()] == ["Ann"]
            with pytest.raises(ReadOnly):
                reader.add_contact({"name": "Bob"})


def test_lock_released_on_close(db_path: Path) -> None:
    fill(db_path, ["Ann"])
    lock = WriterLock(db_path, timeout=0.05)
    lock.acquire()
    assert lock.held
    lock.release()
    with PeopleLinks.open(db_path) as app:
        assert app.contacts()


def test_reader_sees_journal_of_running_writer(db_path: Path) -> None:
    writer = PeopleLinks.open(db_path)
    writer.add_contact({"name": "Ann"})
    with PeopleLinks.open(db_path, read_only=True) as reader:
        assert [c.name for c in reader.contacts()] == ["Ann"]
    writer.close()


def test_file_and_folder_modes(db_path: Path) -> None:
    fill(db_path, ["Ann"])
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


def test_backups_rotate_keeping_seven(db_path: Path) -> None:
    fill(db_path, ["Ann"])
    for day in range(1, 11):
        backup.daily_backup(db_path, today=date(2026, 1, day))
    names = [p.name for p in backup.list_backups(db_path)]
    assert len(names) == 7
    assert names[-1] == "peoplelinks-2026-01-10.json" and names[0] == "peoplelinks-2026-01-04.json"
    assert backup.newest_backup(db_path) == backup.backup_folder(db_path) / names[-1]
    assert backup.daily_backup(db_path, today=date(2026, 1, 10)) is None
    assert orjson.loads(backup.newest_backup(db_path).read_bytes())["contacts"]["1"]["name"] \
        == "Ann"


def test_restore_from_backup(db_path: Path) -> None:
    fill(db_path, ["Ann"])
    saved = backup.daily_backup(db_path, today=date(2020, 1, 1))
    fill(db_path, ["Bob"])
    backup.restore(db_path, saved)
    with PeopleLinks.open(db_path) as app:
        assert [c.name for c in app.contacts()] == ["Ann"]


def test_full_disk_write_fails_cleanly(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = PeopleLinks.open(db_path)
    app.add_contact({"name": "Ann"})
    storage = app.db.storage
    size = storage.journal_path.stat().st_size
    real_write = os.write
    calls = {"n": 0}

    def half_then_fail(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_fail)
    with pytest.raises(WriteFailed, match="No space left on device"):
        app.add_contact({"name": "Bob"})
    monkeypatch.setattr(os, "write", real_write)
    assert [c.name for c in app.contacts()] == ["Ann"]
    assert storage.journal_path.stat().st_size == size
    app.add_contact({"name": "Cy"})
    app.close()
    with PeopleLinks.open(db_path) as again:
        assert [c.name for c in again.contacts()] == ["Ann", "Cy"]


def test_failed_compaction_keeps_the_journal(db_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    app = PeopleLinks.open(db_path)
    app.add_contact({"name": "Ann"})
    before = db_path.read_bytes()

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("peoplelinks.store.storage.atomic_write_parts", no_space)
    app.close()  # the write was durable in the journal: a failed fold is only a warning
    assert any("No space left on device" in w and "safe in" in w for w in app.db.warnings)
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert app.db.storage.journal_path.exists()
    with PeopleLinks.open(db_path) as again:
        assert [c.name for c in again.contacts()] == ["Ann"]


def test_a_bulk_write_rewrites_the_file_folding_the_journal(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("peoplelinks.store.storage.WHOLE_FILE_OPS", 5)
    app = PeopleLinks.open(db_path)
    app.add_contact({"name": "Ann"})  # one small write: a journal line
    journal = app.db.storage.journal_path
    assert journal.exists() and journal.stat().st_size > 0
    with app.db.batch("bulk"):
        for n in range(6):
            app.add_contact({"name": f"P{n}"})
    assert not journal.exists() or journal.stat().st_size == 0
    on_disk = orjson.loads(db_path.read_bytes())["contacts"]
    assert sorted(doc["name"] for doc in on_disk.values()) == ["Ann"] + [f"P{n}" for n in range(6)]
    app.undo()  # the bulk write is one change like any other
    app.close()
    with PeopleLinks.open(db_path) as again:
        assert [c.name for c in again.contacts()] == ["Ann"]


def test_a_failed_bulk_write_changes_nothing(db_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("peoplelinks.store.storage.WHOLE_FILE_OPS", 5)
    app = PeopleLinks.open(db_path)
    app.add_contact({"name": "Ann"})
    before, journal = db_path.read_bytes(), app.db.storage.journal_path.read_bytes()

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("peoplelinks.store.storage.atomic_write_parts", no_space)
    people = [Contact.from_input({"id": app.db.new_id(Contact), "name": f"P{n}"})
              for n in range(6)]
    with pytest.raises(WriteFailed, match="No space left on device"):
        app.db.commit(people, summary="bulk")
    assert [c.name for c in app.contacts()] == ["Ann"]
    assert [d["name"] for d in app.db.storage.read()["contacts"].values()] == ["Ann"]
    assert db_path.read_bytes() == before
    assert app.db.storage.journal_path.read_bytes() == journal
    monkeypatch.setattr("peoplelinks.store.storage.atomic_write_parts", atomic_write_parts)
    app.add_contact({"name": "Cy"})
    app.close()
    with PeopleLinks.open(db_path) as again:
        assert [c.name for c in again.contacts()] == ["Ann", "Cy"]


def test_journal_compacts_when_large(db_path: Path) -> None:
    db = Database.open(db_path)
    db.storage.compact_at = 2000
    for n in range(20):
        c = Contact.from_input({"id": db.new_id(Contact), "name": f"P{n}"})
        db.commit([c])
    assert db.storage.journal_bytes < 2000
    assert len(orjson.loads(db_path.read_bytes())["contacts"]) >= 10
    db.close()
    assert len(TinyDB(db_path).table("contacts")) == 20


def test_stale_journal_after_crash_between_rename_and_unlink(db_path: Path) -> None:
    app = PeopleLinks.open(db_path)
    app.add_contact({"name": "Ann"})
    journal = app.db.storage.journal_path
    stale = journal.read_bytes()
    app.close()
    journal.write_bytes(stale)  # the journal survived the compaction that folded it in
    with PeopleLinks.open(db_path) as again:
        assert [c.name for c in again.contacts()] == ["Ann"]
        again.add_contact({"name": "Bob"})
    with PeopleLinks.open(db_path) as third:
        assert [c.name for c in third.contacts()] == ["Ann", "Bob"]


def test_version_3_objective_and_plans_are_migrated_without_losing_text(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    contact = Contact.from_input({"id": 1, "name": "Ann"}).model_dump(mode="json")
    db_path.write_bytes(orjson.dumps({
        "_meta": {"1": {"schema": 3}},
        "contacts": {"1": contact},
        "objective": {"1": {"role": "PM", "level": "Head of things",
                            "target_companies": ["Fabrikam"]}},
        "plans": {"1": {"id": 1, "contact_id": 1, "purpose": "learn", "agenda": "one\ntwo",
                        "offer": "an intro", "info_wanted": "team size",
                        "referrals_wanted": ["a recruiter"], "status": "done",
                        "created": "2026-11-01T10:00:00Z"}},
    }))
    with PeopleLinks.open(db_path) as app:
        objective = app.db.objective
        assert objective.level == "unknown" and "Head of things" in objective.pitch
        plan = app.db.plans[1]
        assert (plan.agenda, plan.help_them, plan.learn, plan.ask_for) == (
            ["one", "two"], "an intro", "team size", ["a recruiter"])
        assert plan.status == "held" and plan.date.isoformat() == "2026-11-01"


def test_a_hand_edit_that_keeps_size_and_time_is_noticed(db_path: Path) -> None:
    """Another program changes the file, keeping its size and setting its modification
    time back: the change time still moved, so nothing is written over the edit."""
    from peoplelinks.errors import FileChanged  # noqa: PLC0415

    with PeopleLinks.open(db_path) as app:
        app.add_contact({"name": "Aaliyah Abebe"})
    app = PeopleLinks.open(db_path)
    try:
        app.add_contact({"name": "Bo"})  # the app writes (its journal), then...
        before = os.stat(db_path)
        db_path.write_bytes(db_path.read_bytes().replace(b"Aaliyah", b"Zaliyah"))
        os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert app.db.changed_on_disk() is not None
        with pytest.raises(FileChanged):
            app.add_contact({"name": "Cy"})
    finally:
        app.close()
    assert b"Zaliyah" in db_path.read_bytes()


def test_a_link_planted_where_the_temporary_file_goes_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "db.json"
    (tmp_path / f".db.json.{os.getpid()}.tmp").symlink_to(victim)
    atomic_write(target, b"{}")
    assert victim.read_text() == "precious" and target.read_bytes() == b"{}"
    assert not target.is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_daily_backup_that_fails_halfway_leaves_nothing_readable(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with PeopleLinks.open(db_path) as app:
        app.add_contact({"name": "Ann"})
    folder = backup.backup_folder(db_path)
    for made in folder.glob("*"):
        made.unlink()

    def full(source: object, out: object, length: int = 0) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup.shutil, "copyfileobj", full)
    with pytest.raises(OSError):
        backup.daily_backup(db_path)
    assert list(folder.iterdir()) == []  # no partial copy left behind
    monkeypatch.undo()
    made = backup.daily_backup(db_path)
    assert made is not None and stat.S_IMODE(made.stat().st_mode) == 0o600
    assert made.read_bytes() == db_path.read_bytes()
