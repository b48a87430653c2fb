"""A contact's talks and follow-ups (h): a mistaken log is edited, then deleted and brought
back; a done follow-up is reopened; a deleted log asks what becomes of its leads."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from peoplelinks.domain.models import Contact, Interaction
from peoplelinks.domain.referrals import Referral
from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.edit_log import EditLog
from peoplelinks.tui.screens.history import HistoryList, HistoryScreen, LeadsChoice
from peoplelinks.tui.widgets.contact_card import ContactCard
from peoplelinks.tui.widgets.followups import FollowupsPane
from tests.tui.helpers import main_screen, notices


def selected_key(app: PeopleLinksApp) -> str | None:
    listing = app.screen.query_one(HistoryList)
    if listing.highlighted is None:
        return None
    return listing.get_option_at_index(listing.highlighted).id


def priyas_talk(app: PeopleLinksApp) -> tuple[Contact, Interaction]:
    """Priya Shah, and her one talk in the demo."""
    priya = app.service.resolve("Priya Shah")
    (talk,) = app.service.db.interactions_of(priya.id)
    return priya, talk


async def test_edit_then_delete_a_log_then_undo(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    priya, talk = priyas_talk(demo_app)
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(priya.id)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(demo_app.screen, HistoryScreen)
        assert selected_key(demo_app) == f"i{talk.id}"
        await pilot.press("enter")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EditLog)
        assert form.query_one("#notes", TextArea).text == talk.notes
        form.query_one("#notes", TextArea).load_text("Corrected notes")
        form.query_one("#date", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, HistoryScreen)
        edited = service.interaction(talk.id)
        assert edited.notes == "Corrected notes" and edited.date.isoformat() == "2026-11-20"
        assert service.last_contact(priya.id) == edited.date
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert talk.id not in service.db.interactions
        assert service.db.followups_of(priya.id) == []  # its next step went with it
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert service.interaction(talk.id).notes == "Corrected notes"
        assert notices(demo_app)[-1].startswith("Undid: Deleted the coffee")


async def test_reopen_a_done_followup_from_the_history(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    item = service.open_followups()[0]
    service.complete_followup(item.id)
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(item.contact_id)
        await pilot.press("h")
        await pilot.pause()
        for _ in range(10):
            if selected_key(demo_app) == f"f{item.id}":
                break
            await pilot.press("j")
        assert selected_key(demo_app) == f"f{item.id}"
        await pilot.press("r")
        await pilot.pause()
        assert not service.followup(item.id).done
        await pilot.press("x")
        await pilot.pause()
        assert service.followup(item.id).done


async def test_deleting_a_log_that_made_leads_asks_about_them(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    priya = service.resolve("Priya Shah")
    made = service.log([priya.id], notes="mistake", referrals=[Referral("Zed Mistake")])
    lead = made.new_leads[0]
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(priya.id)
        await pilot.press("h", "D", "y")
        await pilot.pause()
        assert isinstance(demo_app.screen, LeadsChoice)
        await pilot.press("t")
        await pilot.pause()
        assert made.interaction.id not in service.db.interactions
        assert service.contact(lead.id).in_trash
        assert isinstance(demo_app.screen, HistoryScreen)


async def test_enter_on_the_card_opens_the_history_of_the_contact_it_shows(
        demo_app: PeopleLinksApp) -> None:
    """The card follows the follow-ups pane; enter on it opens *that* contact's talks,
    not those of the contact highlighted in the list."""
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        listed = main_screen(demo_app).contact_list.highlighted
        await pilot.press("u")
        await pilot.pause()
        pane = demo_app.screen.query_one(FollowupsPane)
        for _ in range(20):
            if pane.entry is not None and pane.entry.contact_id != listed:
                break
            await pilot.press("j")
        assert pane.entry is not None and pane.entry.contact_id != listed
        shown = pane.entry.contact_id
        card = demo_app.screen.query_one(ContactCard)
        card.focus()
        await pilot.pause()
        assert card.contact is not None and card.contact.id == shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, HistoryScreen)
        assert demo_app.screen.contact.id == shown


async def test_the_log_editor_corrects_how_it_went_and_what_was_shared(
        demo_app: PeopleLinksApp) -> None:
    """Every field the quick log records is correctable: how it went (one key), the
    objective told, a recommendation asked."""
    from textual.widgets import Checkbox

    from peoplelinks.domain.enums import Outcome
    from peoplelinks.tui.widgets.outcome_picker import OutcomePicker

    service = demo_app.service
    priya, talk = priyas_talk(demo_app)
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main_screen(demo_app).jump_to(priya.id)
        await pilot.press("h", "enter")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, EditLog)
        picker = form.query_one("#outcome", OutcomePicker)
        assert picker.value == talk.outcome
        picker.focus()
        await pilot.press("p")  # poor
        assert picker.value == Outcome.POOR
        await pilot.press("right")  # steps on to "not said"
        assert picker.value is None
        await pilot.press("n")
        form.query_one("#shared", Checkbox).value = True
        form.query_one("#asked-rec", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(demo_app.screen, HistoryScreen)
        edited = service.interaction(talk.id)
        assert edited.outcome == Outcome.NEUTRAL
        assert edited.shared_objective and edited.asked_for_recommendation
