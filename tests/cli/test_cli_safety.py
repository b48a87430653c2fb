"""The commands that keep data safe (undo, redo, backup, backups, restore, where, doctor's
quarantine) and what the CLI tells the user when something is wrong."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import CLI, assert_one_error_line
from tests.store.crash import crash_after_adding, drop_journal_line


def test_undo_redo_and_the_list(demo: CLI) -> None:
    demo.ok("add", "Zed Quinn", "--company", "Acme")
    demo.ok("done", "1")
    listed = demo.json("undo", "--list")
    summaries = [c["summary"] for c in listed["undo"]]
    assert summaries[0].startswith("Done: ")
    assert summaries[1:] == ["Added Zed Quinn (Acme)", "Loaded the demo network"]
    assert listed["redo"] == []
    out = demo.ok("undo")
    assert out.startswith("undid: Done: ") and "'peoplelinks redo'" in out
    assert demo.ok("undo").startswith("undid: Added Zed Quinn (Acme)")
    assert "Zed Quinn" not in demo.names()
    assert demo.ok("redo").startswith("redid: Added Zed Quinn (Acme)")
    assert "Zed Quinn" in demo.names()
    text = demo.ok("undo", "--list")
    assert "can be undone (newest first)" in text and "can be redone" in text
    # change ids never look like contact ids (#2 is a contact)
    assert "#" not in text and "  change 2  " in text
    undid = demo.ok("undo")
    assert "(change 2 of " in undid and "#" not in undid


def test_undo_with_nothing_to_undo(cli: CLI) -> None:
    assert cli.fails(2, "undo") == "undo: nothing to undo"
    assert cli.fails(2, "redo") == "redo: nothing to redo"
    assert cli.ok("undo", "--list") == "nothing to undo or redo\n"


def test_backup_backups_and_restore(demo: CLI, tmp_path: Path) -> None:
    made = demo.ok("backup")
    assert made.startswith("backed up 30 contacts to ") and "-manual.json" in made
    target = Path(made.split(" to ", 1)[1].strip())
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    demo.ok("add", "After Backup")
    listed = {row["path"]: row for row in demo.json("backups")}
    assert listed[str(target)]["contacts"] == 30
    assert "30 contacts" in demo.ok("backups")
    restored = demo.ok("restore", target.name)
    assert "1 record(s) changed, 30 contacts now" in restored
    assert "before-restore" in restored and "'peoplelinks undo'" in restored
    assert "After Backup" not in demo.names()
    demo.ok("undo")
    assert "After Backup" in demo.names()
    # to a path of the user's choice; never over an existing file
    mine = tmp_path / "mine.json"
    demo.ok("backup", str(mine))
    assert json.loads(mine.read_text())["contacts"]
    assert "exists" in demo.fails(2, "backup", str(mine))
    assert "no backup 'nope.json'" in demo.fails(2, "restore", "nope.json")


def test_backup_works_while_another_peoplelinks_writes(demo: CLI, db: Path) -> None:
    from peoplelinks.service import PeopleLinks

    with PeopleLinks.open(db) as other:
        other.add_contact({"name": "Open Elsewhere"})  # in its journal only
        made = demo.ok("backup")
        assert "31 contacts" in made
        assert "open in another peoplelinks" in demo.fails(1, "restore")


def test_restore_refuses_a_file_that_is_not_a_database(demo: CLI, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    before = demo.snapshot()
    assert "is not valid JSON" in demo.fails(1, "restore", str(bad))
    assert demo.snapshot() == before


def test_where_lists_every_file(cli: CLI, db: Path, tmp_path: Path) -> None:
    cli.ok("add", "Ann")
    rows = {row["what"]: row for row in cli.json("where")}
    assert rows["database"]["path"] == str(db) and rows["database"]["bytes"] > 0
    assert rows["journal"]["bytes"] is None and rows["backups"]["count"] == 0
    assert rows["cache"]["path"] == f"{db}.cache" and rows["cache"]["bytes"] is None
    assert "undo history" in rows["settings"]["note"]
    text = cli.ok("where")
    assert str(db) in text and "nothing is ever sent over the network" in text
    link = tmp_path / "link.json"
    link.symlink_to(db)
    linked = cli.raw("--db", str(link), "where")
    assert linked.code == 0 and f"{link} -> {db}" in linked.out


def test_doctor_quarantine(cli: CLI, db: Path) -> None:
    cli.ok("add", "Ann")
    cli.ok("add", "Bob")
    data = json.loads(db.read_text())
    data["contacts"]["2"]["circle"] = "martians"
    db.write_text(json.dumps(data))
    result = cli("doctor", "--quarantine")
    assert result.code == 1 and "moved 1 record(s) to the quarantine table" in result.out
    assert cli.ok("doctor").endswith("no problems found\n")
    assert "quarantine" in json.loads(db.read_text())
    undone = cli("undo")  # the unreadable record is back, and said so
    assert undone.code == 0 and "undid: Moved 1 unreadable record(s)" in undone.out
    assert "1 record(s) could not be read (contacts #2)" in undone.err
    assert cli("doctor").code == 1


def test_empty_database_paths_are_refused(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = cli.raw("--db", "", "list")
    assert empty.code == 2 and assert_one_error_line(empty.err) == (
        "--db: the path is empty; give a file name")
    monkeypatch.setenv("PEOPLELINKS_DB", "  ")
    env = cli.raw("list")
    assert env.code == 2 and "PEOPLELINKS_DB is set but empty" in env.err


def test_a_durable_log_whose_fold_fails_is_a_success_with_a_warning(
        cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    cli.ok("add", "Ann")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("peoplelinks.store.storage.atomic_write_parts", full)
    result = cli("log", "Ann", "--notes", "coffee")
    assert result.code == 0 and result.out.startswith("logged L1")
    assert result.err.startswith("warning: ") and "No space left on device" in result.err
    assert "safe in" in result.err and result.err.count("\n") == 1
    monkeypatch.undo()
    assert cli.json("show", "Ann")["interactions"][0]["notes"] == "coffee"


def test_a_reader_says_a_journal_with_a_missing_line_is_damaged(cli: CLI, db: Path) -> None:
    drop_journal_line(crash_after_adding(db, "Ann", "Bob", "Cy"), 1)
    for command in (["list"], ["show", "1"], ["due"]):
        message = cli.fails(1, *command)
        assert "skips from write 1 to 3" in message


def _no_tty(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PEOPLELINKS_DB"}
    return subprocess.run([sys.executable, "-m", "peoplelinks", "--db", str(db), *args],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=30, env=env)


def test_the_tui_without_a_terminal_says_so_and_takes_no_lock(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    done = _no_tty(db=db)
    assert (done.returncode, done.stdout) == (2, "")
    message = assert_one_error_line(done.stderr)
    assert "needs a terminal" in message and "peoplelinks due" in message
    assert not db.exists() and not (tmp_path / "db.json.lock").exists()


def test_doctor_salvage_is_the_way_out_of_a_damaged_journal(cli: CLI, db: Path) -> None:
    drop_journal_line(crash_after_adding(db, "Ann", "Bob", "Cy"), 1)
    assert "doctor --salvage" in cli.fails(1, "list")
    result = cli("doctor", "--salvage")
    assert result.code == 0 and result.out.endswith("no problems found\n")
    assert result.err.startswith("warning: 1 change(s) in the journal were not applied")
    assert cli.names() == ["Ann"]


def test_where_shows_a_link_to_nothing(cli: CLI, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "gone" / "db.json")
    result = cli.raw("--db", str(link), "where")
    assert result.code == 0 and f"{link} -> {tmp_path / 'gone' / 'db.json'}" in result.out
    assert "not created yet" in result.out
