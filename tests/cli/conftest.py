"""Helpers for the command-line tests: run ``peoplelinks.cli.main`` in-process.

The CLI cannot be given a fixed "today", so tests that care about dates compute
what they expect from :func:`datetime.date.today` with their own arithmetic.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from peoplelinks.cli import main


@dataclass
class Result:
    """What one CLI run did."""

    code: int
    out: str
    err: str


def assert_one_error_line(err: str) -> str:
    """``err`` is exactly one line starting ``error:`` and no traceback; return the message."""
    assert "Traceback" not in err, err
    assert err.startswith("error: "), repr(err)
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    return err[len("error: "):-1]


class CLI:
    """Runs the command line against one database file and captures its output."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self._capsys = capsys

    def raw(self, *args: str) -> Result:
        """Run ``peoplelinks ARGS`` (no --db added); SystemExit becomes the code."""
        self._capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --version, --help, usage errors
            code = 0 if exc.code is None else int(exc.code)
        out, err = self._capsys.readouterr()
        return Result(code, out, err)

    def __call__(self, *args: str) -> Result:
        """Run ``peoplelinks --db DB ARGS``."""
        return self.raw("--db", str(self.db), *args)

    def ok(self, *args: str) -> str:
        """Run a command that must succeed quietly on stderr; return stdout."""
        result = self(*args)
        assert result.code == 0, result
        assert result.err == "", result
        return result.out

    def json(self, *args: str) -> Any:
        """Run a ``--json`` command and parse its output."""
        return json.loads(self.ok(*args, "--json"))

    def fails(self, code: int, *args: str) -> str:
        """Run a command that must fail with ``code``, one ``error:`` line and no output."""
        result = self(*args)
        assert result.code == code, result
        assert result.out == "", result
        return assert_one_error_line(result.err)

    def contact(self, who: str) -> dict[str, Any]:
        """``show WHO --json``."""
        data: dict[str, Any] = self.json("show", who)
        return data

    def names(self, *args: str) -> list[str]:
        """Names from ``list [QUERY] --json``."""
        return [c["name"] for c in self.json("list", *args)]

    def snapshot(self) -> bytes:
        """The database file's bytes (to prove nothing was written)."""
        return self.db.read_bytes()


@pytest.fixture(autouse=True)
def _no_real_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never reach the user's real database, whatever the test forgets."""
    monkeypatch.delenv("PEOPLELINKS_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Path of a database file that does not exist yet."""
    return tmp_path / "db.json"


@pytest.fixture
def cli(db: Path, capsys: pytest.CaptureFixture[str]) -> CLI:
    """The command line on an empty database."""
    return CLI(db, capsys)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo network, written once per session through the service verbs."""
    from peoplelinks.demo import load_demo
    from peoplelinks.service import PeopleLinks

    path = tmp_path_factory.mktemp("demo-template") / "db.json"
    with PeopleLinks.open(path) as app:
        load_demo(app)
    return path


@pytest.fixture
def demo(_demo_template: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> CLI:
    """The command line on a fresh copy of the demo network."""
    shutil.copyfile(_demo_template, db)
    return CLI(db, capsys)


@pytest.fixture
def today() -> Iterator[date]:
    """Today, as the CLI sees it (the test fails loudly if midnight passes meanwhile)."""
    day = date.today()
    yield day
    assert date.today() == day, "the date changed during the test; run it again"
