"""Correct a logged talk: every field of it, as the quick log took them.

Opened from a contact's talks (``h``, or ``enter`` on the card). The people and
the referrals are names or ``#ids`` of existing contacts, comma separated, with
the contact dropdown; ``ctrl+s`` saves (one undoable change), ``escape`` asks
before dropping what was typed.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from peoplelinks.domain.dates import Direction, parse_date
from peoplelinks.domain.enums import Kind
from peoplelinks.domain.models import Contact, Interaction
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.screens.form import FormScreen, show_preview
from peoplelinks.tui.widgets.contact_autocomplete import ContactAutoComplete, in_name_list
from peoplelinks.tui.widgets.outcome_picker import OutcomePicker, shared_and_outcome


class EditLog(FormScreen[Interaction | None]):
    """Change ``interaction``; returns it as saved, or None."""

    DISCARD_QUESTION = "Discard your changes to this log?"

    def __init__(self, service: PeopleLinks, contact: Contact | None,
                 interaction: Interaction | None = None) -> None:
        super().__init__(service, contact)
        self.interaction = interaction

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_subtitle = "ctrl+s save · esc cancel"
            with VerticalScroll(id="form-fields"):
                yield from self._row("with", "With", "names or #ids, comma separated")
                with Horizontal(classes="field-row"):
                    yield Label("Kind", classes="field-label")
                    yield Select([(str(k), k) for k in Kind], allow_blank=False, id="kind",
                                 compact=True)
                    yield Label("Date", classes="field-label short")
                    yield Input(id="date", compact=True)
                yield Static("", id="date-preview", classes="preview", markup=False)
                yield Static("", id="date-error", classes="field-error", markup=False)
                yield Label("Notes", classes="field-label")
                yield TextArea("", id="notes", soft_wrap=True, show_line_numbers=False)
                yield Static("", id="notes-error", classes="field-error", markup=False)
                yield from self._row("gave", "I gave", "help, an intro, an article")
                yield from self._row("got", "I got", "what I learned or received")
                yield from self._row("referrals", "Referrals",
                                     "names or #ids of the people referred")
                yield Checkbox("I asked for referrals", id="asked", compact=True)
                yield from shared_and_outcome()
            yield Static("", id="form-error", markup=False)
            yield ContactAutoComplete("#with", self.service, multiple=True)
            yield ContactAutoComplete("#referrals", self.service, multiple=True)

    @staticmethod
    def _row(field: str, label: str, hint: str) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield Input(id=field, compact=True, placeholder=hint)
        yield Static("", id=f"{field}-error", classes="field-error", markup=False)

    def reopen(self, contact: Contact | None, **state: Any) -> None:
        super().reopen(contact, interaction=state.get("interaction"))

    def first_field(self) -> str:
        return "#notes"

    def _names(self, ids: list[int]) -> str:
        people = [self.service.db.contacts.get(i) for i in ids]
        return ", ".join(in_name_list(p) if p else f"#{i}" for i, p in zip(ids, people,
                                                                             strict=True))

    def fill(self) -> None:
        """The fields of :attr:`interaction`."""
        item = self.interaction
        assert item is not None, "EditLog needs an interaction"
        self.query_one("#form-box").border_title = (
            f"Edit the {item.kind} of {item.date:%a %d %b %Y}")
        for field, value in (("with", self._names(item.contact_ids)),
                             ("date", item.date.isoformat()), ("gave", item.gave),
                             ("got", item.got), ("referrals", self._names(item.referrals))):
            self.set_text(field, value)
        self.query_one("#kind", Select).value = item.kind
        self.query_one("#notes", TextArea).load_text(item.notes)
        self.query_one("#asked", Checkbox).value = item.asked_for_referrals
        self.query_one("#asked-rec", Checkbox).value = item.asked_for_recommendation
        self.query_one("#shared", Checkbox).value = item.shared_objective
        self.query_one("#outcome", OutcomePicker).value = item.outcome
        self._preview()

    def _raw(self) -> dict[str, Any]:
        raw: dict[str, Any] = {f: self.query_one(f"#{f}", Input).value
                               for f in ("with", "date", "gave", "got", "referrals")}
        raw["kind"] = self.query_one("#kind", Select).value
        raw["notes"] = self.query_one("#notes", TextArea).text
        raw["asked"] = self.query_one("#asked", Checkbox).value
        raw["asked-rec"] = self.query_one("#asked-rec", Checkbox).value
        raw["shared"] = self.query_one("#shared", Checkbox).value
        raw["outcome"] = self.query_one("#outcome", OutcomePicker).value
        return raw

    @on(Input.Changed, "#date")
    def _preview(self) -> None:
        show_preview(self.query_one("#date-preview", Static),
                     self.query_one("#date", Input).value, self.service.today, "date")

    def _ids(self, text: str, field: str) -> list[int]:
        return [self.service.resolve(part, field=field).id
                for part in text.split(",") if part.strip()]

    def action_save(self) -> None:
        self.clear_errors()
        item = self.interaction
        assert item is not None
        raw = self._raw()

        def save() -> Interaction:
            return self.service.edit_log(
                item.id, contact_ids=self._ids(raw["with"], "with"), kind=raw["kind"],
                date=parse_date(raw["date"], self.service.today, field="date",
                                direction=Direction.PAST),
                notes=raw["notes"], gave=raw["gave"], got=raw["got"],
                referrals=self._ids(raw["referrals"], "referrals"),
                asked_for_referrals=raw["asked"], asked_for_recommendation=raw["asked-rec"],
                shared_objective=raw["shared"], outcome=raw["outcome"])

        self.save_and_close(save, {"contact": "with", "log": "with"})
