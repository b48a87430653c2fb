"""The disk fails at every step of a write: a full disk, an I/O error, a read-only file system,
a file the user may not read. Whatever step fails, the command says so in one line (or, when
the change was already durable, succeeds with a warning), and the database afterwards holds
either the old state or the new one, never something in between, with no stray files."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from peoplelinks.service import PeopleLinks
from peoplelinks.store import backup
from tests.cli.conftest import CLI, assert_one_error_line


def _prepared(db: Path) -> bytes:
    with PeopleLinks.open(db) as app:
        app.add_contact({"name": "Ann Lee"})
    # Today's backup already exists: the backup thread does no I/O to race with the faults.
    backup.daily_backup(db, today=date.today())
    return db.read_bytes()


class Fault:
    """Make the ``n``-th call of the write path's system calls fail with ``code``."""

    CALLS = ("open", "write", "fsync", "replace", "ftruncate")

    def __init__(self, monkeypatch: pytest.MonkeyPatch, n: int, code: int) -> None:
        self.n, self.code, self.count, self.hit = n, code, 0, ""
        for name in self.CALLS:
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(name, real))

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if name == "open" and not (len(args) > 1 and args[1] & (os.O_WRONLY | os.O_RDWR)):
                return real(*args, **kwargs)  # reading is not part of the write path
            self.count += 1
            if self.count == self.n:
                self.hit = name
                raise OSError(self.code, os.strerror(self.code))
            return real(*args, **kwargs)
        return call


def _state(db: Path) -> list[tuple[str, str]]:
    with PeopleLinks.open(db, read_only=True) as app:
        return sorted((c.name, i.notes) for c in app.contacts()
                      for i in app.db.interactions_of(c.id)) + [(c.name, "") for c in
                                                               app.contacts()]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_failure_at_every_step_of_log_and_close(cli: CLI, db: Path, code: int,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    original = _prepared(db)
    old = _state(db)
    steps = 0
    for n in range(1, 60):
        db.write_bytes(original)
        for stray in db.parent.glob("*.journal"):
            stray.unlink()
        with monkeypatch.context() as patch:
            fault = Fault(patch, n, code)
            result = cli("log", "Ann", "--notes", f"chat {n}")
        if not fault.hit:
            steps = n - 1
            assert result.code == 0 and result.err == ""
            break
        new = _state(db)
        if result.code == 0:
            # acknowledged: durable in the journal; a fold that failed is a warning
            # (removing the folded journal may fail harmlessly: nothing to say)
            assert result.out.startswith("logged L1"), (n, fault.hit, result)
            if result.err:
                assert result.err.startswith("warning: ") and "safe in" in result.err
            assert ("Ann Lee", f"chat {n}") in new, (n, fault.hit)
        else:
            assert result.code == 1 and result.out == "", (n, fault.hit, result)
            assert os.strerror(code) in assert_one_error_line(result.err)
            assert new == old, (n, fault.hit)
        json.loads(db.read_bytes())  # never a broken file
        assert not list(db.parent.glob(".*.tmp")), (n, fault.hit)
    assert steps >= 6  # journal open, write, fsync; temporary file, fsync, rename...


def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root?)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KB file system."""
    yield from _tmpfs(tmp_path / "small", "256k")


def test_a_real_full_disk(small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = small_disk / "db.json"
    cli = CLI(db, capsys)
    cli.ok("add", "Ann Lee")
    cli.ok("log", "Ann", "--notes", "first chat")
    filler = small_disk / "filler"
    with open(filler, "wb", buffering=0) as handle:  # fill the disk to the last byte
        try:
            while True:
                handle.write(b"x" * 4096)
                handle.flush()
        except OSError:
            pass
    before = db.read_bytes()
    for args in (["add", "Bob"], ["log", "Ann", "--notes", "x" * 5000], ["undo"]):
        result = cli(*args)
        assert result.code == 1, result
        assert "No space left on device" in assert_one_error_line(result.err)
        assert db.read_bytes() == before
    assert [c["name"] for c in cli.json("list")] == ["Ann Lee"]  # reading still works
    filler.unlink()
    cli.ok("add", "Bob")
    assert cli.names() == ["Ann Lee", "Bob"]
    assert cli.contact("Ann")["interactions"][0]["notes"] == "first chat"


def test_a_read_only_file_system(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "data"
    cli = CLI(source / "db.json", capsys)
    cli.ok("add", "Ann Lee")
    mount = tmp_path / "ro"
    mount.mkdir()
    bound = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True)
    if bound.returncode != 0:
        pytest.skip("cannot bind-mount here (not root?)")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True)
        db = mount / "db.json"
        cli = CLI(db, capsys)
        before = db.read_bytes()
        result = cli("add", "Bob")
        assert result.code == 1 and "Read-only file system" in assert_one_error_line(result.err)
        assert cli.names() == ["Ann Lee"] and db.read_bytes() == before
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_file_the_user_may_not_read(cli: CLI, db: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Mode 000 (root reads anything, so the refusal is simulated where the file is opened)."""
    _prepared(db)
    os.chmod(db, 0)
    real_open = open

    def denied(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(str(file)) == db and os.geteuid() == 0:
            raise PermissionError(errno.EACCES, "Permission denied", str(db))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    for args in (["list"], ["add", "Bob"]):
        message = cli.fails(1, *args)
        assert message == f"cannot read {db}: Permission denied"
    monkeypatch.undo()
    os.chmod(db, 0o600)
    assert cli.names() == ["Ann Lee"]


def test_paths_that_are_not_files(cli: CLI, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert "is a folder" in CLI(folder, cli._capsys).fails(1, "list")
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere" / "db.json")
    message = CLI(dangling, cli._capsys).fails(1, "add", "Ann")
    assert "is a link to" in message and "does not exist" in message
    assert not (tmp_path / "nowhere").exists()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "not a regular file" in CLI(fifo, cli._capsys).fails(1, "list")
    shutil.rmtree(folder)
