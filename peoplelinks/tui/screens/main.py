"""The main screen: contacts, the card or the referral graph, and follow-ups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Input, Tree
from textual.worker import Worker, get_current_worker

from peoplelinks.domain.browse import Filters, SortKey
from peoplelinks.domain.companies import target_keys
from peoplelinks.domain.dates import snooze_suggestion
from peoplelinks.domain.enums import Status
from peoplelinks.domain.models import Contact, FollowUp, Objective
from peoplelinks.domain.schedule import Bucket
from peoplelinks.errors import NothingToUndo, PeopleLinksError
from peoplelinks.gcpause import keep_for_good
from peoplelinks.service import LogResult, PeopleLinks
from peoplelinks.store.history import ChangeInfo
from peoplelinks.tui.commands import ACTIONS, COMMANDS, bindings, shadowed
from peoplelinks.tui.screens.ask_date import AskDate
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.screens.contact_form import ContactForm
from peoplelinks.tui.screens.filters import FilterForm
from peoplelinks.tui.screens.followup_form import FollowupForm
from peoplelinks.tui.screens.form import FormScreen
from peoplelinks.tui.screens.help import HelpScreen
from peoplelinks.tui.screens.history import HistoryScreen
from peoplelinks.tui.screens.objective import ObjectiveScreen
from peoplelinks.tui.screens.objective_form import ObjectiveForm
from peoplelinks.tui.screens.quick_log import QuickLog
from peoplelinks.tui.screens.strategy_actions import StrategyActions
from peoplelinks.tui.titles import set_title
from peoplelinks.tui.widgets.contact_card import ContactCard
from peoplelinks.tui.widgets.contact_list import ContactList
from peoplelinks.tui.widgets.followups import KEEP_IN_TOUCH_SHOWN, FollowupsPane
from peoplelinks.tui.widgets.footer import KeysFooter
from peoplelinks.tui.widgets.referral_tree import ReferralTree

F = TypeVar("F", bound="FormScreen[Any]")
# Statuses after which the method says: try someone new (DOMAIN.md section 5).
STRINGS_OF_LIGHTS = frozenset({Status.NOT_HELPFUL, Status.DORMANT})
FOLLOWUPS_KEYS_TAKEN = shadowed("follow-ups")
CTRL_ACTIONS = frozenset(c.action for c in COMMANDS if c.key.startswith("ctrl+"))
NARROW = 100  # below this many columns the follow-ups pane shows only when asked for


def log_summary(service: PeopleLinks, result: LogResult) -> str:
    """One line saying what a log saved (plain text)."""
    item = result.interaction
    names = ", ".join(service.contact(i).name for i in item.contact_ids)
    parts = [f"Logged {item.kind} with {names} on {item.date:%a %d %b}"]
    if result.new_leads:
        parts.append(f"{len(result.new_leads)} new lead" + ("s" if len(result.new_leads) > 1
                                                           else ""))
    if result.followup:
        parts.append(f"next: {result.followup.action} ({result.followup.due:%a %d %b})")
    if result.plan is not None:
        parts.append(f"the meeting planned as P{result.plan.id} is held")
    if result.repair is not None:
        parts.append(f"follow-up: {result.repair.action}")
    return "; ".join(parts)


class SearchInput(Input):
    """The search box: calls back on every change at once, so the list and card
    are redrawn in the same frame as the typed letter (a Changed message would
    arrive a frame later)."""

    def __init__(self, on_change: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_change = on_change

    def _watch_value(self, value: str) -> None:
        # Textual's watcher assigns the box's scroll range (virtual_size), a reactive
        # that lays out the whole screen: ~3 ms a keystroke, for a box whose size never
        # depends on its text. Set quietly first, the watcher finds it unchanged.
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            self._on_change(value)


class MainScreen(StrategyActions, Screen[None]):
    """Browse contacts; the highlighted one fills the card (or is revealed in the graph)."""

    BINDINGS = [
        *bindings(),
        # Priority, like "/": the list must have the focus before the next key arrives,
        # or a fast "enter g" would type the g into the search box.
        Binding("enter", "leave_search", "Done", show=False, priority=True,
                id="search.done"),
    ]

    def __init__(self, service: PeopleLinks) -> None:
        super().__init__()
        self.service = service
        self._due_worker: Worker[None] | None = None
        self.query_text = ""
        self.filters = Filters()
        self.sort = SortKey.NAME

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="contacts-pane"):
                yield SearchInput(self._search_changed,
                                  placeholder="/ search: name, company, tag, notes…",
                                  id="search", compact=True)
                yield ContactList(self.service.contact, on_highlight=self._highlighted,
                                  id="contact-list")
            with Vertical(id="right"):
                with ContentSwitcher(initial="card", id="detail"):
                    yield ContactCard(self.service, id="card")
                    yield ReferralTree(self.service, id="graph")
                yield FollowupsPane(id="followups")
        yield KeysFooter()

    async def on_mount(self) -> None:
        self.query_one("#detail").border_title = "Contact"
        self.query_one("#followups").border_title = "Follow-ups"
        self.refresh_all()
        # Focused now (focus() waits for the app's next turn), so that the bar is made
        # with the list's keys, in the first frame (see KeysFooter.fill).
        self.set_focus(self.query_one(ContactList))
        await self.query_one(KeysFooter).fill()
        # Build the search tables beside the UI, not on the first keystroke; once the
        # screen is drawn (the thread would hold the interpreter meanwhile). A search
        # typed before they are made waits for them (see refresh_list).
        self.service.warming_up()
        self.call_after_refresh(self.run_worker, self._warm_up, thread=True,
                                name="search-warm-up")
        self._fit(self.size.width)

    def on_resize(self) -> None:
        self._fit(self.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")

    # ---- refreshing -------------------------------------------------------------

    @property
    def contact_list(self) -> ContactList:
        """The contacts pane's list."""
        return self.query_one(ContactList)

    def refresh_all(self, keep: int | None = None) -> None:
        """Re-read the contact list, the card and the follow-ups."""
        self.refresh_list(keep)
        self.refresh_followups()
        self.show_card(self.contact_list.highlighted)

    def refresh_list(self, keep: int | None = None) -> None:
        """Re-run the search, filters and sort."""
        if self.query_text and not self.service.search_ready():
            # Just opened: the search tables are being made beside the UI. The keys go
            # on being answered (the box shows what is typed) and the matches come
            # when the tables are ready (_warmed_up), rather than the UI making them
            # again itself (1.5 s at 30,000 contacts).
            self._title_contacts(None)
            return
        found = self.service.browse_ids(self.query_text, self.filters, self.sort)
        targets = target_keys(self.service.db.objective.target_companies)  # once, not a row
        self.contact_list.set_ids(found, keep=keep, targets=targets)
        self._title_contacts(len(found))

    def _title_contacts(self, shown: int | None) -> None:
        """The contacts pane's title: how many are listed (None: still searching)."""
        if shown is None:
            parts = ["Contacts"]
        else:
            total = self.service.count()
            parts = [f"Contacts {shown:,}" + (f"/{total:,}" if total != shown else "")]
        if self.query_text:
            parts.append(f"“{self.query_text}”")
        elif self.sort != SortKey.NAME:
            parts.append(f"by {self.sort}")
        if self.filters.active:
            parts.append(self.filters.describe())
        if shown is None:
            parts.append("searching…")
        set_title(self.query_one("#contacts-pane"), " · ".join(parts))

    def refresh_followups(self, same_place: bool = False) -> None:
        """Re-read what is due (``same_place``: see :meth:`FollowupsPane.show`), and
        work out the strategy views again in the background (every change of data
        comes here)."""
        pane = self.query_one(FollowupsPane)
        if not self.service.due_ready():
            # Just opened a large file: worked out beside the UI, then shown.
            pane.show_pending()
            set_title(pane, "Follow-ups · working out what is due…")
            if self._due_worker is None:
                self._due_worker = self.run_worker(self._work_out_due, thread=True,
                                                   name="work-out-due")
            return
        report = self.service.due(keep_limit=KEEP_IN_TOUCH_SHOWN)
        self.prepare_views()
        pane.show(report, self.service.db.contacts, same_place=same_place,
                  targets=target_keys(self.service.db.objective.target_companies))
        coming = len(report.followups[Bucket.WEEK]) + len(report.followups[Bucket.LATER])
        set_title(pane, f"Follow-ups · {report.count:,} due" + (
            f" · {coming:,} coming" if coming else ""))

    def _warm_up(self) -> None:
        self.service.warm_up()
        keep_for_good()  # the search tables: out of the collector's scans
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._warmed_up)

    def _warmed_up(self) -> None:
        if self.query_text:  # typed meanwhile: the matches now
            self.refresh_list()

    def _work_out_due(self) -> None:
        self.service.due(keep_limit=KEEP_IN_TOUCH_SHOWN)
        keep_for_good()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._due_worked_out)

    def _due_worked_out(self) -> None:
        self._due_worker = None
        self.refresh_followups(same_place=True)

    def show_card(self, contact_id: int | None) -> None:
        """Show ``contact_id`` in the card."""
        contact = self.service.db.contacts.get(contact_id) if contact_id else None
        self.query_one(ContactCard).show(contact)

    # ---- events -----------------------------------------------------------------

    def _highlighted(self, contact_id: int | None) -> None:
        if not self.is_mounted:
            return
        self.show_card(contact_id)
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == "graph" and contact_id is not None \
                and not self.query_one(ReferralTree).has_focus:
            self.query_one(ReferralTree).reveal(contact_id)

    @on(ContactList.Selected)
    def _selected(self, event: ContactList.Selected | ReferralTree.Open) -> None:
        self.query_one(ContentSwitcher).current = "card"
        self.query_one("#detail").border_title = "Contact"
        self.set_focus(self.query_one(ContactCard))

    @on(ReferralTree.Open)
    def _open_from_graph(self, event: ReferralTree.Open) -> None:
        self._select_contact(event.contact_id)
        self._selected(event)

    @on(FollowupsPane.Highlighted)
    def _followup_moved(self) -> None:
        self._card_follows_focus()

    def _card_follows_focus(self) -> None:
        """In the follow-ups pane the card shows the highlighted item's contact (the list's
        highlight follows it when the contact is listed); elsewhere the list's contact."""
        pane = self.query_one(FollowupsPane)
        entry = pane.entry if pane.has_focus else None
        if entry is not None:
            if not self.contact_list.select_id(entry.contact_id):
                self.show_card(entry.contact_id)  # hidden by the search: the card alone
        elif self.query_one(ContactCard).contact_id != self.contact_list.highlighted:
            self.show_card(self.contact_list.highlighted)

    def _search_changed(self, value: str) -> None:
        query = value.strip()
        if query == self.query_text:
            return
        self.query_text = query
        self.refresh_list()  # the card follows the highlight (ContactList calls back)

    @on(Tree.NodeHighlighted, "#graph")
    def _tree_moved(self, event: Tree.NodeHighlighted[int]) -> None:
        cid = event.node.data
        if cid and cid > 0 and self.query_one(ReferralTree).has_focus:
            self._select_contact(cid)

    @on(FollowupsPane.Jump)
    def _jump(self, event: FollowupsPane.Jump) -> None:
        self._select_contact(event.contact_id)
        self.query_one(ContentSwitcher).current = "card"
        self.set_focus(self.contact_list)

    def _select_contact(self, contact_id: int) -> None:
        """Highlight ``contact_id`` in the list, clearing search and filters if they hide it."""
        if not self.contact_list.select_id(contact_id):
            self.query_text = ""
            self.filters = self.filters.cleared()
            self.query_one("#search", Input).value = ""  # query_text is already empty
            self.refresh_list(keep=contact_id)
        self.show_card(contact_id)

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus or self.query_text:
            search.value = ""
            self.set_focus(self.contact_list)
        elif self.filters.active:
            self.filters = self.filters.cleared()
            self.refresh_list()

    # ---- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # enter leaves the search box; anywhere else it does what the widget does.
        if action == "leave_search":
            return isinstance(self.focused, SearchInput)
        # Command keys are priority keys; inside a text field they are characters
        # (ctrl keys are not characters: undo works from the search box too).
        if action in ACTIONS:
            if isinstance(self.focused, FollowupsPane) and action in FOLLOWUPS_KEYS_TAKEN:
                return False  # e edits the follow-up there, not the contact
            return not isinstance(self.focused, Input) or action in CTRL_ACTIONS
        return True

    def action_leave_search(self) -> None:
        self.set_focus(self.contact_list)

    def action_search(self) -> None:
        # Focus at once (not after a refresh) so keys typed right after "/" land here.
        self.set_focus(self.query_one("#search", Input))

    def action_graph(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        tree = self.query_one(ReferralTree)
        if switcher.current == "graph" and tree.has_focus:
            switcher.current = "card"
            self.query_one("#detail").border_title = "Contact"
            self.set_focus(self.contact_list)
            return
        if switcher.current != "graph":
            switcher.current = "graph"
            self.query_one("#detail").border_title = "Referral graph"
            tree.load()
        if self.contact_list.highlighted is not None:
            tree.reveal(self.contact_list.highlighted)
        # At once, not after a refresh: a key typed right after "g" or "u" goes there.
        self.set_focus(tree)

    def action_objective(self) -> None:
        self.app.push_screen(ObjectiveScreen(self.service))

    def action_edit_objective(self) -> None:
        def saved(objective: Objective | None) -> None:
            if objective is not None:
                self.show_data_changed(self.contact_list.highlighted, self.contact_list.cursor)
                self.notify("Saved the objective and goals", timeout=3)

        self.app.push_screen(self._form(ObjectiveForm, None), saved)

    def action_followups(self) -> None:
        self.set_focus(self.query_one(FollowupsPane))

    def action_cycle_sort(self) -> None:
        self.sort = self.sort.next()
        self.refresh_list()
        self.notify(f"Sorted by {self.sort}", timeout=2, markup=False)

    def _highlighted_followup(self) -> FollowUp | None:
        entry = self.query_one(FollowupsPane).entry
        if entry is not None and entry.plan_id is not None:
            self.notify("A meeting planned: l logs it once held (the plan is then held); "
                        "e changes it", severity="warning")
            return None
        if entry is not None and entry.reminder:
            self.notify("A keep-in-touch reminder goes away when you log a talk (l); "
                        "s snoozes it", severity="warning")
            return None
        if entry is None or entry.followup_id is None:
            self.notify("Highlight a follow-up in the follow-ups pane first", severity="warning")
            return None
        return self.service.followup(entry.followup_id)

    def _change_followup(self, change: Callable[[], FollowUp], said: str) -> None:
        """Run ``change`` on the highlighted follow-up, say ``said``, refresh what shows it."""
        try:
            item = change()
        except PeopleLinksError as exc:
            self.app.store_error(exc)  # type: ignore[attr-defined]
            return
        self._followup_saved(item, said, same_place=True)

    def _followup_saved(self, item: FollowUp, said: str, same_place: bool = False) -> None:
        """Say ``said`` (formatted with the follow-up and its contact's name) and refresh
        what shows it. ``same_place``: the pane's highlight stays where it was (on the next
        follow-up), not on the one just done or moved, so a second x never repeats."""
        name = self.service.db.contacts[item.contact_id].name
        self.notify(said.format(fu=item) + f" — {name}", markup=False, timeout=3)
        self.refresh_followups(same_place=same_place)
        self.show_card(self.contact_list.highlighted)
        self._card_follows_focus()

    def action_done_followup(self) -> None:
        item = self._highlighted_followup()
        if item is not None:
            self._change_followup(lambda: self.service.complete_followup(item.id),
                                  "Done: {fu.action}")

    def action_snooze_followup(self) -> None:
        entry = self.query_one(FollowupsPane).entry
        if entry is not None and entry.plan_id is not None:
            self._edit_plan(entry.plan_id)  # a meeting moves by changing its plan
            return
        if entry is not None and entry.reminder:
            self._snooze_reminder(entry.contact_id)
            return
        item = self._highlighted_followup()
        if item is not None:
            self._snooze(item)

    def _snooze(self, item: FollowUp) -> None:
        """Ask until when, then move ``item`` there (never earlier)."""
        question = Content.assemble("Snooze “", item.action,
                                    f"” (due {item.due:%a %d %b}) until when?")

        def chosen(day: date | None) -> None:
            if day is not None:
                self._change_followup(lambda: self.service.snooze_followup(item.id, day),
                                      "Snoozed to {fu.due:%a %d %b}: {fu.action}")

        today = self.service.today
        self.app.push_screen(AskDate(question, today, snooze_suggestion(today, item.due),
                                     current=item.due), chosen)

    def _snooze_reminder(self, contact_id: int) -> None:
        """Move a contact's keep-in-touch reminder (until the next talk clears it)."""
        contact = self.service.contact(contact_id)
        current = self.service.next_contact(contact)
        if current is None:
            return
        question = Content.assemble("Keep in touch with ", (contact.name, "bold"),
                                    f" (due {current:%a %d %b}) — snooze until when?")

        def chosen(day: date | None) -> None:
            if day is None:
                return
            try:
                self.service.snooze_keep_in_touch(contact_id, day)
            except PeopleLinksError as exc:
                self.app.store_error(exc)  # type: ignore[attr-defined]
                return
            self.notify(f"Keep in touch with {contact.name}: moved to {day:%a %d %b}", markup=False,
                        timeout=3)
            self.refresh_followups(same_place=True)
            self.show_card(self.contact_list.highlighted)

        today = self.service.today
        self.app.push_screen(AskDate(question, today, snooze_suggestion(today, current),
                                     current=current), chosen)

    def action_edit_followup(self) -> None:
        entry = self.query_one(FollowupsPane).entry
        if entry is not None and entry.plan_id is not None:
            self._edit_plan(entry.plan_id)
            return
        if entry is not None and entry.reminder:
            self.action_edit_contact()  # a keep-in-touch reminder: its contact
            return
        item = self._highlighted_followup()
        if item is None:
            return

        def saved(changed: FollowUp | None) -> None:
            if changed is not None:
                self._followup_saved(changed, "Saved, due {fu.due:%a %d %b}: {fu.action}")

        self.app.push_screen(self._form(FollowupForm, self.service.contact(item.contact_id),
                                        followup=item), saved)

    def action_add_contact(self) -> None:
        def saved(contact: Contact | None) -> None:
            if contact is not None:
                self.refresh_all(keep=contact.id)
                self.jump_to(contact.id)
                self.notify(f"Added {contact.label}", markup=False, timeout=3)

        self.app.push_screen(self._form(ContactForm, None), saved)

    def _form(self, kind: type[F], contact: Contact | None, **state: Any) -> F:
        return self.app.form(kind, contact, **state)  # type: ignore[attr-defined,no-any-return]

    def _current(self) -> Contact | None:
        cid = self.contact_list.highlighted
        if isinstance(self.focused, ReferralTree):
            node = self.query_one(ReferralTree).cursor_node
            cid = node.data if node is not None and node.data and node.data > 0 else cid
        elif isinstance(self.focused, FollowupsPane):
            entry = self.query_one(FollowupsPane).entry
            cid = entry.contact_id if entry else cid
        elif isinstance(self.focused, ContactCard) and self.focused.contact is not None:
            # The card may show the follow-ups pane's or the graph's contact.
            cid = self.focused.contact.id
        return self.service.db.contacts.get(cid) if cid else None

    def action_quick_log(self) -> None:
        def saved(result: LogResult | None) -> None:
            if result is None:
                return
            first = result.interaction.contact_ids[0]
            self.refresh_all(keep=first)
            if self.query_one(ContentSwitcher).current == "graph":
                self.query_one(ReferralTree).load()
            if self.contact_list.highlighted != first:  # (else the card shows it already)
                self._select_contact(first)
            self.notify(log_summary(self.service, result), markup=False, timeout=5)

        contact = self._current()
        plan = self.service.next_plan(contact.id) if contact is not None else None
        # A meeting planned for today or before is the one being logged: prefill it.
        held = plan if plan is not None and plan.date <= self.service.today else None
        self.app.push_screen(self._form(QuickLog, contact, plan=held), saved)

    def action_history(self) -> None:
        contact = self._current()
        if contact is None:
            self.notify("No contact highlighted", severity="warning")
            return
        self.app.push_screen(HistoryScreen(self.service, contact))

    def action_new_followup(self) -> None:
        def saved(item: FollowUp | None) -> None:
            if item is not None:
                self._followup_saved(item, "Follow-up due {fu.due:%a %d %b}: {fu.action}")

        self.app.push_screen(self._form(FollowupForm, self._current()), saved)

    def action_edit_contact(self) -> None:
        contact = self._current()
        if contact is None:
            self.notify("No contact to edit", severity="warning")
            return

        def saved(changed: Contact | None) -> None:
            if changed is not None:
                self.refresh_all(keep=changed.id)
                self.notify(f"Saved {changed.label}", markup=False, timeout=3)
                if changed.status != contact.status and changed.status in STRINGS_OF_LIGHTS:
                    self._suggest_instead(changed)

        self.app.push_screen(self._form(ContactForm, contact), saved)

    def action_delete_contact(self) -> None:
        contact = self._current()
        if contact is None:
            return
        question = Content.assemble("Move ", (contact.label, "bold"),
                                    " to the trash?\nTheir history is kept; "
                                    "'peoplelinks undelete' restores them.")

        def decided(yes: bool | None) -> None:
            if not yes:
                return
            index = self.contact_list.cursor
            try:
                self.service.delete_contact(contact.id)
            except PeopleLinksError as exc:
                self.app.store_error(exc)  # type: ignore[attr-defined]
                return
            self.refresh_list()
            self.contact_list.cursor = index
            self.refresh_followups()
            self.show_card(self.contact_list.highlighted)
            if self.query_one(ContentSwitcher).current == "graph":
                self.query_one(ReferralTree).load()
            self.notify(f"Moved {contact.name} to the trash", markup=False, timeout=3)

        self.app.push_screen(Confirm(question, yes="Delete"), decided)

    def action_filter(self) -> None:
        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self.filters = filters
                self.refresh_list()
                self.show_card(self.contact_list.highlighted)

        self.app.push_screen(FilterForm(self.filters), chosen)

    def action_undo(self) -> None:
        self._history_step(self.service.undo, "Undid")

    def action_redo(self) -> None:
        self._history_step(self.service.redo, "Redid")

    def _history_step(self, step: Callable[[], ChangeInfo], verb: str) -> None:
        """Undo or redo one change, show the data as it now is, and say what changed."""
        keep = self.contact_list.highlighted
        index = self.contact_list.cursor
        try:
            info = step()
        except NothingToUndo as exc:
            self.notify(str(exc).split(": ", 1)[-1].capitalize(), markup=False, severity="warning",
                        timeout=3)
            return
        except PeopleLinksError as exc:
            self.app.store_error(exc)  # type: ignore[attr-defined]
            return
        self.show_data_changed(keep, index)
        self.notify(f"{verb}: {info.summary}", markup=False, timeout=4)

    def show_data_changed(self, keep: int | None = None, index: int = 0) -> None:
        """Redraw everything from the data (after an undo, a reload): the highlight stays on
        ``keep`` if it is still listed, else at the same place in the list."""
        self.refresh_list(keep=keep)
        if keep is None or self.contact_list.highlighted != keep:
            self.contact_list.cursor = min(index, max(len(self.contact_list.ids) - 1, 0))
        self.refresh_followups()
        self.show_card(self.contact_list.highlighted)
        if self.query_one(ContentSwitcher).current == "graph":
            self.query_one(ReferralTree).load()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(pane=getattr(self.focused, "PANE", "")))

    def action_pick_theme(self) -> None:
        self.app.action_pick_theme()  # type: ignore[attr-defined]

    def jump_to(self, contact_id: int) -> None:
        """Highlight ``contact_id`` and show its card (from the palette or another screen)."""
        self._select_contact(contact_id)
        self.query_one(ContentSwitcher).current = "card"
        self.contact_list.focus()

    def on_descendant_focus(self) -> None:
        focused = self.focused
        self.set_class(isinstance(focused, FollowupsPane), "-followups-focused")
        if isinstance(focused, (FollowupsPane, ContactList)):
            self._card_follows_focus()
