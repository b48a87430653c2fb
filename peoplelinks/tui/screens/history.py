"""A contact's talks and follow-ups, each one selectable to correct it.

Opened with ``h`` (or ``enter`` on the card). A talk opens in a form to edit
every field, or is deleted (the follow-ups it created go with it; the leads it
created stay or go to the trash, as the user says). A follow-up is edited,
marked done, or reopened when done. Every change is one undoable change, and
the main screen follows at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from peoplelinks.domain.models import Contact, FollowUp, Interaction
from peoplelinks.errors import PeopleLinksError
from peoplelinks.service import PeopleLinks
from peoplelinks.service.logbook import LeadsQuestion
from peoplelinks.tui.screens.confirm import Confirm

HINT = "enter edit · D delete a talk · x done · r reopen · esc close"


class HistoryList(OptionList):
    """The talks and follow-ups; moves like every list (j/k, arrows, pages, ends)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class HistoryScreen(ModalScreen[None]):
    """Talks and follow-ups of ``contact``."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("enter,e", "edit", "Edit"),
        Binding("D,delete", "delete", "Delete talk"),
        Binding("x", "done", "Done"),
        Binding("r", "reopen", "Reopen"),
    ]

    def __init__(self, service: PeopleLinks, contact: Contact) -> None:
        super().__init__()
        self.service = service
        self.contact = contact
        self._items: dict[str, Interaction | FollowUp] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box") as box:
            # A name is the user's text: never read as markup.
            box.border_title = Content(f"Talks and follow-ups of {self.contact.name}")
            box.border_subtitle = HINT
            yield HistoryList(id="history-list")
            yield Static("", id="history-note", markup=False)

    def on_mount(self) -> None:
        self.fill()
        self.query_one(HistoryList).focus()

    # ---- the list ---------------------------------------------------------------

    def fill(self, keep: str | None = None) -> None:
        """(Re)build the list from the data; the highlight stays on ``keep`` (or in place)."""
        db = self.service.db
        listing = self.query_one(HistoryList)
        place = listing.highlighted
        listing.clear_options()
        self._items.clear()
        talks = db.interactions_of(self.contact.id)
        followups = db.followups_of(self.contact.id)
        open_items = [f for f in followups if not f.done]
        done = sorted((f for f in followups if f.done), key=lambda f: f.done_at or f.created,
                      reverse=True)
        options: list[Option] = []
        groups: list[tuple[str, list[Interaction] | list[FollowUp]]] = [
            ("Talks", talks), ("Open follow-ups", open_items), ("Done follow-ups", done)]
        for title, items in groups:
            options.append(Option(Content.styled(f"{title} ({len(items)})", "bold"),
                                  disabled=True))
            for item in items:
                if isinstance(item, Interaction):
                    key, prompt = f"i{item.id}", self._talk_line(item)
                else:
                    key, prompt = f"f{item.id}", self._followup_line(item)
                self._items[key] = item
                options.append(Option(prompt, id=key))
        listing.add_options(options)
        if keep and keep in self._items:
            listing.highlighted = listing.get_option_index(keep)
        elif self._items:
            index = min(place or 0, listing.option_count - 1)
            while listing.get_option_at_index(index).disabled and index + 1 < \
                    listing.option_count:
                index += 1
            listing.highlighted = index

    def _talk_line(self, item: Interaction) -> Content:
        contacts = self.service.db.contacts
        others = [contacts[i].name for i in item.contact_ids
                  if i != self.contact.id and i in contacts]
        first = item.notes.splitlines()[0] if item.notes else ""
        return Content.assemble((f"{item.date:%d %b %Y} ", "dim"), (f"{item.kind} ", "bold"),
                                (f"with {', '.join(others)} " if others else "", ""),
                                (f"· {first}" if first else "", "dim"))

    def _followup_line(self, item: FollowUp) -> Content:
        when = f"done {item.done_at:%d %b}" if item.done and item.done_at else \
            f"{item.due:%d %b %Y}"
        return Content.assemble(("✓ " if item.done else "  ", "$text-success"),
                                (f"{when} ", "dim"), item.action, (f"  F{item.id}", "dim"))

    def _selected(self) -> Interaction | FollowUp | None:
        listing = self.query_one(HistoryList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return self._items.get(option.id or "")

    def _say(self, text: str, *, error: bool = False) -> None:
        note = self.query_one("#history-note", Static)
        note.update(Content(text))
        note.set_class(error, "-error")

    # ---- actions ------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """``enter`` on a line (the list takes it before the screen's binding)."""
        event.stop()
        self.action_edit()

    def action_close(self) -> None:
        self.dismiss(None)

    def _changed(self, change: Callable[[], Any], said: str, keep: str | None = None) -> None:
        """Run ``change``; show what it did (or why not) and redraw everything."""
        try:
            change()
        except PeopleLinksError as exc:
            self._say(str(exc), error=True)
            return
        self._say(said)
        self.fill(keep)
        self.app.data_changed()  # type: ignore[attr-defined]

    def action_edit(self) -> None:
        item = self._selected()
        if item is None:
            return
        from peoplelinks.tui.screens.edit_log import EditLog  # noqa: PLC0415
        from peoplelinks.tui.screens.followup_form import FollowupForm  # noqa: PLC0415

        def saved(result: object) -> None:
            if result is not None:
                self._say("Saved")
                self.fill()
                self.app.data_changed()  # type: ignore[attr-defined]

        app: Any = self.app
        if isinstance(item, Interaction):
            self.app.push_screen(app.form(EditLog, self.contact, interaction=item), saved)
        else:
            self.app.push_screen(app.form(FollowupForm, self.contact, followup=item), saved)

    def action_done(self) -> None:
        item = self._selected()
        if isinstance(item, FollowUp) and not item.done:
            self._changed(lambda: self.service.complete_followup(item.id),
                          f"Done: {item.action}", keep=f"f{item.id}")

    def action_reopen(self) -> None:
        item = self._selected()
        if isinstance(item, FollowUp) and item.done:
            self._changed(lambda: self.service.reopen_followup(item.id),
                          f"Reopened: {item.action}", keep=f"f{item.id}")
        elif item is not None:
            self._say("r reopens a done follow-up")

    def action_delete(self) -> None:
        item = self._selected()
        if not isinstance(item, Interaction):
            if item is not None:
                self._say("D deletes a talk; a follow-up is marked done with x")
            return
        question = Content.assemble(
            "Delete the ", (f"{item.kind} of {item.date:%a %d %b %Y}", "bold"),
            "?\nThe follow-ups it created go with it. ctrl+z brings it all back.")

        def decided(yes: bool | None) -> None:
            if yes:
                self._delete(item)

        self.app.push_screen(Confirm(question, yes="Delete"), decided)

    def _delete(self, item: Interaction) -> None:
        try:
            self.service.delete_log(item.id)
        except LeadsQuestion as asked:
            names = ", ".join(c.name for c in asked.leads)
            question = Content.assemble(
                "This talk created the leads ", (names, "bold"),
                ".\nKeep them (k), or move them to the trash (t)?")

            def leads(keep: bool | None) -> None:
                if keep is None:
                    return
                choice = "keep" if keep else "trash"
                self._changed(lambda: self.service.delete_log(item.id, leads=choice),
                              "Deleted the talk" + ("" if keep else " and its leads"))

            self.app.push_screen(LeadsChoice(question), leads)
            return
        except PeopleLinksError as exc:
            self._say(str(exc), error=True)
            return
        self._say("Deleted the talk")
        self.fill()
        self.app.data_changed()  # type: ignore[attr-defined]


class LeadsChoice(Confirm):
    """Keep the leads (k) or trash them (t); escape decides nothing (None)."""

    BINDINGS = [
        Binding("k", "answer(True)", "Keep", show=False),
        Binding("t", "answer(False)", "Trash", show=False),
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    def __init__(self, question: Content) -> None:
        super().__init__(question, yes="Keep them", no="Trash them")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="question")
            with Horizontal(id="confirm-buttons"):
                yield Button("Keep them (k)", id="yes", variant="primary")
                yield Button("Trash them (t)", id="no", variant="error")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()  # keeping loses nothing

    def action_cancel(self) -> None:
        self.dismiss(None)
