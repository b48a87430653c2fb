"""Undo and redo of any change, through the one write path: each verb is undone without
code of its own, an undo is a durable change that survives a restart and can be redone."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from peoplelinks.domain.referrals import Referral
from peoplelinks.errors import NothingToUndo, UndoConflict
from peoplelinks.service import PeopleLinks
from peoplelinks.store import history
from tests.conftest import TODAY


def state(app: PeopleLinks) -> tuple[object, ...]:
    """Everything a user can see, to compare before and after."""
    db = app.db
    return (sorted((c.id, c.model_dump_json()) for c in db.contacts.values()),
            sorted((i.id, i.model_dump_json()) for i in db.interactions.values()),
            sorted((f.id, f.model_dump_json()) for f in db.followups.values()),
            db.objective.model_dump_json(), db.settings.model_dump_json())


def test_every_verb_is_undone_and_redone(app: PeopleLinks) -> None:
    ann = app.add_contact({"name": "Ann Lee", "company": "Acme"})
    steps = [
        lambda: app.add_contact({"name": "Bob"}),
        lambda: app.edit_contact(ann.id, {"title": "CTO"}),
        lambda: app.log([ann.id], notes="coffee", next_action="Thank Ann",
                        referrals=[Referral("Cy Dee", "Globex")]),
        lambda: app.complete_followup(1),
        lambda: app.edit_followup(1, action="Thank Ann again"),
        lambda: app.add_followup(ann.id, "Send the deck"),
        lambda: app.delete_contact(ann.id),
        lambda: app.restore_contact(ann.id),
        lambda: app.set_objective({"role": "PM", "target_companies": ["Acme"]}),
        lambda: app.set_keep_in_touch("network", 30),
    ]
    for step in steps:
        before = state(app)
        step()
        after = state(app)
        assert after != before
        app.undo()
        assert state(app) == before
        app.redo()
        assert state(app) == after


def test_undo_of_a_log_takes_back_its_leads_followup_and_last_contact(app: PeopleLinks) -> None:
    ann = app.add_contact({"name": "Ann", "status": "lead"})
    app.log([ann.id], notes="chat", next_action="Thank", referrals=[Referral("Cy")])
    assert app.last_contact(ann.id) == TODAY and app.contact(ann.id).status == "active"
    assert [c.name for c in app.search("cy")] == ["Cy"]
    info = app.undo()
    assert info.summary.startswith("Logged coffee with Ann")
    assert app.last_contact(ann.id) is None and app.contact(ann.id).status == "lead"
    assert app.search("cy") == [] and [c.name for c in app.contacts()] == ["Ann"]
    assert not app.db.followups and not app.db.interactions
    assert app.due().count == 0


def test_undo_survives_a_restart_and_can_be_redone_after_one(db_path: Path) -> None:
    with PeopleLinks.open(db_path) as app:
        app.add_contact({"name": "Ann"})
        app.add_contact({"name": "Bob"})
        app.undo()
    with PeopleLinks.open(db_path) as app:
        assert [c.name for c in app.contacts()] == ["Ann"]
        undo, redo = app.changes()
        assert [c.summary for c in undo] == ["Added Ann"]
        assert [c.summary for c in redo] == ["Added Bob"]
        app.redo()
    with PeopleLinks.open(db_path, read_only=True) as app:
        assert [c.name for c in app.contacts()] == ["Ann", "Bob"]


def test_undo_repeatedly_then_nothing_left(app: PeopleLinks) -> None:
    for name in ("Ann", "Bob", "Cy"):
        app.add_contact({"name": name})
    assert [app.undo().summary for _ in range(3)] == ["Added Cy", "Added Bob", "Added Ann"]
    assert app.contacts() == []
    with pytest.raises(NothingToUndo, match="nothing to undo"):
        app.undo()
    app.redo()
    app.add_contact({"name": "Dee"})  # a new change empties the redo stack
    with pytest.raises(NothingToUndo, match="nothing to redo"):
        app.redo()
    assert [c.name for c in app.contacts()] == ["Ann", "Dee"]


def test_ids_are_never_reused_after_an_undo(app: PeopleLinks) -> None:
    app.add_contact({"name": "Ann"})
    app.undo()
    assert app.add_contact({"name": "Bob"}).id == 2


def test_an_undo_refuses_when_the_record_changed_outside_the_history(db_path: Path) -> None:
    with PeopleLinks.open(db_path) as app:
        app.add_contact({"name": "Ann"})
    data = orjson.loads(db_path.read_bytes())
    data["contacts"]["1"]["title"] = "edited by hand"
    db_path.write_bytes(orjson.dumps(data))
    with PeopleLinks.open(db_path) as app:
        with pytest.raises(UndoConflict, match="contacts #1 was changed since"):
            app.undo()
        assert app.contact(1).title == "edited by hand"


def test_a_batch_is_one_change_and_a_failed_batch_changes_nothing(app: PeopleLinks) -> None:
    app.add_contact({"name": "Ann"})
    before = state(app)
    with app.batch("Imported two people"):
        bob = app.add_contact({"name": "Bob"})
        app.log([bob.id], notes="met")
    assert [c.summary for c in app.changes()[0]][:1] == ["Imported two people"]
    app.undo()
    assert state(app) == before
    with pytest.raises(RuntimeError), app.batch("Half an import"):
        app.add_contact({"name": "Cy"})
        raise RuntimeError("the file ended early")
    assert state(app) == before and app.search("cy") == []


def test_the_history_keeps_the_last_changes_only(app: PeopleLinks,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "KEEP", 5)
    for n in range(8):
        app.add_contact({"name": f"P{n}"})
    undo, _redo = app.changes()
    assert [c.summary for c in undo] == [f"Added P{n}" for n in (7, 6, 5, 4, 3)]


def test_quarantine_moves_unreadable_records_and_undo_brings_them_back(db_path: Path) -> None:
    with PeopleLinks.open(db_path) as app:
        app.add_contact({"name": "Ann"})
        app.add_contact({"name": "Bob"})
    data = orjson.loads(db_path.read_bytes())
    data["contacts"]["2"]["circle"] = "martians"
    db_path.write_bytes(orjson.dumps(data))
    with PeopleLinks.open(db_path) as app:
        assert app.db.problems == []  # records are validated when first read...
        assert len(app.db.all_problems()) == 1  # ...or all at once when asked
        assert app.quarantine() == 1
        assert app.db.all_problems() == []
    kept = orjson.loads(db_path.read_bytes())
    assert "2" not in kept["contacts"]
    (moved,) = kept["quarantine"].values()
    assert moved["document"]["circle"] == "martians" and "circle" in moved["problem"]
    with PeopleLinks.open(db_path) as app:
        app.undo()
        assert [p.doc_id for p in app.db.all_problems()] == ["2"]
    assert orjson.loads(db_path.read_bytes())["contacts"]["2"]["circle"] == "martians"


def test_restore_is_one_undoable_change_after_a_backup(db_path: Path) -> None:
    with PeopleLinks.open(db_path) as app:
        app.add_contact({"name": "Ann"})
        saved = app.backup("manual")
        app.add_contact({"name": "Bob"})
        app.edit_contact(1, {"title": "CTO"})
        assert saved is not None
        changed, before = app.restore(saved)
        assert changed == 2 and before is not None
        assert [c.name for c in app.contacts()] == ["Ann"] and app.contact(1).title == ""
        app.add_contact({"name": "Cy"})
        assert app.contact(3).name == "Cy"  # Bob's id is not reused
        app.undo()
        app.undo()
        assert [c.name for c in app.contacts()] == ["Ann", "Bob"]
        assert app.contact(1).title == "CTO"
    with PeopleLinks.open(before, read_only=True) as replaced:
        assert [c.name for c in replaced.contacts()] == ["Ann", "Bob"]


def test_undoing_and_redoing_a_large_change_does_not_copy_it_again(tmp_path: Path) -> None:
    """An undo or redo stores no records of its own (they are its target's): taking a
    big import back and forth leaves the file the size it was, and it still works
    after a restart."""
    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as app:
        with app.db.batch("Added 300 people"):
            for n in range(300):
                app.add_contact({"name": f"Person {n}", "notes": "x" * 200})
        with_change = state(app)
    size = path.stat().st_size
    for _ in range(3):
        with PeopleLinks.open(path) as app:
            app.undo()
            assert app.count() == 0
            app.redo()
            assert state(app) == with_change
    assert path.stat().st_size < size * 1.05  # six undo/redo entries, a few bytes each
    docs = orjson.loads(path.read_bytes())[history.HISTORY].values()
    assert [len(d["records"]) for d in docs if d["kind"] != "do"] == [0] * 6
    with PeopleLinks.open(path) as app:
        app.undo()
        assert app.count() == 0
