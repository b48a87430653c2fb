"""Contacts from the command line: add, edit, delete/trash/undelete, list, show."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import CLI

CONTACT_KEYS = {"id", "name", "company", "title", "level", "circle", "status", "employment",
                "emails", "phones", "tags", "introduced_by", "generation", "last_contact",
                "next_contact"}
INTERACTION_KEYS = {"id", "contact_ids", "date", "kind", "notes", "gave", "got", "referrals"}
FOLLOWUP_KEYS = {"id", "contact_id", "action", "due", "done"}


def _is_utc_timestamp(text: str) -> bool:
    return text.endswith("Z") and datetime.fromisoformat(text).utcoffset() == timedelta(0)


# ---- add ---------------------------------------------------------------------------


def test_add_with_every_option_is_stored(cli: CLI) -> None:
    assert cli.ok("add", "Charles Babbage") == "added #1 Charles Babbage\n"
    out = cli.ok(
        "add", "Ada Lovelace",
        "--company", "Analytical Engines", "--title", "Chief Programmer",
        "--level", "manager", "--circle", "work", "--status", "dormant",
        "--employment", "job-seeking",
        "--email", "ada@Example.COM", "--email", "ada.l@example.org",
        "--phone", "+1 312 555 0100", "--phone", "(312) 555-0199 x12",
        "--tag", "mentor", "--tag", "alumni",
        "--introduced-by", "Charles",
        "--how-met", "a salon in London",
        "--notes", "line one\nline two",
        "--profile-url", "linkedin.com/in/ada",
        "--warning", "repair this relationship",
        "--keep-in-touch", "30",
    )
    assert out == "added #2 Ada Lovelace (Analytical Engines)\n"
    ada = cli.contact("Ada Lovelace")
    assert set(ada) >= CONTACT_KEYS
    assert ada["id"] == 2
    assert ada["company"] == "Analytical Engines"
    assert ada["title"] == "Chief Programmer"
    assert (ada["level"], ada["circle"], ada["status"], ada["employment"]) == (
        "manager", "work", "dormant", "job-seeking")
    assert ada["emails"] == ["ada@example.com", "ada.l@example.org"]  # domain lower-cased
    assert ada["phones"] == ["+1 312 555 0100", "(312) 555-0199 x12"]
    assert ada["tags"] == ["mentor", "alumni"]
    assert ada["introduced_by"] == 1
    assert ada["generation"] == 2
    assert ada["how_met"] == "a salon in London"
    assert ada["notes"] == "line one\nline two"
    assert ada["profile_url"] == "https://linkedin.com/in/ada"
    assert ada["warning"] == "repair this relationship"
    assert ada["keep_in_touch_days"] == 30
    assert ada["last_contact"] is None
    assert ada["interactions"] == [] and ada["followups"] == []
    assert _is_utc_timestamp(ada["created"]) and ada["deleted_at"] is None
    charles = cli.contact("1")
    assert charles["introduced"] == [2] and charles["generation"] == 1


def test_add_minimal_gets_the_defaults(cli: CLI) -> None:
    cli.ok("add", "Bo")
    bo = cli.contact("Bo")
    assert {k: bo[k] for k in CONTACT_KEYS - {"next_contact"}} == {
        "id": 1, "name": "Bo", "company": "", "title": "", "level": "unknown",
        "circle": "network", "status": "active", "employment": "unknown", "emails": [],
        "phones": [], "tags": [], "introduced_by": None, "generation": 1, "last_contact": None,
    }
    assert bo["keep_in_touch_days"] is None
    date.fromisoformat(bo["next_contact"])  # tracked by default: an ISO date


def test_add_maps_aliases_and_spellings_of_choices(cli: CLI) -> None:
    cli.ok("add", "Vi", "--level", "VP", "--status", "dnc", "--employment", "looking",
           "--circle", " Personal ")
    vi = cli.contact("Vi")
    assert (vi["level"], vi["status"], vi["employment"], vi["circle"]) == (
        "executive", "do-not-contact", "job-seeking", "personal")
    assert vi["next_contact"] is None  # do-not-contact is never due


def test_keep_in_touch_zero_and_default(cli: CLI, today: date) -> None:
    cli.ok("add", "Kit", "--keep-in-touch", "0")
    cli.ok("log", "Kit", "--date", "yesterday")
    kit = cli.contact("Kit")
    assert kit["keep_in_touch_days"] == 0 and kit["next_contact"] is None
    cli.ok("edit", "Kit", "--keep-in-touch", "30")
    yesterday = today - timedelta(days=1)
    assert cli.contact("Kit")["next_contact"] == (yesterday + timedelta(days=30)).isoformat()
    cli.ok("edit", "Kit", "--keep-in-touch", "default")
    kit = cli.contact("Kit")
    assert kit["keep_in_touch_days"] is None
    # network circle by default: 180 days after the last contact
    assert kit["next_contact"] == (yesterday + timedelta(days=180)).isoformat()


# ---- edit --------------------------------------------------------------------------


def test_edit_changes_only_the_given_fields(cli: CLI) -> None:
    cli.ok("add", "Ann Lee", "--company", "Acme", "--title", "PM", "--tag", "a", "--tag", "b",
           "--email", "ann@acme.com", "--phone", "555 0100", "--notes", "keep me")
    out = cli.ok("edit", "Ann", "--title", "Director", "--company", "Globex",
                 "--tag", "c", "--email", "ann@globex.com", "--email", "ann@home.org",
                 "--phone", "555 0199", "--status", "dormant", "--level", "director")
    assert out == "updated #1 Ann Lee (Globex)\n"
    ann = cli.contact("1")
    assert (ann["title"], ann["company"], ann["status"], ann["level"]) == (
        "Director", "Globex", "dormant", "director")
    assert ann["tags"] == ["c"]  # list options replace the list
    assert ann["emails"] == ["ann@globex.com", "ann@home.org"]
    assert ann["phones"] == ["555 0199"]
    assert ann["notes"] == "keep me"  # not given: unchanged
    assert ann["updated"] >= ann["created"]


def test_edit_empty_list_option_clears_the_list(cli: CLI) -> None:
    cli.ok("add", "Ann", "--tag", "a", "--email", "ann@acme.com")
    cli.ok("edit", "Ann", "--tag", "", "--email", "")
    ann = cli.contact("Ann")
    assert ann["tags"] == [] and ann["emails"] == []


def test_edit_renames(cli: CLI) -> None:
    cli.ok("add", "Ann Lee")
    assert cli.ok("edit", "#1", "--name", "Ann Smith") == "updated #1 Ann Smith\n"
    assert cli.names() == ["Ann Smith"]
    assert "no contact matches 'Ann Lee'" in cli.fails(2, "show", "Ann Lee")


@pytest.mark.parametrize("clear", ["none", "None", "-", ""])
def test_edit_introduced_by_none_clears(cli: CLI, clear: str) -> None:
    cli.ok("add", "Dev")
    cli.ok("add", "Priya", "--introduced-by", "Dev")
    assert cli.contact("Priya")["introduced_by"] == 1
    cli.ok("edit", "Priya", "--introduced-by", clear)
    priya = cli.contact("Priya")
    assert priya["introduced_by"] is None and priya["generation"] == 1
    assert cli.contact("Dev")["introduced"] == []


def test_edit_introduced_by_by_id_and_generation_follows(cli: CLI) -> None:
    for name in ("A", "B", "C"):
        cli.ok("add", name)
    cli.ok("edit", "B", "--introduced-by", "#1")
    cli.ok("edit", "C", "--introduced-by", "2")
    assert [cli.contact(n)["generation"] for n in "ABC"] == [1, 2, 3]


def test_edit_introduction_cycle_refused_and_nothing_written(cli: CLI) -> None:
    cli.ok("add", "A")
    cli.ok("add", "B", "--introduced-by", "A")
    cli.ok("add", "C", "--introduced-by", "B")
    before = cli.snapshot()
    message = cli.fails(2, "edit", "A", "--introduced-by", "C", "--title", "CEO")
    assert message.startswith("introduced_by: ")
    assert "cycle" in message and "A → C → B → A" in message
    assert cli.snapshot() == before
    a = cli.contact("A")
    assert a["introduced_by"] is None and a["title"] == ""


def test_edit_self_introduction_refused(cli: CLI) -> None:
    cli.ok("add", "A")
    before = cli.snapshot()
    assert "introduce themselves" in cli.fails(2, "edit", "A", "--introduced-by", "A")
    assert cli.snapshot() == before


def test_edit_with_no_options_is_refused(cli: CLI) -> None:
    cli.ok("add", "A")
    before = cli.snapshot()
    message = cli.fails(2, "edit", "A")
    assert "nothing to change" in message
    assert cli.snapshot() == before


def test_edit_bad_value_names_the_field_and_writes_nothing(cli: CLI) -> None:
    cli.ok("add", "A", "--email", "a@acme.com")
    before = cli.snapshot()
    message = cli.fails(2, "edit", "A", "--email", "ok@acme.com", "--email", "not-an-email")
    assert message == "emails: 'not-an-email' is not a valid email address"
    assert cli.snapshot() == before
    assert cli.contact("A")["emails"] == ["a@acme.com"]


# ---- delete, trash, undelete -----------------------------------------------------------


def test_delete_trash_and_undelete(cli: CLI) -> None:
    cli.ok("add", "Ann Lee", "--company", "Acme")
    cli.ok("add", "Bob")
    cli.ok("log", "Ann", "--notes", "coffee at the corner")
    assert cli.ok("trash") == "the trash is empty\n"
    assert cli.json("trash") == []

    out = cli.ok("delete", "Ann")
    assert out == ("moved #1 Ann Lee (Acme) to the trash "
                   "(restore with: peoplelinks undelete 1)\n")
    assert cli.names() == ["Bob"]
    assert cli.names("Ann") == []
    assert "Ann" not in cli.ok("list")
    assert "no contact matches 'Ann'" in cli.fails(2, "show", "Ann")
    assert "no contact with id 1 among your contacts" in cli.fails(2, "show", "1")

    text = cli.ok("trash")
    assert text.startswith("#1 ") and "Ann Lee (Acme)" in text
    assert " deleted 20" in text and text.rstrip().endswith("UTC")
    gone = cli.json("trash")
    assert [c["id"] for c in gone] == [1]
    assert set(gone[0]) >= CONTACT_KEYS
    assert gone[0]["name"] == "Ann Lee" and _is_utc_timestamp(gone[0]["deleted_at"])
    assert gone[0]["next_contact"] is None  # nobody to keep in touch with in the trash

    assert cli.ok("undelete", "Ann") == "restored #1 Ann Lee (Acme)\n"
    assert cli.names() == ["Ann Lee", "Bob"]
    assert cli.json("trash") == []
    ann = cli.contact("Ann")
    assert ann["deleted_at"] is None
    assert [i["notes"] for i in ann["interactions"]] == ["coffee at the corner"]  # history kept


def test_delete_and_undelete_by_id(cli: CLI) -> None:
    cli.ok("add", "Ann")
    cli.ok("delete", "#1")
    assert cli.ok("undelete", "1") == "restored #1 Ann\n"
    assert cli.names() == ["Ann"]


def test_delete_twice_and_undelete_of_a_live_contact_are_refused(cli: CLI) -> None:
    cli.ok("add", "Ann")
    assert "no contact matches 'Ann' in the trash" in cli.fails(2, "undelete", "Ann")
    cli.ok("delete", "Ann")
    before = cli.snapshot()
    assert "no contact matches 'Ann'" in cli.fails(2, "delete", "Ann")
    assert "no contact with id 1 among your contacts" in cli.fails(2, "delete", "1")
    assert cli.snapshot() == before


# ---- list ------------------------------------------------------------------------------


def test_list_on_an_empty_database(cli: CLI) -> None:
    assert cli.ok("list") == ("no contacts yet: add one with 'peoplelinks add NAME' "
                              "or try 'peoplelinks demo'\n")
    assert cli.json("list") == []


def test_list_text_has_a_header_and_one_row_per_contact(cli: CLI) -> None:
    cli.ok("add", "Zoe Adams", "--company", "Adventure Works", "--status", "lead")
    cli.ok("add", "Ann Lee", "--company", "Acme", "--circle", "work")
    lines = cli.ok("list").splitlines()
    assert lines[0].split() == ["id", "name", "company", "circle", "status", "gen", "last",
                                "next"]
    assert len(lines) == 3
    # sorted by name
    assert lines[1].split()[:6] == ["2", "Ann", "Lee", "Acme", "work", "active"]
    assert lines[2].split()[:7] == ["1", "Zoe", "Adams", "Adventure", "Works", "network", "lead"]
    # a lead: generation 1, never logged, not tracked
    assert lines[2].split()[-3:] == ["1", "-", "-"]
    assert cli.ok("list", "nobody-at-all") == "no contacts match\n"


def test_list_cuts_long_names_with_an_ellipsis(cli: CLI) -> None:
    long = "Maximilian Alexander Montgomery-Smythe"
    cli.ok("add", long)
    row = cli.ok("list").splitlines()[1]
    assert long not in row and long[:23] + "…" in row
    assert cli.names() == [long]  # JSON is never cut


def test_list_json_has_the_contract_keys_and_is_sorted_by_name(demo: CLI) -> None:
    found = demo.json("list")
    assert len(found) == 30
    for contact in found:
        assert set(contact) >= CONTACT_KEYS, contact["name"]
    names = [c["name"] for c in found]
    assert names == sorted(names, key=str.casefold)


def test_list_query_by_name_part(demo: CLI) -> None:
    assert demo.names("priya")[0] == "Priya Shah"
    assert demo.names("Shah") == ["Priya Shah"]
    assert demo.names("zzzz-nobody") == []


def test_list_query_by_company(demo: CLI) -> None:
    assert set(demo.names("Northwind")) == {"Priya Shah", "Tom Becker", "Aisha Karim",
                                            "Ravi Kumar"}
    assert set(demo.names("blue yonder")) == {"Li Wei", "Carlos Mendes"}


def test_list_query_by_tag(demo: CLI) -> None:
    assert set(demo.names("recruiter")) == {"Nina Volkova", "Zoe Adams"}
    assert set(demo.names("former-manager")) == {"Karen Liu"}


def test_list_fuzzy_query_finds_a_typo(demo: CLI) -> None:
    assert demo.names("Priay")[0] == "Priya Shah"
    text = demo.ok("list", "Priay")
    assert "Priya Shah" in text and "Northwind Analytics" in text


def test_list_forgives_typos_in_companies_and_titles(demo: CLI) -> None:
    assert demo.names("fabrkam") == ["James Wright", "Nina Volkova"]
    assert demo.names("contso") == ["Elena Rossi", "Marcus Hill", "Mei Tanaka", "Sam Ortiz"]
    assert demo.names("nortwind") == ["Aisha Karim", "Priya Shah", "Ravi Kumar", "Tom Becker"]
    assert demo.names("nina fabrkam") == ["Nina Volkova"]


def test_list_does_not_show_the_trash(demo: CLI) -> None:
    demo.ok("delete", "Priya Shah")
    assert "Priya Shah" not in demo.names()
    assert "Priya Shah" not in demo.names("Priya")
    assert "Priya Shah" not in demo.ok("list")


# ---- show --------------------------------------------------------------------------


def test_show_json_contract(demo: CLI, today: date) -> None:
    priya = demo.contact("Priya Shah")
    dev = demo.contact("Dev Patel")
    tom = demo.contact("Tom Becker")
    assert CONTACT_KEYS | {"interactions", "followups", "introduced"} <= set(priya)
    assert priya["introduced_by"] == dev["id"] and priya["generation"] == 2
    assert tom["id"] in priya["introduced"]
    assert priya["last_contact"] == (today - timedelta(days=30)).isoformat()
    assert date.fromisoformat(priya["next_contact"]) == today - timedelta(days=30) + timedelta(180)

    [coffee] = priya["interactions"]
    assert set(coffee) >= INTERACTION_KEYS
    assert coffee["contact_ids"] == [priya["id"]]
    assert coffee["date"] == (today - timedelta(days=30)).isoformat()
    assert coffee["kind"] == "coffee"
    assert coffee["gave"] == "Shared a dashboard teardown"
    assert coffee["got"] == "Team structure, hiring timeline"
    assert coffee["referrals"] == [tom["id"]]

    [step] = priya["followups"]
    assert set(step) >= FOLLOWUP_KEYS
    assert step["contact_id"] == priya["id"] and step["action"] == "Send the teardown deck"
    assert step["due"] == (today - timedelta(days=2)).isoformat() and step["done"] is False


def test_show_json_interactions_are_newest_first(cli: CLI, today: date) -> None:
    cli.ok("add", "Ann")
    cli.ok("log", "Ann", "--date", "3 days ago", "--notes", "first")
    cli.ok("log", "Ann", "--date", "today", "--notes", "third")
    cli.ok("log", "Ann", "--date", "yesterday", "--notes", "second")
    ann = cli.contact("Ann")
    assert [i["notes"] for i in ann["interactions"]] == ["third", "second", "first"]
    assert [i["date"] for i in ann["interactions"]] == [
        (today - timedelta(days=n)).isoformat() for n in (0, 1, 3)]
    assert ann["last_contact"] == today.isoformat()


def test_show_text(demo: CLI) -> None:
    out = demo.ok("show", "Priya Shah")
    lines = out.splitlines()
    assert lines[0] == "#12 Priya Shah"
    assert "  company        Northwind Analytics" in lines
    assert "  title          Director of Product" in lines
    assert "  emails         priya@example.com" in lines
    assert "  introduced by  #1 Dev Patel (Litware)" in lines
    assert "  introduced     #13 Tom Becker" in lines
    assert "  generation     2" in lines
    assert "follow-ups" in lines and "interactions (newest first)" in lines
    assert any(line.endswith("Send the teardown deck") for line in lines)
    assert "      gave: Shared a dashboard teardown" in lines
    assert "  notes" in lines and "    Hiring a PM for the forecasting team next quarter." in lines


def test_show_text_has_what_json_has(demo: CLI, today: date) -> None:
    """Referrals, "asked for referrals" and done follow-ups (marked done), with ids that
    tell a follow-up (F3) and a logged talk (L6) from a contact (#13)."""
    assert demo.ok("done", "F3") == "done: F3 Send the teardown deck\n"
    demo.ok("log", "Priya", "--with", "Tom Becker", "--kind", "meeting", "--notes", "sync")
    lines = demo.ok("show", "Priya Shah").splitlines()
    assert f"  F3    done {today.isoformat()}  Send the teardown deck" in lines
    coffee_day = (today - timedelta(days=30)).isoformat()  # the demo dates from today
    coffee_line = f"  L6    {coffee_day} coffee    Forecasting team PM role opens next quarter."
    assert coffee_line in lines
    coffee = lines.index(coffee_line)
    assert lines[coffee + 3:coffee + 5] == [
        "      referrals: #13 Tom Becker (Northwind Analytics)",
        "      asked for referrals",
    ]
    meeting = next(i for i, line in enumerate(lines) if line.endswith("meeting   sync"))
    assert lines[meeting].startswith("  L23 ") and meeting < coffee
    assert lines[meeting + 1] == "      with: #13 Tom Becker (Northwind Analytics)"
    data = demo.contact("Priya Shah")
    assert data["interactions"][1]["referrals"] == [13]
    assert data["interactions"][1]["asked_for_referrals"] is True
    assert [f["done"] for f in data["followups"]] == [True]


def test_show_resolves_ids_and_word_prefixes(cli: CLI) -> None:
    cli.ok("add", "Ann Lee")
    cli.ok("add", "Hannah Berg")
    assert cli.contact("1")["name"] == "Ann Lee"
    assert cli.contact("#2")["name"] == "Hannah Berg"
    assert cli.contact("ann")["name"] == "Ann Lee"  # starts a word: not Hannah
    assert cli.contact("lee")["name"] == "Ann Lee"
    assert cli.contact("HANNAH BERG")["name"] == "Hannah Berg"
    assert cli.contact("han be")["name"] == "Hannah Berg"


# ---- names are data, not markup ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Bob [/]", "Bob [/]"),
        ("[bold]Eve[/]", "[bold]Eve[/]"),
        ("[red]x[/red] O'Brien", "[red]x[/red] O'Brien"),
        ("Eve\x1b[31m", "Eve"),
        ("\x1b[2J\x1b[HEve", "Eve"),
        ("\x1b]0;pwned\x07Eve", "Eve"),
        ("Eve\u202e", "Eve"),
    ],
)
def test_names_are_stored_and_printed_literally(cli: CLI, typed: str, stored: str) -> None:
    assert cli.ok("add", typed, "--company", "Acme [/]") == f"added #1 {stored} (Acme [/])\n"
    assert cli.contact("1")["name"] == stored
    assert cli.contact(stored)["id"] == 1
    listed = cli.ok("list")
    assert stored in listed and "Acme [/]" in listed
    shown = cli.ok("show", "1")
    assert shown.splitlines()[0] == f"#1 {stored}"
    for out in (listed, shown, cli.ok("list", "--json"), cli.ok("trash")):
        assert "\x1b" not in out and "\u202e" not in out


def test_notes_keep_newlines_but_lose_escape_sequences(cli: CLI) -> None:
    cli.ok("add", "Ann", "--notes", "first \x1b[1mline\x1b[0m\nsecond\tline",
           "--how-met", "at a\nmeetup")
    ann = cli.contact("Ann")
    assert ann["notes"] == "first line\nsecond    line"
    assert ann["how_met"] == "at a meetup"  # one-line fields fold white space
    shown = cli.ok("show", "Ann")
    assert "    first line\n    second    line\n" in shown


def test_list_and_show_read_without_creating_the_database(cli: CLI, tmp_path: Path) -> None:
    cli.ok("list")
    cli.ok("trash")
    cli.ok("due")
    cli.fails(2, "show", "Ann")
    assert not cli.db.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
