"""LinkedIn's Connections.csv, read as LinkedIn writes it (fixture written for this
project: BOM, CRLF, the notes preamble, quoted commas, accents, CJK, no name)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from peoplelinks.domain.enums import Level
from peoplelinks.errors import InputError
from peoplelinks.interop.linkedin import connected_on, parse_linkedin, read_linkedin

DATA = Path(__file__).parent / "data"
FILE = DATA / "linkedin_connections.csv"


def test_reads_every_connection_with_its_fields() -> None:
    parsed = read_linkedin(FILE)
    assert parsed.source == "linkedin"
    names = [c.fields["name"] for c in parsed.candidates]
    assert names == ["Aisha Karim", "José Muñoz", "王 芳", "Nina Volkova"]
    aisha = parsed.candidates[0].fields
    assert aisha["title"] == "VP, Engineering"  # a quoted comma stays in the field
    assert aisha["level"] == Level.EXECUTIVE
    assert aisha["profile_url"] == "https://www.linkedin.com/in/aisha-karim"
    assert aisha["tags"] == ["linkedin"]
    assert aisha["how_met"] == "LinkedIn connection since 12 Mar 2024"
    assert "emails" not in aisha  # LinkedIn gives most emails empty
    jose = parsed.candidates[1].fields
    assert jose["company"] == "Contoso, Ltd." and jose["emails"] == ["jose@example.com"]
    assert jose["level"] == Level.IC


def test_a_row_without_a_name_is_skipped_with_its_line() -> None:
    parsed = read_linkedin(FILE)
    assert parsed.skipped == [("line 8", "no first or last name")]
    assert parsed.candidates[0].where == "line 5"  # after the notes and the header


def test_without_preamble_or_bom_and_with_lf_line_ends() -> None:
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,Manager,1 Feb 2020\n")
    (only,) = parse_linkedin(text).candidates
    assert only.fields["name"] == "Ann Lee" and only.fields["level"] == Level.MANAGER


@pytest.mark.parametrize(("text", "day"), [
    ("12 Mar 2024", date(2024, 3, 12)), ("2024-03-12", date(2024, 3, 12)),
    ("3/12/24", date(2024, 3, 12)), ("Mar 12, 2024", date(2024, 3, 12)),
    ("sometime", None), ("", None)])
def test_connected_on_dates(text: str, day: date | None) -> None:
    assert connected_on(text) == day


def test_a_vcard_given_as_linkedin_is_refused_naming_what_it_is(tmp_path: Path) -> None:
    card = tmp_path / "contacts.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n")
    with pytest.raises(InputError) as caught:
        read_linkedin(card)
    assert "is not a LinkedIn connections export" in str(caught.value)
    assert "vCard" in str(caught.value)


@pytest.mark.parametrize(("content", "says"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"First Name,Last Name,URL\r\nJos\xe9,M,u\r\n", "not UTF-8 text (line 2)"),
])
def test_binary_and_non_utf8_files_give_one_clear_error(tmp_path: Path, content: bytes,
                                                        says: str) -> None:
    bad = tmp_path / "Connections.csv"
    bad.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_linkedin(bad)
    assert says in str(caught.value) and str(bad) in str(caught.value)


def test_a_missing_file_or_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_linkedin(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="is a folder"):
        read_linkedin(tmp_path)
