"""The Textual application."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from peoplelinks.service import PeopleLinks


class PeopleLinksApp(App[None]):
    """peoplelinks in the terminal."""

    TITLE = "peoplelinks"
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, service: PeopleLinks) -> None:
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        yield Header()
        count = len(self.service.contacts())
        yield Static(f"{count} contacts. The full interface is on its way.", markup=False)
        yield Footer()


def run(path: Path) -> int:
    """Open the database at ``path`` and run the app until the user quits."""
    service = PeopleLinks.open(path)
    try:
        PeopleLinksApp(service).run()
    finally:
        service.close()
    return 0
