"""peoplelinks import: the summary, --dry-run, --json, re-import, undo, and one clear
error line for a file that is not what it claims (nothing written)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import CLI

FILE = str(Path(__file__).parent.parent / "interop" / "data" / "linkedin_connections.csv")


def test_import_linkedin_then_again_then_undo(cli: CLI) -> None:
    out = cli.ok("import", "linkedin", FILE, "--circle", "work")
    assert out.startswith("linkedin: 4 added, 0 updated, 0 unchanged, 1 skipped")
    assert "line 8: no first or last name" in out and "backup:" in out
    assert cli.names() == ["Aisha Karim", "José Muñoz", "Nina Volkova", "王 芳"]
    assert cli.contact("Aisha Karim")["circle"] == "work"
    assert cli.ok("import", "linkedin", FILE).startswith(
        "linkedin: 0 added, 0 updated, 4 unchanged, 1 skipped")
    cli.ok("undo")  # the second import wrote nothing: this undoes the first
    assert cli.names() == []


def test_dry_run_and_json(cli: CLI) -> None:
    cli.ok("add", "Ann Lee")  # the file exists
    before = cli.snapshot()
    data = cli.json("import", "linkedin", FILE, "--dry-run")
    assert data["dry_run"] is True and data["source"] == "linkedin"
    assert [p["name"] for p in data["added"]][:2] == ["Aisha Karim", "José Muñoz"]
    assert all(p["id"] is None for p in data["added"])  # not given ids: not written
    assert data["skipped"] == [{"where": "line 8", "why": "no first or last name"}]
    assert set(data) == {"source", "dry_run", "added", "updated", "unchanged", "skipped",
                         "kept", "suggested", "backup"}
    assert cli.snapshot() == before
    data = cli.json("import", "linkedin", FILE)
    assert [p["id"] for p in data["added"]] == [2, 3, 4, 5] and data["backup"]


def test_a_file_that_is_not_a_linkedin_export_writes_nothing(cli: CLI, tmp_path: Path) -> None:
    cli.ok("add", "Ann Lee")
    before = cli.snapshot()
    card = tmp_path / "people.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Bob\nEND:VCARD\n")
    err = cli.fails(2, "import", "linkedin", str(card))
    assert err.startswith(f"file: {card} is not a LinkedIn connections export")
    assert "vCard" in err
    assert "does not exist" in cli.fails(2, "import", "linkedin", str(tmp_path / "none.csv"))
    assert cli.snapshot() == before


def test_export_json_then_import_into_an_empty_database(cli: CLI, tmp_path: Path) -> None:
    cli.ok("demo")
    target = tmp_path / "all.json"
    out = cli.ok("export", "json", str(target))
    assert out.startswith("exported 30 contacts, 22 talks, 14 follow-ups, 1 meeting plan to")
    other = CLI(tmp_path / "other.json", cli._capsys)
    data = other.json("import", "json", str(target))
    assert data["restored"] is True
    assert data["added"] == {"contacts": 30, "interactions": 22, "followups": 14, "plans": 1}
    assert other.names() == cli.names()
    assert other.ok("import", "json", str(target)).startswith(
        "json: contacts: 0 added, 0 updated, 30 unchanged")
    assert "not a peoplelinks JSON export" in other.fails(2, "import", "json", FILE)


def test_dupes_and_merge(cli: CLI) -> None:
    cli.ok("add", "Karen Liu", "--email", "karen@contoso.example")
    cli.ok("add", "K. Liu", "--email", "karen@contoso.example", "--allow-duplicate")
    assert cli.json("dupes") == [{"first": 1, "second": 2, "first_name": "Karen Liu",
                                  "second_name": "K. Liu",
                                  "why": "the same email (karen@contoso.example)",
                                  "certainty": 100}]
    out = cli.ok("merge", "1", "2")
    assert out.startswith("merged #2 K. Liu into #1 Karen Liu; #2 now means #1")
    assert cli.contact("#2")["name"] == "Karen Liu"
    assert cli.ok("dupes") == "no likely duplicates\n"
    assert "the same contact twice" in cli.fails(2, "merge", "1", "1")
    cli.ok("undo")
    assert cli.contact("#2")["name"] == "K. Liu"


def test_export_options_are_checked(cli: CLI, tmp_path: Path) -> None:
    cli.ok("add", "Ann Lee")
    target = str(tmp_path / "out")
    assert "days: 99999999999 is not between 0 and 3650" in cli.fails(
        2, "export", "ics", target, "--days", "99999999999")
    assert "days: -5 is not between 0 and 3650" in cli.fails(
        2, "export", "ics", target, "--days", "-5")
    assert "vdir: --vdir is for export vcard, not csv" in cli.fails(
        2, "export", "csv", target, "--vdir")
    assert "days: --days is for export ics, not md" in cli.fails(
        2, "export", "md", target, "--days", "3")
    assert "limit: 0 is not a number of pairs" in cli.fails(2, "dupes", "--limit", "0")
    assert not Path(target).exists()
    assert cli.ok("export", "ics", target, "--days", "0").startswith("exported 0 events")


def test_a_cell_too_long_for_csv_is_one_error_naming_the_line(cli: CLI, tmp_path: Path) -> None:
    big = tmp_path / "Connections.csv"
    big.write_text("First Name,Last Name,URL\nAnn,\"" + "x" * 200_000 + "\",u\n")
    err = cli.fails(2, "import", "linkedin", str(big))
    assert err.startswith(f"file: {big} cannot be read at line 2: field larger than")
    assert "Traceback" not in err and cli.names() == []
