"""Google Contacts CSV (both headers Google writes) and any CSV with a column map:
fields, several values in one cell, labels as tags, what has no field kept in the
notes, rows without a name skipped, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from peoplelinks.domain.enums import Level
from peoplelinks.errors import InputError
from peoplelinks.interop.csv_import import mapping_for, read_generic, read_google

DATA = Path(__file__).parent / "data"


def test_google_today_header() -> None:
    parsed = read_google(DATA / "google_new.csv")
    assert parsed.source == "google"
    karen, elodie = (c.fields for c in parsed.candidates)
    assert karen["name"] == "Karen Liu" and karen["company"] == "Contoso, Ltd."
    assert karen["title"] == "VP of Product" and karen["level"] == Level.EXECUTIVE
    assert karen["emails"] == ["karen@contoso.example", "karen.liu@mail.example"]
    assert karen["phones"] == ["+1 312 555 0199", "+1 312 555 0100"]  # " ::: " split
    assert karen["tags"] == ["Mentors"]  # without Google's own "myContacts"
    assert karen["profile_url"] == "https://www.linkedin.com/in/karen-liu"
    notes = str(karen["notes"])
    assert notes.startswith("Met at ProductCamp, 2019")
    for kept in ("Nickname: Kay", "Birthday: 1980-02-03", "Department: Platform",
                 "Address: 1 Main St Chicago, IL"):
        assert kept in notes
    assert elodie["name"] == "Élodie Durand" and "tags" not in elodie
    assert parsed.skipped == []  # the empty row is not a person, nor a skip


def test_google_older_header() -> None:
    (tom,) = read_google(DATA / "google_old.csv").candidates
    assert tom.fields["name"] == "Tom Becker"
    assert tom.fields["company"] == "Northwind Analytics"
    assert tom.fields["title"] == "Engineering Manager"
    assert tom.fields["emails"] == ["tom@northwind.example"]
    assert tom.fields["tags"] == ["Northwind"] and tom.fields["notes"] == "Owns the dashboard"


def test_a_linkedin_file_is_not_a_google_one() -> None:
    with pytest.raises(InputError, match="is not a Google Contacts CSV.*LinkedIn"):
        read_google(DATA / "linkedin_connections.csv")


def test_generic_csv_with_a_map() -> None:
    parsed, mapping = read_generic(DATA / "generic.csv",
                                   {"Full name": "name", "Firm": "company", "Job": "title"})
    assert mapping == {"Full name": "name", "Firm": "company", "Job": "title",
                       "Mail": "emails", "Comments": "notes"}
    ann, bob = (c.fields for c in parsed.candidates)
    assert ann == {"name": "Ann Lee", "company": "Acme", "title": "Director of Sales",
                   "emails": ["ann@acme.example"], "notes": "met at a meetup, 2024",
                   "level": Level.DIRECTOR}
    assert bob["emails"] == ["bob@acme.example", "bob@home.example"]
    assert parsed.skipped == [("line 4", "no name")]


def test_generic_map_errors_name_the_column_or_field(tmp_path: Path) -> None:
    header = ["Full name", "Mail"]
    with pytest.raises(InputError, match="no column 'Nom'"):
        mapping_for(header, {"Nom": "name"})
    with pytest.raises(InputError, match="'nickname' is not a field"):
        mapping_for(header, {"Full name": "nickname"})
    nameless = tmp_path / "nameless.csv"
    nameless.write_text("Mail,Firm\nann@acme.example,Acme\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column for the name"):
        read_generic(nameless, {})
    assert read_generic(DATA / "generic.csv", {})[1]["Full name"] == "name"  # by its header
