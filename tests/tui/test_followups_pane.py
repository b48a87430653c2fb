"""Editing a follow-up from the follow-ups pane, and the keys the footer shows there."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input
from textual.widgets._footer import FooterKey

from peoplelinks.tui.app import PeopleLinksApp
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.screens.followup_form import FollowupForm
from peoplelinks.tui.widgets.followups import FollowupsPane
from peoplelinks.tui.widgets.footer import KeysFooter
from tests.conftest import TODAY
from tests.tui.helpers import main_screen


def footer_keys(app: PeopleLinksApp) -> list[str]:
    return [key.key for key in main_screen(app).query_one(KeysFooter).query(FooterKey)]


async def test_e_in_the_followups_pane_edits_the_followup(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        service = demo_app.service
        await pilot.press("u")
        pane = main_screen(demo_app).query_one(FollowupsPane)
        entry = pane.entry
        assert entry is not None and entry.followup_id is not None
        before = service.followup(entry.followup_id)
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FollowupForm)
        who = form.query_one("#who", Input)
        assert who.disabled and who.value == service.contact(before.contact_id).name
        action = form.query_one("#action", Input)
        assert action.value == before.action and demo_app.focused is action
        assert form.query_one("#due", Input).value == before.due.isoformat()
        action.value = "Send the deck instead"
        form.query_one("#due", Input).value = "in 3 days"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is main_screen(demo_app)
        after = service.followup(before.id)
        assert (after.action, after.due, after.contact_id, after.done) == (
            "Send the deck instead", TODAY + timedelta(days=3), before.contact_id, False)
        assert demo_app.focused is pane
        shown = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]
        assert any("Send the deck instead" in line for line in shown)


async def test_edit_followup_error_stays_under_the_field(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        service = demo_app.service
        await pilot.press("u", "e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FollowupForm) and form.followup is not None
        form.query_one("#due", Input).value = "the twelfth of never"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is form
        error = form.query_one("#due-error")
        assert error.display and "the twelfth of never" in str(error.content)
        assert demo_app.focused is form.query_one("#due", Input)
        await pilot.press("escape")  # something was typed: asks first
        assert isinstance(demo_app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert service.followup(form.followup.id) == form.followup


async def test_e_outside_the_pane_still_edits_the_contact(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(demo_app.screen, ContactForm)


async def test_footer_shows_the_pane_keys_only_in_the_pane(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not {"x", "s"} & set(footer_keys(demo_app))
        await pilot.press("u")
        await pilot.pause()
        keys = footer_keys(demo_app)
        assert {"x", "s", "e"} <= set(keys)
        await pilot.press("tab")
        await pilot.pause()
        assert not {"x", "s"} & set(footer_keys(demo_app))


async def test_footer_is_not_rebuilt_when_the_same_keys_come_back(
        demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        footer = main_screen(demo_app).query_one(KeysFooter)
        before = list(footer.query(FooterKey))
        assert before
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert list(footer.query(FooterKey)) == before  # the very same widgets
        await pilot.press("u")
        await pilot.pause()
        assert list(footer.query(FooterKey)) != before


async def test_new_followup_for_nobody_names_the_field(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FollowupForm)
        form.query_one("#who", Input).value = "Nobody Anywhere"
        form.query_one("#action", Input).value = "Write"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#who-error")
        assert error.display and "with: " in str(error.content)
        assert "Nobody Anywhere" in str(error.content)
        assert demo_app.focused is form.query_one("#who", Input)


async def test_keep_in_touch_entry_is_cleared_by_logging_a_talk(demo_app: PeopleLinksApp) -> None:
    service = demo_app.service
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("u", "end")
        await pilot.pause()
        pane = main_screen(demo_app).query_one(FollowupsPane)
        entry = pane.entry
        assert entry is not None and entry.followup_id is None  # a keep-in-touch reminder
        await pilot.press("x")
        await pilot.pause()
        said = [str(n.message) for n in demo_app._notifications]
        assert any("log a talk" in line for line in said)
        await pilot.press("l")
        await pilot.pause()
        assert demo_app.screen.contact is not None  # type: ignore[attr-defined]
        assert demo_app.screen.contact.id == entry.contact_id  # type: ignore[attr-defined]
        await pilot.press(*"caught up", "ctrl+s")
        await pilot.pause()
        report = service.due(keep_limit=100)
        assert entry.contact_id not in {d.contact.id for d in report.keep_in_touch}
        assert all(e.contact_id != entry.contact_id or e.followup_id is not None
                   for e in pane._entries.values())


async def test_e_on_a_keep_in_touch_reminder_edits_its_contact(demo_app: PeopleLinksApp) -> None:
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("u", "end")
        await pilot.pause()
        entry = main_screen(demo_app).query_one(FollowupsPane).entry
        assert entry is not None and entry.reminder
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, ContactForm) and form.contact is not None
        assert form.contact.id == entry.contact_id


async def test_after_done_or_snooze_the_highlight_moves_on_not_with_the_item(
        demo_app: PeopleLinksApp) -> None:
    """A second x after x or s acts on the next follow-up, never on the same one again."""
    from peoplelinks.tui.screens.ask_date import AskDate

    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        service = demo_app.service
        await pilot.press("u")
        pane = main_screen(demo_app).query_one(FollowupsPane)
        ids = [e.followup_id for e in pane._entries.values() if e.followup_id]
        first, second, third = ids[:3]
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(demo_app.screen, AskDate)
        await pilot.press("ctrl+u", *"in 2 weeks", "enter")
        await pilot.pause()
        assert service.followup(first).due == TODAY + timedelta(days=14)
        assert pane.entry is not None and pane.entry.followup_id == second
        await pilot.press("x")
        await pilot.pause()
        assert service.followup(second).done and not service.followup(first).done
        assert pane.entry is not None and pane.entry.followup_id == third
        messages = [str(n.message) for n in demo_app._notifications]
        name = service.contact(service.followup(second).contact_id).name
        assert messages[-1] == f"Done: {service.followup(second).action} — {name}"


async def test_refilling_the_pane_keeps_the_prompts_that_did_not_change(
        demo_app: PeopleLinksApp) -> None:
    """After a change the pane is filled again; a line whose parts are the same keeps
    its prompt (already measured), a line that changed gets a new one."""
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        service = demo_app.service
        pane = main_screen(demo_app).query_one(FollowupsPane)

        def prompts() -> dict[str, object]:
            return {option.id: option.prompt for option in pane.options if option.id}

        before = prompts()
        first = next(iter(pane._entries.values()))
        renamed = service.contact(first.contact_id)
        service.edit_contact(renamed.id, {"name": "Zed Renamed"})
        main_screen(demo_app).refresh_followups()
        await pilot.pause()
        after = prompts()
        assert set(after) == set(before)
        for key, prompt in after.items():
            entry = pane._entries[key]
            if entry.contact_id == renamed.id:
                assert prompt is not before[key] and "Zed Renamed" in str(prompt)
            else:
                assert prompt is before[key]
        assert len(pane._prompts) <= pane.option_count  # only what the pane shows is kept


async def test_a_refill_draws_again_only_the_lines_that_changed(
        demo_app: PeopleLinksApp) -> None:
    """The pane is filled again after every save: a line whose prompt is kept is not
    drawn again (the same strip), a line whose text changed is drawn anew."""
    async with demo_app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        service = demo_app.service
        pane = main_screen(demo_app).query_one(FollowupsPane)
        lines = {y: pane.render_line(y) for y in range(pane.size.height)}
        first_key, first = next(iter(pane._entries.items()))
        service.edit_contact(first.contact_id, {"name": "Zed Renamed"})
        main_screen(demo_app).refresh_followups()
        await pilot.pause()
        renamed = pane._first[pane.get_option_index(first_key)]
        for y, before in lines.items():
            after = pane.render_line(y)
            if y == renamed:
                assert after is not before and "Zed Renamed" in after.text
            elif pane._lines[y][0] != pane.highlighted:
                assert after is before, (y, after.text)


async def test_a_line_longer_than_the_pane_is_folded_and_moved_over_whole(
        demo_app: PeopleLinksApp) -> None:
    """At 80x24 the pane is narrow: a long action is folded over more lines, every
    word of it shown; moving and clicking treat the folded lines as one entry."""
    service = demo_app.service
    who = service.contacts()[0]
    long = "Ask about the platform team's roadmap and who owns hiring for it next quarter"
    made = service.add_followup(who.id, long, service.today)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        pane = main_screen(demo_app).query_one(FollowupsPane)
        index = pane.get_option_index(f"f{made.id}")
        height = pane._height(index)
        assert height > 1
        first = pane._first[index]
        pane.highlighted = index
        await pilot.pause()
        top = round(pane.scroll_offset.y)
        shown = " ".join(pane.render_line(first + n - top).text.strip() for n in range(height))
        assert " ".join(shown.split()).endswith(" ".join(long.split()[-4:]))
        assert all(line - top < pane.size.height for line in range(first, first + height))
        # j from the folded entry goes to the next entry, not to its second line.
        await pilot.press("j")
        assert pane.highlighted == index + 1 or pane.get_option_at_index(index + 1).disabled
        # A click on its last line picks it and opens its contact.
        await pilot.press("k")
        await pilot.pause()
        top = round(pane.scroll_offset.y)
        gutter = pane.content_offset
        await pilot.click(FollowupsPane, offset=(gutter.x + 2, gutter.y + first + height - 1 - top))
        await pilot.pause()
        assert pane.highlighted == index
        assert main_screen(demo_app).contact_list.highlighted == who.id
