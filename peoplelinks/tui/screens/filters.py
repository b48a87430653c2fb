"""The filter form: narrow the contact list by circle, status, employment, tag, company
or generation. Returns the new :class:`Filters`, or None when cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from peoplelinks.domain.browse import Filters
from peoplelinks.domain.enums import Circle, Employment, Status


class FilterForm(ModalScreen[Filters | None]):
    """``ctrl+s`` or ``enter`` applies, ``ctrl+r`` clears every filter, ``escape`` cancels."""

    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", priority=True, id="filters.apply"),
        Binding("ctrl+r", "clear", "Clear all", id="filters.clear"),
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
    ]

    def __init__(self, filters: Filters) -> None:
        super().__init__()
        self.filters = filters

    def compose(self) -> ComposeResult:
        f = self.filters
        with Vertical(id="filter-box") as box:
            box.border_title = "Filter contacts"
            box.border_subtitle = "enter apply · ctrl+r clear · esc cancel"
            for field, enum, value in (("circle", Circle, f.circle), ("status", Status, f.status),
                                       ("employment", Employment, f.employment)):
                with Horizontal(classes="field-row"):
                    yield Label(field.capitalize(), classes="field-label")
                    yield Select([(str(v), v) for v in enum], value=value or Select.NULL,
                                 prompt="any", id=field, compact=True)
            for field, label, text in (("tag", "Tag", f.tag), ("company", "Company", f.company),
                                       ("generation", "Generation",
                                        str(f.generation or ""))):
                with Horizontal(classes="field-row"):
                    yield Label(label, classes="field-label")
                    yield Input(text, placeholder="any", id=field, compact=True)
            yield Static("", id="filter-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#circle", Select).focus()

    def _read(self) -> Filters | None:
        def choice(field: str) -> object:
            value = self.query_one(f"#{field}", Select).value
            return None if value is Select.NULL else value

        generation = self.query_one("#generation", Input).value.strip()
        if generation and not (generation.isdigit() and int(generation) > 0):
            self.query_one("#filter-error", Static).update(
                Content(f"generation: {generation!r} is not a whole number (1 = known directly)"))
            self.query_one("#generation", Input).focus()
            return None
        return Filters(
            circle=choice("circle"),  # type: ignore[arg-type]
            status=choice("status"),  # type: ignore[arg-type]
            employment=choice("employment"),  # type: ignore[arg-type]
            tag=self.query_one("#tag", Input).value.strip().lstrip("#"),
            company=self.query_one("#company", Input).value.strip(),
            generation=int(generation) if generation else None,
        )

    def action_apply(self) -> None:
        filters = self._read()
        if filters is not None:
            self.dismiss(filters)

    def on_input_submitted(self) -> None:
        self.action_apply()

    def action_clear(self) -> None:
        self.dismiss(Filters())

    def action_cancel(self) -> None:
        self.dismiss(None)
