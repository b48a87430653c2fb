"""export json / import json: an exact restore into an empty database, a merge into
one with people (nothing twice), one undo, and clear errors for wrong files."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from peoplelinks.demo import load_demo
from peoplelinks.domain.models import Contact
from peoplelinks.errors import InputError
from peoplelinks.service import PeopleLinks
from tests.conftest import TODAY


def _open(path: Path) -> PeopleLinks:
    return PeopleLinks.open(path, today=lambda: TODAY)


def _without_time(path: Path) -> dict[str, object]:
    data = orjson.loads(path.read_bytes())
    data.pop("exported_at")
    return data  # type: ignore[no-any-return]


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """The demo network, exported."""
    with _open(tmp_path / "demo.json") as demo:
        load_demo(demo)
        demo.export_json(tmp_path / "export.json")
    return tmp_path / "export.json"


def test_an_export_restores_exactly_into_an_empty_database(tmp_path: Path,
                                                            export: Path) -> None:
    with _open(tmp_path / "new.json") as app:
        report = app.import_json(export)
        assert report.restored
        assert report.added == {"contacts": 30, "interactions": 22, "followups": 14,
                                "plans": 1}
        app.export_json(tmp_path / "again.json")
        assert _without_time(tmp_path / "again.json") == _without_time(export)
        assert app.db.objective.target_companies  # the objective and goals came too
        newest = max(app.db.contacts)
        assert app.add_contact({"name": "Brand New"}).id > newest  # ids never reused
        app.undo()  # the new contact
        app.undo()  # the whole import
        assert app.count() == 0


def test_merging_into_a_network_adds_nothing_twice(tmp_path: Path, export: Path) -> None:
    data = orjson.loads(export.read_bytes())
    theirs = next(c for c in data["contacts"] if c["emails"])
    with _open(tmp_path / "mine.json") as app:
        dev = app.add_contact({"name": theirs["name"], "emails": theirs["emails"][:1],
                               "notes": "typed by hand"})
        report = app.import_json(export)
        assert not report.restored
        assert len(report.contacts.added) == 29 and app.count() == 30
        assert app.contact(dev.id).notes == "typed by hand"  # merged, the user's notes kept
        assert report.added["interactions"] == 22 and report.added["followups"] == 14
        had = [t for t in data["interactions"] if theirs["id"] in t["contact_ids"]]
        # Their talks now point at the one who was already here.
        assert len(app.db.interactions_of(dev.id)) == len(had)
        introduced = [c for c in app.contacts() if c.introduced_by]
        assert introduced  # who introduced whom came along, with ids as they are here
        again = app.import_json(export)
        assert not again.contacts.added and again.added == {"interactions": 0,
                                                            "followups": 0, "plans": 0}
        assert again.already["interactions"] == 22


def test_an_export_of_this_very_database_changes_nothing(tmp_path: Path, export: Path) -> None:
    with _open(tmp_path / "demo.json") as app:  # the database it came from
        report = app.import_json(export)
        assert not report.contacts.added and len(report.contacts.unchanged) == 30
        assert sum(report.added.values()) == 0


def test_a_bad_record_is_reported_and_the_rest_restored(tmp_path: Path, export: Path) -> None:
    data = orjson.loads(export.read_bytes())
    data["contacts"][0]["emails"] = ["not an email"]
    broken = tmp_path / "broken.json"
    broken.write_bytes(orjson.dumps(data))
    with _open(tmp_path / "new.json") as app:
        report = app.import_json(broken)
        ((where, why),) = report.skipped
        assert where == f"contacts #{data['contacts'][0]['id']}" and "not an email" in why
        assert app.count() == 29


def test_an_older_schema_is_brought_up_to_date(tmp_path: Path, export: Path) -> None:
    data = orjson.loads(export.read_bytes())
    data["schema"] = 4
    for contact in data["contacts"]:
        contact.pop("imported", None)
    old = tmp_path / "old.json"
    old.write_bytes(orjson.dumps(data))
    with _open(tmp_path / "new.json") as app:
        assert app.import_json(old).added["contacts"] == 30


@pytest.mark.parametrize(("content", "says"), [
    (b"not json at all", "not valid JSON"),
    (b'{"contacts": []}', "is not a peoplelinks JSON export"),
    (b'{"format": "peoplelinks-export", "schema": 99}', "newer peoplelinks (schema 99"),
    (b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n", "vCard"),
])
def test_a_wrong_file_gives_one_clear_error_and_writes_nothing(
        tmp_path: Path, content: bytes, says: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with _open(tmp_path / "new.json") as app:
        app.add_contact({"name": "Ann Lee"})
        before = list(app.db.contacts.values())
        with pytest.raises(InputError) as caught:
            app.import_json(bad)
        assert says in str(caught.value)
        assert list(app.db.contacts.values()) == before
        assert all(isinstance(c, Contact) for c in before)


@pytest.mark.parametrize(("fmt", "options", "says"), [
    ("csv", {}, "exported 30 contacts as CSV to "),
    ("vcard", {"vdir": True}, "exported 30 contacts as vCards to the vdir "),
    ("ics", {"todo": True}, " to-dos to "),
    ("md", {}, "exported 30 contacts as Markdown to "),
    ("json", {}, "exported 30 contacts, "),
])
def test_export_to_writes_and_says_what(tmp_path: Path, fmt: str, options: dict[str, bool],
                                        says: str) -> None:
    target = tmp_path / f"out.{fmt}"
    with _open(tmp_path / "demo.json") as app:
        load_demo(app)
        said = app.export_to(fmt, target, **options)
    assert says in said and said.endswith(str(target))
    assert target.exists()


def test_export_to_names_a_path_it_cannot_write(tmp_path: Path) -> None:
    with _open(tmp_path / "demo.json") as app:
        load_demo(app)
        with pytest.raises(InputError, match=r"file: .* is a folder; name a file in it"):
            app.export_to("csv", tmp_path)
        with pytest.raises(InputError, match="file: the folder .*nowhere does not exist"):
            app.export_to("json", tmp_path / "nowhere" / "x.json")
        (tmp_path / "taken").write_text("x")
        with pytest.raises(InputError, match="taken is a file; a vdir is a folder"):
            app.export_to("vcard", tmp_path / "taken", vdir=True)
        with pytest.raises(InputError, match="format: 'pdf' is not one of json, vcard"):
            app.export_to("pdf", tmp_path / "x.pdf")
        # A folder nothing can be created in, even by root: the system's error, named.
        with pytest.raises(InputError, match="could not write /proc/x.csv: "):
            app.export_to("csv", Path("/proc/x.csv"))
    assert not list(tmp_path.glob(".*.tmp"))  # nothing half-written left behind
    assert not (tmp_path / "nowhere").exists() and not (tmp_path / "x.pdf").exists()
    assert (tmp_path / "taken").read_text() == "x"
