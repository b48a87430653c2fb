"""The Textual application: the main screen on a service, or a welcome when empty."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from peoplelinks.errors import PeopleLinksError
from peoplelinks.service import PeopleLinks
from peoplelinks.tui.palette import CommandsProvider, ContactsProvider
from peoplelinks.tui.screens.main import MainScreen
from peoplelinks.tui.screens.welcome import WelcomeScreen


class PeopleLinksApp(App[None]):
    """peoplelinks in the terminal."""

    TITLE = "peoplelinks"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CommandsProvider, ContactsProvider}

    def __init__(self, service: PeopleLinks) -> None:
        super().__init__()
        self.service = service

    def on_mount(self) -> None:
        saved = self.service.db.settings.theme
        if saved and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(MainScreen(self.service))
        if not self.service.contacts():
            self.push_screen(WelcomeScreen(self.service))

    def _remember_theme(self, theme: object) -> None:
        try:
            self.service.set_theme(self.theme)
        except PeopleLinksError as exc:
            self.notify(str(exc), severity="error", markup=False)

    def action_next_theme(self) -> None:
        """Switch to the next theme (it is remembered)."""
        names = sorted(self.available_themes)
        self.theme = names[(names.index(self.theme) + 1) % len(names)]
        self.notify(f"Theme: {self.theme}", timeout=2, markup=False)

    def jump_to(self, contact_id: int) -> None:
        """Show ``contact_id`` on the main screen."""
        while isinstance(self.screen, WelcomeScreen):
            self.pop_screen()
        if isinstance(self.screen, MainScreen):
            self.screen.jump_to(contact_id)


def run(path: Path) -> int:
    """Open the database at ``path`` and run the app until the user quits."""
    service = PeopleLinks.open(path)
    try:
        PeopleLinksApp(service).run()
    finally:
        service.close()
    return 0
