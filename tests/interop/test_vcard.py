"""vCard import and export: a file written for this project (Apple-style grouped
properties with labels, a broken card between good ones, a card that never ends,
non-Latin names, v3 and v4), the khard test corpus, and round trips through one
file and a vdir (and khard reading it, when khard is installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from peoplelinks.domain.enums import Level
from peoplelinks.errors import InputError
from peoplelinks.interop.vcard import (
    parse_vcards,
    read_vcards,
    vcards_bytes,
    vdir_files,
)
from peoplelinks.service import PeopleLinks

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
# The khard project's fixtures, kept outside the repository (see SOURCE.md there).
CORPUS = next((p for p in (ROOT.parent / "shared" / "data" / "vcards-khard",
                           Path("/work/shared/data/vcards-khard")) if p.is_dir()), None)


def test_reads_every_good_card_and_reports_the_others() -> None:
    parsed = read_vcards(DATA / "people.vcf")
    assert [c.fields["name"] for c in parsed.candidates] == ["Grace Okafor", "张伟"]
    assert [where for where, _why in parsed.skipped] == ["card 2 (line 21)",
                                                         "card 4 (line 40)"]
    assert "cannot be read" in parsed.skipped[0][1]
    assert "does not end" in parsed.skipped[1][1]


def test_maps_fields_and_keeps_the_rest_in_the_notes() -> None:
    grace = read_vcards(DATA / "people.vcf").candidates[0]
    fields = grace.fields
    assert grace.uid == "A1B2C3D4-0000-4000-8000-000000000001"
    assert fields["company"] == "St. Mark's Choir" and fields["title"] == "Director of Music"
    assert fields["level"] == Level.DIRECTOR
    assert fields["emails"] == ["grace@stmarks.example"]
    assert fields["phones"] == ["+1 (312) 555-0142"]
    assert fields["profile_url"] == "https://www.linkedin.com/in/grace-okafor"  # LinkedIn first
    assert fields["tags"] == ["choir", "music"]
    notes = fields["notes"]
    assert notes.startswith("Sings alto, leads the Sunday rehearsal.")
    for kept in ("Department: Altos", "Choir: grace@stmarks.example",
                 "HomePage: https://www.linkedin.com/in/grace-okafor", "Nickname: Gee",
                 "Birthday: 1985-04-12", "Address (home): 12 Elm St, Evanston, IL, 60201, USA",
                 "URL: https://stmarks.example/choir"):
        assert kept in notes


def test_a_tel_uri_and_a_non_latin_name() -> None:
    zhang = read_vcards(DATA / "people.vcf").candidates[1].fields
    assert zhang["name"] == "张伟" and zhang["phones"] == ["+86-10-5555-0100"]


def test_a_file_that_is_not_a_vcard(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is not a vCard file.*LinkedIn"):
        parse_vcards("First Name,Last Name,URL,Email Address\nAnn,Lee,u,\n", "c.csv")
    empty = tmp_path / "folder"
    empty.mkdir()
    with pytest.raises(InputError, match="no .vcf file"):
        read_vcards(empty)


@pytest.mark.skipif(CORPUS is None, reason="the khard vCard corpus (../shared/data) is not here")
def test_every_file_of_the_khard_corpus_imports_or_is_reported() -> None:
    assert CORPUS is not None
    for file in sorted(CORPUS.glob("*.vcf")):
        text = file.read_text(encoding="utf-8")
        cards = text.upper().count("BEGIN:VCARD")
        try:
            parsed = read_vcards(file)
        except InputError as exc:
            assert cards == 0, f"{file.name}: {exc}"  # only files with no card at all
            assert "is not a vCard file" in str(exc)
            continue
        # No good card lost: each is read or reported with its number.
        assert len(parsed.candidates) + len(parsed.skipped) == cards, file.name
        assert all(c.fields["name"] for c in parsed.candidates)


def test_export_then_import_keeps_every_mapped_field(tmp_path: Path) -> None:
    from peoplelinks.demo import load_demo

    with PeopleLinks.open(tmp_path / "a.json") as source:
        load_demo(source)
        people = sorted(source.contacts(), key=lambda c: c.id)
        data = vcards_bytes(people)
    parsed = parse_vcards(data.decode("utf-8"))
    assert len(parsed.candidates) == len(people) and not parsed.skipped
    with PeopleLinks.open(tmp_path / "b.json") as target:
        target.import_parsed(parsed)
        by_name = {c.name: c for c in target.contacts()}
        for person in people:
            back = by_name[person.name]
            for field in ("company", "title", "level", "emails", "phones", "profile_url",
                          "tags", "notes"):
                assert getattr(back, field) == getattr(person, field), (person.name, field)


def test_a_vdir_has_one_card_per_contact_with_a_stable_uid(tmp_path: Path) -> None:
    with PeopleLinks.open(tmp_path / "a.json") as app:
        app.import_parsed(read_vcards(DATA / "people.vcf"))
        app.add_contact({"name": "Ann Lee", "emails": ["ann@example.com"]})
        folder = tmp_path / "vdir"
        assert app.export_vcards(folder, vdir=True) == 3
        names = sorted(p.name for p in folder.iterdir())
        assert "A1B2C3D4-0000-4000-8000-000000000001.vcf" in names  # the UID it came with
        first = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}
        app.export_vcards(folder, vdir=True)
        assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
                for p in folder.iterdir()} == first  # unchanged: not even rewritten
        assert sorted(vdir_files(app.contacts())) == names
        ann = app.resolve("Ann Lee")
        app.edit_contact(ann.id, {"title": "Head of Data"})
        app.export_vcards(folder, vdir=True)
        now = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}
        rewritten = [name for name in names if now[name] != first[name]]
        assert len(rewritten) == 1 and "TITLE:Head of Data" in (folder / rewritten[0]).read_text()
        app.delete_contact(ann.id)  # in the trash: her card leaves the vdir
        assert app.export_vcards(folder, vdir=True) == 2
        (folder / "someone-else.vcf").write_text("BEGIN:VCARD\nFN:X\nEND:VCARD\n")
        app.export_vcards(folder, vdir=True)
        assert len(list(folder.iterdir())) == 3  # another program's card is left alone
        app.undo()  # Ann back, for what follows
        app.export_vcards(folder, vdir=True)
        (folder / "someone-else.vcf").unlink()
    with PeopleLinks.open(tmp_path / "b.json") as other:
        report = other.import_parsed(read_vcards(folder))
        assert sorted(c.name for c in report.added) == ["Ann Lee", "Grace Okafor", "张伟"]
        again = other.import_parsed(read_vcards(folder))
        assert not again.added and len(again.unchanged) == 3


@pytest.mark.skipif(shutil.which("khard") is None, reason="khard is not installed")
def test_khard_lists_the_people_of_an_exported_vdir(tmp_path: Path) -> None:
    with PeopleLinks.open(tmp_path / "a.json") as app:
        app.import_parsed(read_vcards(DATA / "people.vcf"))
        app.export_vcards(tmp_path / "vdir", vdir=True)
    config = tmp_path / "khard.conf"
    config.write_text(f"[addressbooks]\n[[people]]\npath = {tmp_path / 'vdir'}\n\n"
                      "[general]\ndefault_action = list\n")
    out = subprocess.run(["khard", "-c", str(config), "list"], capture_output=True,
                         text=True, check=True).stdout
    assert "Grace Okafor" in out and "张伟" in out


def test_codes_in_a_broken_card_never_reach_the_report(tmp_path: Path) -> None:
    """The parser quotes the line it could not read; a terminal code in it is dropped."""
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL;;;\x1b[2J\x1b]0;owned\x07:\r\n"
            "END:VCARD\r\n")
    parsed = parse_vcards(text)
    ((_where, why),) = parsed.skipped
    assert "\x1b" not in why and "\x07" not in why
