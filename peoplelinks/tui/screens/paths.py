"""Warm paths to a company (issue 10): who can introduce me to someone there.

Each path is a group: a bold line naming the person it reaches and its length,
then one line per step saying who links to whom and when I last talked with
them. The company may be typed loosely ("fabrikam"); a name that could be
several companies is said in the note line.

``enter`` on a step closes the screen with ``("open", contact_id)`` (on a path's
title: its target); ``p`` with ``("plan", contact_id)`` of the path's first
person, the one to ask; ``esc`` with None.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from peoplelinks.domain.paths import WarmPath
from peoplelinks.errors import InputError
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.screens.coverage import short_day
from peoplelinks.tui.widgets.option_keys import KeyedOptionList

HINT = "enter open · p plan a meeting with the first person · esc close"
PATHS_SHOWN = 5

# What the screen closes with: ("open", contact_id) or ("plan", contact_id); None
# when closed with esc.
PathsChoice = tuple[str, int]


class PathsList(KeyedOptionList):
    """The paths and their steps; moves like every list (j/k, arrows, pages, ends)."""


class PathsScreen(ModalScreen[PathsChoice | None]):
    """The warm ways into ``company``, shortest and warmest first."""

    DEFAULT_CSS = """
    PathsScreen { align: center middle; }
    #paths-box {
        width: 100; max-width: 100%; height: 90%; border: round $primary;
        background: $surface; padding: 0 1;
    }
    #paths-list { height: 1fr; background: transparent; }
    #paths-note { height: auto; color: $text-warning; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="paths.close"),
        Binding("enter", "select", "Open", id="paths.open", priority=True),
        Binding("p", "plan", "Plan a meeting", id="paths.plan"),
    ]

    def __init__(self, service: PeopleLinks, company: str) -> None:
        super().__init__()
        self.service = service
        self.typed = company
        self.company = company
        self.error = ""
        try:
            self.company = service.company(company)
        except InputError as exc:
            self.error = str(exc)
        # option id -> (the path, the contact the line is about)
        self._lines: dict[str, tuple[WarmPath, int]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="paths-box") as box:
            box.border_title = Content(f"Warm paths to {self.company}")
            box.border_subtitle = HINT
            yield PathsList(id="paths-list")
            yield Static(self.error, id="paths-note", markup=False)

    def on_mount(self) -> None:
        self.fill()
        self.query_one(PathsList).focus()

    # ---- the list ---------------------------------------------------------------

    def fill(self) -> None:
        """Build the list: one group per path, one line per step."""
        listing = self.query_one(PathsList)
        listing.clear_options()
        self._lines.clear()
        found: list[WarmPath] = []
        if not self.error:
            try:
                found = self.service.paths(self.company, limit=PATHS_SHOWN)
            except InputError as exc:
                self._say(str(exc))
        contacts, today = self.service.db.contacts, self.service.today
        options: list[Option] = []
        for n, path in enumerate(found, start=1):
            target = contacts.get(path.target)
            label = target.label if target is not None else f"#{path.target}"
            steps = "1 step" if path.length == 1 else f"{path.length} steps"
            key = f"p{n}"
            self._lines[key] = (path, path.target)
            options.append(Option(Content.assemble((f"{n}. to ", "bold"), (label, "bold"),
                                                   (f" · {steps}", "bold")), id=key))
            for k, step in enumerate(path.steps):
                last = f"last talk {short_day(step.last_contact, today)}" \
                    if step.last_contact else "never talked"
                key = f"p{n}.{k}"
                self._lines[key] = (path, step.contact_id)
                options.append(Option(Content.assemble(
                    "   ", step.describe(contacts), (f" — {last}", "dim")), id=key))
        if not options and not self.error:
            options.append(Option(Content(
                f"No warm path to anyone at {self.company}: nobody there is linked to you "
                "yet. Add who you know there, or ask your contacts who knows someone "
                "there."), disabled=True))
        listing.add_options(options)
        listing.highlighted = 0 if self._lines else None

    def _say(self, text: str) -> None:
        self.query_one("#paths-note", Static).update(Content(text))

    def _selected(self) -> tuple[WarmPath, int] | None:
        listing = self.query_one(PathsList)
        if listing.highlighted is None:
            return None
        return self._lines.get(listing.get_option_at_index(listing.highlighted).id or "")

    @property
    def lines(self) -> list[str]:
        """What the list shows, one string a line (for tests)."""
        listing = self.query_one(PathsList)
        return [str(listing.get_option_at_index(i).prompt)
                for i in range(listing.option_count)]

    # ---- actions ------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a line does what ``enter`` does."""
        event.stop()
        self.action_select()

    def action_select(self) -> None:
        line = self._selected()
        if line is not None:
            self.dismiss(("open", line[1]))

    def action_plan(self) -> None:
        line = self._selected()
        if line is None:
            self._say("No path to plan: nobody to ask yet")
            return
        self.dismiss(("plan", line[0].first))

    def action_close(self) -> None:
        self.dismiss(None)
