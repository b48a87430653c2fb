"""Importing people: matching with the network, re-import, the user's edits kept,
dry runs, one undo, and what is skipped or only suggested."""

from __future__ import annotations

from pathlib import Path

from peoplelinks.domain.enums import Circle
from peoplelinks.interop.candidates import Candidate, Parsed
from peoplelinks.interop.linkedin import read_linkedin
from peoplelinks.service import PeopleLinks

FILE = Path(__file__).parent.parent / "interop" / "data" / "linkedin_connections.csv"


def _people(*rows: dict[str, object], source: str = "linkedin") -> Parsed:
    return Parsed(source=source, candidates=[Candidate(f"line {n}", dict(row))
                                             for n, row in enumerate(rows, start=2)])


def test_an_import_adds_everyone_in_one_undoable_write(app: PeopleLinks) -> None:
    report = app.import_parsed(read_linkedin(FILE), circle=Circle.WORK)
    assert [c.name for c in report.added] == ["Aisha Karim", "José Muñoz", "王 芳",
                                              "Nina Volkova"]
    assert all(c.id > 0 and c.circle == Circle.WORK for c in report.added)
    assert report.skipped == [("line 8", "no first or last name")]
    assert report.backup is not None and report.backup.exists()
    assert app.count() == 4
    app.undo()  # the whole import, in one step
    assert app.count() == 0


def test_after_a_merge_the_same_file_changes_nothing(app: PeopleLinks) -> None:
    first = app.import_parsed(read_linkedin(FILE))
    aisha, jose = first.added[0], first.added[1]
    app.merge(jose.id, aisha.id)  # Aisha's row now finds José, who holds her
    history = len(app.db.changes()[0])
    again = app.import_parsed(read_linkedin(FILE))
    assert (len(again.added), len(again.updated)) == (0, 0)
    assert not [why for _where, why in again.skipped if "trash" in why]
    assert jose.id in {c.id for c in again.unchanged}
    assert app.resolve(str(jose.id)).name == "José Muñoz"  # not renamed after Aisha's row
    assert len(app.db.changes()[0]) == history  # nothing written
    assert app.count() == 3


def test_the_same_file_twice_adds_nothing(app: PeopleLinks) -> None:
    app.import_parsed(read_linkedin(FILE))
    history = len(app.db.changes()[0])
    again = app.import_parsed(read_linkedin(FILE))
    assert (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 4)
    assert len(app.db.changes()[0]) == history  # nothing written
    assert app.count() == 4


def test_a_newer_export_updates_what_it_owns_but_not_what_the_user_edited(
        app: PeopleLinks) -> None:
    url = "https://www.linkedin.com/in/ann-lee"
    app.import_parsed(_people({"name": "Ann Lee", "profile_url": url, "company": "Acme",
                               "title": "Engineer"}))
    (ann,) = app.contacts()
    app.edit_contact(ann.id, {"company": "Acme Robotics"})  # the user knows better
    report = app.import_parsed(_people({"name": "Ann Lee", "profile_url": url,
                                        "company": "Acme Corp", "title": "Manager",
                                        "emails": ["ann@acme.example"]}))
    assert [(c.id, fields) for c, fields in report.updated] == [(ann.id, ["title", "emails"])]
    assert [(c.id, fields) for c, fields in report.kept] == [(ann.id, "company")]
    now = app.contact(ann.id)
    assert now.company == "Acme Robotics" and now.title == "Manager"
    assert now.emails == ["ann@acme.example"]
    forced = app.import_parsed(_people({"name": "Ann Lee", "profile_url": url,
                                        "company": "Acme Corp"}), overwrite=True)
    assert [fields for _c, fields in forced.updated] == [["company"]]
    assert app.contact(ann.id).company == "Acme Corp"


def test_the_same_name_and_email_merges_with_a_contact_typed_by_hand(
        app: PeopleLinks) -> None:
    typed = app.add_contact({"name": "Nina Volkova", "emails": ["nina@fabrikam.example"],
                             "circle": "personal", "notes": "met at the meetup"})
    report = app.import_parsed(read_linkedin(FILE))
    assert typed.id not in [c.id for c in report.added]
    assert [c.id for c, _fields in report.updated] == [typed.id]
    nina = app.contact(typed.id)
    assert nina.circle == Circle.PERSONAL and nina.notes == "met at the meetup"  # the user's
    assert nina.profile_url == "https://www.linkedin.com/in/nina-volkova/"
    assert "linkedin" in nina.tags
    assert app.count() == 4


def test_less_than_a_sure_match_is_added_and_suggested(app: PeopleLinks) -> None:
    typed = app.add_contact({"name": "Aisha Karim", "company": "Proseware"})
    other = app.add_contact({"name": "A. Munoz", "emails": ["jose@example.com"]})
    report = app.import_parsed(read_linkedin(FILE))
    suggested = {s.added.name: (s.existing.id, s.why) for s in report.suggested}
    assert suggested["Aisha Karim"][0] == typed.id
    assert "same name and company" in suggested["Aisha Karim"][1]
    assert suggested["José Muñoz"][0] == other.id
    assert "shares an address" in suggested["José Muñoz"][1]
    assert len(report.added) == 4  # nothing merged behind the user's back


def test_a_dry_run_reports_and_writes_nothing(app: PeopleLinks) -> None:
    report = app.import_parsed(read_linkedin(FILE), dry_run=True)
    assert len(report.added) == 4 and report.backup is None
    assert app.count() == 0 and app.db.changes() == ([], [])


def test_rows_the_models_refuse_are_skipped_naming_field_and_value(app: PeopleLinks) -> None:
    report = app.import_parsed(_people({"name": "Ann Lee", "emails": ["not an email"]},
                                       {"name": "Bob Ray"}))
    assert [c.name for c in report.added] == ["Bob Ray"]
    ((where, why),) = report.skipped
    assert where == "line 2" and "email" in why and "not an email" in why


def test_someone_in_the_trash_is_not_brought_back_by_an_import(app: PeopleLinks) -> None:
    app.import_parsed(read_linkedin(FILE))
    aisha = app.resolve("Aisha Karim")
    app.delete_contact(aisha.id)
    report = app.import_parsed(read_linkedin(FILE))
    assert not report.added
    assert any("in the trash" in why for _where, why in report.skipped)


def test_a_file_listing_someone_twice_adds_them_once(app: PeopleLinks) -> None:
    row = {"name": "Ann Lee", "profile_url": "https://www.linkedin.com/in/ann"}
    report = app.import_parsed(_people(row, {**row, "title": "Engineer"}))
    assert len(report.added) == 1 and report.added[0].title == "Engineer"
    assert not report.updated and not report.unchanged
