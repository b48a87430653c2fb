"""Contact verbs: add, edit, resolve, trash, and the rules spanning records."""

from __future__ import annotations

from pathlib import Path

import pytest

from peoplelinks.domain.enums import Status
from peoplelinks.errors import Ambiguous, InputError, NotFound
from peoplelinks.service import PeopleLinks
from tests.conftest import TODAY


def test_add_assigns_ids_and_persists(app: PeopleLinks, db_path: Path) -> None:
    ann = app.add_contact({"name": "Ann Lee", "company": "Acme"})
    bob = app.add_contact({"name": "Bob", "introduced_by": ann.id})
    assert (ann.id, bob.id) == (1, 2)
    app.close()
    with PeopleLinks.open(db_path) as again:
        assert again.contact(2).introduced_by == 1
        assert again.generation(2) == 2


def test_introduced_by_must_exist(app: PeopleLinks) -> None:
    with pytest.raises(InputError) as info:
        app.add_contact({"name": "Ann", "introduced_by": 42})
    assert info.value.field == "introduced_by" and "42" in str(info.value)
    assert app.contacts() == []


def test_introduction_cycle_rejected_and_nothing_written(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    b = app.add_contact({"name": "B", "introduced_by": a.id})
    c = app.add_contact({"name": "C", "introduced_by": b.id})
    seq = app.db.storage.seq
    with pytest.raises(InputError) as info:
        app.edit_contact(a.id, {"introduced_by": c.id})
    assert "cycle" in str(info.value) and "A → C → B → A" in str(info.value)
    assert app.contact(a.id).introduced_by is None
    assert app.db.storage.seq == seq


def test_nobody_introduces_themselves(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    with pytest.raises(InputError, match="cannot introduce themselves"):
        app.edit_contact(a.id, {"introduced_by": a.id})
    assert app.contact(a.id).introduced_by is None


def test_edit_changes_fields_and_updated_time(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A", "tags": ["x"]})
    b = app.edit_contact(a.id, {"title": "CTO", "tags": ["y", "z"], "status": "dormant"})
    assert (b.title, b.tags, b.status) == ("CTO", ["y", "z"], Status.DORMANT)
    assert b.created == a.created and b.updated >= a.updated


def test_edit_with_bad_value_names_field(app: PeopleLinks) -> None:
    a = app.add_contact({"name": "A"})
    with pytest.raises(InputError, match="circle"):
        app.edit_contact(a.id, {"circle": "space"})
    with pytest.raises(InputError, match="id: cannot be changed"):
        app.edit_contact(a.id, {"id": 9})


def test_resolve_by_id_name_and_word_prefix(app: PeopleLinks) -> None:
    ann = app.add_contact({"name": "Ann Lee"})
    app.add_contact({"name": "Hannah Berg"})
    assert app.resolve("ann").id == ann.id
    assert app.resolve("#1").id == ann.id and app.resolve("1").id == ann.id
    assert app.resolve("ANN LEE").id == ann.id
    with pytest.raises(NotFound):
        app.resolve("Zed")
    with pytest.raises(NotFound):
        app.resolve("99")


def test_ambiguous_name_lists_candidates(app: PeopleLinks) -> None:
    app.add_contact({"name": "Ann Lee", "company": "Acme"})
    app.add_contact({"name": "Ann Lee", "company": "Globex"}, allow_duplicate=True)
    with pytest.raises(Ambiguous) as info:
        app.resolve("Ann Lee")
    assert "#1 Ann Lee (Acme)" in str(info.value) and "#2 Ann Lee (Globex)" in str(info.value)
    assert info.value.candidates == [(1, "Ann Lee (Acme)"), (2, "Ann Lee (Globex)")]


def test_trash_and_restore(app: PeopleLinks, db_path: Path) -> None:
    a = app.add_contact({"name": "A"})
    app.delete_contact(a.id)
    assert app.contacts() == [] and [c.id for c in app.contacts(trash=True)] == [a.id]
    assert app.search("A") == []
    with pytest.raises(NotFound):
        app.resolve("A")
    assert app.resolve("A", trash=True).id == a.id
    with pytest.raises(InputError, match="already in the trash"):
        app.delete_contact(a.id)
    app.restore_contact(a.id)
    assert [c.id for c in app.contacts()] == [a.id]
    assert [c.id for c in app.search("A")] == [a.id]
    with pytest.raises(InputError, match="not in the trash"):
        app.restore_contact(a.id)


def test_ids_never_reused(app: PeopleLinks, db_path: Path) -> None:
    a = app.add_contact({"name": "A"})
    app.delete_contact(a.id)
    app.close()
    with PeopleLinks.open(db_path, today=lambda: TODAY) as again:
        assert again.add_contact({"name": "B"}).id == 2


def test_objective(app: PeopleLinks, db_path: Path) -> None:
    app.set_objective({"role": "PM", "target_companies": ["Acme"]})
    app.set_objective({"locations": ["Chicago"]})
    app.close()
    with PeopleLinks.open(db_path) as again:
        obj = again.db.objective
        assert (obj.role, obj.target_companies, obj.locations) == ("PM", ["Acme"], ["Chicago"])


def test_browse_filters_and_sorts(app: PeopleLinks) -> None:
    from datetime import timedelta

    from peoplelinks.domain.browse import Filters, SortKey
    from peoplelinks.domain.enums import Circle

    a = app.add_contact({"name": "Zed", "company": "Acme", "circle": "work", "tags": ["x"]})
    b = app.add_contact({"name": "Amy", "company": "Globex", "introduced_by": a.id})
    c = app.add_contact({"name": "Bo", "company": "", "circle": "work"})
    app.log([b.id], when=TODAY - timedelta(days=3))
    app.log([c.id], when=TODAY - timedelta(days=1))
    assert [x.name for x in app.browse()] == ["Amy", "Bo", "Zed"]
    assert [x.name for x in app.browse(sort=SortKey.COMPANY)] == ["Zed", "Amy", "Bo"]
    assert [x.name for x in app.browse(sort=SortKey.LAST_CONTACT)] == ["Bo", "Amy", "Zed"]
    assert [x.name for x in app.browse(filters=Filters(circle=Circle.WORK))] == ["Bo", "Zed"]
    assert [x.name for x in app.browse(filters=Filters(tag="X"))] == ["Zed"]
    assert [x.name for x in app.browse(filters=Filters(generation=2))] == ["Amy"]
    assert [x.name for x in app.browse(filters=Filters(company="glob"))] == ["Amy"]
    assert [x.name for x in app.browse("acme")] == ["Zed"]
    assert Filters(circle=Circle.WORK, tag="x").describe() == "work #x"
    assert SortKey.COMPANY.next() == SortKey.NAME


def test_browse_ids_follow_every_change(app: PeopleLinks) -> None:
    app.add_contact({"name": "Bo"})
    app.add_contact({"name": "Al"})
    assert app.browse_ids() == [2, 1]
    app.edit_contact(2, {"name": "Cy"})
    app.add_contact({"name": "Ann"})
    assert app.browse_ids() == [3, 1, 2]
    app.delete_contact(1)
    assert app.browse_ids() == [3, 2] and app.count() == 2
    assert app.browse_ids() == [c.id for c in app.browse()]
    shown = app.browse_ids()
    shown.append(99)  # the caller's copy: what is kept does not change
    assert app.browse_ids() == [3, 2]
    app.undo()  # the delete: Bo is back
    assert app.browse_ids() == [3, 1, 2]
    app.undo()  # the add of Ann
    assert app.browse_ids() == [1, 2]
