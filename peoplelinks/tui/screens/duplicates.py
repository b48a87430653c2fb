"""Likely duplicates, and merging them (``M``, and the palette).

One line per pair, most certain first, and the pairs of the contact the card
shows first of all: ``m`` merges the second into the first (keeps the first),
``r`` keeps the second instead; both ask before merging, and ``ctrl+z`` on the
main screen takes a merge back. The pairs are found in a thread (at 30,000
contacts the comparison takes a moment).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from peoplelinks.errors import PeopleLinksError
from peoplelinks.service import PeopleLinks
from peoplelinks.service.merging import Duplicate
from peoplelinks.tui.screens.confirm import Confirm
from peoplelinks.tui.widgets.option_keys import KeyedOptionList

HINT = "m merge into the first · r merge into the second · esc close"
SHOWN = 500  # pairs listed at most


@dataclass(frozen=True)
class Merged:
    """The merge made (the screen's result)."""

    keep: int
    other: int
    summary: str


class DuplicatesList(KeyedOptionList):
    """The pairs; moves like every list."""


class DuplicatesScreen(ModalScreen[Merged | None]):
    """Pairs of contacts that are likely one person."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("m", "merge(False)", "Merge into the first"),
        Binding("r", "merge(True)", "Merge into the second"),
    ]

    def __init__(self, service: PeopleLinks, first_for: int | None = None) -> None:
        super().__init__()
        self.service = service
        self.first_for = first_for
        self._pairs: list[Duplicate] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dupes-box") as box:
            box.border_title = "Likely duplicates"
            box.border_subtitle = HINT
            yield DuplicatesList(id="dupes-list")
            yield Static("", id="dupes-note", markup=False)

    def on_mount(self) -> None:
        listing = self.query_one(DuplicatesList)
        listing.add_option(Option(Content("Comparing everyone…"), disabled=True))
        listing.focus()
        self.run_worker(self._find, thread=True, exclusive=True, name="duplicates")

    def _find(self) -> None:
        found = self.service.duplicates()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, found)

    def _show(self, found: list[Duplicate]) -> None:
        if self.first_for is not None:  # the card's contact first
            found.sort(key=lambda d: self.first_for not in (d.first.id, d.second.id))
        self._pairs = found[:SHOWN]
        listing = self.query_one(DuplicatesList)
        listing.clear_options()
        if not self._pairs:
            listing.add_option(Option(Content("No likely duplicates."), disabled=True))
            return
        for n, pair in enumerate(self._pairs):
            listing.add_option(Option(Content.assemble(
                (f"#{pair.first.id} ", "dim"), (pair.first.label, "bold"), "  ~  ",
                (f"#{pair.second.id} ", "dim"), (pair.second.label, "bold"),
                ("  " + pair.why, "dim")), id=f"d{n}"))
        listing.highlighted = 0

    def action_close(self) -> None:
        self.dismiss(None)

    def on_option_list_option_selected(self, event: DuplicatesList.OptionSelected) -> None:
        """``enter`` on a pair merges it into the first, as ``m`` does."""
        event.stop()
        self.action_merge(False)

    def action_merge(self, keep_second: bool) -> None:
        listing = self.query_one(DuplicatesList)
        if listing.highlighted is None or not self._pairs:
            return
        pair = self._pairs[listing.highlighted]
        keep, other = (pair.second, pair.first) if keep_second else (pair.first, pair.second)
        question = Content.assemble(
            "Merge ", (f"#{other.id} {other.label}", "bold"), " into ",
            (f"#{keep.id} {keep.label}", "bold"), "?\nEvery talk, follow-up, plan, email, "
            "phone, tag and introduction of both is kept; ctrl+z takes it back.")

        def decided(yes: bool | None) -> None:
            if not yes:
                return
            try:
                merged = self.service.merge(keep.id, other.id)
            except PeopleLinksError as exc:
                self.query_one("#dupes-note", Static).update(Content(str(exc)))
                return
            self.dismiss(Merged(merged.id, other.id, f"Merged {other.label} into "
                                                     f"{merged.label}"))

        self.app.push_screen(Confirm(question, yes="Merge"), decided)
