"""The first screen on an empty database: what peoplelinks is for and how to start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from peoplelinks.domain.text import printable
from peoplelinks.errors import PeopleLinksError
from peoplelinks.service import PeopleLinks

WELCOME = Content.assemble(
    ("Welcome to peoplelinks", "bold $text-primary"), "\n\n",
    "Most jobs are filled through people. Keep your network here: who you know,\n",
    "who introduced whom, what you talked about, and what to do next.\n\n",
    ("i", "bold $text-accent"), "  import your LinkedIn connections (Connections.csv)\n",
    ("a", "bold $text-accent"), "  add the first person you want to talk to\n",
    ("l", "bold $text-accent"), "  log a chat you just had (the person is added as you go)\n",
    ("d", "bold $text-accent"), "  load a demo network to look around\n",
    ("?", "bold $text-accent"), "  every key          ",
    ("q", "bold $text-accent"), "  quit\n",
)


class WelcomeScreen(Screen[None]):
    """Shown over the main screen while the database has no contacts."""

    BINDINGS = [
        Binding("i", "import", "Import LinkedIn", id="welcome.import"),
        Binding("a", "add", "Add someone", id="welcome.add"),
        Binding("l", "log", "Log a chat", id="welcome.log"),
        Binding("d", "demo", "Load the demo", id="welcome.demo"),
        Binding("question_mark", "help", "Help", key_display="?", id="welcome.help"),
        Binding("q", "app.quit", "Quit", id="welcome.quit"),
    ]

    def __init__(self, service: PeopleLinks) -> None:
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="welcome-box"):
            yield Static(WELCOME, id="welcome-text")
            # Two buttons fit at 80x24; adding someone is a key away (a), as listed.
            yield Button("Import your LinkedIn connections (i)", id="import", variant="primary")
            yield Button("Load the demo network (d)", id="demo")
        yield Footer()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        await self.run_action(event.button.id or "")

    def action_import(self) -> None:
        from peoplelinks.tui.screens.import_file import Imported, ImportScreen  # noqa: PLC0415

        def imported(done: Imported | None) -> None:
            if done is not None and done.first_id is not None:
                self.app.jump_to(done.first_id)  # type: ignore[attr-defined]
                self.app.notify(printable(done.message), markup=False, timeout=6)

        self.app.push_screen(ImportScreen(self.service), imported)

    def action_add(self) -> None:
        from peoplelinks.tui.screens.contact_form import ContactForm  # noqa: PLC0415

        def added(contact: object) -> None:
            if contact is not None:
                self.app.jump_to(contact.id)  # type: ignore[attr-defined]

        self.app.push_screen(self.app.form(ContactForm, None), added)  # type: ignore[attr-defined]

    def action_log(self) -> None:
        def logged(result: object) -> None:
            if result is not None:
                self.app.jump_to(result.interaction.contact_ids[0])  # type: ignore[attr-defined]

        from peoplelinks.tui.screens.quick_log import QuickLog  # noqa: PLC0415

        self.app.push_screen(self.app.form(QuickLog, None), logged)  # type: ignore[attr-defined]

    def action_demo(self) -> None:
        from peoplelinks.demo import load_demo  # noqa: PLC0415

        try:
            count = load_demo(self.service)
        except PeopleLinksError as exc:
            self.app.store_error(exc)  # type: ignore[attr-defined]
            return
        first = self.service.contacts()[0]
        self.app.jump_to(first.id)  # type: ignore[attr-defined]
        self.app.notify(f"Loaded the demo network: {count} people", markup=False)

    def action_help(self) -> None:
        from peoplelinks.tui.screens.help import HelpScreen  # noqa: PLC0415

        self.app.push_screen(HelpScreen())
