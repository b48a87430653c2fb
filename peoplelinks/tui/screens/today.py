"""Today (``t``, and the first thing the app shows when something is due): one
ranked list of what to do now, each line saying why it is there.

``enter`` does what the line offers (log a meeting held, plan one, mark a
follow-up done, open a contact); ``l`` logs, ``p`` plans, ``x`` marks done,
``s`` snoozes, ``o`` opens the contact, whatever the line offers. The screen
closes with the choice and the main screen carries it out with its own forms,
so every change goes the one way (and is undoable).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from peoplelinks.domain.today import TodayItem
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.widgets.option_keys import KeyedOptionList

HINT = "enter do it · l log · p plan · x done · s snooze · o open · esc close"
TITLES = {"plan": "Meetings planned", "overdue": "Follow-ups due",
          "keep-in-touch": "Keep in touch", "goal": "This week's goals",
          "target": "Target companies", "lead": "Leads never contacted",
          "ask-referrals": "Ask who else to talk to"}
# The reasons start after titles up to this many cells wide.
TITLE_CELLS = 52
# From this many contacts, a list not worked out yet is worked out in a thread.
BACKGROUND_FROM = 5000
WORKING = "Working out what to do today…"


@dataclass(frozen=True)
class TodayChoice:
    """What the user chose to do about one line."""

    action: str  # "log" | "plan" | "done" | "snooze" | "open"
    item: TodayItem


class TodayList(KeyedOptionList):
    """The lines; moves like every list (j/k, arrows, pages, ends)."""


class TodayScreen(ModalScreen[TodayChoice | None]):
    """What to do now, ranked."""

    BINDINGS = [
        Binding("escape,t", "close", "Close"),
        Binding("l", "choose('log')", "Log"),
        Binding("p", "choose('plan')", "Plan"),
        Binding("x", "choose('done')", "Done"),
        Binding("s", "choose('snooze')", "Snooze"),
        Binding("o", "choose('open')", "Open"),
    ]

    def __init__(self, service: PeopleLinks) -> None:
        super().__init__()
        self.service = service
        self._items: dict[str, TodayItem] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="today-box") as box:
            box.border_title = f"Today, {self.service.today:%A %d %B}"
            box.border_subtitle = HINT
            yield TodayList(id="today-list")
            yield Static("", id="today-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(TodayList).focus()
        if self.service.today_ready() or self.service.count() < BACKGROUND_FROM:
            self.fill()
            return
        # A large network just changed: open at once, and fill the list when worked
        # out beside the UI (the app has usually done it already, after the change).
        self.query_one(TodayList).add_option(Option(Content(WORKING), disabled=True))
        # After the first frame: a thread started now would share the interpreter
        # with the drawing of the screen, and slow it.
        self.call_after_refresh(self.run_worker, self._work_out, thread=True, exclusive=True,
                                name="today-list")

    def _work_out(self) -> None:
        items = self.service.today_items()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.fill, items)

    def fill(self, items: list[TodayItem] | None = None) -> None:
        """Build the list from the service's ranked items (``items``: already worked
        out), grouped by kind."""
        if not self.is_attached:
            return  # closed before the list was worked out
        listing = self.query_one(TodayList)
        listing.clear_options()
        self._items.clear()
        options: list[Option] = []
        kind = ""
        items = self.service.today_items() if items is None else items
        # The reasons line up in a column after the longest title, which may take up
        # to three fifths of the width (at 80 columns a reason still fits beside it).
        room = max(20, (self.app.size.width - 12) * 3 // 5)
        column = min(TITLE_CELLS, room, max((cell_len(i.title) for i in items), default=0))
        for n, item in enumerate(items):
            if item.kind != kind:
                kind = item.kind
                options.append(Option(Content.styled(TITLES.get(kind, kind), "bold"),
                                      disabled=True))
            key = f"t{n}"
            self._items[key] = item
            title = Content(item.title)
            pad = " " * max(0, column - title.cell_length)
            options.append(Option(Content.assemble("  ", title, pad, ("  ", "dim"),
                                                   (item.why, "dim")), id=key))
        if not options:
            options.append(Option(Content("Nothing to do today: no follow-up due, no "
                                          "meeting planned, every goal on track."),
                                  disabled=True))
        listing.add_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        listing.highlighted = first

    def _selected(self) -> TodayItem | None:
        listing = self.query_one(TodayList)
        if listing.highlighted is None:
            return None
        return self._items.get(listing.get_option_at_index(listing.highlighted).id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """``enter`` on a line does what the line offers."""
        event.stop()
        item = self._selected()
        if item is not None:
            self._choose(item.action, item)

    def action_choose(self, action: str) -> None:
        item = self._selected()
        if item is not None:
            self._choose(action, item)

    def _choose(self, action: str, item: TodayItem) -> None:
        note = self.query_one("#today-note", Static)
        if action in ("done", "snooze") and item.followup_id is None and not (
                action == "snooze" and item.kind == "keep-in-touch"):
            note.update(Content(f"{action}: this line is not a follow-up"))
            return
        if action in ("log", "plan", "open") and item.contact_id is None:
            note.update(Content(f"{action}: this line is about no one in particular; "
                                "enter shows what to do"))
            return
        self.dismiss(TodayChoice(action, item))

    def action_close(self) -> None:
        self.dismiss(None)
