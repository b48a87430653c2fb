"""Shown while a large database is being read and checked, so the app answers at once."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static


class LoadingScreen(Screen[None]):
    """"Opening <file>…" with a spinner; q quits."""

    BINDINGS = [Binding("q", "app.quit", "Quit", id="loading.quit")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Static(Content.assemble("Opening ", (str(self.path), "bold"), "…"),
                         id="loading-text")
            yield LoadingIndicator()
        yield Footer()

    def reading_whole(self) -> None:
        """Say that the file is read whole first (no cache of it yet), which takes longer."""
        self.query_one("#loading-text", Static).update(Content.assemble(
            "Reading ", (str(self.path), "bold"), " whole: the first start after a change "
            "made elsewhere takes longer; the next ones are quick…"))
