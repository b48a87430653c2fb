"""A follow-up on its own: added with ``f``, changed with ``e`` in the follow-ups pane.

Returns the saved follow-up, or None. ``ctrl+s`` (or ``enter`` in a field)
saves; ``escape`` cancels, asking first when something was typed; an error is
shown under the field it names, which gets the cursor.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from peoplelinks.domain.dates import Direction, parse_date
from peoplelinks.domain.models import Contact, FollowUp
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.screens.form import FormScreen, show_preview
from peoplelinks.tui.widgets.contact_autocomplete import ContactAutoComplete

NEW_DUE = "in 1 week"


class FollowupForm(FormScreen[FollowUp | None]):
    """Add a follow-up for ``contact`` (``followup`` None), or change ``followup``."""

    def __init__(self, service: PeopleLinks, contact: Contact | None,
                 followup: FollowUp | None = None) -> None:
        super().__init__(service, contact)
        self.followup = followup

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box") as box:
            box.border_subtitle = "enter save · esc cancel"
            for field, label, hint in (
                ("who", "With", "name or #id"),
                ("action", "Action", "e.g. send the article I promised"),
                ("due", "Due", "tomorrow, next tue, in 2 weeks"),
            ):
                with Horizontal(classes="field-row"):
                    yield Label(label, classes="field-label")
                    yield Input(placeholder=hint, id=field, compact=True)
                yield Static("", id=f"{field}-error", classes="field-error", markup=False)
                if field == "due":
                    yield Static("", id="due-preview", classes="preview", markup=False)
            yield Static("", id="form-error", markup=False)
            # Inside the box: a screen child would count in centring the box.
            yield ContactAutoComplete("#who", self.service)

    def reopen(self, contact: Contact | None, **state: Any) -> None:
        """Open again: a new follow-up, unless ``followup=`` one to change."""
        super().reopen(contact, followup=state.get("followup"))

    def first_field(self) -> str:
        return "#action" if self.contact else "#who"

    def fill(self) -> None:
        """A new follow-up for :attr:`contact` due in a week, or :attr:`followup`."""
        item = self.followup
        self.query_one("#filter-box").border_title = (
            f"Follow-up F{item.id}" if item else "New follow-up")
        self.set_text("who", self.contact.name if self.contact else "")
        # A follow-up stays with its contact; only a new one chooses whom.
        self.query_one("#who", Input).disabled = item is not None
        self.set_text("action", item.action if item else "")
        self.set_text("due", item.due.isoformat() if item else NEW_DUE)
        self._preview()

    def _raw(self) -> dict[str, Any]:
        return {f: self.query_one(f"#{f}", Input).value for f in ("who", "action", "due")}

    @on(Input.Changed, "#due")
    def _preview(self) -> None:
        show_preview(self.query_one("#due-preview", Static), self.query_one("#due", Input).value,
                     self.service.today, "due")

    def _who(self, text: str) -> Contact:
        if self.contact is not None and text.strip() == self.contact.name:
            return self.contact  # the one it was opened on, even if others share the name
        return self.service.resolve(text, field="with")

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.clear_errors()
        raw = self._raw()

        def save() -> FollowUp:
            due = parse_date(raw["due"], self.service.today, field="due",
                             direction=Direction.FUTURE)
            if self.followup is not None:
                return self.service.edit_followup(self.followup.id, action=raw["action"],
                                                  due=due)
            return self.service.add_followup(self._who(raw["who"]).id, raw["action"], due)

        self.save_and_close(save, {"with": "who", "contact": "who"})
