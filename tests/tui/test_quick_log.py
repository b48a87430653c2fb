"""The quick log: prefilled, referrals become leads, thank-you default, errors kept."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, Select, TextArea

from peoplelinks.domain.enums import Kind, Status
from peoplelinks.domain.models import Contact
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.followup_form import FollowupForm
from peoplelinks.tui.screens.quick_log import THANK_YOU, QuickLog
from tests.conftest import TODAY
from tests.tui.helpers import highlighted_name, main_screen, save_and_answer


async def open_log_on(app: PeopleLinksApp, pilot: object, name: str) -> QuickLog:
    await pilot.press("slash", *name, "enter", "l")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, QuickLog)
    return app.screen


async def test_log_with_referral_and_thank_you_default(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "priya sh")
        assert log.query_one("#with", Input).value == "Priya Shah"
        assert log.query_one("#next", Input).value == THANK_YOU
        assert log.query_one("#due", Input).value == "tomorrow"
        await pilot.press(*"Talked roadmap")  # focus starts in the notes
        log.query_one("#referrals", TextArea).text = "Nina Park @ Acme - hires PMs"
        log.query_one("#gave", Input).value = "an intro to Yusuf"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(demo_app.screen, QuickLog)
        service = main_screen(demo_app).service
        priya = service.resolve("Priya Shah")
        last = service.db.interactions_of(priya.id)[0]
        assert (last.date, last.kind, last.notes, last.gave) == (
            TODAY, Kind.COFFEE, "Talked roadmap", "an intro to Yusuf")
        nina = service.resolve("Nina Park")
        assert nina.status == Status.LEAD and nina.company == "Acme"
        assert nina.introduced_by == priya.id and service.generation(nina.id) == 3
        assert last.referrals == [nina.id]
        thanks = [f for f in service.db.followups_of(priya.id) if f.action == THANK_YOU]
        assert thanks and thanks[0].due == TODAY + timedelta(days=1)
        assert highlighted_name(demo_app) == "Priya Shah"


async def test_non_face_to_face_kind_clears_the_thank_you(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "priya sh")
        log.query_one("#kind", Select).value = Kind.EMAIL
        await pilot.pause()
        assert log.query_one("#next", Input).value == ""
        log.query_one("#kind", Select).value = Kind.MEETING
        await pilot.pause()
        assert log.query_one("#next", Input).value == THANK_YOU


async def test_new_name_creates_the_contact_after_asking(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "priya sh")
        log.query_one("#with", Input).value = "Priya Shah, Quentin Newman"
        await save_and_answer(demo_app, pilot, "y")
        service = main_screen(demo_app).service
        quentin = service.resolve("Quentin Newman")
        item = service.db.interactions_of(quentin.id)[0]
        assert item.contact_ids == [service.resolve("Priya Shah").id, quentin.id]


async def test_bad_date_is_kept_with_its_error(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "priya sh")
        await pilot.press(*"notes typed")
        log.query_one("#due", Input).value = "when pigs fly"
        await pilot.pause()
        assert "cannot understand 'when pigs fly'" in str(
            log.query_one("#due-preview").content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, QuickLog)
        error = log.query_one("#due-error")
        assert error.display and "due: cannot understand 'when pigs fly'" in str(error.content)
        assert demo_app.focused is log.query_one("#due", Input)
        assert log.query_one("#notes", TextArea).text == "notes typed"
        assert log.query_one("#due", Input).value == "when pigs fly"


async def test_escape_with_text_asks_first(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_log_on(demo_app, pilot, "priya sh")
        await pilot.press(*"half a thought", "escape")
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("n")
        assert isinstance(demo_app.screen, QuickLog)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)
        service = main_screen(demo_app).service
        assert all(i.notes != "half a thought" for i in service.db.interactions.values())


async def test_referral_to_an_existing_contact_links_after_asking(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "hugo")
        log.query_one("#referrals", TextArea).text = "Sofia Marin"
        await save_and_answer(demo_app, pilot, "y")
        service = main_screen(demo_app).service
        sofia = service.resolve("Sofia Marin")
        hugo = service.resolve("Hugo Lambert")
        assert service.db.interactions_of(hugo.id)[0].referrals == [sofia.id]
        assert len(service.db.ids_named("Sofia Marin")) == 1


async def test_f_adds_a_follow_up(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"priya sh", "enter", "f")
        await pilot.pause()
        assert isinstance(demo_app.screen, FollowupForm)
        await pilot.press(*"Send the article")
        demo_app.screen.query_one("#due", Input).value = "next tue"
        await pilot.press("ctrl+s")
        await pilot.pause()
        service = main_screen(demo_app).service
        made = [f for f in service.db.followups_of(service.resolve("Priya Shah").id)
                if f.action == "Send the article"]
        assert made and made[0].due == TODAY + timedelta(days=2)


async def test_prefilled_contact_is_used_even_when_the_name_is_shared(
        demo_app: PeopleLinksApp, priya_twin: Contact) -> None:
    service, twin = demo_app.service, priya_twin
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(twin.id)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press(*"met the other Priya", "ctrl+s")
        await pilot.pause()
        assert service.db.interactions_of(twin.id)[0].notes == "met the other Priya"


async def test_reopened_log_starts_empty_on_the_new_contact(demo_app: PeopleLinksApp) -> None:
    """The app keeps one quick log; nothing of the last log may leak into the next."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = await open_log_on(demo_app, pilot, "priya sh")
        first.query_one("#kind", Select).value = Kind.CALL
        await pilot.pause()
        first.query_one("#referrals", TextArea).text = "Nina Park @ Acme"
        first.query_one("#gave", Input).value = "an intro"
        await pilot.press(*"first chat", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # leave the search narrowed to Priya
        await pilot.pause()
        second = await open_log_on(demo_app, pilot, "hugo")
        assert second is first
        assert second.contact is not None and second.contact.name == "Hugo Lambert"
        assert second.query_one("#with", Input).value == "Hugo Lambert"
        assert second.query_one("#kind", Select).value == Kind.COFFEE
        assert second.query_one("#notes", TextArea).text == ""
        assert second.query_one("#referrals", TextArea).text == ""
        assert second.query_one("#gave", Input).value == ""
        assert second.query_one("#next", Input).value == THANK_YOU
        assert second.query_one("#due", Input).value == "tomorrow"
        assert not second.dirty
        assert demo_app.focused is second.query_one("#notes", TextArea)
        await pilot.press(*"second chat", "ctrl+s")
        await pilot.pause()
        service = demo_app.service
        hugo = service.resolve("Hugo Lambert")
        last = service.db.interactions_of(hugo.id)[0]
        assert (last.notes, last.kind, last.gave, last.referrals) == (
            "second chat", Kind.COFFEE, "", [])


async def test_reopened_log_forgets_errors_and_a_cancelled_draft(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "priya sh")
        log.query_one("#date", Input).value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert log.query_one("#date-error").display
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert demo_app.screen is log
        assert not log.query_one("#date-error").display
        assert log.query_one("#date", Input).value == "today"
        assert "→" in str(log.query_one("#date-preview").content)


async def test_a_failed_write_keeps_the_form_and_says_why(demo_app: PeopleLinksApp,
                                                          monkeypatch: object) -> None:
    """A full disk (or any refused write) leaves the log open with everything typed."""
    from peoplelinks.errors import WriteFailed

    service = demo_app.service

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise WriteFailed("cannot write /x/db.json.journal: No space left on device")

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = await open_log_on(demo_app, pilot, "priya sh")
        before = len(service.db.interactions)
        monkeypatch.setattr(service.db, "commit", refuse)  # type: ignore[attr-defined]
        await pilot.press(*"a chat worth keeping", "ctrl+s")
        await pilot.pause()
        assert demo_app.screen is log
        assert "Not saved: cannot write" in str(log.query_one("#form-error").content)
        assert log.query_one("#notes", TextArea).text == "a chat worth keeping"
        assert len(service.db.interactions) == before
