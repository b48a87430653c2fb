"""Hostile text through every command-line entry point: stored cleaned, printed as text,
never an escape code, a control character or a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.adversarial.hostile import HOSTILE, assert_clean
from tests.cli.conftest import CLI


@pytest.mark.parametrize("label", list(HOSTILE))
def test_every_flag_and_every_view(cli: CLI, label: str) -> None:
    text = HOSTILE[label]
    name = text if len(text) >= 200 else f"P {text}"[:200]
    added = cli("add", name, "--company", text, "--title", text, "--how-met", text,
                "--notes", text + "\nsecond line " + text, "--warning", text,
                "--tag", text.replace(",", " ")[:60])
    assert added.code == 0, added
    assert_clean(added.out + added.err)
    cli.ok("add", "Helper Person")
    logged = cli("log", "1", "--with", "Helper Person", "--notes", text, "--gave", text,
                 "--got", text, "--referral", f"{text[:150]} @ {text} - {text}",
                 "--next", text[:200], "--due", "tomorrow")
    assert logged.code == 0, logged
    assert_clean(logged.out + logged.err)
    followup = cli("followup", "1", text[:200])
    assert followup.code == 0 and not followup.err
    for view in (["list"], ["list", text[:20]], ["show", "1"], ["due"], ["trash"],
                 ["undo", "--list"], ["doctor"], ["where"], ["backups"]):
        shown = cli(*view)
        assert shown.code in (0, 1), (view, shown)
        assert "Traceback" not in shown.err
        assert_clean(shown.out + shown.err)
    data = cli.json("show", "1")
    stored = json.dumps(data, ensure_ascii=False)
    assert_clean(stored)
    assert "[b]" not in text or "[b]bold[/b]" in data["company"]  # markup kept as text


@pytest.mark.parametrize("label", ["bel nul", "title", "clear"])
def test_text_that_is_nothing_but_control_codes(cli: CLI, label: str) -> None:
    only_codes = "".join(ch for ch in HOSTILE[label] if not ch.isalnum() and ch != " ")
    result = cli("add", only_codes)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("error: name: ") and result.err.count("\n") == 1
    assert_clean(result.err)


def test_errors_quote_hostile_values_without_their_codes(cli: CLI) -> None:
    for args in (["show", HOSTILE["title"]], ["log", HOSTILE["clear"]],
                 ["add", "X", "--email", HOSTILE["osc52"]],
                 ["add", "X", "--circle", HOSTILE["clear"]],
                 ["log", "X", "--date", HOSTILE["title"]]):
        result = cli(*args)
        assert result.code == 2, (args, result)
        assert_clean(result.err)
        assert result.err.count("\n") == 1


def test_paths_and_file_names_with_escape_codes_are_printed_without_them(
        cli: CLI, tmp_path: Path) -> None:
    title = "\x1b]0;pwned\x07"
    folder = tmp_path / f"dir{title}x"
    folder.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / f"nowhere{title}.json")
    cli.ok("add", "Ann")
    cli.ok("backup")
    (tmp_path / "backups" / f"db-{title}.json").write_text("{}")
    for result in (CLI(folder, cli._capsys)("list"), CLI(link, cli._capsys)("add", "Bob"),
                   cli("backups"), cli("where"), cli("restore", f"x{title}"),
                   CLI(tmp_path / f"new{title}.json", cli._capsys)("where")):
        assert result.out + result.err, result
        assert_clean(result.out + result.err)
