"""The Textual application: opens the main screen on a service."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from peoplelinks.service import PeopleLinks
from peoplelinks.tui.screens.main import MainScreen


class PeopleLinksApp(App[None]):
    """peoplelinks in the terminal."""

    TITLE = "peoplelinks"
    CSS_PATH = "app.tcss"

    def __init__(self, service: PeopleLinks) -> None:
        super().__init__()
        self.service = service

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.service))


def run(path: Path) -> int:
    """Open the database at ``path`` and run the app until the user quits."""
    service = PeopleLinks.open(path)
    try:
        PeopleLinksApp(service).run()
    finally:
        service.close()
    return 0
