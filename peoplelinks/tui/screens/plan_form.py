"""A meeting plan (DOMAIN.md section 6): made with ``p`` on a contact, changed from
the follow-ups pane or today's list.

When and where, why, the agenda (one item per line), how I can help them, what I
want to learn, and whom I want to be referred to (names or roles, one per line).
Returns the saved plan, or None. ``ctrl+s`` saves; ``escape`` cancels, asking
first when something was typed; an error shows under the field it names.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from peoplelinks.domain.dates import Direction, parse_date
from peoplelinks.domain.models import Contact, MeetingPlan
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.screens.form import FormScreen, show_preview

NEW_DATE = "in 3 days"
# field id, label, placeholder
LINES = (("place", "Place", "a café, their office, a video link"),
         ("purpose", "Why", "what this meeting is for"))
BOXES = (("agenda", "Agenda", "one item per line"),
         ("help_them", "I can help", "make or save them money, an intro, an article"),
         ("learn", "I want to learn", "what information you want"),
         ("ask_for", "Ask to meet", "names or roles, one per line"))


class PlanForm(FormScreen[MeetingPlan | None]):
    """Plan a meeting with ``contact`` (``plan`` None), or change ``plan``."""

    DEFAULT_CSS = """
    PlanForm .field-row { height: auto; }
    PlanForm .plan-box { width: 1fr; height: 3; }
    """

    def __init__(self, service: PeopleLinks, contact: Contact | None,
                 plan: MeetingPlan | None = None) -> None:
        super().__init__(service, contact)
        self.plan = plan

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_subtitle = "ctrl+s save · esc cancel"
            with VerticalScroll(id="form-fields"):
                with Horizontal(classes="field-row"):
                    yield Label("Date", classes="field-label")
                    yield Input(id="date", compact=True, placeholder="tue, in 3 days, dec 3")
                yield Static("", id="date-preview", classes="preview", markup=False)
                yield Static("", id="date-error", classes="field-error", markup=False)
                for field, label, hint in LINES:
                    with Horizontal(classes="field-row"):
                        yield Label(label, classes="field-label")
                        yield Input(id=field, compact=True, placeholder=hint)
                    yield Static("", id=f"{field}-error", classes="field-error", markup=False)
                for field, label, hint in BOXES:
                    with Horizontal(classes="field-row"):
                        yield Label(label, classes="field-label")
                        yield TextArea("", id=field, soft_wrap=True, show_line_numbers=False,
                                       classes="plan-box", placeholder=hint, compact=True)
                    yield Static("", id=f"{field}-error", classes="field-error", markup=False)
            yield Static("", id="form-error", markup=False)

    def reopen(self, contact: Contact | None, **state: Any) -> None:
        """Open again: a new plan, unless ``plan=`` one to change."""
        super().reopen(contact, plan=state.get("plan"))

    def first_field(self) -> str:
        return "#date"

    def fill(self) -> None:
        """An empty plan for :attr:`contact` in a few days, or :attr:`plan`."""
        plan = self.plan
        name = self.contact.name if self.contact else ""
        self.query_one("#form-box").border_title = Content(  # a name is the user's text
            f"Plan P{plan.id}: meeting with {name}" if plan else f"Plan a meeting with {name}")
        self.set_text("date", plan.date.isoformat() if plan else NEW_DATE)
        for field, _label, _hint in LINES:
            self.set_text(field, getattr(plan, field) if plan else "")
        for field, _label, _hint in BOXES:
            value = getattr(plan, field) if plan else ""
            text = "\n".join(value) if isinstance(value, list) else value
            self.query_one(f"#{field}", TextArea).load_text(text)
        self._preview()

    def _raw(self) -> dict[str, Any]:
        data: dict[str, Any] = {f: self.query_one(f"#{f}", Input).value
                                for f in ("date", *(f for f, _l, _h in LINES))}
        for field, _label, _hint in BOXES:
            data[field] = self.query_one(f"#{field}", TextArea).text
        return data

    @on(Input.Changed, "#date")
    def _preview(self) -> None:
        show_preview(self.query_one("#date-preview", Static),
                     self.query_one("#date", Input).value, self.service.today, "due")

    def action_save(self) -> None:
        self.clear_errors()
        raw = self._raw()
        contact = self.contact

        def save() -> MeetingPlan:
            when = parse_date(raw["date"], self.service.today, field="date",
                              direction=Direction.FUTURE)
            fields = {k: v for k, v in raw.items() if k != "date"}
            for listed in ("agenda", "ask_for"):
                fields[listed] = [line for line in fields[listed].splitlines() if line.strip()]
            if self.plan is not None:
                return self.service.edit_plan(self.plan.id, date=when, **fields)
            assert contact is not None  # a new plan is always about someone
            return self.service.plan_meeting(contact.id, when, **fields)

        self.save_and_close(save)
