"""A follow-up on its own (``f``): who, what, when; returns the saved follow-up."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from peoplelinks.domain.dates import parse_date
from peoplelinks.domain.models import Contact, FollowUp
from peoplelinks.errors import InputError, PeopleLinksError
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.screens.form import show_preview


class FollowupForm(ModalScreen[FollowUp | None]):
    """``ctrl+s`` or ``enter`` saves, ``escape`` cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="followup.save"),
        Binding("escape", "cancel", "Cancel", id="followup.cancel"),
    ]

    def __init__(self, service: PeopleLinks, contact: Contact | None) -> None:
        super().__init__()
        self.service = service
        self.contact = contact

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box") as box:
            box.border_title = "New follow-up"
            box.border_subtitle = "enter save · esc cancel"
            for field, label, value, hint in (
                ("who", "With", self.contact.name if self.contact else "", "name or #id"),
                ("action", "Action", "", "e.g. send the article I promised"),
                ("due", "Due", "in 1 week", "tomorrow, next tue, in 2 weeks"),
            ):
                with Horizontal(classes="field-row"):
                    yield Label(label, classes="field-label")
                    yield Input(value, placeholder=hint, id=field, compact=True)
            yield Static("", id="due-preview", classes="preview", markup=False)
            yield Static("", id="followup-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#action" if self.contact else "#who", Input).focus()
        self._preview()

    @on(Input.Changed, "#due")
    def _preview(self) -> None:
        show_preview(self.query_one("#due-preview", Static), self.query_one("#due", Input).value,
                     self.service.today, "due")

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        error = self.query_one("#followup-error", Static)
        try:
            who = self.service.resolve(self.query_one("#who", Input).value, field="with")
            due = parse_date(self.query_one("#due", Input).value, self.service.today,
                             field="due")
            item = self.service.add_followup(who.id, self.query_one("#action", Input).value,
                                             due)
        except InputError as exc:
            error.update(Content(str(exc)))
            target = {"with": "#who", "due": "#due", "action": "#action"}.get(
                (exc.field or "").split(".")[0])
            if target:
                self.query_one(target, Input).focus()
            return
        except PeopleLinksError as exc:
            error.update(Content(f"Not saved: {exc}"))
            return
        self.dismiss(item)

    def action_cancel(self) -> None:
        self.dismiss(None)
