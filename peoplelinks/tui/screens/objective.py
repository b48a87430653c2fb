"""Objective & goals (``o``): the objective, this week's goals, the last weeks, the
streak and the shape of the network, in one scrolling view.

``e`` opens the objective form; after a save (or an undo here) the view is
drawn again from the data. ``escape`` (or ``o`` again) closes it.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from peoplelinks.domain.models import Objective
from peoplelinks.errors import NothingToUndo, PeopleLinksError
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.commands import move_bindings
from peoplelinks.tui.widgets.dashboard import dashboard_content

HINT = "e edit · ^z undo · esc close"


class DashboardText(Static):
    """The dashboard, rewrapped to the width it gets."""

    def __init__(self, service: PeopleLinks, **kwargs: Any) -> None:
        self.shown = dashboard_content(service)
        super().__init__(self.shown, **kwargs)
        self.service = service
        self._width: int | None = None

    def redraw(self) -> None:
        """Draw again from the data."""
        self.shown = dashboard_content(self.service, self._width)
        self.update(self.shown)

    def on_resize(self, event: events.Resize) -> None:
        self._width = event.size.width or None
        self.redraw()


class DashboardBox(VerticalScroll):
    """The scrolling box: moves like every list (``j``/``k``, pages, ends)."""

    BINDINGS = move_bindings(scroll=True)


class ObjectiveScreen(ModalScreen[None]):
    """The objective and the weekly goals dashboard."""

    BINDINGS = [
        Binding("escape,o", "close", "Close", key_display="esc", id="objective.close"),
        Binding("e", "edit_objective", "Edit", id="objective.edit"),
        Binding("ctrl+z", "undo", "Undo", id="objective.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="objective.redo"),
    ]

    def __init__(self, service: PeopleLinks) -> None:
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        with DashboardBox(id="objective-box") as box:
            box.border_title = "Objective & goals"
            box.border_subtitle = HINT
            yield DashboardText(self.service, id="dashboard")

    def on_mount(self) -> None:
        self.query_one(DashboardBox).focus()

    @property
    def text(self) -> str:
        """What the view shows, as plain text (for tests)."""
        return self.query_one(DashboardText).shown.plain

    def redraw(self) -> None:
        """Draw the view again from the data (after a save, an undo, a reload)."""
        self.query_one(DashboardText).redraw()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit_objective(self) -> None:
        from peoplelinks.tui.screens.objective_form import ObjectiveForm  # noqa: PLC0415

        def saved(objective: Objective | None) -> None:
            if objective is not None:
                # Redraws this view and the main screen (targets may have changed).
                self.app.data_changed()  # type: ignore[attr-defined]
                self.notify("Saved the objective and goals", timeout=3)

        app: Any = self.app
        self.app.push_screen(app.form(ObjectiveForm, None), saved)

    def action_undo(self) -> None:
        self._history_step(self.service.undo, "Undid")

    def action_redo(self) -> None:
        self._history_step(self.service.redo, "Redid")

    def _history_step(self, step: Any, verb: str) -> None:
        try:
            info = step()
        except NothingToUndo as exc:
            self.notify(str(exc).split(": ", 1)[-1].capitalize(), markup=False,
                        severity="warning", timeout=3)
            return
        except PeopleLinksError as exc:
            self.app.store_error(exc)  # type: ignore[attr-defined]
            return
        self.app.data_changed()  # type: ignore[attr-defined]
        self.notify(f"{verb}: {info.summary}", markup=False, timeout=4)
