"""The README's command-line examples run top to bottom on an empty database, as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.cli.conftest import CLI

README = Path(__file__).resolve().parents[2] / "README.md"


def example_commands() -> list[list[str]]:
    """Each ``peoplelinks …`` command of the block under "## The command line"."""
    text = README.read_text(encoding="utf-8")
    block = text.split("## The command line", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    joined = re.sub(r"\\\n\s*", " ", block)  # continuation lines
    commands = []
    for line in joined.splitlines():
        argv: list[str] = []
        for word in [*shlex.split(line, comments=True), "&&"]:
            if word != "&&":
                argv.append(word)
                continue
            if argv:
                assert argv[0] == "peoplelinks", line
                commands.append(argv[1:])
            argv = []
    return commands


def test_the_block_is_found() -> None:
    assert len(example_commands()) >= 20


def test_readme_cli_examples_run_in_order(cli: CLI) -> None:
    for argv in example_commands():
        result = cli(*argv)
        assert result.code == 0, (argv, result)
    tom = cli.json("show", "Tom Becker")
    assert tom["introduced_by"] == cli.json("show", "Priya")["id"]
