"""The database changed on disk while the app is open (edited by hand, restored by another
tool, written by the CLI after the lock file was deleted): the app reloads when nothing typed
is open, refuses to save over it otherwise, and never overwrites it."""

from __future__ import annotations

import threading
from pathlib import Path

import orjson
import pytest

from peoplelinks.service import PeopleLinks
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.contact_form import ContactForm
from tests.tui.helpers import card_text, list_names, main_screen, notices


def edit_by_hand(service: PeopleLinks, contact_id: int, **fields: str) -> bytes:
    """Fold the journal, then change the file as an editor would (keeping its _meta)."""
    service.db.storage.compact()
    path = service.db.path
    data = orjson.loads(path.read_bytes())
    data["contacts"][str(contact_id)].update(fields)
    raw = orjson.dumps(data)
    path.write_bytes(raw)
    return raw


async def test_a_change_on_disk_is_reloaded_when_nothing_is_open(
        demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = main_screen(demo_app).contact_list.highlighted
        assert first is not None
        edit_by_hand(service, first, name="Edited Byhand")
        demo_app.disk.check()
        await pilot.pause()
        assert "Edited Byhand" in list_names(demo_app)
        assert "Edited Byhand" in card_text(demo_app)
        assert any("changed by another program: reloaded" in n for n in notices(demo_app))
        await pilot.press("l", *"after the reload", "ctrl+s")  # writing works again
        await pilot.pause()
    assert service.contact(first).name == "Edited Byhand"
    assert service.db.interactions_of(first)[0].notes == "after the reload"


async def test_a_form_open_is_not_reloaded_under_and_its_save_is_refused_once(
        demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = main_screen(demo_app).contact_list.highlighted
        assert first is not None
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, ContactForm)
        on_disk = edit_by_hand(service, first, how_met="edited by hand")
        demo_app.disk.check()
        await pilot.pause()
        assert demo_app.screen is form  # nothing reloaded under the form
        assert any("it will be reloaded when you close this" in n for n in notices(demo_app))
        await pilot.press("tab", *"Typed Co", "ctrl+s")
        await pilot.pause()
        assert demo_app.screen is form
        error = str(form.query_one("#form-error").render())
        assert "the file changed on disk and was reloaded" in error
        assert service.db.path.read_bytes() == on_disk  # never overwritten
        await pilot.press("ctrl+s")  # saved on the reloaded data
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)
    contact = service.contact(first)
    assert contact.company.endswith("Typed Co") and contact.how_met == "edited by hand"


async def test_a_deleted_lock_and_another_writer_stop_the_app_writing(
        demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    path: Path = service.db.path
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        path.with_name(path.name + ".lock").unlink()
        other = PeopleLinks.open(path)
        other.add_contact({"name": "Written Elsewhere"})
        await pilot.press("u", "x")
        await pilot.pause()
        assert any("lock file" in n and "nothing was written" in n for n in notices(demo_app))
        other.close()
        await pilot.press("x")  # the other one is gone, but it wrote: reload, not overwrite
        await pilot.pause()
        assert "Written Elsewhere" in list_names(demo_app)
        assert any("Nothing was changed" in n for n in notices(demo_app))


async def test_unreadable_records_are_announced(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as app:
        app.add_contact({"name": "Ann"})
        app.add_contact({"name": "Bob"})
    data = orjson.loads(path.read_bytes())
    data["contacts"]["2"]["emails"] = ["nonsense"]
    path.write_bytes(orjson.dumps(data))
    service = PeopleLinks.open(path)
    app = PeopleLinksApp(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert list_names(app) == ["Ann"]
        assert any("1 record(s) could not be read" in n and "peoplelinks doctor" in n
                   for n in notices(app))
    service.close()


def _break(path: Path, table: str, key: str, field: str, value: object) -> None:
    """Make one stored record not valid, by hand."""
    data = orjson.loads(path.read_bytes())
    data[table][key][field] = value
    path.write_bytes(orjson.dumps(data))


async def _until_told(app: PeopleLinksApp, pilot: object) -> None:
    """Wait (5 s at most) for the app to say a record could not be read."""
    for _ in range(100):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        if any("could not be read" in n for n in notices(app)):
            return


async def test_the_list_comes_before_the_talks_are_read_and_an_unreadable_one_is_told(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Opened in its loading thread (a large file), the app shows the list once the
    contacts and what is due are ready; the talks are validated after, beside the
    UI, and one that cannot be read is still announced. The app leaves the cache
    of the file on close."""
    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as service:
        ann = service.add_contact({"name": "Ann"})
        service.log([ann.id], notes="coffee")
        service.log([ann.id], notes="lunch")
    _break(path, "interactions", "1", "contact_ids", "nobody")
    monkeypatch.setattr("peoplelinks.store.database.CACHE_FROM_BYTES", 0)
    app = PeopleLinksApp(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until_told(app, pilot)
        assert list_names(app) == ["Ann"]
        assert app.service.db.storage.overlay is not None  # from the cache made aside
        assert any("1 record(s) could not be read" in n for n in notices(app))
        assert app.service.db.validated()
        assert [t.notes for t in app.service.db.interactions_of(ann.id)] == ["lunch"]
    app.service.close()
    assert path.with_name("db.json.cache").exists()


async def test_an_unreadable_first_contact_does_not_stop_the_app_opening(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The loading thread reads the first card's records ahead of the UI: when the
    first contact by name cannot be read, the app still opens (without it) and says
    so."""
    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as service:
        ann = service.add_contact({"name": "Ann"})
        service.add_contact({"name": "Bob"})
    _break(path, "contacts", str(ann.id), "emails", ["nonsense"])
    monkeypatch.setattr("peoplelinks.store.database.CACHE_FROM_BYTES", 0)
    app = PeopleLinksApp(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until_told(app, pilot)
        assert app.error is None
        assert list_names(app) == ["Bob"]
        assert any("1 record(s) could not be read" in n for n in notices(app))
    app.service.close()


async def test_a_large_file_shows_the_list_first_and_what_is_due_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opened in its loading thread on the main screen, the app draws the list off the
    stored names (a contact not valid shows as such until every record is validated,
    then leaves it) and works out what is due beside the UI."""
    from peoplelinks.tui.widgets.followups import FollowupsPane  # noqa: PLC0415

    # The records are validated once the list was seen (on a slow machine the worker
    # could otherwise finish before the first frame is looked at).
    seen = threading.Event()
    validate_rest = PeopleLinksApp._validate_rest

    def after_the_first_frame(self: PeopleLinksApp, service: PeopleLinks) -> None:
        seen.wait(10)
        validate_rest(self, service)

    monkeypatch.setattr(PeopleLinksApp, "_validate_rest", after_the_first_frame)

    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as service:
        ann = service.add_contact({"name": "Ann"})
        service.add_contact({"name": "Bob"})
        service.log([ann.id], notes="coffee", next_action="send the deck")
    data = orjson.loads(path.read_bytes())
    data["contacts"]["2"]["emails"] = ["nonsense"]
    path.write_bytes(orjson.dumps(data))
    app = PeopleLinksApp(path=path)
    drawn: list[list[str]] = []
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            main = main_screen(app) if app.service is not None else None
            if main is not None and main.is_mounted:
                drawn.append([" ".join(main.contact_list.render_line(y).text.split())
                              for y in range(2)])
                if drawn[-1][1]:
                    seen.set()
                pane = main.query_one(FollowupsPane)
                told = any("could not be read" in n for n in notices(app))
                if told and "send the deck" in str(
                        [pane.get_option_at_index(i).prompt for i in range(pane.option_count)]):
                    break
        # Off the stored names (a frame taken while the list was being drawn has its
        # second line empty on a slow machine: the first whole one is looked at).
        assert next(rows for rows in drawn if rows[1]) == ["Ann", "#2 could not be read"]
        assert list_names(app) == ["Ann"]  # once every record was validated
        assert any("1 record(s) could not be read" in n for n in notices(app))
        assert "due" in str(main.query_one(FollowupsPane).border_title)
    app.service.close()


async def test_a_hand_edit_of_a_record_changed_in_the_app_is_kept(
        demo_app: PeopleLinksApp) -> None:
    """The app's own change to that record is still in its journal: it is set aside."""
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = main_screen(demo_app).contact_list.highlighted
        assert first is not None
        service.db.storage.compact()
        await pilot.press("e", "tab", *"AppCo", "ctrl+s")  # into the journal
        await pilot.pause()
        assert service.contact(first).company.endswith("AppCo")
        path = service.db.path
        data = orjson.loads(path.read_bytes())
        data["contacts"][str(first)]["notes"] = "hand note"
        path.write_bytes(orjson.dumps(data))
        demo_app.disk.check()
        await pilot.pause()
        assert service.contact(first).notes == "hand note"
        assert not service.contact(first).company.endswith("AppCo")
        assert any("would have overwritten" in n and "kept in" in n for n in notices(demo_app))
        assert "hand note" in card_text(demo_app)


async def test_a_large_file_with_no_cache_says_it_is_read_whole_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first start after a change made elsewhere reads the file whole in a process of
    its own (it takes longer): the loading screen says so, then the list comes."""
    from textual.widgets import Static  # noqa: PLC0415

    path = tmp_path / "db.json"
    with PeopleLinks.open(path) as service:
        service.add_contact({"name": "Ann"})
    monkeypatch.setattr("peoplelinks.store.database.CACHE_FROM_BYTES", 0)
    release = threading.Event()
    made: list[Path] = []

    def slow_make_cache(where: Path, cancelled: object = None) -> bool:
        made.append(where)
        release.wait(10)
        return False  # (none made: the app reads the file itself)

    monkeypatch.setattr("peoplelinks.tui.app.make_cache", slow_make_cache)
    app = PeopleLinksApp(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if made:
                break
        await pilot.pause(0.1)
        text = str(app.screen.query_one("#loading-text", Static).render())
        assert "whole" in text and made == [path]
        release.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if list_names(app) == ["Ann"]:
                break
        assert list_names(app) == ["Ann"]
        # The rest of the main screen mounted before the test ends the app (its
        # header's title is set once mounted: ending it sooner fails there).
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
    app.service.close()
