"""Ask for a date ahead (a snooze) in natural language, showing the parsed date as you type."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from peoplelinks.domain.dates import Direction, parse_date, snooze_date
from peoplelinks.errors import InputError
from peoplelinks.tui.screens.form import show_preview


class AskDate(ModalScreen[date | None]):
    """Return the date typed (``enter``), or None (``escape``); it looks ahead.

    With ``current`` (the date a snooze moves) the date is read as a snooze is
    everywhere (:func:`~peoplelinks.domain.dates.snooze_date`): phrases count from
    the later of today and ``current``, and an earlier date is an error."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]

    def __init__(self, question: str | Content, today: date, initial: str = "",
                 current: date | None = None) -> None:
        super().__init__()
        self.question = question
        self.today = today
        self.initial = initial
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box"):
            q = self.question
            yield Static(q if isinstance(q, Content) else Content(q), id="ask-question")
            yield Input(self.initial, placeholder="tomorrow, next tue, in 2 weeks, 2026-12-01",
                        id="ask-input")
            yield Static("", id="ask-preview", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._preview(self.initial)

    def _parse(self, text: str) -> date:
        if self.current is not None:
            return snooze_date(text, self.today, self.current)
        return parse_date(text, self.today, field="due", direction=Direction.FUTURE)

    def _preview(self, text: str) -> None:
        show_preview(self.query_one("#ask-preview", Static), text, self.today, "due",
                     self._parse)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            day = self._parse(event.value)
        except InputError:
            self._preview(event.value)
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
