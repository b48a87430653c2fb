"""Records validated when first read, and indexes made from the stored documents: a
command validates only what it reads, an invalid record is still reported (when read,
and by doctor always), and every index answers as one built from the records would,
after any changes."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from peoplelinks.domain.models import Contact
from peoplelinks.service import PeopleLinks
from peoplelinks.store.lazytable import LazyTable
from tests.store.changes import random_change


def _docs(n: int) -> dict[str, dict[str, object]]:
    return {str(i): Contact.from_input({"id": i, "name": f"P{i}"}).model_dump(mode="json")
            for i in range(1, n + 1)}


def test_one_record_read_is_the_only_one_validated() -> None:
    found: list[tuple[str, str]] = []
    docs = _docs(5)
    docs["3"]["circle"] = "martians"
    table = LazyTable(Contact, docs, lambda key, why: found.append((key, why)))
    assert table[2].name == "P2" and dict.__len__(table) == 1  # only P2 so far
    assert table.get(4).name == "P4" and 5 in table and 9 not in table
    assert 3 not in table and table.get(3) is None
    assert [key for key, _ in found] == ["3"] and "circle" in found[0][1]
    assert not table.settled
    assert sorted(table) == [1, 2, 4, 5] and table.settled and len(table) == 4
    assert [key for key, _ in found] == ["3"]  # reported once


def test_writes_and_removals_before_and_after_reading() -> None:
    table = LazyTable(Contact, _docs(4), lambda key, why: None)
    table[2] = Contact.from_input({"id": 2, "name": "Two"})  # never read: replaced
    assert table.pop(3).name == "P3"  # the model comes back for the indexes
    assert table.pop(3, None) is None
    del table[4]
    assert {i: c.name for i, c in table.items()} == {1: "P1", 2: "Two"}


def test_a_document_under_the_wrong_key_is_a_problem() -> None:
    found: list[str] = []
    docs = _docs(2)
    docs["2"]["id"] = 7
    table = LazyTable(Contact, docs, lambda key, why: found.append(why))
    assert 2 not in table and "differs from its key" in found[0]
    assert list(table) == [1]


def test_a_check_reports_what_is_not_valid_and_keeps_nothing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """check() validates every document, reports each one that is not valid (once, even
    when read later), and keeps no record; each() gives every valid record, keeping
    none either."""
    monkeypatch.setattr("peoplelinks.store.lazytable.BATCH", 4)
    found: list[str] = []
    docs = _docs(10)
    docs["3"]["circle"] = "martians"
    docs["8"]["id"] = 80
    table = LazyTable(Contact, docs, lambda key, why: found.append(key))
    assert table[5].name == "P5"
    table.check(4)  # in batches, as the app checks beside the UI
    assert table.checked and not table.settled
    assert sorted(found) == ["3", "8"] and dict.__len__(table) == 1  # only P5, read before
    assert sorted(c.id for c in table.each()) == [1, 2, 4, 5, 6, 7, 9, 10]
    assert dict.__len__(table) == 1 and sorted(found) == ["3", "8"]
    assert table.get(3) is None and 8 not in table and table[9].name == "P9"
    assert sorted(table) == [1, 2, 4, 5, 6, 7, 9, 10]
    assert sorted(found) == ["3", "8"]  # reported once


def test_the_talks_are_checked_not_kept_by_all_problems(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as app:
        first = app.add_contact({"name": "Ann"})
        for n in range(5):
            app.log([first.id], notes=f"talk {n}")
    raw = orjson.loads(path.read_bytes())
    raw["interactions"]["2"]["kind"] = "telepathy"
    path.write_bytes(orjson.dumps(raw))
    with PeopleLinks.open(path, read_only=True) as app:
        problems = app.db.all_problems()
        assert [(p.table, p.doc_id) for p in problems] == [("interactions", "2")]
        assert app.db.validated() and not app.db.settled("interactions")
        assert dict.__len__(app.db.interactions) == 0
        assert [t.id for t in app.db.interactions_of(first.id)] == [5, 4, 3, 1]
        assert len(app.db.all_problems()) == 1


def test_reading_each_card_s_talks_never_validates_them_all(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A card's talks (and their dates) are read together, not one by one: browsing
    many cards never reaches SINGLES and validates (and keeps) every talk."""
    monkeypatch.setattr("peoplelinks.store.lazytable.SINGLES", 3)
    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as app:
        people = [app.add_contact({"name": f"P{n}"}).id for n in range(8)]
        for cid in people:
            app.log([cid], notes="a"), app.log([cid], notes="b")
    with PeopleLinks.open(path, read_only=True) as app:
        for cid in people[:6]:
            assert [t.notes for t in app.db.interactions_of(cid)] == ["b", "a"]
            assert len(app.db.talk_dates(cid)) == 2
        assert not app.db.settled("interactions")
        assert dict.__len__(app.db.interactions) == 12


def test_two_threads_reading_all_at_once_see_everything_once() -> None:
    found: list[str] = []
    table = LazyTable(Contact, _docs(3000), lambda key, why: found.append(key))
    results: list[int] = []

    def read() -> None:
        results.append(len(list(table.values())))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for n in range(1, 3001, 7):
        assert table[n].id == n  # one at a time, meanwhile
    for thread in threads:
        thread.join()
    assert results == [3000] * 4 and not found


def test_a_command_validates_only_what_it_reads(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as app:
        with app.db.batch("people"):
            for n in range(200):
                app.add_contact({"name": f"Person {n}", "company": "Acme"})
        app.add_contact({"name": "Maria Lopez"})
    data = orjson.loads(path.read_bytes())
    data["contacts"]["7"]["circle"] = "martians"  # broken by hand
    path.write_bytes(orjson.dumps(data))
    with PeopleLinks.open(path, read_only=True) as app:
        found = app.search("person 19")  # Person 19, 190 to 199
        assert sorted(c.name for c in found) == ["Person 19", *(f"Person {n}"
                                                               for n in range(190, 200))]
        # Validated: those holding "person" and "19" somewhere (Person 119 too), no other.
        assert dict.__len__(app.db.contacts) == 12
        assert app.db.problems == []  # the broken one was never read...
        assert [p.doc_id for p in app.db.all_problems()] == ["7"]  # ...doctor finds it
        assert app.count() == 200


def _indexes(app: PeopleLinks) -> tuple[object, ...]:
    db = app.db
    ids = sorted(db.contacts)
    return ({i: db.last_contact(i) for i in ids},
            {i: [t.id for t in db.interactions_of(i)] for i in ids},
            {i: [f.id for f in db.followups_of(i)] for i in ids},
            {i: db.ids_named(db.contacts[i].name) for i in ids},
            dict(db.parents), dict(db.generations),
            {i: db.introduced(i) for i in ids}, db.open_followup_ids())


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_indexes_made_from_documents_answer_as_kept_ones(tmp_path_factory, seed: int) -> None:  # type: ignore[no-untyped-def]
    """A long-lived database keeps its indexes current change by change; one opened
    afterwards makes them from the stored documents: both must agree."""
    rng = random.Random(seed)
    path = tmp_path_factory.mktemp("lazy") / "db.json"
    with PeopleLinks.open(path) as app:
        db = app.db  # each index built now (empty), then kept current change by change
        db.last_contact(0), db.interactions_of(0), db.followups_of(0), db.ids_named("x")
        db.open_followup_ids()
        _indexes(app)
        for step in range(40):
            random_change(app, rng, step)
        kept = _indexes(app)
    with PeopleLinks.open(path, read_only=True) as fresh:
        assert _indexes(fresh) == kept


def test_many_read_one_by_one_are_then_validated_in_one_batch(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("peoplelinks.store.lazytable.SINGLES", 3)
    table = LazyTable(Contact, _docs(50), lambda key, why: None)
    assert [c.id for c in table.many([9, 2, 77, 4])] == [9, 2, 4]  # a batch, in order
    assert dict.__len__(table) == 3 and not table.settled
    for n in (1, 3, 5):
        assert table[n].id == n  # one by one, up to SINGLES
    assert dict.__len__(table) == 6
    assert table[6].id == 6 and table.settled  # one more: the rest in one batch


def _held_batch(monkeypatch, docs: int):  # type: ignore[no-untyped-def]
    """A table whose batches wait (inside pydantic) until ``proceed`` is set, and a
    thread settling it, already inside its batch."""
    from peoplelinks.store import lazytable  # noqa: PLC0415

    inside, proceed = threading.Event(), threading.Event()
    real = lazytable.list_adapter(Contact)

    class Slow:
        def validate_python(self, docs: list[object]) -> object:
            inside.set()
            proceed.wait(5)
            return real.validate_python(docs)

    monkeypatch.setattr(lazytable, "list_adapter", lambda model: Slow())
    table = LazyTable(Contact, _docs(docs), lambda key, why: None)
    settling = threading.Thread(target=table.settle)
    settling.start()
    assert inside.wait(5)
    return table, proceed, settling


def test_a_record_read_while_another_thread_validates_the_batch_is_found_at_once(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A batch is validated outside the table's lock: a reader meanwhile (the UI
    reading a card beside the app's pass over every record) validates its own record
    at once instead of waiting for the whole batch, and the batch then keeps it."""
    table, proceed, settling = _held_batch(monkeypatch, 20)
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(table.get(5)))
    reader.start()
    reader.join(2)  # not waiting for the batch
    assert not reader.is_alive() and [getattr(c, "id", None) for c in found] == [5]
    proceed.set()
    settling.join(5)
    assert table.settled and dict.get(table, 5) is found[0]  # the reader's, kept
    assert sorted(c.id for c in table.values()) == list(range(1, 21))


def test_a_record_written_while_a_batch_is_validated_is_not_overwritten(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What the batch made of a document written meanwhile is dropped: the table
    keeps the record written, and a record removed meanwhile stays removed."""
    table, proceed, settling = _held_batch(monkeypatch, 20)
    table[7] = Contact.from_input({"id": 7, "name": "Written meanwhile"})
    table.pop(9)
    proceed.set()
    settling.join(5)
    assert table[7].name == "Written meanwhile"
    assert 9 not in table and len(table) == 19


def test_an_unreadable_introducer_is_in_no_chain(tmp_path: Path) -> None:
    """The introducer map is made from the stored documents; what callers walk and look
    up (a chain, a brief, doctor's cycles) holds valid contacts only."""
    from peoplelinks.domain import graph  # noqa: PLC0415

    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as app:
        ann = app.add_contact({"name": "Ann Lee"})
        bob = app.add_contact({"name": "Bob Ray", "introduced_by": ann.id})
        app.add_contact({"name": "Cy Ma", "introduced_by": bob.id})
    data = orjson.loads(path.read_bytes())
    data["contacts"][str(ann.id)]["circle"] = "martians"
    path.write_bytes(orjson.dumps(data))
    with PeopleLinks.open(path, read_only=True) as app:
        assert ann.id not in app.db.parents
        assert graph.chain(app.db.parents, 3) == [3, bob.id]
        assert "Bob Ray" in app.brief(bob.id)
        found = [p.where for p in app.doctor()]
        assert f"contacts #{ann.id}" in found and f"contacts #{bob.id}" in found


def test_settling_goes_in_batches_and_misses_nothing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Beside the UI the app validates in small batches (each holds the interpreter
    while a key waits): every document is validated, in batches of that size."""
    found: list[str] = []
    docs = _docs(10)
    docs["5"]["circle"] = "martians"
    table = LazyTable(Contact, docs, lambda key, why: found.append(key))
    sizes: list[int] = []
    real = table._validate
    monkeypatch.setattr(table, "_validate", lambda keys: (sizes.append(len(keys)), real(keys)))
    table.settle(3)
    assert sizes == [3, 3, 3, 1] and found == ["5"]
    assert sorted(table) == [1, 2, 3, 4, 6, 7, 8, 9, 10]


def test_records_read_whole_share_one_set_of_field_names() -> None:
    """Stored documents name every field: their records share one set of the names
    (2 KB a contact); a copy with changes gets its own, and the shared one is left
    as it was."""
    docs = _docs(3)
    del docs["3"]["notes"]  # a document without a field: its record keeps its own set
    table = LazyTable(Contact, docs, lambda key, why: None)
    one, two, three = table[1], table[2], table[3]
    assert one.__pydantic_fields_set__ is two.__pydantic_fields_set__
    assert three.__pydantic_fields_set__ is not one.__pydantic_fields_set__
    assert "notes" not in three.__pydantic_fields_set__
    shared = set(one.__pydantic_fields_set__)
    changed = one.model_copy(update={"name": "Renamed"})
    assert changed.name == "Renamed" and one.name == "P1"
    assert one.__pydantic_fields_set__ == shared == set(Contact.model_fields)
    assert changed.__pydantic_fields_set__ is not one.__pydantic_fields_set__


def test_the_list_read_off_the_stored_names_is_the_validated_one(tmp_path: Path) -> None:
    """The app's first screen lists contacts before validating them: the same ids in the
    same order as the validated list, but for a contact that turns out not valid."""
    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as app:
        for name in ["bo", "Ann", "ann", "Émile", "Zed", "Cy", "Ann"]:
            app.add_contact({"name": name}, allow_duplicate=True)
        app.delete_contact(6)  # in the trash: in neither
    data = orjson.loads(path.read_bytes())
    data["contacts"]["5"]["emails"] = ["not an address"]
    path.write_bytes(orjson.dumps(data))
    with PeopleLinks.open(path, read_only=True) as app:
        early, count = app.browse_ids(), app.count()
        assert dict.__len__(app.db.contacts) == 0  # nothing validated for it
        app.db.all_problems()
        late = app.browse_ids()
    assert late == [2, 3, 7, 1, 4]  # ann, Ann, Ann (by id), bo, Émile
    assert early == [2, 3, 7, 1, 5, 4] and count == 6  # Zed (#5) until validated


def test_who_someone_introduced_is_validated_together(tmp_path: Path,
                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Listing many people with whom each introduced validates those, not everyone (one
    by one they would pass SINGLES, and the rest would be validated in one batch)."""
    monkeypatch.setattr("peoplelinks.store.lazytable.SINGLES", 3)
    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as app, app.db.batch("people"):
        ann = app.add_contact({"name": "Ann"})
        for n in range(8):
            app.add_contact({"name": f"Kid {n}", "introduced_by": ann.id})
        for n in range(20):
            app.add_contact({"name": f"Other {n}"})
    with PeopleLinks.open(path, read_only=True) as app:
        assert [c.name for c in app.introduced(ann.id)] == [f"Kid {n}" for n in range(8)]
        assert dict.__len__(app.db.contacts) == 8 and not app.db.contacts.settled
