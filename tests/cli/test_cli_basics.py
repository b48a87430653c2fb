"""The program itself: version, help, where the database is, the real console script."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import orjson
import pytest

import peoplelinks
from tests.cli.conftest import CLI, assert_one_error_line

COMMANDS = ["add", "edit", "delete", "undelete", "trash", "list", "show", "log", "due", "done",
            "snooze", "followup", "edit-followup", "demo", "doctor"]


def test_version(cli: CLI) -> None:
    result = cli.raw("--version")
    assert result.code == 0 and result.err == ""
    assert result.out == f"peoplelinks {peoplelinks.__version__}\n"
    assert peoplelinks.__version__ == version("peoplelinks")


def test_help_lists_every_command(cli: CLI) -> None:
    result = cli.raw("--help")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("usage: peoplelinks")
    for name in COMMANDS:
        assert f"    {name} " in result.out, name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(cli: CLI, name: str) -> None:
    result = cli.raw(name, "--help")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith(f"usage: peoplelinks {name}")


# ---- where the database is ------------------------------------------------------------------


def test_peoplelinks_db_environment_variable_is_honoured(
        cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_db = tmp_path / "from-env" / "people.json"
    monkeypatch.setenv("PEOPLELINKS_DB", str(env_db))
    result = cli.raw("add", "Env Person")
    assert (result.code, result.out) == (0, "added #1 Env Person\n")
    assert env_db.exists()
    listed = cli.raw("list", "--json")
    assert [c["name"] for c in orjson.loads(listed.out)] == ["Env Person"]
    assert not (tmp_path / "xdg-data").exists()  # the default place was not used


def test_db_option_wins_over_the_environment(
        cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_db = tmp_path / "env.json"
    monkeypatch.setenv("PEOPLELINKS_DB", str(env_db))
    cli.raw("add", "In Env")
    assert cli.ok("add", "In Option") == "added #1 In Option\n"  # --db given by cli()
    assert cli.names() == ["In Option"]
    assert [c["name"] for c in orjson.loads(cli.raw("list", "--json").out)] == ["In Env"]
    assert b"In Option" not in env_db.read_bytes()


def test_tilde_in_the_path_means_home(cli: CLI, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cli.raw("--db", "~/pl/db.json", "add", "Tilde").code == 0
    assert (tmp_path / "home" / "pl" / "db.json").exists()
    monkeypatch.setenv("PEOPLELINKS_DB", "~/pl/db.json")
    assert "Tilde" in cli.raw("list").out


def test_default_database_is_in_the_user_data_folder(cli: CLI, tmp_path: Path) -> None:
    # conftest points XDG_DATA_HOME at tmp_path / "xdg-data" and unsets PEOPLELINKS_DB
    assert cli.raw("add", "Default Person").code == 0
    assert (tmp_path / "xdg-data" / "peoplelinks" / "peoplelinks.json").exists()


def test_no_command_opens_the_tui_on_the_resolved_database(
        cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import peoplelinks.tui.app as tui_app

    opened: list[Path] = []
    monkeypatch.setattr(tui_app, "run", lambda path: opened.append(path) or 0)
    monkeypatch.setattr("peoplelinks.cli._has_terminal", lambda: True)
    assert cli.raw("--db", str(tmp_path / "t.json")).code == 0
    monkeypatch.setenv("PEOPLELINKS_DB", str(tmp_path / "env.json"))
    assert cli.raw().code == 0
    assert opened == [tmp_path / "t.json", tmp_path / "env.json"]


# ---- the real program in a subprocess -----------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PEOPLELINKS_DB"}
    env.update(extra)
    return env


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "peoplelinks", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, env=env or _env())


def test_python_m_peoplelinks_works(tmp_path: Path) -> None:
    db = str(tmp_path / "db.json")
    version_run = _run("--version")
    assert (version_run.returncode, version_run.stdout, version_run.stderr) == (
        0, f"peoplelinks {peoplelinks.__version__}\n", "")
    added = _run("--db", db, "add", "Ann Lee", "--company", "Acme", "--tag", "x")
    assert (added.returncode, added.stdout, added.stderr) == (0, "added #1 Ann Lee (Acme)\n", "")
    shown = _run("show", "Ann", "--json", env=_env(PEOPLELINKS_DB=db))
    assert shown.returncode == 0 and shown.stderr == ""
    data = orjson.loads(shown.stdout)
    assert (data["name"], data["company"], data["tags"]) == ("Ann Lee", "Acme", ["x"])


def test_python_m_peoplelinks_errors_have_no_traceback(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    missing = _run("--db", str(db), "show", "nobody")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert assert_one_error_line(missing.stderr) == "contact: no contact matches 'nobody'"
    usage = _run("--db", str(db), "add")
    assert (usage.returncode, usage.stdout) == (2, "")
    assert_one_error_line(usage.stderr)
    db.write_bytes(b"garbage")
    corrupt = _run("--db", str(db), "list")
    assert (corrupt.returncode, corrupt.stdout) == (1, "")
    assert str(db) in assert_one_error_line(corrupt.stderr)
    assert db.read_bytes() == b"garbage"


def test_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "peoplelinks"
    if not script.exists():
        pytest.skip("no peoplelinks console script next to this python")
    done = subprocess.run([str(script), "--db", str(tmp_path / "db.json"), "show", "x"],
                          capture_output=True, text=True, timeout=60, env=_env())
    assert (done.returncode, done.stdout) == (2, "")
    assert_one_error_line(done.stderr)


def _big_database(path: Path, count: int) -> None:
    stamp = "2026-01-01T00:00:00Z"
    contacts = {str(i): {"id": i, "name": f"Person {i:05d}", "company": "Acme Corporation",
                         "created": stamp, "updated": stamp} for i in range(1, count + 1)}
    path.write_bytes(orjson.dumps({"_meta": {"1": {"schema": 1}}, "contacts": contacts}))


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """``peoplelinks list | head -1``: the reader leaves early; no traceback, no error."""
    db = tmp_path / "db.json"
    _big_database(db, 3000)  # far more output than a pipe buffer holds
    proc = subprocess.Popen([sys.executable, "-m", "peoplelinks", "--db", str(db), "list"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().split()[:2] == [b"id", b"name"]
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 141
    assert err == b""


def test_non_utf8_stdout_gives_no_traceback(tmp_path: Path) -> None:
    db = str(tmp_path / "db.json")
    assert _run("--db", db, "add", "Maximilian Alexander Montgomery").returncode == 0
    listed = _run("--db", db, "list", env=_env(PYTHONIOENCODING="ascii"))
    assert "Traceback" not in listed.stderr
    assert listed.returncode == 0
