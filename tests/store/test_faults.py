"""The data-loss paths found under attack, each closed: a symlinked path, the file changed
under an open writer, the lock file deleted, a journal with a missing line, a restored file
under a journal, a fold that fails, a schema that is not a number."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import orjson
import pytest

from peoplelinks.errors import (
    CannotOpen,
    DatabaseCorrupt,
    DatabaseLocked,
    FileChanged,
    LockLost,
)
from peoplelinks.service import PeopleLinks
from peoplelinks.store.database import Database
from tests.store.crash import crash_after_adding, drop_journal_line


def names(app: PeopleLinks) -> list[str]:
    return [c.name for c in app.contacts()]


def make(path: Path, *people: str) -> None:
    with PeopleLinks.open(path) as app:
        for name in people:
            app.add_contact({"name": name})


# ---- symbolic links ------------------------------------------------------------------


def test_a_write_through_a_link_updates_the_real_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "peoplelinks.json"
    make(real, "Ann")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with PeopleLinks.open(link) as app:
        app.add_contact({"name": "Bob"})
    assert link.is_symlink() and os.readlink(link) == str(real)
    with PeopleLinks.open(real, read_only=True) as app:
        assert names(app) == ["Ann", "Bob"]
    # the journal, lock and backups sit beside the real file, not the link
    assert not (tmp_path / "link.json.journal").exists()
    assert not (tmp_path / "link.json.lock").exists()
    assert not (tmp_path / "backups").exists()


def test_the_link_and_the_real_path_share_one_lock(tmp_path: Path) -> None:
    real = tmp_path / "peoplelinks.json"
    make(real, "Ann")
    link = tmp_path / "dotfiles" / "db.json"
    link.parent.mkdir()
    link.symlink_to(real)
    with PeopleLinks.open(link), pytest.raises(DatabaseLocked):
        Database.open(real, lock_timeout=0.05)


def test_a_dangling_link_is_an_error_and_nothing_is_created(tmp_path: Path) -> None:
    link = tmp_path / "db.json"
    link.symlink_to(tmp_path / "gone" / "peoplelinks.json")
    with pytest.raises(CannotOpen, match="does not exist"):
        PeopleLinks.open(link)
    assert link.is_symlink() and not (tmp_path / "gone").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_a_folder_as_the_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CannotOpen, match="is a folder"):
        PeopleLinks.open(tmp_path)


# ---- the file changed under an open writer ----------------------------------------------


def test_a_file_changed_on_disk_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make(path, "Ann")
    app = PeopleLinks.open(path)
    app.add_contact({"name": "Bob"})  # in the journal, not yet in the file
    data = orjson.loads(path.read_bytes())
    data["contacts"]["1"]["title"] = "edited by hand"
    edited = orjson.dumps(data)
    path.write_bytes(edited)
    assert app.changed_on_disk() is not None
    with pytest.raises(FileChanged, match="changed by another program.*nothing was written"):
        app.add_contact({"name": "Cy"})
    app.close()  # nor does closing fold the journal over it
    assert path.read_bytes() == edited
    assert any("changed by another program" in w for w in app.db.warnings)
    # the next open keeps the hand edit and replays Bob, written to this same file
    with PeopleLinks.open(path) as again:
        assert names(again) == ["Ann", "Bob"]
        assert again.contact(1).title == "edited by hand"


def test_reload_after_a_change_on_disk_then_writes_go_on(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make(path, "Ann")
    app = PeopleLinks.open(path)
    data = orjson.loads(path.read_bytes())
    data["contacts"]["1"]["name"] = "Ann Edited"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(FileChanged):
        app.add_contact({"name": "Bob"})
    app.reload()
    assert app.changed_on_disk() is None
    app.add_contact({"name": "Bob"})
    app.close()
    with PeopleLinks.open(path, read_only=True) as again:
        assert names(again) == ["Ann Edited", "Bob"]


def test_touching_the_file_is_not_a_change(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make(path, "Ann")
    with PeopleLinks.open(path) as app:
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
        assert app.changed_on_disk() is None
        app.add_contact({"name": "Bob"})


def test_a_restored_file_under_a_journal_sets_the_journal_aside(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make(path, "Ann")
    old = path.read_bytes()  # a copy made by another tool
    make(path, "Bob")  # a later compaction: a new epoch
    app = PeopleLinks.open(path)
    app.add_contact({"name": "Cy"})  # in the journal, made to the newer file
    path.write_bytes(old)  # restored by another tool while the app is open
    with pytest.raises(FileChanged):
        app.add_contact({"name": "Dee"})
    app.reload()
    assert names(app) == ["Ann"]
    assert any("made to another version" in w and "are kept in" in w for w in app.db.warnings)
    aside = list(tmp_path.glob("db.json.journal.set-aside-*"))
    assert len(aside) == 1 and b"Cy" in aside[0].read_bytes()
    app.add_contact({"name": "Dee"})
    app.close()
    with PeopleLinks.open(path, read_only=True) as again:
        assert names(again) == ["Ann", "Dee"]


# ---- the lock file deleted under an open writer ------------------------------------------


def test_a_deleted_lock_stops_the_writer_while_another_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make(path, "Ann")
    tui = PeopleLinks.open(path)
    tui.add_contact({"name": "Bob"})
    (tmp_path / "db.json.lock").unlink()
    cli = PeopleLinks.open(path)  # the lock file is new: this one gets it
    cli.add_contact({"name": "Cy"})
    with pytest.raises(LockLost, match="was removed"):
        tui.add_contact({"name": "Dee"})
    cli.close()
    # the other writer is gone, but it wrote: the first one must not overwrite that
    with pytest.raises(FileChanged):
        tui.add_contact({"name": "Dee"})
    tui.close()
    with PeopleLinks.open(path, read_only=True) as again:
        assert names(again) == ["Ann", "Bob", "Cy"]


def test_a_deleted_lock_nobody_took_is_taken_again(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make(path, "Ann")
    with PeopleLinks.open(path) as app:
        (tmp_path / "db.json.lock").unlink()
        app.add_contact({"name": "Bob"})
        assert (tmp_path / "db.json.lock").exists()
        with pytest.raises(DatabaseLocked):
            Database.open(path, lock_timeout=0.05)


# ---- what readers are told ---------------------------------------------------------------


def test_a_missing_journal_line_is_refused_by_readers_too(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    journal = crash_after_adding(path, "Ann", "Bob", "Cy")
    drop_journal_line(journal, 1)
    before = journal.read_bytes()
    for read_only in (True, False):
        with pytest.raises(DatabaseCorrupt, match="skips from write 1 to 3"):
            PeopleLinks.open(path, read_only=read_only)
    assert journal.read_bytes() == before


@pytest.mark.parametrize("schema", ['"2"', "true", "1.5", "-1", "null"])
def test_a_schema_that_is_not_a_whole_number_is_refused(tmp_path: Path, schema: str) -> None:
    path = tmp_path / "db.json"
    content = b'{"_meta": {"1": {"schema": ' + schema.encode() + b'}}, "contacts": {}}'
    path.write_bytes(content)
    with pytest.raises(DatabaseCorrupt, match="not a schema version"):
        PeopleLinks.open(path)
    assert path.read_bytes() == content


def test_a_fold_that_fails_at_close_keeps_everything(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.json"
    app = PeopleLinks.open(path)
    app.add_contact({"name": "Ann"})

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("peoplelinks.store.storage.atomic_write_parts", full)
    app.close()
    monkeypatch.undo()
    assert app.db.warnings and "will be folded" in app.db.warnings[-1]
    with PeopleLinks.open(path, read_only=True) as again:
        assert names(again) == ["Ann"]


# ---- a hand edit of a record that also has a change waiting in the journal ------------------


def test_a_hand_edit_wins_over_a_pending_change_of_the_same_record(tmp_path: Path) -> None:
    """The app changed Alpha (in its journal); then Alpha was edited by hand in the file:
    the hand edit is kept, the app's change is set aside, other changes still apply."""
    path = tmp_path / "db.json"
    make(path, "Alpha", "Beta")
    app = PeopleLinks.open(path)
    app.edit_contact(1, {"company": "AppCo"})  # waiting in the journal
    app.edit_contact(2, {"company": "BetaCo"})  # another record: no clash
    data = orjson.loads(path.read_bytes())
    data["contacts"]["1"]["notes"] = "hand note"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(FileChanged):
        app.add_contact({"name": "Gamma"})
    app.reload()
    assert app.contact(1).notes == "hand note" and app.contact(1).company == ""
    assert app.contact(2).company == "BetaCo"
    assert any("would have overwritten" in w and "contacts #1" in w for w in app.db.warnings)
    (aside,) = tmp_path.glob("db.json.journal.set-aside-*")
    assert b"AppCo" in aside.read_bytes() and b"BetaCo" not in aside.read_bytes()
    app.close()
    assert b"hand note" in path.read_bytes()
    with PeopleLinks.open(path, read_only=True) as again:
        assert again.contact(1).notes == "hand note" and again.contact(2).company == "BetaCo"


def test_a_hand_edit_after_a_crash_is_kept_too(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make(path, "Alpha")
    crashed = PeopleLinks.open(path)
    crashed.edit_contact(1, {"title": "from the app"})
    crashed.db.storage._close_journal()
    crashed.db._lock.release()
    data = orjson.loads(path.read_bytes())
    data["contacts"]["1"]["title"] = "from the editor"
    path.write_bytes(orjson.dumps(data))
    with PeopleLinks.open(path, read_only=True) as reader:
        assert reader.contact(1).title == "from the editor"
        assert any("are not shown" in w for w in reader.db.warnings)
    with PeopleLinks.open(path) as app:
        assert app.contact(1).title == "from the editor"
    assert len(list(tmp_path.glob("db.json.journal.set-aside-*"))) == 1


def test_salvage_keeps_what_comes_before_a_missing_line(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    journal = crash_after_adding(path, "Ann", "Bob", "Cy", "Dee")
    drop_journal_line(journal, 2)  # Cy's write is lost
    with pytest.raises(DatabaseCorrupt, match="doctor --salvage"):
        PeopleLinks.open(path)
    with PeopleLinks.open(path, salvage=True) as app:
        assert names(app) == ["Ann", "Bob"]
        assert any("after a missing or damaged journal line" in w for w in app.db.warnings)
    (aside,) = tmp_path.glob("db.json.journal.set-aside-*")
    assert b"Dee" in aside.read_bytes()
    with PeopleLinks.open(path) as again:  # whole again
        assert names(again) == ["Ann", "Bob"]


def test_salvage_of_a_damaged_line(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    journal = crash_after_adding(path, "Ann", "Bob", "Cy")
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"Bob", b"Rob")
    journal.write_bytes(b"".join(lines))
    with PeopleLinks.open(path, salvage=True) as app:
        assert names(app) == ["Ann"]
    (aside,) = tmp_path.glob("db.json.journal.set-aside-*")
    assert b"Rob" in aside.read_bytes() and b"Cy" in aside.read_bytes()


@pytest.mark.parametrize("content", [
    b'{"_default": {"1": {"title": "Buy milk"}}, "todos": {"1": {"done": false}}}',
    b'{"_default": {}}',
])
def test_another_programs_tinydb_file_is_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "todo.json"
    path.write_bytes(content)
    for read_only in (True, False):
        with pytest.raises(CannotOpen, match="TinyDB file of another program"):
            PeopleLinks.open(path, read_only=read_only)
    assert path.read_bytes() == content
    # nothing written beside it either (but the writer's lock, taken before reading)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["todo.json", "todo.json.lock"]


def test_a_file_of_ours_without_meta_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make(path, "Ann")
    data = orjson.loads(path.read_bytes())
    del data["_meta"], data["changes"]
    path.write_bytes(orjson.dumps(data))
    with PeopleLinks.open(path) as app:
        assert names(app) == ["Ann"]


def test_invalid_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b'{"contacts": {"1": {"name": "\xff"}}}')
    with pytest.raises(DatabaseCorrupt, match="is not UTF-8 text .a bad byte at position 29"):
        PeopleLinks.open(path, read_only=True)


def test_a_file_removed_under_an_open_writer_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make(path, "Ann")
    app = PeopleLinks.open(path)
    app.add_contact({"name": "Bob"})
    path.unlink()
    assert app.changed_on_disk() == f"{path} was removed"
    with pytest.raises(FileChanged):
        app.add_contact({"name": "Cy"})
    assert app.reload() is False
    assert any("written again" in w for w in app.db.warnings)
    app.add_contact({"name": "Cy"})
    app.close()
    with PeopleLinks.open(path, read_only=True) as again:
        assert names(again) == ["Ann", "Bob", "Cy"]


def test_a_hand_edit_wins_over_a_pending_undo_too(tmp_path: Path) -> None:
    """An undo holds no records of its own: the check that nothing was changed by hand
    under a pending journal line reads them from the change it undoes."""
    path = tmp_path / "db.json"
    make(path, "Alpha")
    with PeopleLinks.open(path) as app:
        app.edit_contact(1, {"company": "AppCo"})
    app = PeopleLinks.open(path)
    app.undo()  # waiting in the journal: Alpha's company back to ""
    data = orjson.loads(path.read_bytes())
    data["contacts"]["1"]["notes"] = "hand note"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(FileChanged):
        app.add_contact({"name": "Gamma"})
    app.reload()
    assert app.contact(1).notes == "hand note" and app.contact(1).company == "AppCo"
    assert any("would have overwritten" in w and "contacts #1" in w for w in app.db.warnings)
    app.close()
