"""Errors: one ``error:`` line on stderr, exit 2 for bad input, 1 for runtime failures.

And whatever fails, the database is left exactly as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peoplelinks.store.lock import WriterLock
from tests.cli.conftest import CLI, assert_one_error_line

# ---- bad input: exit 2 -------------------------------------------------------------------


@pytest.fixture
def ann(cli: CLI) -> CLI:
    """A database holding Ann Lee and an open follow-up."""
    cli.ok("add", "Ann Lee", "--company", "Acme")
    cli.ok("log", "Ann", "--next", "write to Ann")
    return cli


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["add", "X", "--email", "bad"], "emails: 'bad' is not a valid email address"),
        (["add", "X", "--email", "x@acme.com", "--email", "a@b"],
         "emails: 'a@b' is not a valid email address"),
        (["add", "X", "--circle", "galaxy"], "circle: "),
        (["add", "X", "--status", "bff"], "status: "),
        (["add", "X", "--level", "wizard"], "level: "),
        (["add", "X", "--employment", "retired"], "employment: "),
        (["add", ""], "name: must not be empty"),
        (["add", "   "], "name: must not be empty"),
        (["add", "\x1b[31m"], "name: must not be empty"),
        (["add", "X", "--phone", "call me"], "phones: 'call me' is not a valid phone number"),
        (["add", "X", "--profile-url", "ftp://x.org"], "profile_url: "),
        (["add", "X", "--tag", "a,b"], "tags: 'a,b' is not a valid tag"),
        (["add", "X", "--keep-in-touch", "often"],
         "keep_in_touch_days: 'often' is not a whole number"),
        (["add", "X", "--keep-in-touch", "-5"], "keep_in_touch_days: "),
        (["add", "X", "--keep-in-touch", "99999"], "keep_in_touch_days: "),
        (["add", "X", "--introduced-by", "nobody"], "introduced_by: no contact matches 'nobody'"),
        (["add", "X", "--introduced-by", "42"], "introduced_by: no contact with id 42"),
        (["add", "X" * 201], "name: "),
        (["edit", "Ann", "--name", ""], "name: must not be empty"),
        (["edit", "Ann", "--circle", "space"], "circle: "),
        (["edit", "nobody", "--title", "x"], "contact: no contact matches 'nobody'"),
        (["show", "nobody"], "contact: no contact matches 'nobody'"),
        (["show", "99"], "contact: no contact with id 99 among your contacts"),
        (["show", "   "], "contact: empty; give a name or an id"),
        (["delete", "nobody"], "no contact matches 'nobody'"),
        (["undelete", "Ann"], "no contact matches 'Ann' in the trash"),
        (["log", "nobody"], "no contact matches 'nobody'"),
        (["done", "99"], "follow-up: no follow-up has id 99"),
        (["snooze", "99", "tomorrow"], "follow-up: no follow-up has id 99"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(ann: CLI, args: list[str],
                                                             expected: str) -> None:
    before = ann.snapshot()
    assert expected in ann.fails(2, *args)
    assert ann.snapshot() == before
    assert ann.names() == ["Ann Lee"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["add", "X", "--profile-url", "not_a_url"],
         "profile_url: 'not_a_url' is not a valid web address (it must start with http:// or "
         "https://)"),
        (["edit", "Ann", "--profile-url", " not_a_url "],
         "profile_url: ' not_a_url ' is not a valid web address (it must start with http:// or "
         "https://)"),
        (["edit", "Ann", "--email", "ok@acme.com", "--email", " Ann@Acme"],
         "emails: ' Ann@Acme' is not a valid email address"),
        (["add", "a" * 10_000],
         f"name: '{'a' * 50}…' is too long (10000 characters; at most 200)"),
        (["edit", "Ann", "--title", "t" * 1001],
         f"title: '{'t' * 50}…' is too long (1001 characters; at most 1000)"),
        (["edit-followup", "1", "--action", "x" * 300],
         f"action: '{'x' * 50}…' is too long (300 characters; at most 200)"),
        (["followup", "Ann", "y" * 201],
         f"action: '{'y' * 50}…' is too long (201 characters; at most 200)"),
    ],
)
def test_errors_quote_what_was_typed_cut_then_quoted(ann: CLI, args: list[str],
                                                     expected: str) -> None:
    before = ann.snapshot()
    assert ann.fails(2, *args) == expected
    assert ann.snapshot() == before


@pytest.mark.parametrize(
    "args",
    [
        ["show", "Ann"],
        ["edit", "Ann", "--title", "CEO"],
        ["delete", "Ann"],
        ["log", "Ann", "--next", "x", "--referral", "Cy"],
        ["log", "Bob", "--with", "Ann"],
        ["add", "Zed", "--introduced-by", "Ann"],
        ["edit", "Bob", "--introduced-by", "ann"],
    ],
)
def test_ambiguous_who_lists_candidates_and_writes_nothing(cli: CLI, args: list[str]) -> None:
    cli.ok("add", "Ann Lee")
    cli.ok("add", "Ann Smith", "--company", "Initech")
    cli.ok("add", "Bob")
    before = cli.snapshot()
    message = cli.fails(2, *args)
    assert "matches 2 contacts: #1 Ann Lee, #2 Ann Smith (Initech); use the id" in message
    assert cli.snapshot() == before
    assert cli.names() == ["Ann Lee", "Ann Smith", "Bob"]
    assert all(c["interactions"] == [] and c["introduced_by"] is None
               for c in (cli.contact(str(i)) for i in (1, 2, 3)))


def test_ambiguous_same_name_is_resolved_by_id(cli: CLI) -> None:
    cli.ok("add", "Sam Ortiz", "--company", "Contoso")
    cli.ok("add", "Sam Ortiz", "--company", "Fabrikam", "--allow-duplicate")
    message = cli.fails(2, "show", "Sam Ortiz")
    assert "#1 Sam Ortiz (Contoso), #2 Sam Ortiz (Fabrikam)" in message
    assert cli.contact("#2")["company"] == "Fabrikam"


def test_error_messages_never_echo_escape_sequences(cli: CLI) -> None:
    cli.ok("add", "Ann")
    for args in (["show", "\x1b[2JX"], ["log", "Ann", "--date", "\x1b]0;t\x07"],
                 ["add", "X", "--email", "\x1b[31m@x"], ["done", "\x1b[1m"]):
        result = cli(*args)
        assert result.code == 2
        message = assert_one_error_line(result.err)
        assert "\x1b" not in message and "\x07" not in message, (args, message)


def test_multiline_input_still_gives_one_error_line(cli: CLI) -> None:
    cli.ok("add", "Ann")
    for args in (["show", "no\nbody"], ["log", "Ann", "--date", "next\nyear\n"],
                 ["add", "X", "--keep-in-touch", "1\n2"], ["snooze", "1\n2", "tomorrow"]):
        result = cli(*args)
        assert result.code == 2, args
        assert_one_error_line(result.err)


# ---- usage errors from argparse: exit 2 too --------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["frob"], "invalid choice: 'frob'"),
        (["add"], "the following arguments are required: NAME"),
        (["add", "X", "--bogus"], "unrecognized arguments: --bogus"),
        (["add", "X", "--company"], "argument --company: expected one argument"),
        (["list", "a", "b"], "unrecognized arguments: b"),
        (["show"], "the following arguments are required: WHO"),
        (["log", "Ann", "--date"], "argument --date: expected one argument"),
        (["snooze", "1"], "the following arguments are required: WHEN"),
        (["done"], "the following arguments are required: FOLLOWUP_ID"),
        (["demo", "--forse"], "unrecognized arguments: --forse"),
        (["--nope", "list"], "unrecognized arguments: --nope"),
    ],
)
def test_usage_errors_exit_2_with_one_error_line(cli: CLI, args: list[str],
                                                 expected: str) -> None:
    result = cli(*args)
    assert result.code == 2 and result.out == ""
    message = assert_one_error_line(result.err)
    assert expected in message and "--help" in message
    assert not cli.db.exists()


def test_missing_db_argument_is_a_usage_error(cli: CLI) -> None:
    result = cli.raw("--db")
    assert result.code == 2 and result.out == ""
    assert "argument --db: expected one argument" in assert_one_error_line(result.err)


def test_unrecognized_argument_with_a_newline_is_one_line(cli: CLI) -> None:
    cli.ok("add", "Ann")
    result = cli("delete", "Ann", "Lee\nSmith")
    assert result.code == 2
    assert_one_error_line(result.err)


def test_unrecognized_argument_escape_sequence_is_not_echoed(cli: CLI) -> None:
    result = cli("list", "x", "\x1b[2J\x1b[31m")
    assert result.code == 2
    assert "\x1b" not in assert_one_error_line(result.err)


# ---- runtime failures: exit 1 --------------------------------------------------------------

ALL_COMMANDS = [
    ["add", "Zed"],
    ["edit", "Ann", "--title", "x"],
    ["delete", "Ann"],
    ["undelete", "Ann"],
    ["trash"],
    ["trash", "--json"],
    ["list"],
    ["list", "--json"],
    ["list", "Ann"],
    ["show", "Ann"],
    ["show", "Ann", "--json"],
    ["log", "Ann", "--next", "x"],
    ["due"],
    ["due", "--json"],
    ["done", "1"],
    ["snooze", "1", "tomorrow"],
    ["demo"],
    ["demo", "--force"],
    ["doctor"],
]
GARBAGE = b"\x00\x01 this is not JSON {]["


def _only(folder: Path, *names: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in names)


@pytest.mark.parametrize("args", ALL_COMMANDS, ids=lambda a: " ".join(a))
def test_corrupt_database_exit_1_and_file_untouched(cli: CLI, db: Path, tmp_path: Path,
                                                    args: list[str]) -> None:
    db.write_bytes(GARBAGE)
    message = cli.fails(1, *args)
    assert str(db) in message and "not valid JSON" in message
    assert db.read_bytes() == GARBAGE
    assert _only(tmp_path, "db.json.lock") == ["db.json"]  # no journal, no new file


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b'{"contacts": {"1": {"id": 1, "name": "Ann"', "not valid JSON"),
        (b"[1, 2, 3]", "is JSON but not a TinyDB database"),
        (b'{"contacts": [1, 2]}', "is JSON but not a TinyDB database"),
        (b'{"_meta": {"1": {"schema": 99}}, "contacts": {}}', "written by a newer peoplelinks"),
    ],
)
@pytest.mark.parametrize("args", [["list"], ["add", "Zed"]], ids=["read", "write"])
def test_unreadable_database_variants(cli: CLI, db: Path, content: bytes, expected: str,
                                      args: list[str]) -> None:
    db.write_bytes(content)
    message = cli.fails(1, *args)
    assert str(db) in message and expected in message
    assert db.read_bytes() == content


def test_corrupt_database_points_to_the_newest_backup(cli: CLI, db: Path) -> None:
    cli.ok("add", "Ann")
    cli.ok("add", "Bob")  # the second writable open makes today's backup
    [backup] = (db.parent / "backups").iterdir()
    db.write_bytes(GARBAGE)
    message = cli.fails(1, "list")
    assert f"the newest backup is {backup}" in message
    assert db.read_bytes() == GARBAGE
    assert b"Ann" in backup.read_bytes()


def test_damaged_journal_exit_1_and_files_untouched(cli: CLI, db: Path) -> None:
    cli.ok("add", "Ann")
    good = db.read_bytes()
    journal = db.with_name(db.name + ".journal")
    damaged = b"deadbeef not a journal line\n00000000 {}\n"
    journal.write_bytes(damaged)
    for args in (["list"], ["add", "Bob"]):
        message = cli.fails(1, *args)
        assert str(journal) in message and "damaged" in message
        assert db.read_bytes() == good and journal.read_bytes() == damaged


def test_db_path_is_a_folder(cli: CLI, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for args in (["list"], ["add", "Zed"]):
        result = cli.raw("--db", str(folder), *args)
        assert result.code == 1 and result.out == ""
        assert str(folder) in assert_one_error_line(result.err)
    assert list(folder.iterdir()) == []


def test_db_path_under_a_file(cli: CLI, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("I am a file")
    for args in (["list"], ["add", "Zed"]):
        result = cli.raw("--db", str(blocker / "db.json"), *args)
        assert result.code == 1 and result.out == ""
        assert "blocker" in assert_one_error_line(result.err)
    assert blocker.read_text() == "I am a file"


@pytest.mark.parametrize("args", [["add", "Zed"], ["log", "Ann", "--next", "call"]],
                         ids=["add", "log"])
def test_locked_database_refuses_writes_but_reads(ann: CLI, db: Path, args: list[str]) -> None:
    before = ann.snapshot()
    lock = WriterLock(db)
    lock.acquire()
    try:
        message = ann.fails(1, *args)
        assert str(db) in message and "is open in another peoplelinks" in message
        assert ann.snapshot() == before
        # reading still works while another peoplelinks writes
        assert ann.names() == ["Ann Lee"]
        assert "Ann Lee" in ann.ok("list")
        assert ann.contact("Ann")["followups"][0]["action"] == "write to Ann"
        assert [f["action"] for f in ann.json("due")["followups"]] == ["write to Ann"]
        assert ann.ok("doctor").endswith("no problems found\n")
    finally:
        lock.release()
    ann.ok(*args)  # once released, the write goes through
    assert ann.snapshot() != before


def test_a_write_command_releases_the_lock(ann: CLI, db: Path) -> None:
    ann.fails(2, "delete", "nobody")  # failed write command
    ann.ok("add", "Bob")  # successful one
    lock = WriterLock(db, timeout=0.05)
    lock.acquire()  # would raise DatabaseLocked if a command had kept it
    lock.release()


def test_json_output_is_valid_json_even_with_odd_text(cli: CLI) -> None:
    cli.ok("add", 'Quote " Back\\slash', "--notes", "tab\there\nnew line ✓ → 日本")
    data = cli.json("list")
    assert data[0]["name"] == 'Quote " Back\\slash'
    assert data[0]["notes"] == "tab    here\nnew line ✓ → 日本"
    assert json.loads(cli.ok("show", "1", "--json"))["id"] == 1
